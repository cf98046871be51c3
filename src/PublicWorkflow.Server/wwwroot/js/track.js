import "./header.js";
import { t, translate, switchLanguage, api, levelName, formatTime } from "./i18n.js";
import { showSurvey } from "./survey.js";

const form = document.querySelector("#lookup");
const codeInput = document.querySelector("#code");
const keyInput = document.querySelector("#key");
const result = document.querySelector("#result");
const error = document.querySelector("#error");
const rating = document.querySelector("#rating");
let current = null;

function show(dossier) {
  current = dossier;
  const field = (id, value) => { document.querySelector(`#${id}`).textContent = value ?? "—"; };
  field("procedure", dossier.procedureName ?? dossier.procedureCode);
  field("status", dossier.statusName);
  field("step", dossier.currentStep);
  field("level", levelName(dossier.currentLevel));
  field("agency", dossier.agency);
  field("received", formatTime(dossier.receivedAt));
  field("appointment", formatTime(dossier.appointment));
  document.querySelector("#previous-row").hidden = !dossier.appointmentBeforeApology;
  document.querySelector("#previous-dd").hidden = !dossier.appointmentBeforeApology;
  field("previous", formatTime(dossier.appointmentBeforeApology));
  const timeliness = document.querySelector("#timeliness");
  timeliness.textContent = dossier.onTime === true ? t("onTime") : dossier.onTime === false ? t("late") : t("inProgress");
  timeliness.className = dossier.onTime === false ? "late" : "on-time";
  // What the agency asked for: the procedure's documents by name; anything written by hand is on the paper only.
  document.querySelector("#missing").hidden = dossier.missing.length === 0 && dossier.otherMissing === 0;
  document.querySelector("#missing-list").replaceChildren(...dossier.missing.map(m => Object.assign(document.createElement("li"), { textContent: m })));
  document.querySelector("#missing-other").hidden = dossier.otherMissing === 0;
  document.querySelector("#missing-other").textContent = t("otherMissing").replace("{n}", String(dossier.otherMissing));
  result.hidden = false;
  rating.hidden = !dossier.canRate;
  document.querySelector("#rated").hidden = !dossier.rated;
  document.querySelector("#survey").hidden = true;
  if (dossier.canSurvey) {
    showSurvey(document.querySelector("#survey"), dossier.code, key);
  }
}

// The lookup key is the citizen's secret: it stays in this page's memory and the request, never in the address bar.
let key = "";

async function track(code) {
  error.hidden = true;
  result.hidden = true;
  try {
    const response = await api(`/api/v1/public/dossiers/${encodeURIComponent(code)}?key=${encodeURIComponent(key)}`);
    if (response.ok) {
      show(await response.json());
      history.replaceState(null, "", `?code=${encodeURIComponent(code)}`);
    } else {
      error.textContent = response.status === 404 ? t("notFound") : response.status === 429 ? t("tooMany") : t("badCode");
      error.hidden = false;
    }
  } catch {
    error.textContent = t("failed");
    error.hidden = false;
  }
}

form.addEventListener("submit", event => {
  event.preventDefault();
  key = keyInput.value.trim();
  track(codeInput.value.trim());
});

document.querySelectorAll(".stars input").forEach(input => input.addEventListener("change", () => {
  document.querySelectorAll(".stars label").forEach(label => {
    label.classList.toggle("on", Number(label.dataset.value) <= Number(input.value));
  });
}));

rating.addEventListener("submit", async event => {
  event.preventDefault();
  const chosen = rating.querySelector("input[name=rating]:checked");
  if (!chosen || !current) return;
  const response = await api(`/api/v1/public/dossiers/${encodeURIComponent(current.code)}/rating?key=${encodeURIComponent(key)}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ rating: Number(chosen.value), comment: document.querySelector("#comment").value || null }),
  });
  if (response.ok) {
    rating.hidden = true;
    document.querySelector("#thanks").hidden = false;
  } else {
    error.textContent = (await response.json()).detail ?? t("failed");
    error.hidden = false;
  }
});

document.querySelector("#language").addEventListener("click", () => {
  switchLanguage();
  if (current) track(current.code);
});

translate();
// The receipt's QR code opens this page with the code and the key.
const opened = new URLSearchParams(location.search);
if (opened.get("code")) {
  codeInput.value = opened.get("code");
  keyInput.value = key = opened.get("key") ?? "";
  if (key) track(codeInput.value);
}
