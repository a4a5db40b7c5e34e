// Dashboard: calls today and revenue today and this month, calls per hour today and revenue
// per day this month as SVG bar charts, in the shop's zone. Every figure is the server's
// (GET /v1/calls/summary: counted and summed by the database); amounts are its decimal
// strings, formatted here, never added up here.
import { query } from "../api.js";
import { h } from "../dom.js";
import { t, number, language, timeZone } from "../i18n.js";

const SVG = "http://www.w3.org/2000/svg";
function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) el.append(c);
  return el;
}

/// A decimal amount ("12.345") in its currency, for the language. The string goes to Intl as
/// it is: formatted exactly, not through a binary number.
function exactMoney(amount, currency) {
  try {
    return new Intl.NumberFormat(language(), { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 6 }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

// The server's local times read as they are written ("2026-10-25T03:00:00+02:00").
const clock = (local) => local.slice(11, 16);
const offset = (local) => local.slice(19);
const dayOfMonth = (local) => Number(local.slice(8, 10));

/// The figure's geometry: as wide as its panel in CSS pixels (the bars fill it and the text
/// keeps its size, on a counter PC as on a phone), axis labels at least LABEL_GAP apart.
const PLOT_TOP = 22;
const LABEL_GAP = 24;
const PLOT_BOTTOM = 176;
const HEIGHT = 200;

function callsChart(summary, width) {
  const periods = summary.periods;
  const most = Math.max(1, ...periods.map((p) => p.calls));
  const slot = width / Math.max(1, periods.length);
  const every = Math.ceil(LABEL_GAP / slot);
  const repeated = (p) => periods.filter((q) => clock(q.start) === clock(p.start)).length > 1;
  const svg = s("svg", { viewBox: `0 0 ${width} ${HEIGHT}`, role: "img", "aria-label": t("dashboard.per_hour"), class: "chart", id: "calls-chart" });
  periods.forEach((p, i) => {
    const height = Math.round((p.calls / most) * (PLOT_BOTTOM - PLOT_TOP));
    const x = i * slot;
    const when = `${clock(p.start)}–${clock(p.end)}${repeated(p) ? " (UTC" + offset(p.start) + ")" : ""}`;
    const title = s("title", {});
    title.textContent = t("dashboard.hour_title", { hour: when, calls: number(p.calls) });
    svg.append(s("rect", { x: (x + slot * 0.1).toFixed(1), y: PLOT_BOTTOM - height, width: (slot * 0.8).toFixed(1), height, class: "bar", "data-start": p.start, "data-calls": p.calls }, title));
    if (p.calls) {
      const count = s("text", { x: (x + slot / 2).toFixed(1), y: PLOT_BOTTOM - height - 4, "text-anchor": "middle", class: "count" });
      count.textContent = number(p.calls);
      svg.append(count);
    }
    if (i % every) return;
    const label = s("text", { x: (x + slot / 2).toFixed(1), y: HEIGHT - 5, "text-anchor": "middle", class: "axis" });
    label.textContent = String(Number(clock(p.start).slice(0, 2)));
    svg.append(label);
  });
  return svg;
}

/// Revenue per day: one series of bars per currency, side by side, each scaled to its own
/// largest day (amounts of two currencies are not comparable).
function revenueChart(summary, width) {
  const currencies = summary.total.revenue.map((r) => r.currency);
  const periods = summary.periods;
  const slot = width / Math.max(1, periods.length);
  const every = Math.ceil(LABEL_GAP / slot);
  const bar = (slot * 0.8) / Math.max(1, currencies.length);
  const svg = s("svg", { viewBox: `0 0 ${width} ${HEIGHT}`, role: "img", "aria-label": t("dashboard.per_day"), class: "chart", id: "revenue-chart" });
  const day = new Intl.DateTimeFormat(language(), { day: "numeric", month: "short", timeZone: summary.zone });
  // Heights only: the amount read as a number to size its bar, its text is the server's.
  const most = Object.fromEntries(currencies.map((c) => [c, Math.max(...periods.map((p) => Number(p.revenue.find((r) => r.currency === c)?.amount ?? 0)), 0)]));
  periods.forEach((p, i) => {
    const x = i * slot + slot * 0.1;
    currencies.forEach((c, k) => {
      const r = p.revenue.find((v) => v.currency === c);
      if (!r) return;
      const height = most[c] > 0 ? Math.max(1, Math.round((Number(r.amount) / most[c]) * (PLOT_BOTTOM - PLOT_TOP))) : 0;
      const title = s("title", {});
      title.textContent = `${day.format(new Date(p.start))}: ${exactMoney(r.amount, c)}`;
      svg.append(s("rect", { x: (x + k * bar).toFixed(1), y: PLOT_BOTTOM - height, width: Math.max(1, bar - 1).toFixed(1), height, class: `bar series-${k % 4}`, "data-start": p.start, "data-currency": c, "data-amount": r.amount }, title));
    });
    if (i % every) return;
    const label = s("text", { x: (i * slot + slot / 2).toFixed(1), y: HEIGHT - 5, "text-anchor": "middle", class: "axis" });
    label.textContent = String(dayOfMonth(p.start));
    svg.append(label);
  });
  const legend = h("ul", { class: "legend" }, summary.total.revenue.map((r, k) =>
    h("li", {}, h("span", { class: `swatch series-${k % 4}` }), `${r.currency}: ${exactMoney(r.amount, r.currency)}`)));
  return h("div", {}, svg, currencies.length ? legend : h("p", { class: "hint", text: t("dashboard.no_revenue") }));
}

function revenue(total, id) {
  const lines = total.revenue.map((r) => h("p", { class: "big revenue", "data-currency": r.currency, "data-amount": r.amount, text: exactMoney(r.amount, r.currency) }));
  return h("div", { id }, lines.length ? lines : h("p", { class: "big", text: "—" }));
}

/// The first day of this month and of the next, as local dates of the shop's zone.
function month() {
  const parts = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", timeZone: timeZone() }).formatToParts(new Date());
  const year = Number(parts.find((p) => p.type === "year").value);
  const m = Number(parts.find((p) => p.type === "month").value);
  const date = (y, mm) => `${y}-${String(mm).padStart(2, "0")}-01`;
  return { from: date(year, m), to: m === 12 ? date(year + 1, 1) : date(year, m + 1) };
}

async function render(main, ctx) {
  const api = ctx.api; // this screen's view: dropped once the operator moves on
  const { from, to } = month();
  const [today, thisMonth] = await Promise.all([
    api("GET", "/v1/calls/summary" + query({ zone: timeZone(), by: "hour" })),
    api("GET", "/v1/calls/summary" + query({ zone: timeZone(), from, to, by: "day" })),
  ]);
  const perHour = h("div", {});
  const perDay = h("div", {});
  main.replaceChildren(h("h1", { text: t("dashboard") }),
    h("section", { class: "cards-row" },
      h("div", { class: "panel", id: "dash-calls" }, h("h2", { text: t("dashboard.calls_today") }), h("p", { class: "big", "data-calls": today.total.calls, text: number(today.total.calls) })),
      h("div", { class: "panel", id: "dash-revenue" }, h("h2", { text: t("dashboard.revenue_today") }), revenue(today.total, "dash-revenue-today")),
      h("div", { class: "panel", id: "dash-month" }, h("h2", { text: t("dashboard.revenue_month") }), revenue(thisMonth.total, "dash-revenue-month"))),
    h("section", { class: "panel" }, h("h2", { text: t("dashboard.per_hour") }), perHour),
    h("section", { class: "panel" }, h("h2", { text: t("dashboard.per_day") }), perDay));
  // Drawn once their panels are laid out, at their width.
  perHour.replaceChildren(callsChart(today, perHour.clientWidth || 960));
  perDay.replaceChildren(revenueChart(thisMonth, perDay.clientWidth || 960));
}

export default { path: "/", title: "dashboard", render };
