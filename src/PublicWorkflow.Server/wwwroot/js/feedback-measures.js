import { language } from "./i18n.js";

// The hub's measures as table rows with a bar for the on-time rate: on the hub's page, the supervisor's dashboard and
// the public statistics page.
const texts = { vi: { all: "Tất cả" }, en: { all: "All" } };
const percent = v => v == null ? "—" : `${v}%`;

export function feedbackMeasureRows(rows, agencyName = code => code) {
  return rows.map(m => {
    const row = document.createElement("tr");
    row.innerHTML = "<td></td><td></td><td></td><td></td><td></td><td></td>";
    const cells = row.querySelectorAll("td");
    cells[0].textContent = m.agency ? agencyName(m.agency) : texts[language()].all;
    cells[1].textContent = m.received;
    cells[2].textContent = percent(m.onTimeRate);
    const bar = Object.assign(document.createElement("span"), { className: "bar" });
    bar.style.width = `${Math.round((m.onTimeRate ?? 0) * 0.6)}px`;
    cells[2].append(bar);
    cells[3].textContent = m.overdueNow;
    cells[4].textContent = percent(m.publishedRate);
    cells[5].textContent = percent(m.satisfiedRate);
    return row;
  });
}

/** The table's header cells, in the page's language. */
export function feedbackMeasureHeads() {
  return language() === "en"
    ? ["Agency", "Received", "On time", "Overdue now", "Published", "Satisfied"]
    : ["Cơ quan", "Tiếp nhận", "Đúng hạn", "Đang quá hạn", "Công khai", "Hài lòng"];
}
