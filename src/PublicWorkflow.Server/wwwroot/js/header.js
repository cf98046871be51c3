// The one page header of every page, built from its <header> element's data attributes:
//   data-title  the i18n key of the page's title (default "center");
//   data-link   "home" or "catalog": a link shown before the buttons;
//   data-staff  present on staff pages: the signed-in name (#me) and the sign-out button (#logout).
// The language switch is #language on every page; each page wires what it redraws after a switch.

function element(tag, attributes, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, value);
  }
  if (text) {
    node.textContent = text;
  }
  return node;
}

const links = {
  home: { href: "/", key: "home" },
  catalog: { href: "/catalog.html", key: "catalogTitle" },
};

export function renderHeader(header = document.querySelector("header")) {
  const { title = "center", link } = header.dataset;
  const staff = header.hasAttribute("data-staff");
  const tools = element("span", {});
  if (links[link]) {
    tools.append(element("a", { class: "home", href: links[link].href, "data-i18n": links[link].key }), " ");
  }
  if (staff) {
    tools.append(element("span", { id: "me" }), " ");
  }
  tools.append(element("button", { id: "language", type: "button", "data-i18n": "switchTo" }));
  if (staff) {
    tools.append(" ", element("button", { id: "logout", type: "button", "data-i18n": "signOut" }));
  }
  header.replaceChildren(element("h1", { "data-i18n": title }), tools);
}

renderHeader();
