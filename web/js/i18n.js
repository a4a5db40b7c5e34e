// Message catalogs and formatting for the console's language (en, bg, pt-BR): the one the
// operator chose (stored on the server, returned at login: any browser), else the one picked
// on this browser's login page, else the first of the browser's languages the console knows.
import en from "./messages/en.js";
import bg from "./messages/bg.js";
import ptBR from "./messages/pt-BR.js";

export const languages = { en, bg, "pt-BR": ptBR };
const names = { en: "English", bg: "Български", "pt-BR": "Português (Brasil)" };
let current = "en";
let zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/// The language to show: `chosen` (the operator's, from the server) when it is one of the
/// catalogs; else, before login, the one picked on this browser's login page; else the
/// browser's own.
export function pickLanguage(chosen = "", loggedIn = false) {
  if (chosen && languages[chosen]) return chosen;
  const saved = loggedIn ? "" : localStorage.getItem("prepaid.language");
  if (saved && languages[saved]) return saved;
  for (const l of navigator.languages || [navigator.language || "en"]) {
    if (languages[l]) return l;
    if (l.toLowerCase().startsWith("pt")) return "pt-BR";
    const base = l.split("-")[0];
    if (languages[base]) return base;
  }
  return "en";
}

/// Shows `lang`; `remember`: kept in this browser for its login page.
export function setLanguage(lang, remember) {
  current = languages[lang] ? lang : "en";
  if (remember) localStorage.setItem("prepaid.language", current);
  document.documentElement.lang = current;
}

export const language = () => current;
export const languageNames = () => names;
export function setZone(z) {
  if (z) zone = z;
}
export const timeZone = () => zone;

/// The message `key` in the current language (English when missing), {name} filled from `params`.
export function t(key, params = {}) {
  const text = languages[current][key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k) => (params[k] !== undefined ? String(params[k]) : `{${k}}`));
}

/// A decimal money string ("12.50") with its ISO currency, for the language.
export function money(amount, currency) {
  if (amount === undefined || amount === null || amount === "") return "";
  const n = Number(amount);
  try {
    return new Intl.NumberFormat(current, { style: "currency", currency: currency || "EUR", minimumFractionDigits: 2, maximumFractionDigits: 6 }).format(n);
  } catch {
    return `${amount} ${currency || ""}`;
  }
}

/// An instant (ISO text) as a date and time in the shop's zone, for the language.
export function dateTime(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(current, { dateStyle: "short", timeStyle: "medium", timeZone: zone }).format(d);
}

export function number(n) {
  return new Intl.NumberFormat(current).format(n);
}
