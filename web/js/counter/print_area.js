// The counter's print view: one area of the page, a direct child of <main>, holding the text
// the server rendered for the thermal printer (a receipt, a shift report). When it is shown,
// printing shows only it, 80 mm wide (web/css/console.css, "@media print").
import { h } from "../dom.js";
import { t } from "../i18n.js";

/// The print area: `show(title, text)` puts the server's text in it; `hide()` empties it.
export function printArea() {
  const pre = h("pre", { class: "thermal", id: "print-text" });
  const title = h("h2", { id: "print-title" });
  const print = h("button", { type: "button", id: "print-button", text: t("print") });
  print.addEventListener("click", () => window.print());
  const close = h("button", { type: "button", id: "print-close", text: t("print.close") });
  const area = h("section", { class: "panel print-area", id: "print-area", hidden: true }, title, pre,
    h("div", { class: "actions" }, print, close));
  close.addEventListener("click", () => hide());
  function show(heading, text, width = 48) {
    title.textContent = heading;
    pre.setAttribute("data-width", String(width));
    pre.textContent = text;
    area.hidden = false;
    area.scrollIntoView({ block: "nearest" });
  }
  function hide() {
    area.hidden = true;
    pre.textContent = "";
  }
  return { area, show, hide };
}
