// Small helpers to build the page without HTML strings (no inline script, nothing to escape).
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "text") el.textContent = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/// A table: columns [{title, value(row) → text or node}], with an optional caption.
export function table(columns, rows, caption) {
  return h("div", { class: "table-wrap" },
    h("table", {},
      caption ? h("caption", { text: caption }) : null,
      h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col", text: c.title })))),
      h("tbody", {}, rows.map((r) => h("tr", {}, columns.map((c) => {
        const v = c.value(r);
        return h("td", { class: c.class || null }, v instanceof Node ? v : String(v ?? ""));
      }))))));
}

export function field(label, input) {
  return h("label", { class: "field" }, h("span", { text: label }), input);
}

export function message(box, text, kind = "error") {
  box.replaceChildren(text ? h("p", { class: kind, role: kind === "error" ? "alert" : "status", text }) : "");
}
