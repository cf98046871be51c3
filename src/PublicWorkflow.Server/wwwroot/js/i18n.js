// Vietnamese by default; an English switch kept in localStorage. Elements carry data-i18n="key".
const texts = {
  vi: {
    center: "Trung tâm Phục vụ hành chính công thành phố Hà Nội",
    switchTo: "English",
    trackTitle: "Tra cứu hồ sơ",
    codeLabel: "Mã hồ sơ",
    codePlaceholder: "Ví dụ: UB.P.HOANKIEM-261124-0001",
    track: "Tra cứu",
    procedure: "Thủ tục",
    status: "Trạng thái",
    currentStep: "Bước đang xử lý",
    level: "Cấp xử lý",
    agency: "Cơ quan giải quyết",
    receivedAt: "Ngày tiếp nhận",
    appointment: "Ngày hẹn trả kết quả",
    previousAppointment: "Ngày hẹn trước khi xin lỗi",
    onTime: "Đúng hạn",
    late: "Trễ hạn",
    inProgress: "Đang trong hạn",
    timeliness: "Tiến độ",
    rateTitle: "Đánh giá mức độ hài lòng",
    comment: "Góp ý (không bắt buộc)",
    sendRating: "Gửi đánh giá",
    thanks: "Cảm ơn ông/bà đã đánh giá.",
    rated: "Hồ sơ này đã được đánh giá.",
    notFound: "Không tìm thấy hồ sơ với mã này.",
    badCode: "Mã hồ sơ không hợp lệ.",
    failed: "Không kết nối được, vui lòng thử lại.",
    levels: { branch: "Bộ phận một cửa", commune: "Cấp xã", district: "Cấp huyện", city: "Cấp thành phố" },
    signInTitle: "Đăng nhập cán bộ",
    userName: "Tên đăng nhập",
    password: "Mật khẩu",
    signIn: "Đăng nhập",
    signOut: "Đăng xuất",
    wrongPassword: "Sai tên đăng nhập hoặc mật khẩu.",
    receptionTitle: "Tiếp nhận hồ sơ",
    chooseProcedure: "Thủ tục",
    locality: "Phường/xã của người nộp (mã)",
    applicantName: "Họ tên người nộp",
    applicantId: "Số định danh cá nhân",
    applicantPhone: "Điện thoại",
    documentsReceived: "Giấy tờ đã nhận",
    fetchable: "có thể khai thác từ CSDL quốc gia",
    takeFromDatabase: "Khai thác từ CSDL",
    optional: "không bắt buộc",
    receive: "Tiếp nhận",
    accepted: "Đã tiếp nhận hồ sơ",
    notAccepted: "Hồ sơ chưa đủ, cần bổ sung",
    printReceipt: "In giấy tiếp nhận và hẹn trả",
    printSupplement: "In phiếu yêu cầu bổ sung",
    inboxTitle: "Việc của tôi",
    refresh: "Làm mới",
    dossier: "Hồ sơ",
    step: "Bước",
    due: "Hạn",
    daysLeft: "Còn (ngày làm việc)",
    claim: "Nhận việc",
    complete: "Hoàn thành",
    approve: "Đạt, trình ký",
    requestSupplement: "Yêu cầu bổ sung",
    refuse: "Từ chối",
    missingPrompt: "Các giấy tờ còn thiếu (mỗi dòng một mục)",
    reasonsPrompt: "Lý do từ chối (mỗi dòng một lý do)",
    trackingSheet: "Phiếu kiểm soát",
    empty: "Không có việc nào.",
    overdue: "Quá hạn",
    atRisk: "Sắp đến hạn",
    done: "Đã xong.",
  },
  en: {
    center: "Hanoi Public Administration Service Center",
    switchTo: "Tiếng Việt",
    trackTitle: "Track a dossier",
    codeLabel: "Dossier code",
    codePlaceholder: "e.g. UB.P.HOANKIEM-261124-0001",
    track: "Track",
    procedure: "Procedure",
    status: "Status",
    currentStep: "Current step",
    level: "Level",
    agency: "Resolving agency",
    receivedAt: "Received",
    appointment: "Appointment",
    previousAppointment: "Appointment before the apology",
    onTime: "On time",
    late: "Late",
    inProgress: "Within its time limit",
    timeliness: "Timeliness",
    rateTitle: "Rate the service",
    comment: "Comment (optional)",
    sendRating: "Send rating",
    thanks: "Thank you for your rating.",
    rated: "This dossier has been rated.",
    notFound: "No dossier has this code.",
    badCode: "That is not a valid dossier code.",
    failed: "Could not connect; please try again.",
    levels: { branch: "One-stop desk", commune: "Commune level", district: "District level", city: "City level" },
    signInTitle: "Staff sign-in",
    userName: "User name",
    password: "Password",
    signIn: "Sign in",
    signOut: "Sign out",
    wrongPassword: "Wrong user name or password.",
    receptionTitle: "Receive a dossier",
    chooseProcedure: "Procedure",
    locality: "Applicant's ward/commune (code)",
    applicantName: "Applicant's full name",
    applicantId: "Personal ID number",
    applicantPhone: "Phone",
    documentsReceived: "Documents received",
    fetchable: "can be taken from a national database",
    takeFromDatabase: "Take from the database",
    optional: "optional",
    receive: "Receive",
    accepted: "Dossier accepted",
    notAccepted: "Incomplete: a supplement is needed",
    printReceipt: "Print the receipt and appointment slip",
    printSupplement: "Print the supplement request",
    inboxTitle: "My tasks",
    refresh: "Refresh",
    dossier: "Dossier",
    step: "Step",
    due: "Due",
    daysLeft: "Working days left",
    claim: "Claim",
    complete: "Complete",
    approve: "Approve, send to sign",
    requestSupplement: "Request a supplement",
    refuse: "Refuse",
    missingPrompt: "What is missing (one item per line)",
    reasonsPrompt: "Reasons for refusing (one per line)",
    trackingSheet: "Tracking sheet",
    empty: "No task.",
    overdue: "Overdue",
    atRisk: "Due soon",
    done: "Done.",
  },
};

export function language() {
  return localStorage.getItem("pwf.lang") === "en" ? "en" : "vi";
}

export function t(key) {
  return texts[language()][key] ?? key;
}

export function levelName(code) {
  return code ? texts[language()].levels[code] ?? code : "—";
}

/** Fills every [data-i18n] element and the document language; call again after switching. */
export function translate(root = document) {
  document.documentElement.lang = language();
  root.querySelectorAll("[data-i18n]").forEach(e => { e.textContent = t(e.dataset.i18n); });
  root.querySelectorAll("[data-i18n-placeholder]").forEach(e => { e.placeholder = t(e.dataset.i18nPlaceholder); });
}

export function switchLanguage() {
  localStorage.setItem("pwf.lang", language() === "vi" ? "en" : "vi");
  translate();
}

/** fetch with the page's language, so problem details and names come back in it. */
export function api(path, options = {}) {
  return fetch(path, { ...options, headers: { "Accept-Language": language(), ...(options.headers ?? {}) } });
}
