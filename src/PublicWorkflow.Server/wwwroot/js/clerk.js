import "./header.js";
import { t, translate, api, formatTime } from "./i18n.js";
import { signedIn, send } from "./staff.js";

const procedureSelect = document.querySelector("#procedure");
const documentsBox = document.querySelector("#documents");
const receptionError = document.querySelector("#reception-error");
const inboxError = document.querySelector("#inbox-error");

function fail(box, error) {
  box.textContent = error.message ?? String(error);
  box.hidden = false;
}

async function loadProcedures() {
  const procedures = await (await api("/api/v1/procedures")).json();
  procedureSelect.replaceChildren(...procedures.map(p => new Option(`${p.code} — ${p.name}`, p.code)));
  await loadDocuments();
}

async function loadDocuments() {
  const procedure = await (await api(`/api/v1/procedures/${encodeURIComponent(procedureSelect.value)}`)).json();
  // The form asks for the place the procedure's competence names (the plot, the new residence…), or none for a city agency's.
  document.querySelector("#locality-row").hidden = procedure.localityQuestion === null;
  document.querySelector("#locality-label").textContent = procedure.localityQuestion ?? t("locality");
  documentsBox.replaceChildren(...procedure.documents.map(d => {
    const row = document.createElement("p");
    row.innerHTML = `<label><input type="checkbox" name="document" value="${d.id}"> <span></span></label>`;
    row.querySelector("span").textContent = `${d.name} (${d.copies})${d.required ? "" : ` — ${t("optional")}`}`;
    if (d.fetchableFrom) {
      const fetch = document.createElement("label");
      fetch.className = "fetchable";
      fetch.innerHTML = ` <input type="checkbox" name="from-database" value="${d.id}"> <span></span>`;
      fetch.querySelector("span").textContent = `${t("takeFromDatabase")} (${t("fetchable")})`;
      row.append(fetch);
    }
    return row;
  }));
}

/** Ask only once: what the applicant's data store holds for this procedure's documents, offered beside each document. */
document.querySelector("#offers").addEventListener("click", async () => {
  receptionError.hidden = true;
  document.querySelectorAll(".reuse").forEach(e => e.remove());
  const idNumber = document.querySelector("#id-number").value.trim();
  const response = await api(`/api/v1/citizens/${encodeURIComponent(idNumber)}/offers?procedure=${encodeURIComponent(procedureSelect.value)}`);
  const offers = await response.json();
  if (!response.ok) {
    fail(receptionError, new Error(offers.detail ?? Object.values(offers.errors ?? {}).flat().join(" ")));
    return;
  }
  for (const offer of offers) {
    const row = documentsBox.querySelector(`input[name=document][value="${CSS.escape(offer.component)}"]`)?.closest("p");
    const label = Object.assign(document.createElement("label"), { className: "reuse" });
    label.innerHTML = ` <input type="checkbox" name="reuse"> <span></span>`;
    Object.assign(label.querySelector("input"), { value: offer.fileId });
    label.querySelector("input").dataset.component = offer.component;
    label.querySelector("span").textContent = `${t("reuse")}: ${offer.kind === "result" ? `${t("electronicResult")} ${offer.resultNumber}` : `${t("earlierFile")} ${offer.fromDossier}`}`;
    row?.append(label);
  }
  if (offers.length === 0) {
    fail(receptionError, new Error(t("nothingToReuse")));
  }
});

function receptionBody() {
  const fromDatabase = [...document.querySelectorAll("input[name=from-database]:checked")].map(i => i.value);
  const handedIn = [...document.querySelectorAll("input[name=document]:checked")].map(i => i.value);
  const reused = Object.fromEntries([...document.querySelectorAll("input[name=reuse]:checked")].map(i => [i.dataset.component, i.value]));
  const documents = [...new Set([...handedIn, ...fromDatabase, ...Object.keys(reused)])]
    .map(id => ({ id, fromNationalDatabase: fromDatabase.includes(id), reusedFileId: reused[id] ?? null }));
  return {
    procedureCode: procedureSelect.value,
    locality: document.querySelector("#locality-row").hidden ? null : document.querySelector("#locality").value || null,
    applicant: { fullName: document.querySelector("#applicant").value, idNumber: document.querySelector("#id-number").value || null,
      phone: document.querySelector("#phone").value || null, email: document.querySelector("#email").value || null,
      notifyBy: [...document.querySelectorAll("input[name=notify]:checked")].map(i => i.value) },
    documents,
  };
}

/** Accepted (receipt), guided to complete (form 02) or refused at reception (form 03): what happened and the paper to print. */
async function showReception(outcome) {
  const paperKind = { 2: "receipt", 0: "supplement-request", 3: "refusal-to-receive" }[outcome.status];
  const accepted = outcome.status === 2;
  document.querySelector("#received-title").textContent = accepted ? t("accepted") : outcome.status === 0 ? t("notAccepted") : t("refusedToReceive");
  document.querySelector("#received-code").textContent = outcome.code ?? "";
  document.querySelector("#received-appointment").textContent = accepted ? `${t("appointment")}: ${formatTime(outcome.appointment)}` : "";
  document.querySelector("#received-key").textContent = accepted ? `${t("keyLabel")}: ${outcome.lookupKey}` : "";
  document.querySelector("#received-missing").replaceChildren(...outcome.missing.map(m => Object.assign(document.createElement("li"), { textContent: m })));
  document.querySelector("#received-reasons").replaceChildren(...outcome.reasons.map(m => Object.assign(document.createElement("li"), { textContent: m })));
  const paper = document.querySelector("#received-paper");
  paper.href = `/api/v1/dossiers/${outcome.dossierId}/papers/${paperKind}`;
  paper.textContent = t({ receipt: "printReceipt", "supplement-request": "printSupplement", "refusal-to-receive": "printRefusalToReceive" }[paperKind]);
  document.querySelector("#received").hidden = false;
  const scan = document.querySelector("#received-files");
  scan.hidden = !accepted;
  scan.onclick = () => showFiles(outcome.dossierId, outcome.code);
  await loadInbox();
}

const filesCard = document.querySelector("#files-card");
const filesError = document.querySelector("#files-error");

/**
 * The dossier's electronic components: each document of the procedure with its kept files (view inline, retract) and a
 * file input to scan or upload one; what is still missing for the dossier to count as digitized; the signed result.
 */
async function showFiles(dossierId, code) {
  filesError.hidden = true;
  const [dossier, files] = await Promise.all([
    (await api(`/api/v1/dossiers/${dossierId}`)).json(),
    (await api(`/api/v1/dossiers/${dossierId}/files`)).json(),
  ]);
  const procedure = await (await api(`/api/v1/procedures/${encodeURIComponent(dossier.procedureCode)}`)).json();
  document.querySelector("#files-code").textContent = code ?? "";
  const status = document.querySelector("#files-status");
  status.textContent = files.digitized ? t("digitizedYes")
    : `${t("stillToScan")}: ${files.missing.map(id => procedure.documents.find(d => d.id === id)?.name ?? id).join("; ")}`;
  status.className = files.digitized ? "on-time" : "late";
  const fromDatabase = new Set(dossier.documents.filter(d => d.fromNationalDatabase).map(d => d.id));
  document.querySelector("#files-components tbody").replaceChildren(...[...procedure.documents, { id: "other", name: t("otherComponent"), required: false }].map(d => {
    const row = document.createElement("tr");
    row.dataset.component = d.id;
    row.innerHTML = "<td></td><td></td><td></td>";
    const cells = row.querySelectorAll("td");
    cells[0].textContent = `${d.name}${d.required ? "" : ` (${t("optional")})`}${fromDatabase.has(d.id) ? ` — ${t("fetchable")}` : ""}`;
    for (const file of files.files.filter(f => f.component === d.id)) {
      const item = document.createElement("div");
      const view = Object.assign(document.createElement("a"), { href: `/api/v1/dossiers/${dossierId}/files/${file.id}`, target: "_blank", textContent: file.fileName });
      view.addEventListener("click", event => { event.preventDefault(); preview(dossierId, file); });
      item.append(view, ` (${Math.ceil(file.size / 1024)} KB${file.pages ? `, ${file.pages} ${t("pages")}` : ""})`);
      if (file.retractedAt) {
        item.append(` — ${t("retracted")}: ${file.retractionReason}`);
        item.className = "retracted";
      }
      cells[1].append(item);
    }
    const input = Object.assign(document.createElement("input"), { type: "file", accept: "application/pdf,image/jpeg,image/png,image/tiff" });
    input.setAttribute("aria-label", `${t("uploadFile")}: ${d.name}`);
    input.addEventListener("change", () => upload(dossierId, code, d.id, input.files[0]));
    cells[2].append(input);
    return row;
  }));
  const result = document.querySelector("#files-result");
  result.hidden = !files.result;
  if (files.result) {
    result.replaceChildren(`${t("electronicResult")}: ${files.result.number} — `,
      Object.assign(document.createElement("a"), { href: `/api/v1/dossiers/${dossierId}/files/${files.result.fileId}?download=true`, textContent: t("downloadResult") }));
  }
  document.querySelector("#files-viewer").hidden = true;
  // What the applicant was told, and whether it reached the mail server or SMS gateway.
  const messages = await (await api(`/api/v1/dossiers/${dossierId}/messages`)).json();
  document.querySelector("#files-messages").replaceChildren(...(messages.length ? messages : [null]).map(m => Object.assign(document.createElement("li"), {
    textContent: m ? `${formatTime(m.createdAt)} — ${m.channel} ${m.address}: ${m.subject} — ${t(`message_${m.status}`)}${m.lastError ? ` (${m.lastError})` : ""}` : t("noMessages"),
  })));
  filesCard.hidden = false;
}

/** Shows a kept file inline: a PDF in a frame, an image as an image. */
function preview(dossierId, file) {
  const viewer = document.querySelector("#files-viewer");
  const url = `/api/v1/dossiers/${dossierId}/files/${file.id}`;
  viewer.replaceChildren(file.contentType === "application/pdf"
    ? Object.assign(document.createElement("iframe"), { src: url, title: file.fileName })
    : Object.assign(document.createElement("img"), { src: url, alt: file.fileName }));
  viewer.hidden = false;
}

async function upload(dossierId, code, component, file) {
  filesError.hidden = true;
  if (!file) return;
  const form = new FormData();
  form.append("file", file, file.name);
  const response = await api(`/api/v1/dossiers/${dossierId}/files?component=${encodeURIComponent(component)}`, { method: "POST", body: form });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    fail(filesError, new Error(problem.detail ?? response.statusText));
    return;
  }
  await showFiles(dossierId, code);
}

document.querySelector("#reception").addEventListener("submit", async event => {
  event.preventDefault();
  receptionError.hidden = true;
  try {
    await showReception(await send("POST", "/api/v1/dossiers", receptionBody()));
  } catch (error) {
    fail(receptionError, error);
  }
});

document.querySelector("#refuse-to-receive").addEventListener("click", async () => {
  receptionError.hidden = true;
  try {
    await showReception(await send("POST", "/api/v1/dossiers/refusals", { ...receptionBody(), reasons: lines(document.querySelector("#refuse-reasons").value) }));
  } catch (error) {
    fail(receptionError, error);
  }
});

function button(key, action) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = t(key);
  b.addEventListener("click", async () => {
    inboxError.hidden = true;
    try {
      await action();
      await loadInbox();
    } catch (error) {
      fail(inboxError, error);
    }
  });
  return b;
}

function lines(text) {
  return text.split("\n").map(l => l.trim()).filter(l => l.length > 0);
}

const taskForm = document.querySelector("#task-form");

/** The step's form: the decision of an appraisal (with what is missing or why it is refused), a refusal's reasons, or notes. */
function openForm(task) {
  taskForm.hidden = false;
  taskForm.dataset.task = task.id;
  taskForm.dataset.form = task.form ?? "";
  document.querySelector("#form-title").textContent = `${task.dossierCode} — ${task.name ?? task.elementId}`;
  document.querySelector("#form-decision").hidden = task.form !== "common/appraise";
  document.querySelector("#form-lines-label").textContent = task.form === "common/refusal" ? t("reasonsPrompt") : t("missingPrompt");
  document.querySelector("#form-lines-row").hidden = task.form !== "common/appraise" && task.form !== "common/refusal";
  document.querySelector("#form-lines").value = "";
  document.querySelector("#form-notes").value = "";
  taskForm.querySelectorAll("input[name=decision]").forEach(r => { r.checked = r.value === outcomes.approve; });
  showMissingDocuments(task);
  if (task.dossierCode) {
    dossierId(task.dossierCode).then(id => showFiles(id, task.dossierCode));
  }
  taskForm.scrollIntoView();
}

/**
 * An appraisal asking for a supplement ticks the procedure's documents that are missing: those the citizen sees by name on
 * the tracking page; free-text lines are printed on the paper only (they may hold personal data).
 */
async function showMissingDocuments(task) {
  const box = document.querySelector("#form-missing-documents");
  box.hidden = true;
  if (task.form !== "common/appraise" || !task.dossierCode) {
    return;
  }
  const dossier = await (await api(`/api/v1/dossiers/by-code/${encodeURIComponent(task.dossierCode)}`)).json();
  const procedure = await (await api(`/api/v1/procedures/${encodeURIComponent(dossier.procedureCode)}`)).json();
  box.querySelector("div").replaceChildren(...procedure.documents.map(d => {
    const label = document.createElement("label");
    label.innerHTML = `<input type="checkbox" name="missing-document"> <span></span>`;
    label.querySelector("input").value = d.id;
    label.querySelector("span").textContent = d.name;
    return Object.assign(document.createElement("p"), { className: "check" }).appendChild(label).parentNode;
  }));
  box.hidden = false;
}

taskForm.addEventListener("submit", async event => {
  event.preventDefault();
  inboxError.hidden = true;
  const id = taskForm.dataset.task;
  const decision = taskForm.dataset.form === "common/appraise" ? taskForm.querySelector("input[name=decision]:checked").value : null;
  const items = lines(document.querySelector("#form-lines").value);
  const missingDocuments = [...document.querySelectorAll("input[name=missing-document]:checked")].map(i => i.value);
  const notes = document.querySelector("#form-notes").value.trim();
  try {
    if (decision === outcomes.supplement) {
      await send("POST", `/api/v1/tasks/${id}/request-supplement`, { missing: [...missingDocuments, ...items] });
    } else if (decision === outcomes.refuse || taskForm.dataset.form === "common/refusal") {
      await send("POST", `/api/v1/tasks/${id}/refuse`, { reasons: items });
    } else {
      await send("POST", `/api/v1/tasks/${id}/complete`, { outputs: { ...(decision ? { [outcomes.decision]: decision } : {}), ...(notes ? { notes } : {}) } });
    }
    taskForm.hidden = true;
    await loadInbox();
  } catch (error) {
    fail(inboxError, error);
  }
});

document.querySelector("#form-cancel").addEventListener("click", () => { taskForm.hidden = true; });

async function loadInbox() {
  const response = await api("/api/v1/tasks/inbox");
  const tasks = response.ok ? await response.json() : [];
  const body = document.querySelector("#inbox tbody");
  body.replaceChildren(...tasks.map(task => {
    const row = document.createElement("tr");
    row.className = task.urgency;
    row.dataset.task = task.id;
    row.dataset.element = task.elementId;
    row.innerHTML = "<td></td><td></td><td></td><td></td><td class=actions></td>";
    const cells = row.querySelectorAll("td");
    cells[0].textContent = task.dossierCode ?? "";
    cells[1].textContent = task.name ?? task.elementId;
    cells[2].textContent = formatTime(task.dueAt);
    cells[3].textContent = `${task.workingDaysLeft ?? "—"}${task.urgency === "normal" ? "" : ` (${t(task.urgency === "overdue" ? "overdue" : "atRisk")})`}`;
    const actions = cells[4];
    if (task.state === "open") {
      actions.append(button("claim", () => send("POST", `/api/v1/tasks/${task.id}/claim`)));
    }
    // A feedback item's steps are done on the feedback page, which shows the item and the step's own form.
    if (task.form?.startsWith("feedback/")) {
      actions.append(Object.assign(document.createElement("a"), { href: "/staff/feedback.html", textContent: t("hubTitle") }));
      return row;
    }
    const openButton = Object.assign(document.createElement("button"), { type: "button", textContent: t("openForm") });
    openButton.addEventListener("click", () => openForm(task));
    actions.append(openButton);
    if (task.form !== "common/appraise" && task.form !== "common/refusal") {
      actions.append(button("complete", () => send("POST", `/api/v1/tasks/${task.id}/complete`, {})));
    }
    actions.append(button("trackingSheet", async () => {
      window.open(`/api/v1/dossiers/${await dossierId(task.dossierCode)}/papers/tracking-sheet`, "_blank");
    }));
    actions.append(button("diagram", () => showDiagram(task.dossierCode)));
    actions.append(button("filesTitle", async () => showFiles(await dossierId(task.dossierCode), task.dossierCode)));
    return row;
  }));
  document.querySelector("#inbox-empty").hidden = tasks.length > 0;
}

const onlineError = document.querySelector("#online-error");

/**
 * The point's inbox of online filings: each with its files, accepted (the completeness check runs; a code and
 * appointment, or guided with what is missing), guided with the items written above, or refused with them as reasons.
 */
async function loadOnline() {
  const response = await api("/api/v1/dossiers?status=submitted&pageSize=100");
  const page = response.ok ? await response.json() : { items: [] };
  document.querySelector("#online tbody").replaceChildren(...page.items.map(dossier => {
    const row = document.createElement("tr");
    row.dataset.dossier = dossier.id;
    row.innerHTML = "<td></td><td></td><td></td><td class=actions></td>";
    const cells = row.querySelectorAll("td");
    cells[0].textContent = formatTime(dossier.receivedAt);
    cells[1].textContent = dossier.procedureName ?? dossier.procedureCode;
    cells[2].textContent = dossier.applicant?.fullName ?? "";
    const review = (key, decision) => {
      const b = Object.assign(document.createElement("button"), { type: "button", textContent: t(key) });
      b.dataset.decision = decision;
      b.addEventListener("click", async () => {
        onlineError.hidden = true;
        try {
          const items = lines(document.querySelector("#online-items").value);
          await showReception(await send("POST", `/api/v1/dossiers/${dossier.id}/review`, { decision, items }));
          document.querySelector("#online-items").value = "";
          await loadOnline();
        } catch (error) {
          fail(onlineError, error);
        }
      });
      return b;
    };
    const files = Object.assign(document.createElement("button"), { type: "button", textContent: t("filesTitle") });
    files.addEventListener("click", () => showFiles(dossier.id, null));
    cells[3].append(files, review("onlineAccept", "accept"), review("onlineGuide", "guide"), review("onlineRefuse", "refuse"));
    return row;
  }));
  document.querySelector("#online-empty").hidden = page.items.length > 0;
}

async function dossierId(code) {
  return (await (await api(`/api/v1/dossiers/by-code/${encodeURIComponent(code)}`)).json()).id;
}

let viewer = null;

// The decision words come from the API, the one place they are defined (the workflows' conditions use the same).
let outcomes = null;

async function loadOutcomes() {
  outcomes = await (await api("/api/v1/tasks/outcomes")).json();
  for (const radio of document.querySelectorAll("input[name=decision][data-outcome]")) {
    radio.value = outcomes[radio.dataset.outcome];
  }
}

/** The case's workflow with its open steps highlighted and its finished ones shaded. */
async function showDiagram(code) {
  const diagram = await (await api(`/api/v1/dossiers/${await dossierId(code)}/diagram`)).json();
  document.querySelector("#diagram-card").hidden = false;
  document.querySelector("#diagram-code").textContent = `${code} — ${diagram.key} v${diagram.version}`;
  viewer ??= new BpmnJS({ container: "#diagram" });
  await viewer.importXML(diagram.bpmnXml);
  const canvas = viewer.get("canvas");
  canvas.zoom("fit-viewport");
  diagram.doneElements.forEach(id => canvas.addMarker(id, "done"));
  diagram.openElements.forEach(id => canvas.addMarker(id, "current"));
}

document.querySelector("#refresh").addEventListener("click", () => { loadInbox(); if (me?.branchCode) loadOnline(); });
procedureSelect.addEventListener("change", loadDocuments);

const me = await signedIn(() => { translate(); loadInbox(); loadDocuments(); });
if (me) {
  await loadOutcomes();
  // Reception is the branch's work; an agency's clerk sees only the inbox.
  document.querySelector("#reception-card").hidden = !me.branchCode;
  document.querySelector("#online-card").hidden = !me.branchCode;
  if (me.branchCode) {
    await loadProcedures();
    await loadOnline();
  }
  await loadInbox();
}
