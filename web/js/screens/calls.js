// Calls: today's rated calls (the server's default: today in the tariff's zone), filters, a CSV
// export, and the calls online now.
import { query } from "../api.js";
import { h, table, field, message } from "../dom.js";
import { t, money, dateTime } from "../i18n.js";

async function render(main, ctx) {
  const api = ctx.api; // this screen's view: dropped once the operator moves on
  const from = h("input", { id: "calls-from", type: "date" });
  const to = h("input", { id: "calls-to", type: "date" });
  const card = h("input", { id: "calls-card", inputmode: "numeric" });
  const dialed = h("input", { id: "calls-dialed", inputmode: "tel" });
  const box = h("div", {});
  const list = h("div", { id: "calls-list" });
  const online = h("div", { id: "calls-online" });
  const csv = h("a", { id: "calls-csv", href: "/v1/calls/export", download: "calls.csv", text: t("calls.csv") });
  const params = () => ({ from: from.value, to: to.value, card: card.value, dialed: dialed.value });

  async function load() {
    message(box, "");
    const r = await api("GET", "/v1/calls" + query({ ...params(), limit: 500 }));
    csv.href = "/v1/calls/export" + query(params());
    list.replaceChildren(table([
      { title: t("calls.at"), value: (c) => dateTime(c.connect_at || c.call_at) },
      { title: t("card.number"), value: (c) => c.card },
      { title: t("calls.called"), value: (c) => c.called },
      { title: t("calls.destination"), value: (c) => c.destination },
      { title: t("calls.duration"), value: (c) => c.duration_s, class: "num" },
      { title: t("calls.price"), value: (c) => money(c.price, c.currency), class: "num" },
    ], r.calls, t("calls.count", { n: r.calls.length })));
    const o = await api("GET", "/v1/online");
    online.replaceChildren(table([
      { title: t("card.number"), value: (s) => s.card },
      { title: t("calls.called"), value: (s) => s.called },
      { title: t("calls.state"), value: (s) => s.state },
      { title: t("calls.up"), value: (s) => s.up_s ?? "", class: "num" },
    ], o.sessions, t("calls.online")));
  }
  const form = h("form", { class: "filters", id: "calls-filters" },
    field(t("calls.from"), from), field(t("calls.to"), to), field(t("card.number"), card), field(t("calls.dialed"), dialed),
    h("button", { type: "submit", text: t("filter") }), csv);
  form.addEventListener("submit", (e) => { e.preventDefault(); load().catch((err) => message(box, err.message)); });
  main.replaceChildren(h("h1", { text: t("calls") }), form, box, list, online);
  await load();
}

export default { path: "/calls", title: "calls", render };
