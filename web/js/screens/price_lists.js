// A tariff's price lists (/prices/{tariff}/lists): their sizes, each exported as its CSV rate
// deck; administrators import a CSV into a list (new or replaced) with a progress bar, and the
// API's refusal (every bad line) shown as it came — a refused import changes nothing.
import { h, table, field, message } from "../dom.js";
import { t } from "../i18n.js";

async function render(main, ctx) {
  const api = ctx.api; // this screen's view: dropped once the operator moves on
  const tariff = decodeURIComponent(ctx.params[0]);
  const base = `/v1/tariffs/${encodeURIComponent(tariff)}/lists`;
  const admin = ctx.session.role === "administrator";
  const box = h("div", { id: "lists-message" });
  const lists = h("div", { id: "price-lists" });

  async function refresh() {
    const r = await api("GET", base);
    lists.replaceChildren(table([
      { title: t("prices.list"), value: (l) => l.name },
      { title: t("lists.rates"), value: (l) => l.rates, class: "num" },
      { title: "", value: (l) => h("a", { class: "list-export", href: `${base}/${encodeURIComponent(l.name)}`,
        download: `${tariff}-${l.name}.csv`, text: t("lists.export") }) },
    ], r.lists));
  }

  const parts = [h("h1", { text: t("lists.title", { tariff }) }),
    h("p", {}, h("a", { href: "/prices", "data-link": "", text: t("prices") })), box, lists];
  if (admin) {
    const name = h("input", { id: "import-list", required: true });
    const file = h("input", { id: "import-file", type: "file", accept: ".csv,text/csv", required: true });
    const empty = h("input", { id: "import-allow-empty", type: "checkbox" });
    const bar = h("progress", { id: "import-progress", max: 100, value: 0, hidden: true });
    const result = h("div", { id: "import-result", "aria-live": "polite" });
    const form = h("form", { class: "panel", id: "import-form" }, h("h2", { text: t("lists.import") }),
      field(t("prices.list"), name), field(t("lists.file"), file),
      h("label", { class: "check" }, empty, " ", t("lists.allow_empty")),
      h("div", { class: "actions" }, h("button", { type: "submit", id: "import-submit", text: t("lists.import") }), bar), result);
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      message(box, "");
      result.replaceChildren();
      if (!file.files.length) return message(box, t("lists.no_file"));
      bar.hidden = false;
      bar.value = 0;
      bar.max = 100;
      try {
        const path = `${base}/${encodeURIComponent(name.value)}${empty.checked ? "?allow_empty=true" : ""}`;
        const r = await ctx.view.upload("PUT", path, file.files[0], "text/csv", (sent, total) => {
          if (total) bar.value = Math.round((100 * sent) / total);
          if (sent === total) bar.removeAttribute("value"); // sent: the server checks every line
        });
        bar.value = 100;
        result.replaceChildren(h("p", { class: "ok", id: "import-done", role: "status",
          text: t("lists.imported", { rates: r.rates, list: r.list, version: r.tariff_version }) }));
        await refresh();
      } catch (err) {
        bar.hidden = true;
        result.replaceChildren(h("div", { class: "error", id: "import-refused", role: "alert" },
          h("p", { text: t("lists.refused", { message: err.message }) }),
          err.details.length ? h("ul", {}, err.details.map((d) => h("li", { text: d }))) : null));
      }
    });
    parts.push(form);
  }
  main.replaceChildren(...parts);
  await refresh();
}

export default { path: /^\/prices\/([^/]+)\/lists$/, title: "lists", render };
