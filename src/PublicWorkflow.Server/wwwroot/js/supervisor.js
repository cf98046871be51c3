import "./header.js";
import { t, translate, api, kindName, formatTime } from "./i18n.js";
import { signedIn, send } from "./staff.js";
import { feedbackMeasureRows, feedbackMeasureHeads } from "./feedback-measures.js";

function cells(row, values) {
  row.replaceChildren(...values.map(v => {
    const cell = document.createElement("td");
    if (v instanceof Node) cell.append(v); else cell.textContent = v ?? "—";
    return cell;
  }));
  return row;
}

/** A rate as a percentage with a small bar: the chart of the indicators table. */
function rate(value) {
  if (value === null || value === undefined) return "—";
  const span = document.createElement("span");
  span.textContent = `${Math.round(value * 1000) / 10}%`;
  const bar = Object.assign(document.createElement("span"), { className: "bar" });
  bar.style.width = `${Math.round(value * 60)}px`;
  span.append(bar);
  return span;
}

function action(key, run, errorBox) {
  const b = Object.assign(document.createElement("button"), { type: "button", textContent: t(key) });
  b.addEventListener("click", async () => {
    errorBox.hidden = true;
    try {
      await run();
      await load();
    } catch (error) {
      errorBox.textContent = error.message;
      errorBox.hidden = false;
    }
  });
  return b;
}

/**
 * "Reassign" opens the list of who can take the task (its agency's or branch's clerks and team leads, those with the
 * step's job role first) with a button to give it to the one chosen.
 */
function reassign(taskId, errorBox) {
  const open = Object.assign(document.createElement("button"), { type: "button", textContent: t("reassign") });
  open.addEventListener("click", async () => {
    errorBox.hidden = true;
    try {
      const people = await send("GET", `/api/v1/tasks/${taskId}/assignees`);
      const select = document.createElement("select");
      select.setAttribute("aria-label", t("assignee"));
      select.append(...people.map(p => Object.assign(document.createElement("option"), {
        value: p.userName,
        textContent: `${p.displayName} (${p.userName})${p.hasStepRole ? "" : ` — ${t("otherJobRole")}`}`,
      })));
      const give = action("assign", () => send("POST", `/api/v1/tasks/${taskId}/reassign`, { assignee: select.value }), errorBox);
      give.disabled = people.length === 0;
      open.replaceWith(select, give);
    } catch (error) {
      errorBox.textContent = error.message;
      errorBox.hidden = false;
    }
  });
  return open;
}

async function loadMeasures() {
  const query = `from=${iso(from.value)}&to=${iso(to.value)}&groupBy=${groupBy.value}`;
  document.querySelector("#csv").href = `/api/v1/supervision/measures?${query}&format=csv`;
  loadHubMeasures(`from=${iso(from.value)}&to=${iso(to.value)}`);
  const response = await api(`/api/v1/supervision/measures?${query}`);
  if (!response.ok) {
    document.querySelector("#measures-card").hidden = true;
    return;
  }
  const rows = await response.json();
  document.querySelector("#measures tbody").replaceChildren(...rows.map(r => cells(document.createElement("tr"), [
    r.group, String(r.received), String(r.resolved), rate(r.onTimeRate), rate(r.pendingNotOverdueRate), r.averageWorkingDays ?? "—",
    rate(r.onlineRate), rate(r.digitizedInputsRate), rate(r.documentReuseRate), rate(r.onlinePaymentRate), rate(r.satisfactionRate)])));
}

async function loadAlerts() {
  const errorBox = document.querySelector("#alerts-error");
  const alerts = await (await api("/api/v1/supervision/alerts?acknowledged=false")).json();
  document.querySelector("#alerts tbody").replaceChildren(...alerts.map(a => {
    const buttons = document.createElement("span");
    if (a.taskId) {
      buttons.append(reassign(a.taskId, errorBox));
    }
    buttons.append(action("acknowledge", () => send("POST", `/api/v1/supervision/alerts/${a.id}/acknowledge`), errorBox));
    const row = cells(document.createElement("tr"), [kindName(a.kind), a.dossierCode, a.recipient, formatTime(a.raisedAt), buttons]);
    row.dataset.kind = a.kind;
    return row;
  }));
  document.querySelector("#alerts-none").hidden = alerts.length > 0;
}

async function loadDossiers(filter, table) {
  const response = await api(`/api/v1/dossiers?${filter}&pageSize=50`);
  const page = response.ok ? await response.json() : { items: [] };
  document.querySelector(`${table} tbody`).replaceChildren(...page.items.map(d => cells(document.createElement("tr"),
    [d.code, d.procedureName, d.agencyName ?? d.agencyCode, formatTime(d.appointment)])));
}

async function loadIncidents() {
  const response = await api("/api/v1/supervision/incidents");
  if (!response.ok) {
    document.querySelector("#incidents-card").hidden = true;
    return;
  }
  const incidents = await response.json();
  const errorBox = document.querySelector("#alerts-error");
  document.querySelector("#incidents tbody").replaceChildren(...incidents.map(i => cells(document.createElement("tr"),
    [i.dossierCode, i.handler, i.error, action("retry", () => send("POST", `/api/v1/supervision/incidents/${i.id}/retry`), errorBox)])));
  document.querySelector("#incidents-none").hidden = incidents.length > 0;
}

// Indicators and incidents are the supervisor's; a team lead's page does not ask for them (it would only be refused).
let supervisor = false;

/** Days off the calendar marks uncertain and no administrator has decided yet: deadlines treat them as days off meanwhile. */
async function loadUncertainDays() {
  const days = (await (await api("/api/v1/calendar/uncertain")).json()).filter(d => d.dayOff === null);
  document.querySelector("#calendar-card").hidden = days.length === 0;
  document.querySelector("#uncertain-days").replaceChildren(...days.map(d => {
    const item = document.createElement("li");
    item.textContent = `${shown(d.date)}: ${d.name}${d.note ? ` (${d.note})` : ""}`;
    item.dataset.date = d.date;
    return item;
  }));
}

/** The last integrity check of the kept files: a file lost or changed behind the system's back is named by its hash. */
function showFileCheck(check) {
  const text = document.querySelector("#file-check");
  text.textContent = check.checkedAt === null ? t("noFileCheck")
    : `${formatTime(check.checkedAt)}: ${check.files} ${t("filesChecked")}, ${check.missing} ${t("filesMissing")}, ${check.altered} ${t("filesAltered")}`;
  text.className = check.missing + check.altered > 0 ? "late" : "on-time";
  document.querySelector("#file-problems").replaceChildren(...check.problems.map(p => Object.assign(document.createElement("li"), { textContent: p })));
}

async function loadFileCheck() {
  showFileCheck(await (await api("/api/v1/supervision/file-checks")).json());
}

document.querySelector("#check-files").addEventListener("click", async () => showFileCheck(await send("POST", "/api/v1/supervision/file-checks")));

async function load() {
  document.querySelector("#measures-card").hidden = document.querySelector("#incidents-card").hidden = !supervisor;
  document.querySelector("#file-check-card").hidden = !supervisor;
  await Promise.all([supervisor ? loadMeasures() : null, loadAlerts(), loadDossiers("overdue=true", "#overdue"), loadDossiers("atRisk=true", "#at-risk"),
    supervisor ? loadIncidents() : null, supervisor ? loadFileCheck() : null, loadUncertainDays()]);
}

/** The Customer Support and Care hub's measures for the same period (the supervisor's; team leads do not get them). */
async function loadHubMeasures(query) {
  const response = await api(`/api/v1/feedback-measures?${query}`);
  document.querySelector("#hub-card").hidden = !response.ok;
  if (!response.ok) return;
  document.querySelector("#hub-measures thead tr").replaceChildren(...feedbackMeasureHeads().map(text => Object.assign(document.createElement("th"), { textContent: text })));
  document.querySelector("#hub-measures tbody").replaceChildren(...feedbackMeasureRows(await response.json()));
}

const from = document.querySelector("#from");
const to = document.querySelector("#to");
const groupBy = document.querySelector("#group-by");
// Dates are typed and shown day/month/year, as Vietnamese forms write them, whatever the browser's own locale is;
// the API gets ISO dates.
const iso = text => { const [d, m, y] = text.trim().split("/"); return `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`; };
const shown = isoDate => isoDate.split("-").reverse().join("/");
const today = new Date().toLocaleDateString("en-CA", { timeZone: "Asia/Ho_Chi_Minh" });
to.value = shown(today);
from.value = shown(`${today.slice(0, 8)}01`);
document.querySelector("#period").addEventListener("submit", event => {
  event.preventDefault();
  loadMeasures();
});

const me = await signedIn(() => { translate(); load(); });
if (me) {
  supervisor = me.role === "supervisor";
  await load();
}
