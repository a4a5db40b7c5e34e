// Counter: a tile per booth (state, number dialled, elapsed, running cost), refreshed every
// 2 s; open prepaid/postpaid, checkout; the shift's open and close with its report.
import { api, query } from "../api.js";
import { h, field, message, table } from "../dom.js";
import { t, money, dateTime } from "../i18n.js";

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
  const shiftBox = h("section", { class: "panel", id: "shift" });

  async function act(method, path, body) {
    message(box, "");
    try {
      await api(method, path, body);
      await refresh();
    } catch (err) {
      message(box, err.message);
    }
  }

  function tile(b, calls) {
    const s = b.session;
    const call = calls.find((c) => c.card === b.number);
    const amount = h("input", { "aria-label": t("counter.deposit"), inputmode: "decimal", size: 6, class: "deposit", "data-booth": b.number });
    const buttons = [];
    if (b.state === "free") {
      const pre = h("button", { type: "button", class: "open-prepaid", text: t("counter.open_prepaid") });
      pre.addEventListener("click", () => act("POST", `/v1/booths/${b.number}/open`, { prepaid: amount.value }));
      const post = h("button", { type: "button", class: "open-postpaid", text: t("counter.open_postpaid") });
      post.addEventListener("click", () => act("POST", `/v1/booths/${b.number}/open`, { postpaid: amount.value }));
      buttons.push(amount, pre, post);
    } else if (b.state === "open" || b.state === "awaiting_checkout") {
      const out = h("button", { type: "button", class: "checkout", text: t("counter.checkout") });
      out.addEventListener("click", () => act("POST", `/v1/booths/${b.number}/close`, {}));
      buttons.push(out);
    }
    // Payments of selected calls, unserved calls and receipts: routes being built
    // (docs/web-console.md, "Counter"); their buttons join here.
    return h("article", { class: `tile state-${b.state}`, id: `booth-${b.number}`, "data-state": b.state },
      h("h2", { text: b.label }),
      h("p", { class: "state", text: t("booth." + b.state) }),
      call ? h("p", { class: "call" }, h("span", { class: "dialed", text: call.called || call.digits || "" }), " ",
        h("span", { class: "elapsed", text: elapsed(call.up_s || 0) })) : null,
      s ? h("p", { class: "spent", text: `${t("counter.spent")}: ${money(s.spent, b.currency)}` }) : null,
      s && s.available !== undefined ? h("p", { class: "available", text: `${t("counter.available")}: ${money(s.available, b.currency)}` }) : null,
      h("div", { class: "tile-actions" }, buttons));
  }

  async function refresh() {
    const [booths, online] = await Promise.all([api("GET", "/v1/booths"), api("GET", "/v1/online")]);
    board.replaceChildren(...booths.booths.map((b) => tile(b, online.sessions)));
    if (!booths.booths.length) board.replaceChildren(h("p", { text: t("counter.no_booths") }));
  }

  async function shift() {
    const r = await api("GET", "/v1/shifts" + query({ open: "true", limit: 5 }));
    const mine = r.shifts.find((s) => s.operator === ctx.session.operator && !s.closed_at);
    if (!mine) {
      const float = h("input", { id: "shift-float", inputmode: "decimal", value: "0.00" });
      const open = h("button", { type: "button", id: "shift-open", text: t("shift.open") });
      open.addEventListener("click", () => act("POST", "/v1/shifts", { float: float.value }).then(shift));
      shiftBox.replaceChildren(h("h2", { text: t("shift") }), field(t("shift.float"), float), open);
      return;
    }
    const counted = h("input", { id: "shift-counted", inputmode: "decimal" });
    const close = h("button", { type: "button", id: "shift-close", text: t("shift.close") });
    close.addEventListener("click", async () => {
      try {
        const rep = await api("POST", `/v1/shifts/${mine.id}/close`, { counted: counted.value });
        shiftBox.replaceChildren(h("h2", { text: t("shift.report") }), table([
          { title: t("shift.line"), value: (r) => t(r[0]) }, { title: "", value: (r) => money(r[1], rep.currency), class: "num" }],
          [["shift.float", rep.opening_float], ["shift.cash_in", rep.cash_in], ["shift.cash_out", rep.cash_out], ["shift.expected", rep.expected], ["shift.counted", rep.counted], ["shift.difference", rep.difference]]));
      } catch (err) {
        message(box, err.message);
      }
    });
    shiftBox.replaceChildren(h("h2", { text: t("shift") }),
      h("p", { id: "shift-state", text: t("shift.opened_at", { at: dateTime(mine.opened_at) }) }),
      field(t("shift.counted"), counted), close);
  }

  main.replaceChildren(h("h1", { text: t("counter") }), box, shiftBox, board);
  await Promise.all([refresh(), shift().catch((err) => shiftBox.replaceChildren(h("p", { text: err.message })))]);
  stop();
  timer = setInterval(() => {
    if (location.pathname !== "/counter") return stop();
    refresh().catch(() => {});
  }, 2000);
}

export default { path: "/counter", title: "counter", render, stop };
