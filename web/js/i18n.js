// Message catalogs and formatting for the console's language (en, bg, pt-BR): chosen by the
// operator (kept in this browser) or taken from the browser's languages.
import en from "./messages/en.js";
import bg from "./messages/bg.js";
import ptBR from "./messages/pt-BR.js";

export const languages = { en, bg, "pt-BR": ptBR };
const names = { en: "English", bg: "Български", "pt-BR": "Português (Brasil)" };
let current = "en";
let zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/// The operator's language as chosen in this browser, else the browser's own. `who`: the
/// operator logged in (each keeps its own choice on a shared counter PC), or "" before login.
export function pickLanguage(who = "") {
  const saved = (who && localStorage.getItem(`prepaid.language.${who}`)) || localStorage.getItem("prepaid.language");
  if (saved && languages[saved]) return saved;
  for (const l of navigator.languages || [navigator.language || "en"]) {
    if (languages[l]) return l;
    if (l.toLowerCase().startsWith("pt")) return "pt-BR";
    const base = l.split("-")[0];
    if (languages[base]) return base;
  }
  return "en";
}

export function setLanguage(lang, remember, who = "") {
  current = languages[lang] ? lang : "en";
  if (remember) {
    localStorage.setItem("prepaid.language", current);
    if (who) localStorage.setItem(`prepaid.language.${who}`, current);
  }
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
