import "./header.js";
import { translate, switchLanguage, language, api, formatTime } from "./i18n.js";

// The public side of the Customer Support and Care hub: send an item, track it with its code and secret, read published answers.
const texts = {
  vi: {
    send: "Gửi phản ánh, kiến nghị", subject: "Tiêu đề", text: "Nội dung", aboutDossier: "Về một hồ sơ (không bắt buộc)", dossierCode: "Mã hồ sơ",
    dossierKey: "Mã tra cứu trên giấy hẹn", contact: "Liên hệ để nhận trả lời (không bắt buộc)", name: "Họ và tên", email: "Thư điện tử", phone: "Số điện thoại",
    sendButton: "Gửi", attachment: "Tệp đính kèm (PDF, ảnh; tối đa 10 MB; không bắt buộc)", attachFailed: "Đã nhận phản ánh nhưng không đính kèm được tệp: ", received: "Đã nhận phản ánh", code: "Mã phản ánh", secret: "Mã bí mật", keep: "Hãy lưu cả hai mã để tra cứu, bổ sung và đánh giá câu trả lời.",
    track: "Tra cứu phản ánh", trackButton: "Tra cứu", status: "Trạng thái", agency: "Cơ quan trả lời", due: "Hạn xử lý", answer: "Trả lời",
    addInfo: "Thông tin bổ sung", addButton: "Gửi bổ sung", rate: "Mức độ hài lòng với câu trả lời", rateButton: "Gửi đánh giá", published: "Trả lời đã công khai",
    refused: "Không xử lý: ", more: "Trung tâm đề nghị bổ sung: ", thanks: "Cảm ơn bạn đã đánh giá.", added: "Đã gửi thông tin bổ sung.", notFound: "Không tìm thấy phản ánh với mã này.",
    failed: "Không kết nối được, vui lòng thử lại.", none: "Chưa có trả lời nào được công khai.",
  },
  en: {
    send: "Send feedback or a recommendation", subject: "Subject", text: "What happened / what you suggest", aboutDossier: "About a dossier (optional)", dossierCode: "Dossier code",
    dossierKey: "Lookup key on the receipt", contact: "Contact for the answer (optional)", name: "Full name", email: "E-mail", phone: "Phone number",
    sendButton: "Send", attachment: "Attachment (PDF or image; at most 10 MB; optional)", attachFailed: "Feedback received, but the file was not attached: ", received: "Feedback received", code: "Feedback code", secret: "Secret", keep: "Keep both to track it, add information and rate the answer.",
    track: "Track feedback", trackButton: "Track", status: "Status", agency: "Answering agency", due: "Due", answer: "Answer",
    addInfo: "Information to add", addButton: "Send it", rate: "How satisfied are you with the answer?", rateButton: "Send the rating", published: "Published answers",
    refused: "Not taken up: ", more: "The hub asks for: ", thanks: "Thank you for rating.", added: "Information sent.", notFound: "No feedback with this code and secret.",
    failed: "Could not connect, please try again.", none: "No answer published yet.",
  },
};
const $ = s => document.querySelector(s);
const f = key => texts[language()][key] ?? key;
let current = null;

function render() {
  translate();
  document.querySelectorAll("[data-f]").forEach(e => { e.textContent = f(e.dataset.f); });
}

function say(message) { $("#error").hidden = true; $("#notice").textContent = message; $("#notice").hidden = !message; }

async function fail(response) {
  $("#notice").hidden = true;
  let message = f("failed");
  if (response?.status === 404) message = f("notFound");
  else if (response) {
    try {
      const problem = await response.json();
      message = [problem.title, problem.errors ? Object.values(problem.errors).flat().join(" ") : problem.detail].filter(Boolean).join(": ");
    } catch { /* not problem details */ }
  }
  $("#error").textContent = message;
  $("#error").hidden = false;
}

const post = (path, body) => api(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

$("#send").addEventListener("submit", async event => {
  event.preventDefault();
  const value = id => $(id).value.trim() || null;
  const response = await post("/api/v1/public/feedback", {
    subject: $("#subject").value, text: $("#text").value, dossierCode: value("#dossier-code"), dossierKey: value("#dossier-key"),
    contact: { name: value("#name"), email: value("#email"), phone: value("#phone") },
  });
  if (!response.ok) return fail(response);
  const receipt = await response.json();
  const file = $("#attachment").files[0];
  if (file) {
    const form = new FormData();
    form.append("file", file, file.name);
    const attached = await api(`/api/v1/public/feedback/${receipt.code}/attachment?secret=${encodeURIComponent(receipt.secret)}`, { method: "POST", body: form });
    if (!attached.ok) {
      await fail(attached);
      $("#error").textContent = f("attachFailed") + $("#error").textContent;
    }
  }
  $("#r-code").textContent = receipt.code;
  $("#r-secret").textContent = receipt.secret;
  $("#receipt").hidden = false;
  $("#send").reset();
  $("#l-code").value = receipt.code;
  $("#l-secret").value = receipt.secret;
  say("");
});

async function track() {
  const response = await api(`/api/v1/public/feedback/${encodeURIComponent($("#l-code").value.trim())}?secret=${encodeURIComponent($("#l-secret").value.trim())}`);
  if (!response.ok) return fail(response);
  current = await response.json();
  $("#i-subject").textContent = current.subject;
  $("#i-status").textContent = current.statusName;
  $("#i-agency").textContent = current.agency ?? "—";
  $("#i-due").textContent = formatTime(current.dueAt);
  $("#i-refused").hidden = !current.refusalReason;
  $("#i-refused").textContent = f("refused") + (current.refusalReason ?? "");
  $("#i-answer-box").hidden = !current.answer;
  $("#i-answer").textContent = current.answer ?? "";
  $("#more").hidden = !current.canAddInformation;
  $("#i-more").textContent = f("more") + (current.moreInfoRequest ?? "");
  $("#rate").hidden = !current.canRate;
  $("#item").hidden = false;
}

$("#lookup").addEventListener("submit", event => { event.preventDefault(); track(); });

$("#more").addEventListener("submit", async event => {
  event.preventDefault();
  const response = await post(`/api/v1/public/feedback/${current.code}/information?secret=${encodeURIComponent($("#l-secret").value.trim())}`, { text: $("#more-text").value });
  if (!response.ok) return fail(response);
  say(f("added"));
  await track();
});

$("#rate").addEventListener("submit", async event => {
  event.preventDefault();
  const chosen = document.querySelector("input[name=rating]:checked");
  const response = await post(`/api/v1/public/feedback/${current.code}/rating?secret=${encodeURIComponent($("#l-secret").value.trim())}`, { rating: chosen ? Number(chosen.value) : null });
  if (!response.ok) return fail(response);
  say(f("thanks"));
  await track();
});

async function loadPublished() {
  const response = await api("/api/v1/public/feedback?pageSize=20");
  const page = response.ok ? await response.json() : { items: [] };
  $("#published").replaceChildren(...(page.items.length ? page.items.map(p => {
    const item = document.createElement("li");
    item.append(Object.assign(document.createElement("strong"), { textContent: p.question }),
      Object.assign(document.createElement("p"), { textContent: p.answer }),
      Object.assign(document.createElement("small"), { textContent: `${p.code} · ${p.agency ?? ""} · ${formatTime(p.publishedAt)}` }));
    return item;
  }) : [Object.assign(document.createElement("li"), { textContent: f("none") })]));
}

$("#language").addEventListener("click", () => { switchLanguage(); render(); loadPublished(); });
render();
loadPublished();
const query = new URLSearchParams(location.search);
if (query.get("code")) $("#l-code").value = query.get("code");
