// The console's only way to the server: the JSON API (/v1) with the session cookie and,
// on every change, the session's CSRF token.
let csrf = "";

export class ApiError extends Error {
  constructor(status, error) {
    super(error && error.message ? error.message : `HTTP ${status}`);
    this.status = status;
    this.code = error && error.code ? error.code : "http_error";
    this.field = error && error.field ? error.field : "";
    this.details = error && Array.isArray(error.details) ? error.details : [];
  }
}

/// A request, render or poll of a screen the operator has left (its view closed) or of a
/// session that has ended: dropped without a word (not an error for the page or its console).
export class Cancelled extends Error {
  constructor() {
    super("cancelled");
    this.name = "Cancelled";
  }
}

export const isCancelled = (err) => err instanceof Cancelled || (err && err.name === "AbortError");

// Incremented at logout: a 401 answering a request sent before it is the logout's, not an error.
let epoch = 0;
export function endSession() {
  epoch += 1;
}

// Unhandled rejections of cancelled work are not errors either.
window.addEventListener("unhandledrejection", (e) => {
  if (isCancelled(e.reason)) e.preventDefault();
});

const inFlight = new Set();
let sentCount = 0;
// What the tests wait on: the requests in flight (data-requests) and sent so far (data-sent).
function count() {
  document.documentElement.dataset.requests = String(inFlight.size);
  document.documentElement.dataset.sent = String(sentCount);
}

/// Resolves when the requests sent so far have been answered, or after `ms` milliseconds:
/// logging out waits for them so that none is answered 401 by a session already closed.
export async function settled(ms) {
  const end = Date.now() + ms;
  // A screen that awaits one answer may send its next request then: wait until none is left.
  while (inFlight.size && Date.now() < end) {
    await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, end - Date.now()))]);
    await new Promise((r) => setTimeout(r, 0));
  }
}

export function setCsrf(token) {
  csrf = token || "";
}

/// One API call. `signal`: its view's AbortSignal (see view.js); aborted, it rejects with
/// `Cancelled`. A 401 (the session expired) sends `prepaid:logged-out`, unless the session
/// was ended by the console since the request was sent.
export async function api(method, path, body, signal) {
  const headers = { Accept: "application/json" };
  if (method !== "GET" && method !== "HEAD") headers["X-CSRF-Token"] = csrf;
  const init = { method, headers, credentials: "same-origin", cache: "no-store", signal };
  const sentIn = epoch;
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const sent = fetch(path, init);
  inFlight.add(sent);
  sentCount += 1;
  count();
  sent
    .finally(() => {
      inFlight.delete(sent);
      count();
    })
    .catch(() => {});
  let res;
  let data;
  try {
    res = await sent;
    const type = res.headers.get("Content-Type") || "";
    data = type.startsWith("application/json") ? await res.json() : await res.text();
  } catch (err) {
    if (isCancelled(err) || (signal && signal.aborted)) throw new Cancelled();
    throw err;
  }
  if (signal && signal.aborted) throw new Cancelled();
  if (!res.ok) {
    if (res.status === 401 && path !== "/v1/session") {
      if (sentIn !== epoch) throw new Cancelled();
      window.dispatchEvent(new Event("prepaid:logged-out"));
    }
    throw new ApiError(res.status, data && data.error);
  }
  return data;
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== "" && v !== undefined && v !== null) q.append(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}

/// Sends `body` (a File or text) as `type` with the CSRF header, reporting the upload's progress
/// to `progress(sent, total)` (fetch cannot); resolves with the JSON answer, rejects with an
/// ApiError carrying the refusal's details (every bad line of an import). `signal` aborts it
/// (rejecting with `Cancelled`).
export function upload(method, path, body, type, progress, signal) {
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) return reject(new Cancelled());
    const xhr = new XMLHttpRequest();
    const sentIn = epoch;
    if (signal) signal.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.addEventListener("abort", () => reject(new Cancelled()));
    xhr.open(method, path);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("Content-Type", type);
    xhr.setRequestHeader("X-CSRF-Token", csrf);
    xhr.upload.addEventListener("progress", (e) => progress(e.loaded, e.lengthComputable ? e.total : 0));
    xhr.addEventListener("load", () => {
      let data = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data);
      if (xhr.status === 401) {
        if (sentIn !== epoch) return reject(new Cancelled());
        window.dispatchEvent(new Event("prepaid:logged-out"));
      }
      reject(new ApiError(xhr.status, data && data.error));
    });
    xhr.addEventListener("error", () => reject(new ApiError(0, { message: "network error" })));
    xhr.send(body);
  });
}
