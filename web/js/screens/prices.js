// Prices: tariffs, a price list's rates by prefix or destination name, and the quote simulator.
import { query } from "../api.js";
import { h, table, field, message } from "../dom.js";
import { t, money } from "../i18n.js";

async function render(main, ctx) {
  const api = ctx.api; // this screen's view: dropped once the operator moves on
  const r = await api("GET", "/v1/tariffs");
  const box = h("div", {});
  const tariff = h("select", { id: "quote-tariff" }, r.tariffs.map((x) => h("option", { value: x.name, text: x.name })));
  const number = h("input", { id: "quote-number", inputmode: "tel", value: "+44", required: true });
  const duration = h("input", { id: "quote-duration", type: "number", min: 1, value: 60 });
  const out = h("div", { id: "quote-result" });
  const balance = h("input", { id: "quote-balance", inputmode: "decimal" });
  const form = h("form", { class: "panel", id: "quote-form" }, h("h2", { text: t("prices.quote") }),
    field(t("card.tariff"), tariff), field(t("prices.number"), number), field(t("prices.duration"), duration),
    field(t("prices.balance"), balance),
    h("button", { type: "submit", id: "quote-submit", text: t("prices.quote") }), out);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    message(box, "");
    try {
      const byBalance = balance.value !== "";
      const q = await api("GET", `/v1/tariffs/${encodeURIComponent(tariff.value)}/quote` +
        query({ number: number.value, start: "now", ...(byBalance ? { balance: balance.value } : { duration_s: duration.value }) }));
      const facts = [
        [t("calls.destination"), `${q.destination ?? ""} (${q.prefix ?? ""})`],
        byBalance ? [t("prices.seconds"), q.granted_s] : [t("calls.price"), money(q.total, q.currency)],
        byBalance ? [t("calls.price"), money(q.price, q.currency)] : [t("prices.billed"), q.billed_s],
      ];
      out.replaceChildren(h("dl", { class: "facts", id: "quote-price" }, facts.map(([k, v]) => [h("dt", { text: k }), h("dd", { text: String(v) })]).flat()),
        Array.isArray(q.spans) ? table([
          { title: t("prices.span_from"), value: (x) => x.start_local },
          { title: t("prices.seconds"), value: (x) => x.seconds, class: "num" },
          { title: t("prices.list"), value: (x) => `${x.price_list} ${x.rule ? "(" + x.rule + ")" : ""}` },
          { title: t("calls.price"), value: (x) => `${money(x.rate, q.currency)} / ${x.rate_unit_s} s`, class: "num" },
          { title: t("prices.amount"), value: (x) => x.amount, class: "num" },
        ], q.spans, t("prices.spans")) : "");
    } catch (err) {
      message(box, err.message);
    }
  });
  const prefix = h("input", { id: "rates-prefix", inputmode: "tel" });
  // A country or destination by name (the server matches part of it, A-Z in any case).
  const destination = h("input", { id: "rates-destination", maxlength: 64 });
  const rates = h("div", { id: "rates" });
  const search = h("form", { class: "filters" }, field(t("prices.prefix"), prefix), field(t("calls.destination"), destination),
    h("button", { type: "submit", text: t("filter") }));
  search.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const tr = r.tariffs.find((x) => x.name === tariff.value);
      const list = await api("GET", `/v1/tariffs/${encodeURIComponent(tr.name)}/lists/${encodeURIComponent(tr.base_price_list)}/rates` + query({ prefix: prefix.value, destination: destination.value, limit: 200 }));
      rates.replaceChildren(table([
        { title: t("prices.prefix"), value: (x) => x.prefix },
        { title: t("calls.destination"), value: (x) => x.destination ?? "" },
        { title: t("calls.price"), value: (x) => `${money(x.rate, tr.currency)} / ${x.rate_unit_s} s`, class: "num" },
      ], list.rates || []));
    } catch (err) {
      message(box, err.message);
    }
  });
  main.replaceChildren(h("h1", { text: t("prices") }),
    table([
      { title: t("card.tariff"), value: (x) => x.name },
      { title: t("batch.currency"), value: (x) => x.currency },
      { title: t("prices.zone"), value: (x) => x.time_zone },
      { title: t("prices.base"), value: (x) => x.base_price_list },
      { title: "", value: (x) => h("span", { class: "row-actions" },
        h("a", { href: `/prices/${encodeURIComponent(x.name)}/lists`, "data-link": "", class: "tariff-lists", text: t("lists") }),
        h("a", { href: `/prices/${encodeURIComponent(x.name)}/rules`, "data-link": "", class: "tariff-rules", text: t("rules") })) },
    ], r.tariffs, t("prices.tariffs")),
    box, form, h("h2", { text: t("prices.rates") }), search, rates);
}

export default { path: "/prices", title: "prices", render };
