import "./header.js";
import { t, translate, api } from "./i18n.js";

const procedure = document.querySelector("#procedure");
const locality = document.querySelector("#locality");
const error = document.querySelector("#error");

async function start() {
  const procedures = await (await api("/api/v1/procedures")).json();
  procedure.replaceChildren(new Option(t("anyProcedure"), ""), ...procedures.map(p => new Option(`${p.code} — ${p.name}`, p.code)));
  const all = await (await api("/api/v1/points")).json();
  // Each ward's own service center names the ward: that is the list a citizen picks from.
  document.querySelector("#wards").replaceChildren(...all.filter(p => p.unit).map(p => Object.assign(document.createElement("option"), { value: p.unit, label: p.unitName })));
  await search();
}

async function search() {
  error.hidden = true;
  const query = new URLSearchParams();
  if (procedure.value) query.set("procedure", procedure.value);
  if (locality.value.trim()) query.set("locality", locality.value.trim());
  const response = await api(`/api/v1/points?${query}`);
  const body = await response.json();
  if (!response.ok) {
    error.textContent = body.detail ?? Object.values(body.errors ?? {}).flat().join(" ");
    error.hidden = false;
    return;
  }
  document.querySelector("#points").replaceChildren(...body.map(p => {
    const item = document.createElement("li");
    item.className = "card";
    const title = Object.assign(document.createElement("b"), { textContent: p.name });
    const details = [p.address, p.unitName, p.hours, p.servesLocality ? t("servesYourWard") : null, p.verified ? null : t("unverified")].filter(Boolean);
    item.append(title, ...details.map(d => Object.assign(document.createElement("div"), { textContent: d })));
    return item;
  }));
}

document.querySelector("#search").addEventListener("submit", event => { event.preventDefault(); search(); });
translate();
start();
