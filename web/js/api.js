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

const inFlight = new Set();

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

export async function api(method, path, body) {
  const headers = { Accept: "application/json" };
  if (method !== "GET" && method !== "HEAD") headers["X-CSRF-Token"] = csrf;
  const init = { method, headers, credentials: "same-origin", cache: "no-store" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const sent = fetch(path, init);
  inFlight.add(sent);
  sent.finally(() => inFlight.delete(sent)).catch(() => {});
  const res = await sent;
  const type = res.headers.get("Content-Type") || "";
  const data = type.startsWith("application/json") ? await res.json() : await res.text();
  if (!res.ok) {
    if (res.status === 401 && path !== "/v1/session") window.dispatchEvent(new Event("prepaid:logged-out"));
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
/// ApiError carrying the refusal's details (every bad line of an import).
export function upload(method, path, body, type, progress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
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
      if (xhr.status === 401) window.dispatchEvent(new Event("prepaid:logged-out"));
      reject(new ApiError(xhr.status, data && data.error));
    });
    xhr.addEventListener("error", () => reject(new ApiError(0, { message: "network error" })));
    xhr.send(body);
  });
}
