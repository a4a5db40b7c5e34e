// A tariff's price rules and holidays (/prices/{tariff}/rules): listed for everyone;
// administrators add and remove them. Each change is the API's; a refusal is shown as it came.
import { h, table, field, message } from "../dom.js";
import { t } from "../i18n.js";

async function render(main, ctx) {
  const api = ctx.api; // this screen's view: dropped once the operator moves on
  const tariff = decodeURIComponent(ctx.params[0]);
  const base = `/v1/tariffs/${encodeURIComponent(tariff)}`;
  const admin = ctx.session.role === "administrator";
  const box = h("div", { id: "rules-message" });
  const rules = h("div", { id: "rules" });
  const holidays = h("div", { id: "holidays" });

  async function change(method, path, body) {
    message(box, "");
    try {
      await api(method, path, body);
      await refresh();
      return true;
    } catch (err) {
      message(box, err.message);
      return false;
    }
  }

  function remove(cls, path, key) {
    if (!admin) return "";
    return h("button", { type: "button", class: cls, "data-key": key, text: t("rules.remove"),
      onclick: () => change("DELETE", path) });
  }

  async function refresh() {
    const [r, hs] = await Promise.all([api("GET", `${base}/rules`), api("GET", `${base}/holidays`)]);
    rules.replaceChildren(table([
      { title: t("rules.name"), value: (x) => x.name },
      { title: t("prices.list"), value: (x) => x.price_list },
      { title: t("rules.weekdays"), value: (x) => x.weekdays },
      { title: t("rules.time"), value: (x) => x.time },
      { title: t("rules.on_holidays"), value: (x) => (x.on_holidays ? t("yes") : t("no")) },
      { title: t("rules.priority"), value: (x) => x.priority, class: "num" },
      { title: "", value: (x) => remove("rule-remove", `${base}/rules/${encodeURIComponent(x.name)}`, x.name) },
    ], r.rules, t("rules")));
    holidays.replaceChildren(table([
      { title: t("holidays.date"), value: (x) => x.date },
      { title: t("holidays.name"), value: (x) => x.name },
      { title: "", value: (x) => remove("holiday-remove", `${base}/holidays/${encodeURIComponent(x.date)}`, x.date) },
    ], hs.holidays, t("holidays")));
  }

  const parts = [h("h1", { text: t("rules.title", { tariff }) }),
    h("p", {}, h("a", { href: "/prices", "data-link": "", text: t("prices") })), box, rules];
  let ruleForm = null;
  let holidayForm = null;
  if (admin) {
    const lists = await api("GET", `${base}/lists`);
    const name = h("input", { id: "rule-name", required: true });
    const list = h("select", { id: "rule-list" }, lists.lists.map((l) => h("option", { value: l.name, text: l.name })));
    const weekdays = h("input", { id: "rule-weekdays", placeholder: "mon-fri" });
    const time = h("input", { id: "rule-time", placeholder: "18:00-08:00" });
    const onHolidays = h("input", { id: "rule-holidays", type: "checkbox" });
    const priority = h("input", { id: "rule-priority", type: "number", value: 0 });
    ruleForm = h("form", { class: "panel", id: "rule-form" }, h("h2", { text: t("rules.add") }),
      field(t("rules.name"), name), field(t("prices.list"), list), field(t("rules.weekdays"), weekdays),
      field(t("rules.time"), time), h("label", { class: "check" }, onHolidays, " ", t("rules.on_holidays")),
      field(t("rules.priority"), priority), h("button", { type: "submit", id: "rule-submit", text: t("rules.add") }));
    ruleForm.addEventListener("submit", async (e) => {
      e.preventDefault();
      const body = { name: name.value, price_list: list.value, priority: Number(priority.value || 0) };
      if (weekdays.value) body.weekdays = weekdays.value;
      if (time.value) body.time = time.value;
      if (onHolidays.checked) body.on_holidays = true;
      if (await change("POST", `${base}/rules`, body)) ruleForm.reset();
    });
    const date = h("input", { id: "holiday-date", placeholder: "12-25", required: true });
    const hname = h("input", { id: "holiday-name" });
    holidayForm = h("form", { class: "panel", id: "holiday-form" }, h("h2", { text: t("holidays.add") }),
      field(t("holidays.date"), date), field(t("holidays.name"), hname),
      h("button", { type: "submit", id: "holiday-submit", text: t("holidays.add") }));
    holidayForm.addEventListener("submit", async (e) => {
      e.preventDefault();
      const body = { date: date.value };
      if (hname.value) body.name = hname.value;
      if (await change("POST", `${base}/holidays`, body)) holidayForm.reset();
    });
  }
  parts.push(ruleForm, holidays, holidayForm);
  main.replaceChildren(...parts.filter(Boolean));
  await refresh();
}

export default { path: /^\/prices\/([^/]+)\/rules$/, title: "rules", render };
