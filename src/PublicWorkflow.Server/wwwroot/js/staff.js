import { t, translate, switchLanguage, api } from "./i18n.js";

/** The signed-in member of staff, or a trip to the sign-in page. Wires the header's language and sign-out buttons. */
export async function signedIn(onLanguage) {
  translate();
  const response = await api("/api/v1/auth/me");
  if (response.status === 401) {
    location.href = "/staff/login.html";
    return null;
  }
  const me = await response.json();
  // Pages open to everyone (the catalog) show staff-only parts when this is set.
  sessionStorage.setItem("pwf.staff", me.role);
  // The name links to the password change.
  const name = Object.assign(document.createElement("a"), { href: "/staff/password.html", textContent: me.displayName ?? me.userName, title: t("changePassword") });
  name.style.color = "inherit";
  document.querySelector("#me").replaceChildren(name);
  document.querySelector("#language").addEventListener("click", () => { switchLanguage(); onLanguage?.(); });
  document.querySelector("#logout").addEventListener("click", async () => {
    await api("/api/v1/auth/logout", { method: "POST" });
    sessionStorage.removeItem("pwf.staff");
    location.href = "/staff/login.html";
  });
  return me;
}

// Idempotency keys of commands whose answer never came (no connection, 5xx, 429): the user's retry of the same command
// reuses the key, so a command that did go through is not done twice.
const unanswered = new Map();

/** A JSON command; the problem's detail is thrown as the error message. */
export async function send(method, path, body) {
  const request = `${method} ${path} ${body === undefined ? "" : JSON.stringify(body)}`;
  const key = unanswered.get(request) ?? crypto.randomUUID();
  unanswered.set(request, key);
  const response = await api(path, {
    method,
    headers: { "Content-Type": "application/json", "Idempotency-Key": key },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status < 500 && response.status !== 429) {
    unanswered.delete(request);
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new Error(json?.detail ?? json?.title ?? response.statusText);
  }
  return json;
}
