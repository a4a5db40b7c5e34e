// Administrators: operators (with their console password), API tokens, the audit log.
import { query } from "../api.js";
import { h, table, field, message } from "../dom.js";
import { t, dateTime } from "../i18n.js";

async function render(main, ctx) {
  const api = ctx.api; // this screen's view: dropped once the operator moves on
  const [ops, tokens, audit] = await Promise.all([api("GET", "/v1/operators"), api("GET", "/v1/tokens"), api("GET", "/v1/audit" + query({ limit: 50 }))]);
  const box = h("div", { id: "admin-message" });
  const who = h("select", { id: "password-operator" }, ops.operators.map((o) => h("option", { value: o.name, text: o.name })));
  const pass = h("input", { id: "password-new", type: "password", autocomplete: "new-password", minlength: 10 });
  const form = h("form", { class: "panel", id: "password-form" }, h("h2", { text: t("admin.set_password") }),
    field(t("login.name"), who), field(t("login.password"), pass), h("button", { type: "submit", text: t("save") }));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await api("PUT", `/v1/operators/${encodeURIComponent(who.value)}/password`, { password: pass.value });
      pass.value = "";
      message(box, t("admin.password_set"), "ok");
    } catch (err) {
      message(box, err.message);
    }
  });
  main.replaceChildren(h("h1", { text: t("admin") }), box,
    table([
      { title: t("login.name"), value: (o) => o.name },
      { title: t("admin.role"), value: (o) => t("role." + o.role) },
      { title: t("admin.shop"), value: (o) => o.shop ?? "" },
    ], ops.operators, t("admin.operators")),
    form,
    table([
      { title: "id", value: (x) => x.id },
      { title: t("login.name"), value: (x) => x.operator },
      { title: t("admin.label"), value: (x) => x.label },
      { title: t("card.created"), value: (x) => dateTime(x.created_at) },
      { title: t("admin.revoked"), value: (x) => dateTime(x.revoked_at) },
    ], tokens.tokens, t("admin.tokens")),
    table([
      { title: t("ledger.at"), value: (a) => dateTime(a.at) },
      { title: t("ledger.by"), value: (a) => a.actor },
      { title: t("admin.action"), value: (a) => a.action },
      { title: t("admin.object"), value: (a) => a.object },
      { title: t("admin.source"), value: (a) => a.source },
    ], audit.entries || [], t("admin.audit")));
}

export default { path: "/admin", title: "admin", admin: true, render };
