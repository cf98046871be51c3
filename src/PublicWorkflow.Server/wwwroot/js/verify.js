import "./header.js";
import { t, translate, api, formatTime } from "./i18n.js";

const error = document.querySelector("#error");

function show(body) {
  const verdict = document.querySelector("#verdict");
  verdict.textContent = t({ valid: "verifyValid", altered: "verifyAltered", unknown: "verifyUnknown" }[body.status]);
  verdict.className = `verdict ${body.status}`;
  const details = document.querySelector("#details");
  details.replaceChildren(...[["resultNumber", body.number], ["issuedBy", body.agency], ["procedure", body.procedure], ["issuedAt", formatTime(body.issuedAt)]]
    .filter(([, value]) => value)
    .flatMap(([key, value]) => [Object.assign(document.createElement("dt"), { textContent: t(key) }), Object.assign(document.createElement("dd"), { textContent: value })]));
  document.querySelector("#verdict-card").hidden = false;
}

async function answer(response) {
  error.hidden = true;
  document.querySelector("#verdict-card").hidden = true;
  const body = await response.json().catch(() => ({}));
  if (response.ok) {
    show(body);
  } else {
    error.textContent = response.status === 429 ? t("tooMany") : body.detail ?? t("failed");
    error.hidden = false;
  }
}

async function byNumber(number) {
  await answer(await api(`/api/v1/public/results?number=${encodeURIComponent(number)}`));
}

document.querySelector("#by-number").addEventListener("submit", event => {
  event.preventDefault();
  byNumber(document.querySelector("#number").value.trim());
});

document.querySelector("#file").addEventListener("change", async event => {
  const file = event.target.files[0];
  if (!file) return;
  const form = new FormData();
  form.append("file", file, file.name);
  await answer(await api("/api/v1/public/results/verify", { method: "POST", body: form }));
});

translate();
// The result's QR code opens this page with its number.
const number = new URLSearchParams(location.search).get("number");
if (number) {
  document.querySelector("#number").value = number;
  byNumber(number);
}
