// The console: login, the menu of the operator's screens, one URL per screen. Every
// navigation shows its screen in a fresh View (view.js): whatever an older screen still had
// in flight when the operator moved on or logged out is aborted or dropped, never shown.
import { api, setCsrf, settled, endSession, isCancelled } from "./api.js";
import { View } from "./view.js";
import { h, field, message } from "./dom.js";
import { t, pickLanguage, setLanguage, language, languageNames, setZone } from "./i18n.js";
import cards from "./screens/cards.js";
import card from "./screens/card.js";
import counter from "./screens/counter.js";
import calls from "./screens/calls.js";
import prices from "./screens/prices.js";
import dashboard from "./screens/dashboard.js";
import admin from "./screens/admin.js";
import priceLists from "./screens/price_lists.js";
import priceRules from "./screens/price_rules.js";

// Screens in menu order; `admin`: administrators only (the API refuses the rest anyway).
const screens = [dashboard, counter, cards, calls, prices, admin];
const hidden = [card, priceLists, priceRules];
const state = { session: null };
let view = null; // the screen shown now
let navigation = 0; // incremented by every show(): an older show() that resumes stops there

/// Closes the screen shown (its requests aborted, its polls stopped).
function leave() {
  navigation += 1;
  if (view) view.close();
  view = null;
}

function match(path) {
  for (const s of [...screens, ...hidden]) {
    const m = s.path instanceof RegExp ? path.match(s.path) : path === s.path ? [path] : null;
    if (m) return { screen: s, params: m.slice(1) };
  }
  return null;
}

export function go(path) {
  history.pushState({}, "", path);
  show();
}

// The language menu. Logged in, a choice is the operator's, stored on the server (PUT
// /v1/operators/{name}/language) and applied at its next login on any browser; "browser"
// follows the browser's languages. On the login page it is kept in this browser.
function languagePicker() {
  const s = state.session;
  const chosen = s ? s.language || "browser" : language();
  const options = Object.entries(languageNames());
  if (s) options.unshift(["browser", t("language.browser")]);
  const select = h("select", { id: "language", "aria-label": t("language") },
    options.map(([code, name]) => h("option", { value: code, text: name, selected: code === chosen })));
  select.addEventListener("change", async () => {
    if (!state.session) {
      setLanguage(select.value, true);
      return show();
    }
    state.languageError = "";
    try {
      const r = await api("PUT", `/v1/operators/${encodeURIComponent(state.session.operator)}/language`, { language: select.value });
      if (!state.session) return;
      state.session.language = r.language;
      setLanguage(pickLanguage(r.language, true), false);
    } catch (err) {
      if (isCancelled(err) || !state.session) return;
      state.languageError = err.message;
    }
    show();
  });
  return select;
}

function header() {
  const top = document.getElementById("top");
  const s = state.session;
  const links = screens
    .filter((x) => !x.admin || s.role === "administrator")
    .map((x) => h("a", { href: x.path, "data-link": "", class: location.pathname.startsWith(x.path) && x.path !== "/" ? "active" : null, text: t(x.title) }));
  const logout = h("button", { type: "button", id: "logout", text: t("logout") });
  logout.addEventListener("click", async () => {
    if (!state.session) return;
    leave();
    await settled(2000); // requests of no screen (the login's shop zone): answered first
    endSession();
    try {
      await api("DELETE", "/v1/session");
    } catch {
      /* already ended (expired): logged out all the same */
    } finally {
      state.session = null;
      state.languageError = "";
      setCsrf("");
      setLanguage(pickLanguage(), false);
      go("/login");
    }
  });
  top.replaceChildren(
    h("span", { class: "brand", text: "prepaid" }),
    h("nav", { "aria-label": t("menu") }, links),
    h("span", { class: "who", id: "who", text: `${s.operator} (${t("role." + s.role)})` }),
    languagePicker(),
    state.languageError ? h("span", { class: "error", id: "language-message", role: "alert", text: state.languageError }) : null,
    logout);
  top.hidden = false;
}

function loginScreen(v) {
  const main = v.element;
  document.getElementById("top").hidden = true;
  document.title = `${t("login")} · prepaid`;
  const name = h("input", { id: "login-name", name: "name", autocomplete: "username", required: true });
  const password = h("input", { id: "login-password", name: "password", type: "password", autocomplete: "current-password", required: true });
  const box = h("div", { id: "login-message" });
  const form = h("form", { id: "login-form", class: "login" },
    h("h1", { text: t("login.title") }),
    field(t("login.name"), name),
    field(t("login.password"), password),
    h("button", { type: "submit", id: "login-submit", text: t("login") }),
    box,
    h("div", { class: "lang" }, languagePicker()));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    message(box, "");
    try {
      const s = await v.api("POST", "/v1/session", { name: name.value, password: password.value });
      state.session = s;
      setLanguage(pickLanguage(s.language, true), false);
      setCsrf(s.csrf_token);
      await loadZone();
      go(s.role === "administrator" ? "/" : "/counter");
    } catch (err) {
      if (isCancelled(err)) return;
      password.value = "";
      message(box, err.code === "login_throttled" ? t("login.throttled") : err.code === "login_failed" ? t("login.failed") : err.message);
    }
  });
  main.replaceChildren(form);
  v.ready();
  name.focus();
}

async function loadZone() {
  try {
    const r = await api("GET", "/v1/shops");
    const shops = r.shops || [];
    if (shops.length) setZone(shops[0].time_zone);
  } catch {
    /* no shop: the browser's zone */
  }
}

export async function show() {
  leave();
  const mine = navigation;
  const main = document.getElementById("main");
  if (!state.session) {
    try {
      const s = await api("GET", "/v1/session");
      if (mine !== navigation) return; // navigated again meanwhile: that show() goes on
      if (s.operator) {
        state.session = s;
        setLanguage(pickLanguage(s.language, true), false);
        setCsrf(s.csrf_token);
        await loadZone();
        if (mine !== navigation) return;
      }
    } catch {
      if (mine !== navigation) return;
      state.session = null;
    }
  }
  if (!state.session || location.pathname === "/login") {
    if (state.session && location.pathname === "/login") return go("/");
    view = new View(main);
    return loginScreen(view);
  }
  header();
  const v = (view = new View(main));
  const found = match(location.pathname);
  if (!found) {
    v.element.replaceChildren(h("h1", { text: t("not_found") }));
    v.ready();
    return;
  }
  document.title = `${t(found.screen.title)} · prepaid`;
  v.element.replaceChildren(h("p", { class: "loading", text: t("loading") }));
  const ctx = { session: state.session, params: found.params, go, view: v, api: (...a) => v.api(...a) };
  try {
    await found.screen.render(v.element, ctx);
  } catch (err) {
    if (!v.alive || isCancelled(err)) return;
    v.element.replaceChildren(h("h1", { text: t(found.screen.title) }), h("p", { class: "error", role: "alert", id: "screen-error", text: err.message }));
  }
  if (!v.alive) return;
  v.ready();
  // Focus on the screen (for screen readers), without scrolling: focusing a <main> taller than
  // the window scrolled the page down, the menu and the logout button out of reach of a click
  // aimed a moment before.
  main.focus({ preventScroll: true });
}

document.addEventListener("click", (e) => {
  const a = e.target.closest("a[data-link]");
  if (!a || e.ctrlKey || e.metaKey || e.shiftKey) return;
  e.preventDefault();
  go(a.getAttribute("href"));
});
window.addEventListener("popstate", show);
window.addEventListener("prepaid:logged-out", () => {
  if (!state.session) return;
  leave();
  state.session = null;
  setCsrf("");
  setLanguage(pickLanguage(), false);
  go("/login");
});
setLanguage(pickLanguage(), false);
show();
