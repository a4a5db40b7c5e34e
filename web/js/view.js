// One navigation's scope. Every screen the router shows gets a fresh View: its own container
// element in <main>, its own AbortController and its own timers. When the operator navigates
// or logs out, the router closes the view: its requests in flight are aborted, its polls
// stop, and any answer, render or poll that still completes belongs to a dead view and is
// dropped (`Cancelled`), so an older screen can never write over the newer one.
import { api, upload, Cancelled } from "./api.js";
import { h } from "./dom.js";

let last = 0;

export class View {
  /// A new view, the only child of `parent` (the previous view's element is replaced).
  constructor(parent) {
    this.generation = ++last;
    this.controller = new AbortController();
    this.timers = new Set();
    this.element = h("div", { class: "view", "data-generation": String(this.generation) });
    parent.replaceChildren(this.element);
  }

  /// True until the router closes the view.
  get alive() {
    return !this.controller.signal.aborted;
  }

  /// The API call of this view: aborted when the view closes; an answer that arrives after
  /// that rejects with `Cancelled` instead of reaching the screen.
  async api(method, path, body) {
    if (!this.alive) throw new Cancelled();
    const r = await api(method, path, body, this.controller.signal);
    if (!this.alive) throw new Cancelled();
    return r;
  }

  /// `upload()` (a CSV with its progress) in this view's scope.
  async upload(method, path, body, type, progress) {
    if (!this.alive) throw new Cancelled();
    const r = await upload(method, path, body, type, (sent, total) => this.alive && progress(sent, total), this.controller.signal);
    if (!this.alive) throw new Cancelled();
    return r;
  }

  /// Runs `fn` (async) every `ms` milliseconds after the previous run has finished (never two
  /// at once, whatever the server's speed), until the view closes. Errors are the poll's own:
  /// the next run tries again.
  every(ms, fn) {
    const tick = async () => {
      this.timers.delete(timer);
      if (!this.alive) return;
      try {
        await fn();
      } catch {
        /* the next run tries again; a cancelled run ends with the view */
      }
      if (this.alive) {
        timer = setTimeout(tick, ms);
        this.timers.add(timer);
      }
    };
    let timer = setTimeout(tick, ms);
    this.timers.add(timer);
  }

  /// Marks the screen rendered (`data-ready` on its element: what tests wait for).
  ready() {
    if (this.alive) this.element.dataset.ready = "";
  }

  /// Ends the view: aborts its requests and stops its timers. Idempotent.
  close() {
    this.controller.abort();
    for (const id of this.timers) clearTimeout(id);
    this.timers.clear();
  }
}
