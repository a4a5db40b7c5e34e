// Prices: tariffs, a price list's rates by prefix, and the quote simulator.
import { api, query } from "../api.js";
import { h, table, field, message } from "../dom.js";
import { t, money } from "../i18n.js";

async function render(main) {
  const r = await api("GET", "/v1/tariffs");
  const box = h("div", {});
  const tariff = h("select", { id: "quote-tariff" }, r.tariffs.map((x) => h("option", { value: x.name, text: x.name })));
  const number = h("input", { id: "quote-number", inputmode: "tel", value: "+44", required: true });
  const duration = h("input", { id: "quote-duration", type: "number", min: 1, value: 60 });
  const out = h("div", { id: "quote-result" });
  const form = h("form", { class: "panel", id: "quote-form" }, h("h2", { text: t("prices.quote") }),
    field(t("card.tariff"), tariff), field(t("prices.number"), number), field(t("prices.duration"), duration),
    h("button", { type: "submit", text: t("prices.quote") }), out);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    message(box, "");
    try {
      const q = await api("GET", `/v1/tariffs/${encodeURIComponent(tariff.value)}/quote` + query({ number: number.value, start: "now", duration_s: duration.value }));
      out.replaceChildren(h("p", { id: "quote-price", text: `${t("calls.price")}: ${money(q.price, q.currency)}` }),
        h("pre", { class: "detail", text: JSON.stringify(q.spans || q, null, 1) }));
    } catch (err) {
      message(box, err.message);
    }
  });
  const prefix = h("input", { id: "rates-prefix", inputmode: "tel" });
  const rates = h("div", { id: "rates" });
  const search = h("form", { class: "filters" }, field(t("prices.prefix"), prefix), h("button", { type: "submit", text: t("filter") }));
  search.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const tr = r.tariffs.find((x) => x.name === tariff.value);
      const list = await api("GET", `/v1/tariffs/${encodeURIComponent(tr.name)}/lists/${encodeURIComponent(tr.base_price_list)}/rates` + query({ prefix: prefix.value, limit: 200 }));
      rates.replaceChildren(table([
        { title: t("prices.prefix"), value: (x) => x.prefix },
        { title: t("calls.destination"), value: (x) => x.destination ?? "" },
        { title: t("calls.price"), value: (x) => money(x.price, tr.currency), class: "num" },
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
    ], r.tariffs, t("prices.tariffs")),
    box, form, h("h2", { text: t("prices.rates") }), search, rates);
}

export default { path: "/prices", title: "prices", render };
