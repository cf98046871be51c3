import { language, api } from "./i18n.js";

// The satisfaction survey of a returned dossier (its questions come from the server), offered wherever its code and
// lookup key are known: the tracking page and the citizen's portal.
const texts = {
  vi: { title: "Khảo sát sự hài lòng", send: "Gửi khảo sát", comment: "Góp ý thêm (không bắt buộc)", thanks: "Cảm ơn ông/bà đã trả lời khảo sát.", all: "Hãy chấm điểm mọi câu hỏi.",
    scale: ["Rất không hài lòng", "Không hài lòng", "Bình thường", "Hài lòng", "Rất hài lòng"] },
  en: { title: "Satisfaction survey", send: "Send the survey", comment: "Anything else (optional)", thanks: "Thank you for answering the survey.", all: "Please score every question.",
    scale: ["Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"] },
};

export async function showSurvey(container, code, key) {
  const s = texts[language()];
  const form = (await (await api("/api/v1/public/survey")).json());
  const element = (tag, props = {}) => Object.assign(document.createElement(tag), props);
  const root = element("form", { className: "survey stack", id: "survey-form" });
  root.append(element("h3", { textContent: s.title }));
  for (const question of form.questions) {
    const group = element("fieldset");
    group.append(element("legend", { textContent: question.text }));
    s.scale.forEach((label, i) => {
      const choice = element("label", { className: "inline" });
      choice.append(element("input", { type: "radio", name: `q-${question.id}`, value: String(i + 1) }), ` ${i + 1} — ${label}`);
      group.append(choice);
    });
    root.append(group);
  }
  const commentId = "survey-comment";
  root.append(element("label", { htmlFor: commentId, textContent: s.comment }), element("textarea", { id: commentId, maxLength: 2000 }),
    element("button", { type: "submit", className: "primary", textContent: s.send }), element("p", { className: "error", role: "alert", hidden: true }));
  root.addEventListener("submit", async event => {
    event.preventDefault();
    const answers = {};
    for (const question of form.questions) {
      const chosen = root.querySelector(`input[name="q-${question.id}"]:checked`);
      if (chosen) answers[question.id] = Number(chosen.value);
    }
    const error = root.querySelector(".error");
    if (Object.keys(answers).length < form.questions.length) {
      error.textContent = s.all;
      error.hidden = false;
      return;
    }
    const response = await api(`/api/v1/public/dossiers/${encodeURIComponent(code)}/survey?key=${encodeURIComponent(key)}`, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ answers, comment: root.querySelector(`#${commentId}`).value || null }),
    });
    if (response.ok) {
      container.replaceChildren(element("p", { className: "thanks", role: "status", textContent: s.thanks }));
    } else {
      error.textContent = (await response.json()).detail ?? response.statusText;
      error.hidden = false;
    }
  });
  container.replaceChildren(root);
  container.hidden = false;
}
