// Counter: a tile per booth (state, number dialled, elapsed, running cost), refreshed every
// 2 s; open prepaid/postpaid; a booth's panel (its calls to pay or mark unserved, the payment
// form, the checkout with its receipt); the shift (open, report, close), receipts reprinted by
// number, the shop's payments; the print view of receipts and reports.
import { api, query } from "../api.js";
import { h, message } from "../dom.js";
import { t, money } from "../i18n.js";
import { boothPanel, showReceipt } from "../counter/booth_panel.js";
import { shiftPanel } from "../counter/shift_panel.js";
import { printArea } from "../counter/print_area.js";

let timer = null;

function stop() {
  if (timer) clearInterval(timer);
  timer = null;
}

function elapsed(s) {
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, "0")}`;
}

async function render(main, ctx) {
  const box = h("div", { id: "counter-message" });
  const board = h("div", { class: "board", id: "booths", "aria-live": "polite" });
  const print = printArea();
  let shopName = "";
  const panel = boothPanel(ctx, print, async () => {
    await refresh();
    if (shopName) await shift.listPayments(shopName).catch(() => {});
  });
  const shift = shiftPanel(ctx, print, box);

  async function act(method, path, body) {
    message(box, "");
    try {
      await api(method, path, body);
      await refresh();
    } catch (err) {
      message(box, err.message);
    }
  }

  // The running cost of a call that talks: the server's price of its seconds so far (the quote
  // route, on the call's tariff, from its connect time), never worked out here.
  async function runningCost(call) {
    if (!call.started_at || !call.tariff) return null;
    const start = call.started_at.replace("T", " ").replace("Z", "");
    const q = await api("GET", `/v1/tariffs/${encodeURIComponent(call.tariff)}/quote` +
      query({ number: call.called || `+${call.digits}`, start, zone_of_start: "utc", duration_s: Math.max(1, call.up_s || 0) }));
    return q;
  }

  function tile(b, calls, costs) {
    const s = b.session;
    const call = calls.find((c) => c.card === b.number);
    const cost = call ? costs.get(call.session_id) : null;
    const amount = h("input", { "aria-label": t("counter.deposit"), inputmode: "decimal", size: 6, class: "deposit", "data-booth": b.number });
    const buttons = [];
    if (b.state === "free") {
      const pre = h("button", { type: "button", class: "open-prepaid", text: t("counter.open_prepaid") });
      pre.addEventListener("click", () => act("POST", `/v1/booths/${b.number}/open`, { prepaid: amount.value }));
      const post = h("button", { type: "button", class: "open-postpaid", text: t("counter.open_postpaid") });
      post.addEventListener("click", () => act("POST", `/v1/booths/${b.number}/open`, { postpaid: amount.value }));
      buttons.push(amount, pre, post);
    } else if (s) {
      const pay = h("button", { type: "button", class: "booth-pay", text: t("counter.pay") });
      pay.addEventListener("click", () => panel.open(b).catch((err) => message(box, err.message)));
      const out = h("button", { type: "button", class: "checkout", text: t("counter.checkout") });
      out.addEventListener("click", async () => {
        message(box, "");
        try {
          const v = await api("POST", `/v1/booths/${b.number}/close`, {});
          await refresh();
          await showReceipt(v.shop, v.session.receipt, null, print);
        } catch (err) {
          message(box, err.message);
        }
      });
      buttons.push(pay, out);
      if (call) {
        // Ends the call through its gateway (RFC 5176); the outcome is the server's.
        const end = h("button", { type: "button", class: "booth-stop", text: t("counter.stop") });
        end.addEventListener("click", async () => {
          message(box, "");
          try {
            const v = await api("POST", `/v1/booths/${b.number}/stop`, {});
            const a = v.attempts[v.attempts.length - 1] || {};
            message(box, t("counter.stop_sent", { outcome: t("disconnect." + a.outcome) }), a.outcome === "ack" ? "ok" : "error");
          } catch (err) {
            message(box, err.message);
          }
        });
        buttons.push(end);
      }
    }
    return h("article", { class: `tile state-${b.state}`, id: `booth-${b.number}`, "data-state": b.state },
      h("h2", { text: b.label }),
      h("p", { class: "state", text: t("booth." + b.state) }),
      call ? h("p", { class: "call" }, h("span", { class: "dialed", text: call.called || call.digits || "" }), " ",
        h("span", { class: "elapsed", text: elapsed(call.up_s || 0) }),
        cost ? h("span", { class: "running-cost", "data-amount": cost.total, text: ` ${money(cost.total, cost.currency)}` }) : null) : null,
      s ? h("p", { class: "spent", text: `${t("counter.spent")}: ${money(s.spent, b.currency)}` }) : null,
      s && s.available !== undefined ? h("p", { class: "available", text: `${t("counter.available")}: ${money(s.available, b.currency)}` }) : null,
      h("div", { class: "tile-actions" }, buttons));
  }

  async function refresh() {
    const [booths, online] = await Promise.all([api("GET", "/v1/booths"), api("GET", "/v1/online")]);
    if (booths.booths.length) shopName = booths.booths[0].shop;
    const numbers = new Set(booths.booths.map((b) => b.number));
    const costs = new Map();
    await Promise.all(online.sessions.filter((c) => numbers.has(c.card)).map(async (c) => {
      const q = await runningCost(c).catch(() => null);
      if (q) costs.set(c.session_id, q);
    }));
    board.replaceChildren(...booths.booths.map((b) => tile(b, online.sessions, costs)));
    if (!booths.booths.length) board.replaceChildren(h("p", { text: t("counter.no_booths") }));
    const open = panel.booth() && booths.booths.find((b) => b.number === panel.booth().number);
    // A call that ended adds a row; a checkout empties the panel: re-read it then only (a
    // re-render clears what the operator is typing).
    const was = open ? panel.booth().state : "";
    if (open && open.state !== was) {
      if (was === "in_call" || open.state === "free") await panel.update(open);
      else panel.track(open);
    }
  }

  await refresh();
  await shift.render(shopName).catch((err) => shift.section.replaceChildren(h("p", { text: err.message })));
  main.replaceChildren(h("h1", { text: t("counter") }), box, shift.section, board, panel.section, shift.payments, print.area);
  stop();
  timer = setInterval(() => {
    if (location.pathname !== "/counter") return stop();
    refresh().catch(() => {});
  }, 2000);
}

export default { path: "/counter", title: "counter", render, stop };
