import "./header.js";
import { t, translate, api, fieldName } from "./i18n.js";
import { signedIn, send } from "./staff.js";

const stages = ["", "digitize", "handover", "appraise", "consult", "refuse", "decide", "supplement", "fees", "hand-back", "return"];
const units = ["", "workingDays", "calendarDays", "workingHours"];
const fields = ["name", "pwf:stage", "pwf:level", "pwf:candidateRole", "pwf:timeLimit", "pwf:timeLimitUnit", "pwf:handler", "pwf:form"];

const descriptor = await (await fetch("/js/pwf-moddle.json")).json();
const newModeler = container => new BpmnJS({ container, moddleExtensions: { pwf: descriptor } });

/** Fits the diagram in the canvas to the right of the tool palette, which would otherwise cover its first elements. */
function fitBesidePalette(canvas) {
  canvas.zoom("fit-viewport");
  const box = canvas.viewbox();
  const palette = 110;
  const extra = box.width * palette / Math.max(box.outer.width - palette, 1);
  canvas.viewbox({ x: box.x - extra, y: box.y, width: box.width + extra, height: box.height });
}
const modeler = newModeler("#canvas");
const keySelect = document.querySelector("#key");
const versionSelect = document.querySelector("#version");
const form = document.querySelector("#fields");
const errorBox = document.querySelector("#designer-error");
let markedProblems = [];

function fail(error) {
  errorBox.textContent = error.message ?? String(error);
  errorBox.hidden = false;
  document.querySelector("#check").hidden = false;
}

async function loadKeys() {
  const workflows = await (await api("/api/v1/workflows")).json();
  keySelect.replaceChildren(...workflows.map(w => new Option(`${w.key}${w.name ? ` — ${w.name}` : ""}`, w.key)));
  await loadVersions();
}

async function loadVersions() {
  const versions = await (await api(`/api/v1/definitions/${keySelect.value}/versions`)).json();
  const options = () => versions.map(v => new Option(v.status === "draft" ? t("draft") : `v${v.version}`, v.version));
  versionSelect.replaceChildren(...options());
  document.querySelector("#from-version").replaceChildren(...options().filter(o => o.value !== "0"));
  document.querySelector("#to-version").replaceChildren(...options().filter(o => o.value !== "0"));
  const published = versions.filter(v => v.version > 0).map(v => String(v.version));
  if (published.length > 1) {
    document.querySelector("#from-version").value = published[1];
    document.querySelector("#to-version").value = published[0];
  }
}

async function xmlOf(key, version) {
  const response = await api(`/api/v1/definitions/${key}/versions/${version}`);
  if (!response.ok) throw new Error((await response.json()).detail);
  return await response.text();
}

async function open() {
  errorBox.hidden = true;
  document.querySelector("#check").hidden = true;
  try {
    await modeler.importXML(await xmlOf(keySelect.value, versionSelect.value));
    fitBesidePalette(modeler.get("canvas"));
    showProperties(null);
  } catch (error) {
    fail(error);
  }
}

/** What the properties panel edits: a step or event's fields, a flow's name and condition, or nothing. */
function showProperties(selected) {
  // A label stands for its flow or event.
  const element = selected?.labelTarget ?? selected;
  const kind = !element?.businessObject || element.type === "bpmn:Process" ? null
    : element.type === "bpmn:SequenceFlow" ? "flow" : element.type.endsWith("Flow") ? null : "node";
  form.hidden = !kind;
  document.querySelector("#no-selection").hidden = Boolean(kind);
  // The key, not only the text: switching the language re-translates the heading.
  const heading = document.querySelector("#properties h3");
  heading.dataset.i18n = kind === "flow" ? "flowProperties" : "properties";
  heading.textContent = t(heading.dataset.i18n);
  if (!kind) return;
  form.replaceChildren(...(kind === "flow" ? flowFields(element) : nodeFields(element)));
}

function labelled(name, input) {
  const label = document.createElement("label");
  label.textContent = fieldName(name);
  input.name = name;
  label.append(input);
  return label;
}

/** Any change makes the last check stale: publishing waits for the next save. */
function update(element, properties) {
  modeler.get("modeling").updateProperties(element, properties);
  document.querySelector("#publish").disabled = true;
}

function nodeFields(element) {
  const bo = element.businessObject;
  return fields.map(field => {
    const choices = field === "pwf:stage" ? stages : field === "pwf:timeLimitUnit" ? units : null;
    const input = choices ? document.createElement("select") : document.createElement("input");
    if (choices) input.replaceChildren(...choices.map(c => new Option(c || "—", c)));
    input.value = bo.get(field) ?? "";
    input.addEventListener("change", () => update(element, { [field]: input.value === "" ? undefined : input.value }));
    return labelled(field, input);
  });
}

/**
 * A flow's name and condition (a JavaScript expression over the case's variables, e.g. decision === 'refuse'); a
 * flow leaving a decision can be made its default path, taken when no condition holds.
 */
function flowFields(element) {
  const bo = element.businessObject;
  const name = Object.assign(document.createElement("input"), { value: bo.name ?? "" });
  name.addEventListener("change", () => update(element, { name: name.value.trim() || undefined }));
  const condition = Object.assign(document.createElement("textarea"), { rows: 2, value: bo.conditionExpression?.body ?? "" });
  condition.addEventListener("change", () => {
    const body = condition.value.trim();
    update(element, { conditionExpression: body ? modeler.get("moddle").create("bpmn:FormalExpression", { body }) : undefined });
  });
  const result = [labelled("flowName", name), labelled("condition", condition)];
  const gateway = element.source;
  if (gateway && ["bpmn:ExclusiveGateway", "bpmn:InclusiveGateway"].includes(gateway.type)) {
    const isDefault = Object.assign(document.createElement("input"), { type: "checkbox", checked: gateway.businessObject.default === bo });
    isDefault.addEventListener("change", () => update(gateway, { default: isDefault.checked ? bo : undefined }));
    result.push(labelled("defaultPath", isDefault));
  }
  return result;
}

modeler.on("selection.changed", event => showProperties(event.newSelection[0] ?? null));

async function save() {
  errorBox.hidden = true;
  const canvas = modeler.get("canvas");
  markedProblems.forEach(id => canvas.removeMarker(id, "problem"));
  markedProblems = [];
  try {
    const { xml } = await modeler.saveXML({ format: true });
    const response = await api(`/api/v1/definitions/${keySelect.value}/draft`, { method: "PUT", headers: { "Content-Type": "application/xml" }, body: xml });
    const outcome = await response.json();
    if (!response.ok) throw new Error(outcome.detail ?? outcome.title);
    document.querySelector("#check").hidden = false;
    document.querySelector("#published").hidden = true;
    document.querySelector("#check-ok").hidden = !outcome.valid;
    document.querySelector("#check-problems").hidden = outcome.problems.length === 0;
    document.querySelector("#publish").disabled = !outcome.valid;
    const registry = modeler.get("elementRegistry");
    document.querySelector("#problems").replaceChildren(...outcome.problems.map(p => {
      const item = document.createElement("li");
      item.textContent = `${p.severity === "warning" ? `${t("warning")}: ` : ""}${p.elementId ?? "—"} (${t("line")} ${p.line}): ${p.reason}`;
      item.dataset.element = p.elementId ?? "";
      if (p.elementId && registry.get(p.elementId)) {
        canvas.addMarker(p.elementId, "problem");
        markedProblems.push(p.elementId);
        item.addEventListener("click", () => modeler.get("selection").select(registry.get(p.elementId)));
      }
      return item;
    }));
  } catch (error) {
    fail(error);
  }
}

async function publish() {
  try {
    const outcome = await send("POST", `/api/v1/definitions/${keySelect.value}/draft/publish`);
    const published = document.querySelector("#published");
    published.textContent = `${t("published")} ${outcome.version}`;
    published.hidden = false;
    document.querySelector("#check-ok").hidden = true;
    document.querySelector("#publish").disabled = true;
    await loadVersions();
    versionSelect.value = String(outcome.version);
  } catch (error) {
    fail(error);
  }
}

/** The version's record in practice: average working days to resolve, and over how many dossiers. */
function history(h) {
  return h && h.resolved > 0 ? `${h.averageWorkingDays} (${h.resolved} ${t("dossiersResolved")})` : "—";
}

const before = newModeler("#before");
const after = newModeler("#after");

async function compare() {
  const from = document.querySelector("#from-version").value;
  const to = document.querySelector("#to-version").value;
  try {
    const result = await (await api(`/api/v1/definitions/${keySelect.value}/compare?from=${from}&to=${to}`)).json();
    document.querySelector("#from-label").textContent = `v${from}`;
    document.querySelector("#to-label").textContent = `v${to}`;
    const figure = (key, a, b) => {
      const row = document.createElement("tr");
      row.innerHTML = "<th></th><td></td><td></td>";
      row.children[0].textContent = t(key);
      row.children[1].textContent = a;
      row.children[2].textContent = b;
      return row;
    };
    document.querySelector("#figures tbody").replaceChildren(
      figure("steps", result.steps, result.stepsAfter),
      figure("handoffs", result.handoffs, result.handoffsAfter),
      figure("workingDays", result.workingDays, result.workingDaysAfter),
      figure("actualDays", history(result.history), history(result.historyAfter)),
      figure("requiredDocuments", result.requiredDocuments ?? "—", result.requiredDocuments ?? "—"));
    const item = (id, name, change, differences, prefix = "") => Object.assign(document.createElement("li"), {
      textContent: `${prefix}${id} ${name ?? ""}: ${t(change)}${differences.length ? ` (${differences.join("; ")})` : ""}`,
    });
    document.querySelector("#changes").replaceChildren(
      ...result.stepChanges.map(c => item(c.elementId, c.name, c.change, c.differences)),
      ...result.routeChanges.map(r => item(r.flowId, r.name, r.change, r.differences, `${t("route")} ${r.gateway} → `)));
    document.querySelector("#comparison").hidden = false;
    await before.importXML(await xmlOf(keySelect.value, from));
    await after.importXML(await xmlOf(keySelect.value, to));
    for (const [viewer, kinds] of [[before, ["removed", "changed"]], [after, ["added", "changed"]]]) {
      fitBesidePalette(viewer.get("canvas"));
      result.stepChanges.filter(c => kinds.includes(c.change)).forEach(c => viewer.get("canvas").addMarker(c.elementId, c.change));
      result.routeChanges.filter(r => kinds.includes(r.change)).forEach(r => viewer.get("canvas").addMarker(r.flowId, r.change));
    }
  } catch (error) {
    fail(error);
  }
}

document.querySelector("#choose").addEventListener("submit", event => { event.preventDefault(); open(); });
keySelect.addEventListener("change", loadVersions);
document.querySelector("#save").addEventListener("click", save);
document.querySelector("#publish").addEventListener("click", publish);
document.querySelector("#compare").addEventListener("submit", event => { event.preventDefault(); compare(); });

if (await signedIn(() => translate())) {
  await loadKeys();
  // Opened from the catalog on one procedure's workflow.
  const wanted = new URLSearchParams(location.search).get("key");
  if (wanted && [...keySelect.options].some(o => o.value === wanted)) {
    keySelect.value = wanted;
    await loadVersions();
  }
  await open();
}
