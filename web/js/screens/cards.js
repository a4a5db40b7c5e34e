// Cards: list with filters, select many and enable/disable/drop, create a batch and print
// its number + PIN list.
import { query } from "../api.js";
import { h, table, field, message } from "../dom.js";
import { t, money, dateTime, number } from "../i18n.js";

async function render(main, ctx) {
  const api = ctx.api; // this screen's view: dropped once the operator moves on
  const status = h("select", { id: "filter-status" }, ["", "new", "active", "disabled", "expired", "dropped"].map((s) => h("option", { value: s, text: s ? t("status." + s) : t("all") })));
  const batch = h("input", { id: "filter-batch", inputmode: "numeric", size: 6 });
  const prefix = h("input", { id: "filter-number", inputmode: "numeric", size: 14 });
  const box = h("div", { id: "cards-message" });
  const list = h("div", { id: "cards-list" });
  const selected = new Set();

  async function load() {
    message(box, "");
    const r = await api("GET", "/v1/cards" + query({ status: status.value, batch: batch.value, prefix: prefix.value, limit: 200 }));
    selected.clear();
    const all = h("input", { type: "checkbox", id: "select-all", "aria-label": t("cards.select_all") });
    all.addEventListener("change", () => {
      for (const c of list.querySelectorAll("input[data-number]")) {
        c.checked = all.checked;
        if (all.checked) selected.add(c.dataset.number); else selected.delete(c.dataset.number);
      }
    });
    list.replaceChildren(
      h("p", { class: "count", text: t("cards.count", { shown: number(r.cards.length), total: number(r.total) }) }),
      h("div", { class: "select-all" }, field(t("cards.select_all"), all)),
      table([
        { title: "", value: (c) => {
          const box = h("input", { type: "checkbox", "data-number": c.number, "aria-label": c.number });
          box.addEventListener("change", () => (box.checked ? selected.add(c.number) : selected.delete(c.number)));
          return box;
        } },
        { title: t("card.number"), value: (c) => h("a", { href: `/cards/${c.number}`, "data-link": "", text: c.number }) },
        { title: t("card.status"), value: (c) => t("status." + c.status) },
        { title: t("card.balance"), value: (c) => money(c.balance, c.currency), class: "num" },
        { title: t("card.tariff"), value: (c) => c.tariff },
        { title: t("card.batch"), value: (c) => c.batch ?? "" },
        { title: t("card.created"), value: (c) => dateTime(c.created_at) },
      ], r.cards));
  }

  async function change(action) {
    if (!selected.size) return message(box, t("cards.none_selected"));
    try {
      const r = await api("POST", `/v1/cards/${action}`, { numbers: [...selected] });
      await load();
      message(box, t("cards.changed", { n: r.cards.length }), "ok");
    } catch (err) {
      message(box, err.message);
    }
  }

  const filters = h("form", { class: "filters", id: "cards-filters" },
    field(t("card.status"), status), field(t("card.batch"), batch), field(t("card.number"), prefix),
    h("button", { type: "submit", text: t("filter") }));
  filters.addEventListener("submit", (e) => { e.preventDefault(); load().catch((err) => message(box, err.message)); });
  const actions = h("div", { class: "actions" },
    ["enable", "disable", "drop"].map((a) => {
      const b = h("button", { type: "button", id: `cards-${a}`, text: t("cards." + a) });
      b.addEventListener("click", () => change(a));
      return b;
    }));

  const batches = h("div", { id: "batches" });
  main.replaceChildren(h("h1", { text: t("cards") }), filters, actions, box, list, batchForm(ctx), batches);
  await load();
  const b = await api("GET", "/v1/batches" + query({ limit: 20 }));
  batches.replaceChildren(table([
    { title: t("card.batch"), value: (x) => h("a", { href: "/cards", "data-batch": x.id, text: String(x.id) }) },
    { title: t("batch.count"), value: (x) => x.card_count, class: "num" },
    { title: t("batch.amount"), value: (x) => money(x.amount, x.currency), class: "num" },
    { title: t("card.tariff"), value: (x) => x.tariff ?? "" },
    { title: t("card.created"), value: (x) => dateTime(x.created_at) },
    { title: t("ledger.by"), value: (x) => x.actor },
  ], b.batches || [], t("batch.history")));
  batches.addEventListener("click", (e) => {
    const a = e.target.closest("a[data-batch]");
    if (!a) return;
    e.preventDefault();
    batch.value = a.dataset.batch;
    load().catch((err) => message(box, err.message));
  });
}

function batchForm(ctx) {
  const api = ctx.api; // this screen's view: dropped once the operator moves on
  const count = h("input", { id: "batch-count", type: "number", min: 1, max: 10000, value: 10, required: true });
  const amount = h("input", { id: "batch-amount", inputmode: "decimal", value: "5.00", required: true });
  const currency = h("input", { id: "batch-currency", value: "EUR", size: 4, maxlength: 3, required: true });
  const tariff = h("input", { id: "batch-tariff", value: "retail", required: true });
  const box = h("div", { id: "batch-message" });
  const out = h("div", { id: "batch-result" });
  const form = h("form", { id: "batch-form", class: "panel" },
    h("h2", { text: t("batch.create") }),
    field(t("batch.count"), count), field(t("batch.amount"), amount), field(t("batch.currency"), currency), field(t("card.tariff"), tariff),
    h("button", { type: "submit", id: "batch-submit", text: t("batch.create") }), box, out);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    message(box, "");
    try {
      const r = await api("POST", "/v1/cards", { count: Number(count.value), amount: amount.value, currency: currency.value, tariff: tariff.value });
      const print = h("button", { type: "button", id: "batch-print", text: t("batch.print") });
      print.addEventListener("click", () => window.print());
      out.replaceChildren(
        h("section", { class: "print-list", id: "pin-list" },
          h("h3", { text: t("batch.list", { id: r.batch.id, n: r.cards.length }) }),
          h("ol", { class: "pins" }, r.cards.map((c) => h("li", {}, h("span", { class: "number", text: c.number }), " ", h("span", { class: "pin", text: c.pin }))))),
        print);
    } catch (err) {
      message(box, err.message);
    }
  });
  return ctx.session.role === "administrator" ? form : h("div");
}

export default { path: "/cards", title: "cards", render };
