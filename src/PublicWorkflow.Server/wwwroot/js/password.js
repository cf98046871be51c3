import "./header.js";
import { t, api } from "./i18n.js";
import { signedIn } from "./staff.js";

await signedIn();
const error = document.querySelector("#error");

document.querySelector("#change").addEventListener("submit", async event => {
  event.preventDefault();
  error.hidden = true;
  const newPassword = document.querySelector("#new").value;
  if (newPassword !== document.querySelector("#confirm").value) {
    error.textContent = t("passwordsDiffer");
    error.hidden = false;
    return;
  }
  const response = await api("/api/v1/auth/password", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ currentPassword: document.querySelector("#current").value, newPassword }),
  });
  if (!response.ok) {
    const problem = await response.json();
    // The field's own reason (wrong current password, too short, contains the user name…).
    error.textContent = Object.values(problem.errors ?? {}).flat()[0] ?? problem.detail ?? problem.title;
    error.hidden = false;
    return;
  }
  // Every session of the account ended with the change, this one too: sign in again with the new password.
  sessionStorage.removeItem("pwf.staff");
  document.querySelector("#done").hidden = false;
  setTimeout(() => { location.href = "/staff/login.html"; }, 2500);
});
