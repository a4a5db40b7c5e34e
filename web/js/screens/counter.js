// Counter: a tile per booth (state, number dialled, elapsed, running cost), refreshed every
// 2 s; open prepaid/postpaid; a booth's panel (its calls to pay or mark unserved, the payment
// form, the checkout with its receipt); the shift (open, report, close), receipts reprinted by
// number, the shop's payments; the print view of receipts and reports; a banner when the
// shop's balance with its upstream provider is at or below its warning threshold (red when
// booths are refused).
//
// The board is updated in place: a tile is one element per booth for the screen's life; its
// texts change, its buttons are rebuilt only when its state changes, and its deposit field is
// never replaced (what the operator types survives the polls). Refreshes may overlap (a poll
// and a change): only the newest one's answer is shown.
import { query } from "../api.js";
import { h, message } from "../dom.js";
import { t, money } from "../i18n.js";
import { boothPanel, showReceipt } from "../counter/booth_panel.js";
import { shiftPanel } from "../counter/shift_panel.js";
import { printArea } from "../counter/print_area.js";

function elapsed(s) {
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, "0")}`;
}

async function render(main, ctx) {
  const api = ctx.api; // this screen's view: dropped once the operator moves on
  const box = h("div", { id: "counter-message" });
  const banner = h("div", { id: "upstream", "aria-live": "polite" });
  const board = h("div", { class: "board", id: "booths", "aria-live": "polite" });
  const print = printArea();
  let shopName = "";
  const panel = boothPanel(ctx, print, async () => {
    await refresh();
    if (shopName) await shift.listPayments(shopName).catch(() => {});
  });
  const shift = shiftPanel(ctx, print, box);
  const tiles = new Map(); // booth number → its tile (below)

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

  // A tile's action buttons for booth `x.booth` in its current state (`x.call`: its call).
  function actions(x) {
    const number = x.booth.number;
    const buttons = [];
    if (x.booth.state === "free") {
      const pre = h("button", { type: "button", class: "open-prepaid", text: t("counter.open_prepaid") });
      pre.addEventListener("click", () => act("POST", `/v1/booths/${number}/open`, { prepaid: x.deposit.value }));
      const post = h("button", { type: "button", class: "open-postpaid", text: t("counter.open_postpaid") });
      post.addEventListener("click", () => act("POST", `/v1/booths/${number}/open`, { postpaid: x.deposit.value }));
      buttons.push(x.deposit, pre, post);
    } else if (x.booth.session) {
      const pay = h("button", { type: "button", class: "booth-pay", text: t("counter.pay") });
      pay.addEventListener("click", () => panel.open(x.booth).catch((err) => message(box, err.message)));
      const out = h("button", { type: "button", class: "checkout", text: t("counter.checkout") });
      out.addEventListener("click", async () => {
        message(box, "");
        try {
          const v = await api("POST", `/v1/booths/${number}/close`, {});
          await refresh();
          await showReceipt(ctx, v.shop, v.session.receipt, null, print);
        } catch (err) {
          message(box, err.message);
        }
      });
      buttons.push(pay, out);
      if (x.call) {
        // Ends the call through its gateway (RFC 5176); the outcome is the server's.
        const end = h("button", { type: "button", class: "booth-stop", text: t("counter.stop") });
        end.addEventListener("click", async () => {
          message(box, "");
          try {
            const v = await api("POST", `/v1/booths/${number}/stop`, {});
            const a = v.attempts[v.attempts.length - 1] || {};
            message(box, t("counter.stop_sent", { outcome: t("disconnect." + a.outcome) }), a.outcome === "ack" ? "ok" : "error");
          } catch (err) {
            message(box, err.message);
          }
        });
        buttons.push(end);
      }
    }
    return buttons;
  }

  // Booth `b`'s tile, made on first sight and brought up to date in place afterwards.
  function tile(b, call, cost) {
    let x = tiles.get(b.number);
    if (!x) {
      x = {
        deposit: h("input", { "aria-label": t("counter.deposit"), inputmode: "decimal", size: 6, class: "deposit", "data-booth": b.number }),
        title: h("h2"),
        state: h("p", { class: "state" }),
        dialed: h("span", { class: "dialed" }),
        elapsed: h("span", { class: "elapsed" }),
        cost: h("span", { class: "running-cost" }),
        spent: h("p", { class: "spent" }),
        available: h("p", { class: "available" }),
        actions: h("div", { class: "tile-actions" }),
        key: null,
      };
      x.line = h("p", { class: "call" }, x.dialed, " ", x.elapsed, x.cost);
      x.element = h("article", { id: `booth-${b.number}` }, x.title, x.state, x.line, x.spent, x.available, x.actions);
      tiles.set(b.number, x);
    }
    const s = b.session;
    x.booth = b;
    x.call = call;
    x.element.className = `tile state-${b.state}`;
    x.element.dataset.state = b.state;
    x.title.textContent = b.label;
    x.state.textContent = t("booth." + b.state);
    x.line.hidden = !call;
    x.dialed.textContent = call ? call.called || call.digits || "" : "";
    x.elapsed.textContent = call ? elapsed(call.up_s || 0) : "";
    // The cost's span exists only while there is a cost (tests and screen readers look for it).
    if (call && cost) {
      x.cost.dataset.amount = cost.total;
      x.cost.textContent = ` ${money(cost.total, cost.currency)}`;
      if (x.cost.parentNode !== x.line) x.line.append(x.cost);
    } else {
      x.cost.remove();
    }
    x.spent.hidden = !s;
    x.spent.textContent = s ? `${t("counter.spent")}: ${money(s.spent, b.currency)}` : "";
    x.available.hidden = !(s && s.available !== undefined);
    x.available.textContent = s && s.available !== undefined ? `${t("counter.available")}: ${money(s.available, b.currency)}` : "";
    const key = `${b.state}|${s ? "session" : ""}|${call ? call.session_id : ""}`;
    if (key !== x.key) {
      x.key = key;
      x.actions.replaceChildren(...actions(x));
    }
    return x.element;
  }

  // The shop's upstream balance when its booths carry the warning: the account's balance,
  // threshold and whether booths are refused, as the server says (never compared here).
  async function upstream(booths) {
    const warned = booths.find((b) => b.upstream_warning);
    if (!warned) return null;
    return api("GET", `/v1/shops/${encodeURIComponent(warned.shop)}/upstream` + query({ limit: 1 }));
  }

  // One banner element while warned, updated in place; none otherwise.
  const note = h("p", { id: "upstream-banner", role: "alert" });
  function showUpstream(u) {
    if (!u) return note.remove();
    const facts = { balance: money(u.available, u.currency), threshold: money(u.warn_below, u.currency) };
    note.className = u.refusing ? "banner refusing" : "banner warning";
    note.dataset.refusing = u.refusing ? "true" : "false";
    note.dataset.available = u.available;
    note.dataset.warnBelow = u.warn_below;
    note.textContent = t(u.refusing ? "upstream.refusing" : "upstream.warning", facts);
    if (note.parentNode !== banner) banner.append(note);
  }

  let asked = 0; // the refreshes started
  let shown = 0; // the newest one shown
  async function refresh() {
    const mine = ++asked;
    const [booths, online] = await Promise.all([api("GET", "/v1/booths"), api("GET", "/v1/online")]);
    const numbers = new Set(booths.booths.map((b) => b.number));
    const costs = new Map();
    const [up] = await Promise.all([
      upstream(booths.booths).catch(() => null),
      ...online.sessions.filter((c) => numbers.has(c.card)).map(async (c) => {
        const q = await runningCost(c).catch(() => null);
        if (q) costs.set(c.session_id, q);
      })]);
    if (mine < shown) return; // a newer refresh has shown a newer board already
    shown = mine;
    if (booths.booths.length) shopName = booths.booths[0].shop;
    showUpstream(up);
    const wanted = booths.booths.map((b) => {
      const call = online.sessions.find((c) => c.card === b.number);
      return tile(b, call, call ? costs.get(call.session_id) : null);
    });
    if (!wanted.length) wanted.push(h("p", { text: t("counter.no_booths") }));
    // Moved only when the list changed: a node taken out and put back loses the focus.
    if (wanted.length !== board.children.length || wanted.some((el, i) => board.children[i] !== el)) board.replaceChildren(...wanted);
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
  main.replaceChildren(h("h1", { text: t("counter") }), banner, box, shift.section, board, panel.section, shift.payments, print.area);
  ctx.view.every(2000, refresh);
}

export default { path: "/counter", title: "counter", render };
