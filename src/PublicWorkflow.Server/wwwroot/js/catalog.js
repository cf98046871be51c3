import "./header.js";
import { t, translate, switchLanguage, api, levelName, onlineLevelName, sectorName, timeLimitText } from "./i18n.js";

const body = document.querySelector("#procedures tbody");
const sectorSelect = document.querySelector("#sector");

function unverified(verified) {
  return verified === false ? ` (${t("unverified")})` : "";
}

async function list() {
  const query = new URLSearchParams();
  for (const [name, id] of [["q", "#q"], ["sector", "#sector"], ["online", "#online"]]) {
    const value = document.querySelector(id).value;
    if (value) query.set(name, value);
  }
  const procedures = await (await api(`/api/v1/procedures?${query}`)).json();
  if (sectorSelect.options.length === 0) {
    const sectors = [...new Set(procedures.map(p => p.sector))].sort();
    sectorSelect.replaceChildren(new Option(t("all"), ""), ...sectors.map(s => new Option(sectorName(s), s)));
  }
  // Option labels in the page's language (again after a language switch).
  for (const option of document.querySelectorAll("#online option, #sector option")) {
    if (option.value) option.textContent = option.parentElement.id === "online" ? onlineLevelName(option.value) : sectorName(option.value);
  }
  const headings = [...document.querySelectorAll("#procedures th")].map(th => th.textContent);
  body.replaceChildren(...procedures.map(p => {
    const row = document.createElement("tr");
    row.dataset.code = p.code;
    row.innerHTML = "<td><a href='#'></a></td><td></td><td></td><td></td><td></td><td></td>";
    row.querySelector("a").textContent = p.code;
    row.querySelector("a").addEventListener("click", event => { event.preventDefault(); show(p.code); });
    const cells = row.querySelectorAll("td");
    cells[1].textContent = `${p.name}${p.hasUnverifiedFacts ? " *" : ""}`;
    cells[2].textContent = sectorName(p.sector);
    cells[3].textContent = levelName(p.level);
    cells[4].textContent = timeLimitText(p.timeLimit);
    cells[5].textContent = onlineLevelName(p.onlineLevel);
    // On a phone each row is a card: every value carries its column's name.
    cells.forEach((cell, i) => { cell.dataset.label = headings[i]; });
    return row;
  }));
  document.querySelector("#legend").hidden = !procedures.some(p => p.hasUnverifiedFacts);
}

function fee(f) {
  const money = n => `${Number(n).toLocaleString("vi-VN")} đ`;
  const text = {
    free: () => "0 đ",
    fixed: () => money(f.amount) + (f.onlineAmount !== null ? ` / online ${money(f.onlineAmount)}` : ""),
    "per-copy": () => `${money(f.amount)} ${t("perCopy")}`,
    "per-page": () => `${money(f.firstPageAmount)} × ${f.firstPages} ${t("firstPages")}, ${money(f.laterPageAmount)} ${t("thenPerPage")}`
      + (f.maximumPerCopy ? `, ${t("maxPerCopy")} ${money(f.maximumPerCopy)}` : ""),
    unknown: () => "?",
  }[f.kind]?.() ?? f.kind;
  return `${text}${unverified(f.verified)}${f.note ? ` — ${f.note}` : ""}`;
}

async function show(code) {
  const p = await (await api(`/api/v1/procedures/${encodeURIComponent(code)}`)).json();
  const set = (id, value) => { document.querySelector(id).textContent = value; };
  set("#detail-name", document.documentElement.lang === "en" ? p.nameEn : p.nameVi);
  set("#detail-codes", `${p.code} · ${p.cityCode}`);
  set("#detail-resolved", p.resolvedBy.map(r => `${r.from}${r.to ? `…${r.to}` : "…"}: ${r.agency ?? `${r.agencyKind} @ ${levelName(r.level)}`}${unverified(r.verified)}`).join("; "));
  set("#detail-limits", p.timeLimits.map(l => `${l.from}${l.to ? `…${l.to}` : "…"}: ${timeLimitText(l.amount, l.unit)}${unverified(l.verified)}`).join("; "));
  set("#detail-fee", fee(p.fee));
  set("#detail-legal", p.legalBasis.join("; ") || "—");
  document.querySelector("#detail-documents").replaceChildren(...p.documents.map(d => Object.assign(document.createElement("li"), {
    textContent: `${d.name} (${d.copies})${d.required ? "" : ` — ${t("optional")}`}${d.fetchableFrom ? ` — ${t("fetchable")}: ${d.fetchableFrom}` : ""}${unverified(d.verified)}`,
  })));
  document.querySelector("#detail-versions").replaceChildren(...p.workflowVersions.map(v => Object.assign(document.createElement("li"), {
    textContent: `${v.key} v${v.version} — ${v.publishedBy ?? ""} ${v.publishedAt ? new Date(v.publishedAt).toLocaleDateString("vi-VN") : ""}`,
  })));
  const designer = document.querySelector("#detail-designer");
  designer.href = `/staff/officer.html?key=${encodeURIComponent(p.workflow)}`;
  // Reform officers and the supervisor also see this procedure's indicators for the year so far (the public does not ask).
  const role = sessionStorage.getItem("pwf.staff");
  const year = new Date().getFullYear();
  const measures = role === "reform-officer" || role === "supervisor"
    ? await api(`/api/v1/supervision/measures?from=${year}-01-01&to=${year}-12-31&procedure=${encodeURIComponent(p.code)}`)
    : { ok: false };
  designer.hidden = !measures.ok;
  document.querySelector("#detail-measures").hidden = !measures.ok;
  if (measures.ok) {
    const rows = await measures.json();
    const all = rows[0];
    const pct = v => (v === null || v === undefined ? "—" : `${Math.round(v * 1000) / 10}%`);
    document.querySelector("#detail-measures-list").innerHTML = "";
    for (const [key, value] of [["received", all?.received ?? 0], ["resolved", all?.resolved ?? 0], ["onTimeRate", pct(all?.onTimeRate)],
      ["averageDays", all?.averageWorkingDays ?? "—"], ["satisfaction", pct(all?.satisfactionRate)]]) {
      const dt = Object.assign(document.createElement("dt"), { textContent: t(key) });
      const dd = Object.assign(document.createElement("dd"), { textContent: String(value) });
      document.querySelector("#detail-measures-list").append(dt, dd);
    }
  }
  document.querySelector("#detail").hidden = false;
  document.querySelector("#detail").scrollIntoView();
}

document.querySelector("#filter").addEventListener("submit", event => { event.preventDefault(); list(); });
document.querySelector("#language").addEventListener("click", () => { switchLanguage(); list(); });
translate();
await list();
