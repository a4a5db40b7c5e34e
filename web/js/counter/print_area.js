// The counter's print view: one area of the page, a direct child of the screen's view (in
// <main>), holding the text the server rendered for the thermal printer (a receipt, a shift
// report) at 40 or 48 columns — the operator's choice, kept in this browser. When it is shown,
// printing shows only it, 80 mm wide (web/css/console.css, "@media print").
import { h, field } from "../dom.js";
import { t } from "../i18n.js";

const WIDTHS = ["40", "48"];
const KEY = "prepaid.receipt_width";

/// The columns chosen in this browser (48 unless 40 was chosen).
export function printWidth() {
  const saved = localStorage.getItem(KEY);
  return WIDTHS.includes(saved) ? Number(saved) : 48;
}

/// The print area: `show(title, text, width, load)` puts the server's text (rendered at
/// `width` columns) in it; `load(width)` (async) renders it again at another width when the
/// operator changes it. `hide()` empties it.
export function printArea() {
  const pre = h("pre", { class: "thermal", id: "print-text" });
  const title = h("h2", { id: "print-title" });
  const width = h("select", { id: "print-width" }, WIDTHS.map((w) => h("option", { value: w, text: t("print.columns", { n: w }) })));
  const print = h("button", { type: "button", id: "print-button", text: t("print") });
  print.addEventListener("click", () => window.print());
  const close = h("button", { type: "button", id: "print-close", text: t("print.close") });
  const note = h("div", { id: "print-message" });
  const area = h("section", { class: "panel print-area", id: "print-area", hidden: true }, title, pre,
    h("div", { class: "actions" }, field(t("print.width"), width), print, close), note);
  let reload = null;
  let asked = 0;
  close.addEventListener("click", () => hide());
  width.addEventListener("change", async () => {
    localStorage.setItem(KEY, width.value);
    if (!reload) return;
    const mine = ++asked;
    note.replaceChildren();
    try {
      const text = await reload(Number(width.value));
      if (mine === asked) put(text, Number(width.value));
    } catch (err) {
      if (mine === asked) note.replaceChildren(h("p", { class: "error", role: "alert", text: err.message }));
    }
  });
  function put(text, columns) {
    pre.setAttribute("data-width", String(columns));
    pre.textContent = text;
  }
  function show(heading, text, columns = printWidth(), load = null) {
    title.textContent = heading;
    width.value = String(columns);
    reload = load;
    asked += 1;
    note.replaceChildren();
    put(text, columns);
    area.hidden = false;
    area.scrollIntoView({ block: "nearest" });
  }
  function hide() {
    area.hidden = true;
    reload = null;
    pre.textContent = "";
  }
  return { area, show, hide };
}
