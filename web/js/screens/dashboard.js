// Dashboard: calls per hour today (an SVG bar chart drawn here), revenue today and this month
// (in the shop's zone).
import { query } from "../api.js";
import { h } from "../dom.js";
import { t, money, number, timeZone } from "../i18n.js";

const SVG = "http://www.w3.org/2000/svg";
function s(tag, attrs, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}

function hourOf(iso) {
  const parts = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", hourCycle: "h23", timeZone: timeZone() }).formatToParts(new Date(iso));
  return Number(parts.find((p) => p.type === "hour").value);
}

function chart(counts) {
  const most = Math.max(1, ...counts);
  const svg = s("svg", { viewBox: "0 0 480 200", role: "img", "aria-label": t("dashboard.per_hour"), class: "chart", id: "calls-chart" });
  counts.forEach((n, i) => {
    const height = Math.round((n / most) * 160);
    svg.append(s("rect", { x: i * 20 + 2, y: 170 - height, width: 16, height, class: "bar" }, undefined));
    if (n) svg.append(s("title", {}, `${i}:00 — ${n}`));
    if (i % 3 === 0) svg.append(s("text", { x: i * 20 + 10, y: 190, "text-anchor": "middle", class: "axis" }, String(i)));
  });
  return svg;
}

function revenue(calls) {
  const sums = {};
  for (const c of calls) sums[c.currency] = (sums[c.currency] || 0) + Math.round(Number(c.price) * 1e6);
  const lines = Object.entries(sums).map(([cur, micro]) => h("p", { class: "big", text: money((micro / 1e6).toFixed(6), cur) }));
  return lines.length ? lines : h("p", { class: "big", text: "—" });
}

function monthStart() {
  const parts = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", timeZone: timeZone() }).formatToParts(new Date());
  const get = (type) => parts.find((p) => p.type === type).value;
  return `${get("year")}-${get("month")}-01`;
}

async function render(main, ctx) {
  const api = ctx.api; // this screen's view: dropped once the operator moves on
  const [today, month] = await Promise.all([
    api("GET", "/v1/calls" + query({ zone: timeZone(), limit: 10000 })),
    api("GET", "/v1/calls" + query({ zone: timeZone(), from: monthStart(), limit: 10000 })),
  ]);
  const counts = new Array(24).fill(0);
  for (const c of today.calls) counts[hourOf(c.connect_at || c.call_at)] += 1;
  main.replaceChildren(h("h1", { text: t("dashboard") }),
    h("section", { class: "cards-row" },
      h("div", { class: "panel", id: "dash-calls" }, h("h2", { text: t("dashboard.calls_today") }), h("p", { class: "big", text: number(today.calls.length) })),
      h("div", { class: "panel", id: "dash-revenue" }, h("h2", { text: t("dashboard.revenue_today") }), revenue(today.calls)),
      h("div", { class: "panel", id: "dash-month" }, h("h2", { text: t("dashboard.revenue_month") }), revenue(month.calls))),
    h("section", { class: "panel" }, h("h2", { text: t("dashboard.per_hour") }), chart(counts)));
}

export default { path: "/", title: "dashboard", render };
