// One card: its details, ledger, recharge, PIN change and (administrators) the validity
// restarted from today (`cards touch`: the last-recharge date reset without recharging).
import { h, table, field, message } from "../dom.js";
import { t, money, dateTime } from "../i18n.js";

async function render(main, ctx) {
  const api = ctx.api; // this screen's view: dropped once the operator moves on
  const number = decodeURIComponent(ctx.params[0]);
  const c = await api("GET", `/v1/cards/${encodeURIComponent(number)}`);
  const ledger = await api("GET", `/v1/cards/${encodeURIComponent(number)}/ledger`);
  const box = h("div", { id: "card-message" });
  const amount = h("input", { id: "recharge-amount", inputmode: "decimal", required: true });
  const recharge = h("form", { id: "recharge-form", class: "panel" }, h("h2", { text: t("card.recharge") }),
    field(t("batch.amount"), amount), h("button", { type: "submit", text: t("card.recharge") }));
  recharge.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await api("POST", `/v1/cards/${encodeURIComponent(number)}/recharge`, { amount: amount.value, currency: c.currency });
      ctx.go(location.pathname);
    } catch (err) {
      message(box, err.message);
    }
  });
  const pinOut = h("p", { id: "new-pin" });
  const pin = h("button", { type: "button", id: "pin-change", text: t("card.new_pin") });
  pin.addEventListener("click", async () => {
    try {
      const r = await api("PUT", `/v1/cards/${encodeURIComponent(number)}/pin`, {});
      pinOut.textContent = t("card.pin_is", { pin: r.pin });
    } catch (err) {
      message(box, err.message);
    }
  });
  // Administrators only (the API refuses operators): restarts the validity from today.
  const touch = h("button", { type: "button", id: "card-touch", text: t("card.touch") });
  touch.addEventListener("click", async () => {
    try {
      const after = await api("POST", `/v1/cards/${encodeURIComponent(number)}/touch`, {});
      message(box, t("card.touched", { date: dateTime(after.expires_at) }), "ok");
      expires.textContent = dateTime(after.expires_at);
      lastRecharge.textContent = dateTime(after.last_recharged_at);
    } catch (err) {
      message(box, err.message);
    }
  });
  const expires = h("dd", { id: "card-expires", text: dateTime(c.expires_at) });
  const lastRecharge = h("dd", { id: "card-last-recharge", text: dateTime(c.last_recharged_at) });
  main.replaceChildren(
    h("h1", { text: `${t("card")} ${c.number}` }),
    h("dl", { class: "facts" },
      [["card.status", t("status." + c.status)], ["card.balance", money(c.balance, c.currency)], ["card.tariff", c.tariff],
       ["card.batch", c.batch ?? ""], ["card.created", dateTime(c.created_at)], ["card.activated", dateTime(c.activated_at)],
       ["card.last_recharge", lastRecharge], ["card.expires", expires]]
        .map(([k, v]) => [h("dt", { text: t(k) }), typeof v === "string" ? h("dd", { text: v }) : v]).flat()),
    box, recharge, h("div", { class: "panel" }, pin, pinOut, ctx.session.role === "administrator" ? touch : ""),
    h("h2", { text: t("card.ledger") }),
    table([
      { title: t("ledger.at"), value: (e) => dateTime(e.at) },
      { title: t("ledger.kind"), value: (e) => e.kind },
      { title: t("batch.amount"), value: (e) => money(e.amount, c.currency), class: "num" },
      { title: t("ledger.after"), value: (e) => money(e.balance_after, c.currency), class: "num" },
      { title: t("ledger.by"), value: (e) => e.actor ?? "" },
    ], ledger.entries));
}

export default { path: /^\/cards\/([^/]+)$/, title: "cards", render };
