import "./header.js";
import { translate, language, api, formatTime } from "./i18n.js";
import { signedIn, send } from "./staff.js";
import { feedbackMeasureRows } from "./feedback-measures.js";

// The hub's desk and the agencies' feedback page: the items one may see, an item with its open step's form, the measures.
const texts = {
  vi: {
    measures: "Chỉ số xử lý phản ánh năm nay", agency: "Cơ quan", received: "Tiếp nhận", onTime: "Đúng hạn", overdue: "Đang quá hạn", publishedRate: "Công khai",
    satisfied: "Hài lòng", record: "Ghi nhận phản ánh (đường dây nóng, quầy)", channel: "Kênh", hotline: "Đường dây nóng", counter: "Tại quầy", subject: "Tiêu đề",
    text: "Nội dung", phone: "Số điện thoại người phản ánh", recordButton: "Ghi nhận", items: "Phản ánh, kiến nghị", statusFilter: "Trạng thái", all: "Tất cả",
    routed: "Cơ quan đang xử lý", answered: "Chờ duyệt", approved: "Chờ công khai", publishedStatus: "Đã công khai", moreInfo: "Chờ bổ sung", refused: "Không xử lý",
    code: "Mã", due: "Hạn", contact: "Liên hệ", dossier: "Hồ sơ", answer: "Trả lời", decision: "Quyết định", accept: "Xử lý, chuyển cơ quan", askMore: "Đề nghị bổ sung",
    refuse: "Không xử lý", category: "Phân loại", catProcedure: "Thủ tục", catDossier: "Hồ sơ", catConduct: "Thái độ cán bộ", catPolicy: "Chính sách", catOther: "Khác",
    routeTo: "Cơ quan trả lời", reason: "Lý do hoặc nội dung đề nghị bổ sung", approve: "Duyệt", revise: "Yêu cầu sửa", question: "Câu hỏi công khai (không có thông tin cá nhân)",
    done: "Hoàn thành bước", attachment: "Tệp đính kèm", open: "Mở", recordedAs: "Đã ghi nhận: mã {code}, mã bí mật {secret}", overdueMark: "quá hạn", escalatedMark: "đã báo cáo giám sát",
  },
  en: {
    measures: "Feedback handling this year", agency: "Agency", received: "Received", onTime: "On time", overdue: "Overdue now", publishedRate: "Published",
    satisfied: "Satisfied", record: "Record feedback (hotline, counter)", channel: "Channel", hotline: "Hotline", counter: "Counter", subject: "Subject",
    text: "Text", phone: "Caller's phone", recordButton: "Record", items: "Feedback items", statusFilter: "Status", all: "All",
    routed: "With the agency", answered: "Awaiting approval", approved: "Awaiting publication", publishedStatus: "Published", moreInfo: "Awaiting information", refused: "Refused",
    code: "Code", due: "Due", contact: "Contact", dossier: "Dossier", answer: "Answer", decision: "Decision", accept: "Handle: route to an agency", askMore: "Ask for more",
    refuse: "Refuse", category: "Category", catProcedure: "Procedure", catDossier: "Dossier", catConduct: "Staff conduct", catPolicy: "Policy", catOther: "Other",
    routeTo: "Answering agency", reason: "Reason, or what to add", approve: "Approve", revise: "Send back", question: "Question as published (no personal data)",
    done: "Complete the step", attachment: "Attachment", open: "Open", recordedAs: "Recorded: code {code}, secret {secret}", overdueMark: "overdue", escalatedMark: "escalated",
  },
};
const $ = s => document.querySelector(s);
const h = key => texts[language()][key] ?? key;
const stepForms = { "feedback/classify": "#f-classify", "feedback/answer": "#f-answer", "feedback/approve": "#f-approve", "feedback/publish": "#f-publish" };
let me = null;
let current = null;
let task = null;

function render() {
  translate();
  document.querySelectorAll("[data-h]").forEach(e => { e.textContent = h(e.dataset.h); });
}

function fail(error) { $("#error").textContent = error.message ?? String(error); $("#error").hidden = false; }

async function loadMeasures() {
  const response = await api("/api/v1/feedback-measures");
  $("#measures-card").hidden = !response.ok;
  if (!response.ok) return;
  $("#measures tbody").replaceChildren(...feedbackMeasureRows(await response.json()));
}

async function loadItems() {
  const status = $("#status").value;
  const response = await api(`/api/v1/feedback?pageSize=100${status ? `&status=${status}` : ""}`);
  const page = response.ok ? await response.json() : { items: [] };
  $("#items tbody").replaceChildren(...page.items.map(item => {
    const row = document.createElement("tr");
    row.dataset.code = item.code;
    row.className = item.overdue ? "overdue" : "";
    row.innerHTML = "<td></td><td></td><td></td><td></td><td></td><td></td>";
    const cells = row.querySelectorAll("td");
    cells[0].textContent = item.code;
    cells[1].textContent = item.subject;
    cells[2].textContent = h({ received: "received", "more-info": "moreInfo", routed: "routed", answered: "answered", approved: "approved", published: "publishedStatus", refused: "refused" }[item.status]);
    cells[3].textContent = item.agency ?? "";
    cells[4].textContent = formatTime(item.dueAt) + (item.overdue ? ` (${h("overdueMark")})` : "") + (item.escalated ? ` — ${h("escalatedMark")}` : "");
    const open = Object.assign(document.createElement("button"), { type: "button", textContent: h("open") });
    open.addEventListener("click", () => showItem(item.id));
    cells[5].append(open);
    return row;
  }));
}

async function showItem(id) {
  $("#error").hidden = true;
  current = await (await api(`/api/v1/feedback/${id}`)).json();
  $("#d-title").textContent = `${current.code} — ${current.subject}`;
  $("#d-channel").textContent = current.channel + (current.partner ? ` (${current.partner})` : "");
  $("#d-text").textContent = current.text;
  $("#d-contact").textContent = [current.contact?.name, current.contact?.email, current.contact?.phone].filter(Boolean).join(", ") || "—";
  $("#d-dossier").textContent = current.dossierCode ?? "—";
  $("#d-due").textContent = formatTime(current.dueAt);
  $("#d-answer").textContent = current.answer ?? "—";
  $("#d-attachment").replaceChildren(current.attachmentName
    ? Object.assign(document.createElement("a"), { href: `/api/v1/feedback/${current.id}/attachment`, target: "_blank", textContent: current.attachmentName })
    : "—");
  const inbox = await (await api("/api/v1/tasks/inbox")).json();
  task = inbox.find(t => t.dossierCode === current.code && stepForms[t.form]);
  $("#step").hidden = !task;
  for (const [form, selector] of Object.entries(stepForms)) $(selector).hidden = task?.form !== form;
  if (task) {
    $("#step-name").textContent = task.name;
    $("#f-question").value = current.subject;
    if (current.agencyCode) $("#f-agency").value = current.agencyCode;
  }
  $("#detail").hidden = false;
}

$("#step").addEventListener("submit", async event => {
  event.preventDefault();
  const outputs = {
    "feedback/classify": () => ({
      classification: document.querySelector("input[name=classification]:checked").value, category: $("#f-category").value, agency: $("#f-agency").value,
      reason: $("#f-reason").value,
    }),
    "feedback/answer": () => ({ answer: $("#f-answer-text").value }),
    "feedback/approve": () => ({ approval: document.querySelector("input[name=approval]:checked").value }),
    "feedback/publish": () => ({ question: $("#f-question").value }),
  }[task.form]();
  try {
    if (task.state === "open") await send("POST", `/api/v1/tasks/${task.id}/claim`);
    await send("POST", `/api/v1/tasks/${task.id}/complete`, { outputs });
    await showItem(current.id);
    await loadItems();
  } catch (error) {
    fail(error);
  }
});

$("#record").addEventListener("submit", async event => {
  event.preventDefault();
  try {
    const receipt = await send("POST", "/api/v1/feedback", {
      channel: $("#r-channel").value, subject: $("#r-subject").value, text: $("#r-text").value, contact: { phone: $("#r-phone").value || null },
    });
    $("#recorded").textContent = h("recordedAs").replace("{code}", receipt.code).replace("{secret}", receipt.secret);
    $("#record").reset();
    await loadItems();
  } catch (error) {
    fail(error);
  }
});

async function loadAgencies() {
  const agencies = await (await api("/api/v1/structure/agencies")).json();
  $("#f-agency").replaceChildren(...agencies.map(a => Object.assign(document.createElement("option"), { value: a.code, textContent: a.name })));
}

$("#status").addEventListener("change", loadItems);
$("#refresh").addEventListener("click", loadItems);
me = await signedIn(() => { render(); loadItems(); });
if (me) {
  render();
  const hub = me.role === "support-agent" || me.role === "supervisor";
  $("#record-card").hidden = !hub;
  // The measures are the hub's and the supervisor's; an agency's staff see their items only.
  await Promise.all([loadAgencies(), loadItems(), hub ? loadMeasures() : null]);
}
