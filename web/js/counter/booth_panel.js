// A booth's panel at the counter: its open session's calls (GET /v1/booths/{n}/calls) with
// check boxes to pay a selection or mark them unserved; the payment form (extra items, cash or
// card, tendered) for a payment or the checkout; the server's answer (due after the shop's
// rounding, tendered, change) and the receipt as the server rendered it. No amount is computed
// here: every figure shown is one the API returned.
import { query } from "../api.js";
import { h, field, message, table } from "../dom.js";
import { t, money, dateTime } from "../i18n.js";
import { printWidth } from "./print_area.js";

function duration(s) {
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, "0")}`;
}

/// Shows receipt `number` of `shop` (its payment's figures in `facts`, its text in the print area).
export async function showReceipt(ctx, shop, number, facts, print) {
  const columns = printWidth();
  const text = async (width) => (await ctx.api("GET", `/v1/receipts/${encodeURIComponent(number)}` + query({ shop, width }))).text;
  const r = await ctx.api("GET", `/v1/receipts/${encodeURIComponent(number)}` + query({ shop, width: columns }));
  const p = r.payment;
  const rows = [
    ["pay.calls_total", p.calls_total], ["pay.extras_total", p.extras_total], ["pay.rounding", p.rounding],
    ["pay.total", p.total], ["pay.deposit_applied", p.deposit_applied], ["pay.deposit_returned", p.deposit_returned],
    ["pay.tendered", p.tendered], ["pay.paid", p.paid], ["pay.change", p.change],
  ];
  if (facts) {
    facts.replaceChildren(h("h3", { text: t("pay.receipt_number", { number: p.receipt }) }),
      h("dl", { class: "facts", id: "pay-facts", "data-receipt": p.receipt },
        rows.map(([k, v]) => [h("dt", { text: t(k) }), h("dd", { id: "pay-" + k.slice(4), "data-amount": v, text: money(v, p.currency) })]).flat(),
        h("dt", { text: t("pay.method") }), h("dd", { id: "pay-method-used", text: t("pay.method." + p.method) })));
  }
  print.show(t("pay.receipt_number", { number: p.receipt }), r.text, columns, text);
  return r;
}

/// The panel of one booth; `refresh()` re-reads its calls; `onChange` runs after a change.
export function boothPanel(ctx, print, onChange) {
  const api = ctx.api; // this screen's view: dropped once the operator moves on
  const box = h("div", { id: "panel-message" });
  const section = h("section", { class: "panel", id: "booth-panel", hidden: true });
  const facts = h("div", { id: "pay-result", "aria-live": "polite" });
  let booth = null;

  function extraRow() {
    const label = h("input", { class: "extra-label", "aria-label": t("pay.extra_label"), size: 10 });
    const price = h("input", { class: "extra-price", "aria-label": t("pay.extra_price"), inputmode: "decimal", size: 6 });
    const qty = h("input", { class: "extra-qty", "aria-label": t("pay.extra_qty"), type: "number", min: 1, value: 1, size: 3 });
    const remove = h("button", { type: "button", class: "extra-remove", text: t("pay.extra_remove") });
    const row = h("div", { class: "extra" }, label, price, qty, remove);
    remove.addEventListener("click", () => row.remove());
    return row;
  }

  async function refresh() {
    if (!booth) return;
    const r = await api("GET", `/v1/booths/${booth.number}/calls`);
    const selected = new Set();
    const calls = table([
      { title: "", value: (c) => c.counter_state === "unpaid"
        ? h("input", { type: "checkbox", class: "pick", "data-call": c.id, "aria-label": t("pay.pick", { id: c.id }),
          onchange: (e) => {
            if (e.target.checked) selected.add(c.id);
            else selected.delete(c.id);
            schedulePreview();
          } }) : "" },
      { title: t("pay.time"), value: (c) => dateTime(c.connect_at || c.call_at) },
      { title: t("calls.called"), value: (c) => c.called || c.digits },
      { title: t("calls.destination"), value: (c) => c.destination },
      { title: t("pay.duration"), value: (c) => duration(c.duration_s), class: "num" },
      { title: t("calls.price"), value: (c) => money(c.price, r.currency), class: "num" },
      { title: t("pay.state"), value: (c) => h("span", { class: "call-state", "data-call": c.id, "data-state": c.counter_state,
        text: t("call_state." + c.counter_state) + (c.reason ? ` (${c.reason})` : "") }) },
    ], r.calls, t("pay.calls"));
    const reason = h("input", { id: "unserved-reason", size: 20 });
    const unserved = h("button", { type: "button", id: "mark-unserved", text: t("pay.mark_unserved") });
    unserved.addEventListener("click", () => act(async () => {
      for (const id of selected) await api("POST", `/v1/calls/${id}/unserved`, { reason: reason.value });
    }));
    const extras = h("div", { id: "extras" });
    const addExtra = h("button", { type: "button", id: "extra-add", text: t("pay.extra_add") });
    addExtra.addEventListener("click", () => extras.append(extraRow()));
    extras.addEventListener("input", () => schedulePreview());
    extras.addEventListener("click", (e) => e.target.closest(".extra-remove") && schedulePreview());
    const method = h("select", { id: "pay-method" },
      ["cash", "card"].map((m) => h("option", { value: m, text: t("pay.method." + m) })));
    const tendered = h("input", { id: "pay-tendered", inputmode: "decimal", size: 8 });
    method.addEventListener("change", () => schedulePreview());
    tendered.addEventListener("input", () => schedulePreview());
    const preview = h("div", { id: "pay-preview", "aria-live": "polite" });

    // The amount due and the change for the calls ticked and what is typed: the server's
    // preview of the payment (the same checks, nothing written), asked once typing pauses.
    // Amounts not yet written as decimals (12.50) are not sent: the server would refuse them.
    let timer = null;
    let asked = 0;
    function schedulePreview() {
      clearTimeout(timer);
      asked += 1;
      timer = setTimeout(runPreview, 250);
    }
    async function runPreview() {
      const mine = ++asked;
      if (!selected.size || !ctx.view.alive) return preview.replaceChildren();
      const body = paymentBody();
      const decimal = /^\d+(\.\d+)?$/;
      const prices = [...extras.querySelectorAll(".extra")]
        .filter((x) => x.querySelector(".extra-label").value !== "")
        .map((x) => x.querySelector(".extra-price").value);
      if ((tendered.value !== "" && !decimal.test(tendered.value)) || prices.some((v) => !decimal.test(v))) {
        return preview.replaceChildren(h("p", { class: "hint", text: t("pay.preview_format") }));
      }
      try {
        const r = await api("POST", `/v1/booths/${booth.number}/payments`, { calls: [[...selected].join(",")], ...body, preview: true });
        if (mine !== asked) return; // a newer preview is on its way
        if (r.refused) {
          preview.replaceChildren(h("p", { class: "error", id: "pay-preview-refused", text: r.refused.message }));
          return;
        }
        const p = r.payment;
        const rows = [["pay.calls_total", p.calls_total], ["pay.extras_total", p.extras_total], ["pay.rounding", p.rounding],
          ["pay.due", p.total], ["pay.tendered", p.tendered], ["pay.change", p.change]];
        preview.replaceChildren(h("dl", { class: "facts preview", id: "pay-preview-facts" },
          rows.map(([k, v]) => [h("dt", { text: t(k) }), h("dd", { id: "pay-preview-" + k.slice(4), "data-amount": v, text: money(v, p.currency) })]).flat()));
      } catch (err) {
        if (mine === asked) preview.replaceChildren(h("p", { class: "error", text: err.message }));
      }
    }

    function paymentBody() {
      const body = { method: method.value };
      const items = [...extras.querySelectorAll(".extra")]
        .filter((x) => x.querySelector(".extra-label").value !== "")
        .map((x) => `${x.querySelector(".extra-label").value}:${x.querySelector(".extra-price").value}:${x.querySelector(".extra-qty").value || 1}`);
      if (items.length) body.extra = items;
      if (tendered.value !== "") body.tendered = tendered.value;
      return body;
    }
    const pay = h("button", { type: "button", id: "pay-selected", text: t("pay.pay_selected") });
    pay.addEventListener("click", () => act(async () => {
      const p = await api("POST", `/v1/booths/${booth.number}/payments`, { calls: [[...selected].join(",")], ...paymentBody() });
      return () => showReceipt(ctx, p.payment.shop, p.payment.receipt, facts, print);
    }));
    const checkout = h("button", { type: "button", id: "pay-checkout", text: t("counter.checkout") });
    checkout.addEventListener("click", () => act(async () => {
      const v = await api("POST", `/v1/booths/${booth.number}/close`, paymentBody());
      return () => showReceipt(ctx, v.shop, v.session.receipt, facts, print);
    }));
    const form = h("div", { class: "pay-form" },
      h("h3", { text: t("pay.payment") }), h("p", { class: "hint", text: t("pay.extras_hint") }), extras, addExtra,
      h("div", { class: "actions" }, field(t("pay.method"), method), field(t("pay.tendered"), tendered), pay, checkout), preview);
    section.replaceChildren(h("h2", { text: `${booth.label} — ${booth.number}` }), box, calls,
      h("div", { class: "actions" }, field(t("pay.reason"), reason), unserved), form, facts);
  }

  // Runs a change; on success refreshes the calls and the board, then `after()` if returned.
  async function act(change) {
    message(box, "");
    try {
      const after = await change();
      await refresh();
      await onChange();
      if (typeof after === "function") await after();
    } catch (err) {
      message(box, err.message);
    }
  }

  return {
    section,
    refresh,
    booth: () => booth,
    track(b) {
      booth = b;
    },
    async update(b) {
      booth = b;
      await refresh();
    },
    async open(b) {
      booth = b;
      section.hidden = false;
      message(box, "");
      facts.replaceChildren();
      await refresh();
      section.scrollIntoView({ block: "nearest" });
    },
  };
}
