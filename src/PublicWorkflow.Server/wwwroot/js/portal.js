import "./header.js";
import { translate, switchLanguage, language, api, formatTime } from "./i18n.js";
import { showSurvey } from "./survey.js";

// The citizens' portal: sign-in, online filing at any hour, and "my dossiers". Its own texts, in both languages.
const texts = {
  vi: {
    signIn: "Đăng nhập", signUp: "Đăng ký tài khoản", contact: "Thư điện tử hoặc số điện thoại", password: "Mật khẩu",
    newPassword: "Mật khẩu (ít nhất 8 ký tự)", fullName: "Họ và tên", verifyTitle: "Nhập mã xác minh", code: "Mã", verify: "Xác minh",
    forgot: "Quên mật khẩu?", resetTitle: "Đặt lại mật khẩu", sendCode: "Gửi mã", resetButton: "Đặt mật khẩu mới",
    external: "Đăng nhập bằng tài khoản định danh điện tử {name}", standIn: "(máy chủ giả lập để thử nghiệm, không phải VNeID thật)",
    codeSent: "Đã gửi mã xác minh tới {contact} (nếu địa chỉ hợp lệ). Mã có hiệu lực 15 phút.", resetDone: "Đã đặt mật khẩu mới. Hãy đăng nhập.",
    wrongSignIn: "Sai thông tin đăng nhập hoặc mật khẩu.", fileTab: "Nộp hồ sơ", mineTab: "Hồ sơ của tôi", signOut: "Đăng xuất",
    bindHint: "Tài khoản chưa gắn số định danh: chưa dùng được kho dữ liệu của bạn.", bind: "Xác thực bằng định danh điện tử",
    fileTitle: "Nộp hồ sơ trực tuyến", procedure: "Thủ tục", choose: "— Chọn thủ tục —", timeLimit: "Thời hạn giải quyết", fee: "Phí, lệ phí",
    appointmentIfNow: "Ngày hẹn nếu được tiếp nhận ngay", anyHour: "Có thể nộp mọi lúc; hồ sơ nộp ngoài giờ hành chính được tính từ ngày làm việc tiếp theo.",
    ward: "Phường, xã", point: "Nơi tiếp nhận và trả kết quả giấy", documents: "Thành phần hồ sơ", delivery: "Nhận kết quả",
    notify: "Nhận thông báo qua", byEmail: "Thư điện tử", bySms: "Tin nhắn SMS", email: "Thư điện tử", phone: "Số điện thoại", address: "Địa chỉ (nhận qua bưu chính)",
    submit: "Nộp hồ sơ", required: "bắt buộc", optional: "không bắt buộc", reuse: "Dùng lại từ kho dữ liệu của tôi", fromDatabase: "Lấy từ cơ sở dữ liệu quốc gia",
    file: "Tệp (PDF, JPEG, PNG, TIFF; tối đa 20 MB)", deliveryOnline: "Trực tuyến (bản điện tử)", deliveryBranch: "Tại nơi tiếp nhận", deliveryPost: "Qua bưu chính",
    submitted: "Đã nộp hồ sơ và {n} tệp. Nơi tiếp nhận sẽ xem xét và báo cho bạn.", uploadFailed: "Không tải lên được {name}: {reason}",
    none: "Bạn chưa có hồ sơ nào.", actionNeeded: "Cần bạn xử lý", back: "← Hồ sơ của tôi", lookupKey: "Mã tra cứu", status: "Trạng thái",
    step: "Bước đang xử lý", agency: "Cơ quan giải quyết", received: "Ngày nộp", appointment: "Ngày hẹn trả", missing: "Cần bổ sung",
    document: "Tài liệu", upload: "Tải lên", uploaded: "Đã tải lên {name}.", sendSupplement: "Gửi hồ sơ bổ sung", supplemented: "Đã gửi bổ sung; thời hạn giải quyết tiếp tục được tính.",
    reasons: "Lý do", result: "Kết quả điện tử", resultNumber: "Số:", download: "Tải kết quả", verifyResult: "Kiểm tra tính xác thực",
    actions: "Việc bạn có thể làm", pay: "Thanh toán trực tuyến", paid: "Đã nộp phí {when} (mã giao dịch {ref}).", simulated: " — cổng thanh toán giả lập, không có tiền thật.",
    rate: "Đánh giá mức độ hài lòng", comment: "Góp ý (không bắt buộc)", sendRating: "Gửi đánh giá", rated: "Bạn đã đánh giá: {n}/5. Cảm ơn!",
    withdrawReason: "Lý do rút hồ sơ", withdraw: "Rút hồ sơ", papers: "Phiếu, giấy tờ", files: "Tệp đã nộp", sheet: "Quá trình xử lý",
    paperNames: { receipt: "Giấy tiếp nhận và hẹn trả kết quả", "tracking-sheet": "Phiếu kiểm soát quá trình", "supplement-request": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
      "refusal-to-receive": "Phiếu từ chối tiếp nhận", refusal: "Văn bản từ chối giải quyết", apology: "Thư xin lỗi và hẹn lại", "stop-notice": "Thông báo dừng xử lý" },
    failed: "Không kết nối được, vui lòng thử lại.", free: "Không thu phí", unknownFee: "Chưa xác minh mức thu", vnd: "đồng",
    limitUnits: { workingDays: "ngày làm việc", days: "ngày", hours: "giờ" },
  },
  en: {
    signIn: "Sign in", signUp: "Create an account", contact: "E-mail or phone number", password: "Password",
    newPassword: "Password (at least 8 characters)", fullName: "Full name", verifyTitle: "Enter the verification code", code: "Code", verify: "Verify",
    forgot: "Forgot your password?", resetTitle: "Reset the password", sendCode: "Send a code", resetButton: "Set the new password",
    external: "Sign in with your electronic identity ({name})", standIn: "(a stand-in server for testing, not the real VNeID)",
    codeSent: "A code was sent to {contact} (if the address is valid). It is valid for 15 minutes.", resetDone: "The new password is set. Sign in.",
    wrongSignIn: "Wrong contact or password.", fileTab: "File a dossier", mineTab: "My dossiers", signOut: "Sign out",
    bindHint: "Your account has no verified personal ID yet: your data store cannot be used.", bind: "Verify with your electronic identity",
    fileTitle: "File a dossier online", procedure: "Procedure", choose: "— Choose a procedure —", timeLimit: "Time limit", fee: "Fees",
    appointmentIfNow: "Appointment if accepted now", anyHour: "You may file at any hour; a filing outside office hours counts from the next working day.",
    ward: "Ward or commune", point: "Where it is received and paper results collected", documents: "Documents", delivery: "Receive the result",
    notify: "Tell me by", byEmail: "E-mail", bySms: "SMS", email: "E-mail", phone: "Phone number", address: "Address (for delivery by post)",
    submit: "File the dossier", required: "required", optional: "optional", reuse: "Reuse from my data store", fromDatabase: "Take it from the national database",
    file: "File (PDF, JPEG, PNG, TIFF; at most 20 MB)", deliveryOnline: "Online (electronic copy)", deliveryBranch: "At the receiving point", deliveryPost: "By post",
    submitted: "Filed with {n} files. The receiving point will review it and tell you.", uploadFailed: "Could not upload {name}: {reason}",
    none: "You have no dossiers yet.", actionNeeded: "Needs your action", back: "← My dossiers", lookupKey: "Lookup key", status: "Status",
    step: "Current step", agency: "Resolving agency", received: "Filed on", appointment: "Appointment", missing: "To supplement",
    document: "Document", upload: "Upload", uploaded: "{name} uploaded.", sendSupplement: "Send the supplement", supplemented: "Supplement sent; the time limit runs again.",
    reasons: "Reasons", result: "Electronic result", resultNumber: "Number:", download: "Download the result", verifyResult: "Verify it",
    actions: "What you can do", pay: "Pay online", paid: "Fee paid {when} (transaction {ref}).", simulated: " — a stand-in payment gateway, no real money.",
    rate: "Rate the service", comment: "Comment (optional)", sendRating: "Send the rating", rated: "You rated it {n}/5. Thank you!",
    withdrawReason: "Why you withdraw it", withdraw: "Withdraw the dossier", papers: "Papers", files: "Files handed in", sheet: "Progress",
    paperNames: { receipt: "Receipt and appointment", "tracking-sheet": "Tracking sheet", "supplement-request": "Request to supplement the dossier",
      "refusal-to-receive": "Refusal to receive", refusal: "Refusal", apology: "Apology and new appointment", "stop-notice": "Stop notice" },
    failed: "Could not connect, please try again.", free: "No fee", unknownFee: "Amount not verified", vnd: "VND",
    limitUnits: { workingDays: "working days", days: "days", hours: "hours" },
  },
};

const $ = selector => document.querySelector(selector);
const p = key => texts[language()][key] ?? key;
const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "");
let me = null;
let providers = null;
let pendingContact = "";
let flash = "";

function render() {
  translate();
  document.querySelectorAll("[data-p]").forEach(e => { e.textContent = p(e.dataset.p); });
  if (providers?.external) {
    $("#external").textContent = fill(p("external"), { name: providers.externalName });
  }
}

function say(message) {
  $("#error").hidden = true;
  $("#notice").textContent = message;
  $("#notice").hidden = !message;
}

async function fail(response) {
  $("#notice").hidden = true;
  let message = p("failed");
  if (response) {
    try {
      const problem = await response.json();
      const fields = problem.errors ? Object.values(problem.errors).flat().join(" ") : "";
      message = [problem.title, fields || problem.detail].filter(Boolean).join(": ");
    } catch { /* not problem details */ }
  }
  $("#error").textContent = message;
  $("#error").hidden = false;
  $("#error").focus?.();
}

async function send(path, body, method = "POST") {
  return api(path, { method, headers: { "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
}

// ---- Accounts ----
$("#sign-in").addEventListener("submit", async event => {
  event.preventDefault();
  const response = await send("/api/v1/citizen/auth/sign-in", { contact: $("#in-contact").value, password: $("#in-password").value });
  if (response.ok) {
    await start();
  } else if (response.status === 422) {
    pendingContact = $("#in-contact").value;
    $("#verify-card").hidden = false;
    await fail(response);
  } else {
    await fail(response.status === 401 ? null : response);
    if (response.status === 401) { $("#error").textContent = p("wrongSignIn"); }
  }
});

$("#sign-up").addEventListener("submit", async event => {
  event.preventDefault();
  pendingContact = $("#up-contact").value;
  const response = await send("/api/v1/citizen/auth/sign-up",
    { contact: pendingContact, password: $("#up-password").value, fullName: $("#up-name").value, language: language() });
  if (!response.ok) return fail(response);
  $("#verify-card").hidden = false;
  say(fill(p("codeSent"), { contact: pendingContact }));
  $("#verify-code").focus();
});

$("#verify").addEventListener("submit", async event => {
  event.preventDefault();
  const response = await send("/api/v1/citizen/auth/verify", { contact: pendingContact, code: $("#verify-code").value });
  if (!response.ok) return fail(response);
  await start();
});

$("#show-reset").addEventListener("click", () => { $("#reset-card").hidden = false; $("#reset-contact").focus(); });

$("#reset-request").addEventListener("submit", async event => {
  event.preventDefault();
  const response = await send("/api/v1/citizen/auth/reset-request", { contact: $("#reset-contact").value });
  if (!response.ok) return fail(response);
  say(fill(p("codeSent"), { contact: $("#reset-contact").value }));
  $("#reset-code").focus();
});

$("#reset").addEventListener("submit", async event => {
  event.preventDefault();
  const response = await send("/api/v1/citizen/auth/reset",
    { contact: $("#reset-contact").value, code: $("#reset-code").value, newPassword: $("#reset-password").value });
  if (!response.ok) return fail(response);
  $("#reset-card").hidden = true;
  say(p("resetDone"));
});

$("#sign-out").addEventListener("click", async () => {
  await send("/api/v1/citizen/auth/sign-out");
  me = null;
  location.hash = "";
  await start();
});

// ---- Filing ----
let procedure = null;
let offers = [];

async function loadProcedures() {
  const response = await api("/api/v1/procedures");
  if (!response.ok) return;
  const list = await response.json();
  const select = $("#procedure");
  const chosen = select.value;
  select.replaceChildren(Object.assign(document.createElement("option"), { value: "", textContent: p("choose") }),
    ...list.map(x => Object.assign(document.createElement("option"), { value: x.code, textContent: `${x.name} (${x.code})` })));
  select.value = chosen;
}

function feeText(fee) {
  if (fee.kind === "free") return p("free");
  const amount = fee.onlineAmount ?? fee.amount ?? fee.firstPageAmount;
  return amount == null ? p("unknownFee") : `${Number(amount).toLocaleString("vi-VN")} ${p("vnd")}${fee.onlineAmount != null ? " (online)" : ""}`;
}

$("#procedure").addEventListener("change", showProcedure);

async function showProcedure() {
  const code = $("#procedure").value;
  $("#filing").hidden = !code;
  if (!code) return;
  const [detail, appointment, points] = await Promise.all([
    api(`/api/v1/procedures/${encodeURIComponent(code)}`).then(r => r.json()),
    api(`/api/v1/procedures/${encodeURIComponent(code)}/appointment?receivedAt=${encodeURIComponent(new Date().toISOString())}`).then(r => r.ok ? r.json() : null),
    api(`/api/v1/points?procedure=${encodeURIComponent(code)}`).then(r => r.json()),
  ]);
  procedure = detail;
  $("#procedure-name").textContent = language() === "en" ? detail.nameEn : detail.nameVi;
  const limit = detail.timeLimits.find(l => !l.to) ?? detail.timeLimits.at(-1);
  $("#time-limit").textContent = limit ? `${limit.amount} ${p("limitUnits")[limit.unit] ?? limit.unit}` : "—";
  $("#fee").textContent = feeText(detail.fee);
  $("#appointment").textContent = formatTime(appointment?.appointment);
  $("#locality-row").hidden = !detail.localityQuestion;
  $("#locality-question").textContent = detail.localityQuestion ?? "";
  const wards = points.filter(x => x.kind === "commune-point" && x.unit).sort((a, b) => a.unitName.localeCompare(b.unitName, "vi"));
  $("#locality").replaceChildren(...wards.map(w => Object.assign(document.createElement("option"), { value: w.unit, textContent: w.unitName })));
  $("#point").replaceChildren(...points.filter(x => x.receives !== false)
    .map(x => Object.assign(document.createElement("option"), { value: x.code, textContent: x.name })));
  $("#delivery").replaceChildren(...detail.delivery.map((d, i) => {
    const label = Object.assign(document.createElement("label"), { className: "inline" });
    const input = Object.assign(document.createElement("input"), { type: "radio", name: "delivery", value: d, checked: i === 0, id: `delivery-${d}` });
    label.append(input, " ", p("delivery" + d[0].toUpperCase() + d.slice(1)));
    return label;
  }));
  offers = me?.personalIdVerified ? await api(`/api/v1/citizen/data-store?procedure=${encodeURIComponent(code)}`).then(r => r.ok ? r.json() : []) : [];
  $("#documents").replaceChildren(...detail.documents.map(documentRow));
  $("#email").value = me?.email ?? "";
  $("#phone").value = me?.phone ?? "";
}

function documentRow(doc) {
  const row = Object.assign(document.createElement("div"), { className: "document stack" });
  const id = `doc-${doc.id}`;
  const label = Object.assign(document.createElement("label"), { htmlFor: id, textContent: `${doc.name} (${doc.required ? p("required") : p("optional")})` });
  const input = Object.assign(document.createElement("input"), { type: "file", id, accept: "application/pdf,image/jpeg,image/png,image/tiff" });
  input.dataset.document = doc.id;
  row.append(label, input);
  const offer = offers.find(o => o.component === doc.id);
  if (offer) {
    const reuse = Object.assign(document.createElement("label"), { className: "inline" });
    const box = Object.assign(document.createElement("input"), { type: "checkbox", id: `reuse-${doc.id}` });
    box.dataset.reuse = offer.fileId;
    box.dataset.document = doc.id;
    reuse.append(box, " ", `${p("reuse")}${offer.resultNumber ? ` (${offer.resultNumber})` : ""}`);
    row.append(reuse);
  }
  if (doc.fetchableFrom && me?.personalIdVerified) {
    const fetch = Object.assign(document.createElement("label"), { className: "inline" });
    const box = Object.assign(document.createElement("input"), { type: "checkbox", id: `fetch-${doc.id}` });
    box.dataset.fetch = doc.id;
    fetch.append(box, " ", p("fromDatabase"));
    row.append(fetch);
  }
  return row;
}

$("#filing").addEventListener("submit", async event => {
  event.preventDefault();
  const uploads = [...document.querySelectorAll("#documents input[type=file]")].filter(i => i.files.length > 0);
  const reused = [...document.querySelectorAll("#documents input[data-reuse]:checked")];
  const fetched = [...document.querySelectorAll("#documents input[data-fetch]:checked")];
  const documents = [
    ...uploads.map(i => ({ id: i.dataset.document })),
    ...reused.map(b => ({ id: b.dataset.document, reusedFileId: b.dataset.reuse })),
    ...fetched.map(b => ({ id: b.dataset.fetch, fromNationalDatabase: true })),
  ];
  const notifyBy = [["email", "#notify-email"], ["sms", "#notify-sms"]].filter(([, s]) => $(s).checked).map(([c]) => c);
  const response = await send("/api/v1/citizen/dossiers", {
    procedureCode: procedure.code, branchCode: $("#point").value, locality: procedure.localityQuestion ? $("#locality").value : null,
    delivery: document.querySelector("input[name=delivery]:checked")?.value, documents, notifyBy,
    email: $("#email").value || null, phone: $("#phone").value || null, address: $("#address").value || null,
  });
  if (!response.ok) return fail(response);
  const filed = await response.json();
  let count = 0;
  for (const input of uploads) {
    const result = await uploadFile(filed.dossierId, input.dataset.document, input.files[0]);
    if (result !== true) return fail(result);
    count++;
  }
  // Shown once the dossier's view has opened (a change of view clears the last notice).
  flash = fill(p("submitted"), { n: String(count) });
  location.hash = `#dossier/${filed.dossierId}`;
});

async function uploadFile(dossierId, component, file) {
  const form = new FormData();
  form.append("file", file, file.name);
  const response = await api(`/api/v1/citizen/dossiers/${dossierId}/files?component=${encodeURIComponent(component)}`, { method: "POST", body: form });
  return response.ok ? true : response;
}

// ---- My dossiers ----
async function showMine() {
  const list = await api("/api/v1/citizen/dossiers").then(r => r.json());
  $("#none").hidden = list.length > 0;
  $("#dossiers").replaceChildren(...list.map(d => {
    const item = document.createElement("li");
    const link = Object.assign(document.createElement("a"), { href: `#dossier/${d.id}`, textContent: d.procedureName ?? d.procedureCode });
    const line = Object.assign(document.createElement("div"), { textContent: `${d.code ?? ""} · ${d.statusName} · ${formatTime(d.receivedAt)}` });
    item.append(link, line);
    if (d.actionNeeded) item.append(Object.assign(document.createElement("div"), { className: "action", textContent: p("actionNeeded") }));
    return item;
  }));
}

let dossier = null;

async function showDossier(id) {
  const response = await api(`/api/v1/citizen/dossiers/${id}`);
  if (!response.ok) return fail(response);
  dossier = await response.json();
  const d = dossier;
  const set = (selector, value) => { $(selector).textContent = value ?? "—"; };
  set("#d-title", d.procedureName ?? d.procedureCode);
  set("#d-code", d.code);
  set("#d-key", d.lookupKey);
  set("#d-status", d.statusName);
  set("#d-step", d.currentStep);
  set("#d-agency", d.agency);
  set("#d-received", formatTime(d.receivedAt));
  set("#d-appointment", formatTime(d.appointment));
  set("#d-fee", d.fee ? `${Number(d.fee).toLocaleString("vi-VN")} ${p("vnd")}` : p("free"));
  $("#d-missing-card").hidden = d.missing.length === 0 && !d.canUpload;
  $("#d-missing").replaceChildren(...d.missing.map(m => Object.assign(document.createElement("li"), { textContent: m })));
  $("#d-upload").hidden = !d.canUpload;
  $("#d-supplement").hidden = !d.canSupplement;
  const components = d.missingDocuments.length > 0 ? d.missingDocuments : ["other"];
  $("#d-component").replaceChildren(...[...new Set([...components, "other"])].map(c => Object.assign(document.createElement("option"), { value: c, textContent: c })));
  $("#d-refused").hidden = d.refusalReasons.length === 0;
  $("#d-reasons").replaceChildren(...d.refusalReasons.map(r => Object.assign(document.createElement("li"), { textContent: r })));
  $("#d-result-card").hidden = !d.result;
  if (d.result) {
    set("#d-result-number", d.result.number);
    $("#d-result-download").href = `/api/v1/citizen/dossiers/${d.id}/files/${d.result.fileId}?download=true`;
    $("#d-result-verify").href = `/verify.html?number=${encodeURIComponent(d.result.number)}`;
  }
  $("#d-pay").hidden = !d.canPay;
  $("#d-paid").hidden = !d.feePaidAt;
  $("#d-paid").textContent = d.feePaidAt ? fill(p("paid"), { when: formatTime(d.feePaidAt), ref: d.paymentReference ?? "—" }) + (d.paymentIsSimulated ? p("simulated") : "") : "";
  $("#d-rating").hidden = !d.canRate;
  $("#d-rated").hidden = d.rating == null;
  $("#d-rated").textContent = fill(p("rated"), { n: String(d.rating) });
  $("#d-withdraw").hidden = !d.canWithdraw;
  $("#d-survey").hidden = true;
  if (d.canSurvey) showSurvey($("#d-survey"), d.code, d.lookupKey);
  $("#d-papers").replaceChildren(...d.papers.map(kind => {
    const item = document.createElement("li");
    item.append(Object.assign(document.createElement("a"), { href: `/api/v1/citizen/dossiers/${d.id}/papers/${kind}`, target: "_blank", textContent: p("paperNames")[kind] ?? kind }));
    return item;
  }));
  $("#d-files").replaceChildren(...d.files.map(f => {
    const item = document.createElement("li");
    item.append(Object.assign(document.createElement("a"), { href: `/api/v1/citizen/dossiers/${d.id}/files/${f.id}`, target: "_blank", textContent: f.fileName }),
      ` (${f.component}, ${formatTime(f.addedAt)})`);
    return item;
  }));
  $("#d-sheet").replaceChildren(...d.trackingSheet.map(h => Object.assign(document.createElement("li"), { textContent: `${formatTime(h.at)} — ${h.stepName}` })));
}

$("#d-upload-button").addEventListener("click", async () => {
  const file = $("#d-file").files[0];
  if (!file) return $("#d-file").focus();
  const result = await uploadFile(dossier.id, $("#d-component").value, file);
  if (result !== true) return fail(result);
  $("#d-file").value = "";
  say(fill(p("uploaded"), { name: file.name }));
  await showDossier(dossier.id);
});

async function command(path, body, message) {
  const response = await send(`/api/v1/citizen/dossiers/${dossier.id}/${path}`, body);
  if (!response.ok) return fail(response);
  say(message ?? "");
  await showDossier(dossier.id);
}

$("#d-supplement").addEventListener("click", () => command("supplement", undefined, p("supplemented")));
$("#d-pay").addEventListener("click", () => command("payment"));
$("#d-withdraw").addEventListener("submit", event => { event.preventDefault(); command("withdraw", { reason: $("#d-withdraw-reason").value }); });
$("#d-rating").addEventListener("submit", event => {
  event.preventDefault();
  const chosen = document.querySelector("input[name=rating]:checked");
  command("rating", { rating: chosen ? Number(chosen.value) : null, comment: $("#d-comment").value || null });
});

// ---- Views ----
async function route() {
  const hash = location.hash || "#mine";
  const [view, id] = hash.slice(1).split("/");
  for (const name of ["file", "mine", "dossier"]) {
    $(`#${name}-view`).hidden = name !== view;
  }
  $("#tab-file").toggleAttribute("aria-current", view === "file");
  $("#tab-mine").toggleAttribute("aria-current", view === "mine");
  if (view === "file") { $("#tab-file").setAttribute("aria-current", "page"); await loadProcedures(); }
  if (view === "mine") { $("#tab-mine").setAttribute("aria-current", "page"); await showMine(); }
  if (view === "dossier" && id) await showDossier(id);
}

async function start() {
  providers ??= await api("/api/v1/citizen/auth/providers").then(r => r.json()).catch(() => ({ external: false }));
  const response = await api("/api/v1/citizen/auth/session");
  me = response.status === 200 ? await response.json() : null;
  $("#signed-out").hidden = !!me;
  $("#signed-in").hidden = !me;
  $("#external-row").hidden = !providers.external;
  $("#external-standin").hidden = !providers.externalIsStandIn;
  render();
  if (me) {
    $("#who").textContent = me.fullName + (me.personalIdMasked ? ` (${me.personalIdMasked})` : "");
    $("#bind-row").hidden = !me.canLinkIdentity;
    await route();
  }
  const error = new URLSearchParams(location.search).get("signin-error");
  if (error) { $("#error").textContent = `${p("failed")} (${error})`; $("#error").hidden = false; }
}

window.addEventListener("hashchange", () => { say(flash); flash = ""; route(); });
$("#language").addEventListener("click", async () => {
  switchLanguage();
  if (me) await send("/api/v1/citizen/me/language", { language: language() }, "PUT");
  render();
  if (me) await route();
});
start();
