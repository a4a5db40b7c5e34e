// The console: login, the menu of the operator's screens, one URL per screen.
import { api, setCsrf, settled } from "./api.js";
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

function languagePicker() {
  const select = h("select", { id: "language", "aria-label": t("language") },
    Object.entries(languageNames()).map(([code, name]) => h("option", { value: code, text: name, selected: code === language() })));
  select.addEventListener("change", () => {
    setLanguage(select.value, true, state.session ? state.session.operator : "");
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
    for (const x of [...screens, ...hidden]) if (x.stop) x.stop();
    await settled(2000);
    try {
      await api("DELETE", "/v1/session");
    } finally {
      state.session = null;
      setCsrf("");
      go("/login");
    }
  });
  top.replaceChildren(
    h("span", { class: "brand", text: "prepaid" }),
    h("nav", { "aria-label": t("menu") }, links),
    h("span", { class: "who", id: "who", text: `${s.operator} (${t("role." + s.role)})` }),
    languagePicker(),
    logout);
  top.hidden = false;
}

function loginScreen(main) {
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
      const s = await api("POST", "/v1/session", { name: name.value, password: password.value });
      state.session = s;
      setLanguage(pickLanguage(s.operator), false);
      setCsrf(s.csrf_token);
      await loadZone();
      go(s.role === "administrator" ? "/" : "/counter");
    } catch (err) {
      password.value = "";
      message(box, err.code === "login_throttled" ? t("login.throttled") : err.code === "login_failed" ? t("login.failed") : err.message);
    }
  });
  main.replaceChildren(form);
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
  const main = document.getElementById("main");
  if (!state.session) {
    try {
      const s = await api("GET", "/v1/session");
      if (s.operator) {
        state.session = s;
        setLanguage(pickLanguage(s.operator), false);
        setCsrf(s.csrf_token);
        await loadZone();
      }
    } catch {
      state.session = null;
    }
  }
  if (!state.session || location.pathname === "/login") {
    if (state.session && location.pathname === "/login") return go("/");
    return loginScreen(main);
  }
  header();
  const found = match(location.pathname);
  if (!found) {
    main.replaceChildren(h("h1", { text: t("not_found") }));
    return;
  }
  document.title = `${t(found.screen.title)} · prepaid`;
  main.replaceChildren(h("p", { class: "loading", text: t("loading") }));
  if (found.screen.stop) found.screen.stop();
  for (const s of [...screens, ...hidden]) if (s.stop) s.stop();
  try {
    await found.screen.render(main, { session: state.session, params: found.params, go });
  } catch (err) {
    main.replaceChildren(h("h1", { text: t(found.screen.title) }), h("p", { class: "error", role: "alert", id: "screen-error", text: err.message }));
  }
  main.focus();
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
  state.session = null;
  go("/login");
});
setLanguage(pickLanguage(), false);
show();
