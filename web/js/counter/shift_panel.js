// The operator's shift at the counter: open it with a float; while open, its complete report
// (GET /v1/shifts/{id}: calls paid, unserved and unpaid, revenue by method, cash expected vs
// counted) and its printable text; close it with the cash counted. Also: reprint a receipt by
// number, and the shop's latest payments (administrators undo one, with a reason).
import { query } from "../api.js";
import { h, field, message, table } from "../dom.js";
import { t, money, dateTime } from "../i18n.js";
import { showReceipt } from "./booth_panel.js";
import { printWidth } from "./print_area.js";

function minutes(s) {
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/// The report's table: the shift's cash lines and the counter's calls and payments.
export function reportTable(rep) {
  const c = rep.counter || {};
  const cur = rep.currency;
  const tally = (key, x) => x ? [[key, `${x.count} · ${minutes(x.seconds)}`, money(x.amount, cur), "calls-" + key.slice(7)]] : [];
  const rows = [
    ...tally("report.calls", c.calls), ...tally("report.paid", c.paid), ...tally("report.unserved", c.unserved),
    ...tally("report.unpaid", c.unpaid),
    ["report.payments", `${c.payments ?? 0} (${t("report.undone")}: ${c.undone ?? 0})`, "", "payments"],
    ["report.revenue", "", money(c.revenue, cur), "revenue"], ["report.cash", "", money(c.cash, cur), "cash"],
    ["report.card", "", money(c.card, cur), "card"], ["report.deposits", "", money(c.deposits, cur), "deposits"],
    ["report.extras", "", money(c.extras, cur), "extras"], ["report.rounding", "", money(c.rounding, cur), "rounding"],
    ["report.cash_tendered", "", money(c.cash_tendered, cur), "cash_tendered"], ["report.change", "", money(c.change, cur), "change"],
    ["shift.float", "", money(rep.opening_float, cur), "float"], ["shift.cash_in", "", money(rep.cash_in, cur), "cash_in"],
    ["shift.cash_out", "", money(rep.cash_out, cur), "cash_out"], ["shift.expected", "", money(rep.expected, cur), "expected"],
    ["shift.counted", "", rep.counted === null ? "" : money(rep.counted, cur), "counted"],
    ["shift.difference", "", rep.difference === null ? "" : money(rep.difference, cur), "difference"],
  ];
  return table([
    { title: t("shift.line"), value: (r) => t(r[0]) },
    { title: t("report.count"), value: (r) => r[1], class: "num" },
    { title: t("report.amount"), value: (r) => h("span", { id: "report-" + r[3], text: r[2] }), class: "num" },
  ], rows);
}

export function shiftPanel(ctx, print, box) {
  const api = ctx.api; // this screen's view: dropped once the operator moves on
  const section = h("section", { class: "panel", id: "shift" });
  const payments = h("section", { class: "panel", id: "payments" });
  const admin = ctx.session.role === "administrator";

  async function act(change) {
    message(box, "");
    try {
      await change();
    } catch (err) {
      message(box, err.message);
    }
  }

  async function showReport(id, target) {
    const rep = await api("GET", `/v1/shifts/${id}`);
    const printBtn = h("button", { type: "button", id: "shift-print", text: t("report.print") });
    printBtn.addEventListener("click", () => act(async () => {
      const text = async (width) => (await api("GET", `/v1/shifts/${id}` + query({ text: "true", width }))).text;
      const columns = printWidth();
      print.show(t("shift.report"), await text(columns), columns, text);
    }));
    target.replaceChildren(h("h3", { text: t("shift.report") }), reportTable(rep), printBtn);
    return rep;
  }

  function reprint(shop) {
    const number = h("input", { id: "reprint-number", type: "number", min: 1, size: 6 });
    const go = h("button", { type: "button", id: "reprint", text: t("receipt.reprint") });
    go.addEventListener("click", () => act(() => showReceipt(ctx, shop, number.value, null, print)));
    return h("div", { class: "actions" }, field(t("receipt.number"), number), go);
  }

  async function listPayments(shop) {
    const r = await api("GET", "/v1/payments" + query({ shop, limit: 20 }));
    payments.replaceChildren(h("h2", { text: t("payments") }), table([
      { title: t("receipt.number"), value: (p) => p.receipt, class: "num" },
      { title: t("pay.time"), value: (p) => dateTime(p.at) },
      { title: t("pay.booth"), value: (p) => p.booth },
      { title: t("pay.method"), value: (p) => t("pay.method." + p.method) },
      { title: t("pay.total"), value: (p) => money(p.total, p.currency), class: "num" },
      { title: t("pay.state"), value: (p) => p.undone_at ? `${t("pay.undone")} (${p.undo_reason})` : (p.final ? t("pay.checkout") : "") },
      { title: "", value: (p) => {
        const show = h("button", { type: "button", class: "payment-show", text: t("receipt.show") });
        show.addEventListener("click", () => act(() => showReceipt(ctx, p.shop, p.receipt, null, print)));
        if (!admin || p.undone_at || p.final) return show;
        const reason = h("input", { class: "undo-reason", "aria-label": t("pay.reason"), size: 12 });
        const undo = h("button", { type: "button", class: "payment-undo", "data-payment": p.id, text: t("pay.undo") });
        undo.addEventListener("click", () => act(async () => {
          await api("POST", `/v1/payments/${p.id}/undo`, { reason: reason.value });
          await listPayments(shop);
        }));
        return h("span", { class: "row-actions" }, show, reason, undo);
      } },
    ], r.payments), reprint(shop));
  }

  async function render(shopHint) {
    const r = await api("GET", "/v1/shifts" + query({ open: "true", limit: 5 }));
    const mine = r.shifts.find((s) => s.operator === ctx.session.operator && !s.closed_at);
    const shop = mine ? mine.shop : shopHint;
    if (shop) await listPayments(shop).catch((err) => payments.replaceChildren(h("p", { class: "error", text: err.message })));
    if (!mine) {
      const float = h("input", { id: "shift-float", inputmode: "decimal", value: "0.00" });
      const open = h("button", { type: "button", id: "shift-open", text: t("shift.open") });
      open.addEventListener("click", () => act(async () => {
        await api("POST", "/v1/shifts", { float: float.value });
        await render(shopHint);
      }));
      section.replaceChildren(h("h2", { text: t("shift") }), field(t("shift.float"), float), open);
      return;
    }
    const counted = h("input", { id: "shift-counted", inputmode: "decimal" });
    const close = h("button", { type: "button", id: "shift-close", text: t("shift.close") });
    const report = h("div", { id: "shift-report" });
    close.addEventListener("click", () => act(async () => {
      await api("POST", `/v1/shifts/${mine.id}/close`, { counted: counted.value });
      const done = h("div", { id: "shift-report" });
      section.replaceChildren(h("h2", { text: t("shift") }), done);
      await showReport(mine.id, done);
    }));
    const show = h("button", { type: "button", id: "shift-show-report", text: t("report.show") });
    show.addEventListener("click", () => act(() => showReport(mine.id, report)));
    section.replaceChildren(h("h2", { text: t("shift") }),
      h("p", { id: "shift-state", "data-shift": mine.id, text: t("shift.opened_at", { at: dateTime(mine.opened_at) }) }),
      h("div", { class: "actions" }, field(t("shift.counted"), counted), close, show), report);
  }

  return { section, payments, render, listPayments };
}
