import "./header.js";
import { t, translate, api } from "./i18n.js";
import { feedbackMeasureRows, feedbackMeasureHeads } from "./feedback-measures.js";

const pct = v => (v === null || v === undefined ? "—" : `${Math.round(v * 1000) / 10}%`);
// Today in Vietnam, whatever the browser's zone: after 17:00 UTC it is already tomorrow there, and so are the dossiers.
const today = new Date().toLocaleDateString("en-CA", { timeZone: "Asia/Ho_Chi_Minh" });
document.querySelector("#from").value = `${today.slice(0, 4)}-01-01`;
document.querySelector("#to").value = today;

/** Bars of the on-time rate per agency (the national formula), busiest agencies first; each name above its bar, to fit a phone. */
function chart(agencies) {
  const rows = agencies.filter(a => a.measures.onTimeRate !== null).sort((a, b) => b.measures.received - a.measures.received).slice(0, 20);
  const svg = [`<svg viewBox="0 0 360 ${40 * rows.length + 4}" width="100%" aria-hidden="true" focusable="false">`];
  rows.forEach((a, i) => {
    const y = 4 + i * 40;
    const width = Math.round(300 * a.measures.onTimeRate);
    const name = (a.name ?? a.agency).replace(/[<&>"]/g, c => `&#${c.charCodeAt(0)};`);
    svg.push(`<text x="0" y="${y + 12}" font-size="13">${name}</text>`,
      `<rect x="0" y="${y + 18}" width="${Math.max(width, 1)}" height="14" fill="${a.measures.onTimeRate >= 0.95 ? "#2e7d32" : "#c62828"}"></rect>`,
      `<text x="${width + 6}" y="${y + 30}" font-size="13">${pct(a.measures.onTimeRate)}</text>`);
  });
  svg.push("</svg>");
  const box = document.querySelector("#chart");
  box.innerHTML = svg.join("");
  box.setAttribute("aria-label", rows.map(a => `${a.name ?? a.agency}: ${pct(a.measures.onTimeRate)}`).join("; "));
  document.querySelector("#chart-card").hidden = rows.length === 0;
}

/** The indicator's name as the tables show it, where the page has one. */
const labels = { onTimeRate: "onTimeRate", onlineRate: "onlineRate", documentReuseRate: "reuseRate", satisfactionRate: "satisfaction" };

/** The Customer Support and Care hub's counts for the same period (no personal data), agencies by name. */
async function loadHub(from, to, agencies) {
  const response = await api(`/api/v1/public/feedback-statistics?from=${from}&to=${to}`);
  const rows = response.ok ? await response.json() : [];
  document.querySelector("#hub-card").hidden = rows.length === 0 || rows[0].received === 0;
  document.querySelector("#hub-measures thead tr").replaceChildren(...feedbackMeasureHeads().map(text => Object.assign(document.createElement("th"), { textContent: text })));
  const names = Object.fromEntries(agencies.map(a => [a.agency, a.name ?? a.agency]));
  document.querySelector("#hub-measures tbody").replaceChildren(...feedbackMeasureRows(rows, code => names[code] ?? code));
}

async function load() {
  const error = document.querySelector("#error");
  error.hidden = true;
  const from = document.querySelector("#from").value;
  const to = document.querySelector("#to").value;
  const response = await api(`/api/v1/public/statistics?from=${from}&to=${to}`);
  const body = await response.json();
  if (!response.ok) {
    error.textContent = body.detail ?? Object.values(body.errors ?? {}).flat().join(" ") ?? t("failed");
    error.hidden = false;
    return;
  }
  const summary = document.querySelector("#summary-list");
  summary.replaceChildren();
  for (const [key, value] of [["received", body.all.received], ["finished", body.all.finished], ["onTimeRate", pct(body.all.onTimeRate)],
    ["onlineRate", pct(body.all.onlineRate)], ["reuseRate", pct(body.all.documentReuseRate)], ["satisfaction", pct(body.all.satisfactionRate)]]) {
    summary.append(Object.assign(document.createElement("dt"), { textContent: t(key) }), Object.assign(document.createElement("dd"), { textContent: String(value) }));
  }
  document.querySelector("#summary").hidden = false;
  document.querySelector("#agencies tbody").replaceChildren(...body.agencies.map(a => {
    const row = document.createElement("tr");
    for (const value of [a.name ?? a.agency, a.measures.received, a.measures.finished, pct(a.measures.onTimeRate), pct(a.measures.onlineRate),
      pct(a.measures.documentReuseRate), pct(a.measures.satisfactionRate)]) {
      row.append(Object.assign(document.createElement("td"), { textContent: String(value) }));
    }
    return row;
  }));
  document.querySelector("#table-card").hidden = body.agencies.length === 0;
  chart(body.agencies);
  await loadHub(from, to, body.agencies);
  document.querySelector("#definitions").replaceChildren(...body.indicators.flatMap(d => [
    Object.assign(document.createElement("dt"), { textContent: `${labels[d.name] ? t(labels[d.name]) : d.name} — ${d.national ? t("nationalFormula") : t("centersOwn")}` }),
    Object.assign(document.createElement("dd"), { textContent: d.meaning }),
  ]));
}

document.querySelector("#period").addEventListener("submit", event => { event.preventDefault(); load(); });
translate();
load();
