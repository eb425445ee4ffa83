// opp-docs: the editor at /plan. No library. The page is rendered by the server from the
// model (templates/editor.html lists the attributes this script reads); this script reads
// the page into the plan's JSON shape (as `opp voorbeeld` prints it) and writes a plan back
// into it, adds, moves and removes list items, runs the live check through /api/check, and
// opens and saves through the server. The plan lives in this page only: nothing is stored
// unless the user asks for a draft on this computer.
"use strict";

(() => {
  const form = document.querySelector("form[data-plan]");
  const editor = document.querySelector(".editor");
  if (!form || !editor) return;
  const csrf = editor.dataset.csrf;
  const CONTAINERS = "[data-plan],[data-groep],[data-item]";
  const DRAFT = "opp-docs-concept";
  const WAIT_MS = 600; // after the last key, before the check runs
  let counter = 1000; // new items' ids: above the rows the server numbered
  let dirty = false;
  let timer = null;
  let sequence = 0;
  let places = new Map(); // model path -> element, of the plan last checked
  const sections = new Map(); // the plan's field -> its section
  for (const section of document.querySelectorAll("[data-onderdeel]")) {
    for (const name of section.dataset.velden.split(" ")) sections.set(name, section);
  }

  // ------------------------------------------------------------------ the page's structure

  const owner = (element) => element.parentElement.closest(CONTAINERS);

  // The values, parts and lists of a part or item: its own, not those of a deeper item.
  function own(scope) {
    return Array.from(scope.querySelectorAll("[data-veld],[data-groep],[data-lijst]")).filter(
      (element) => owner(element) === scope,
    );
  }

  const nameOf = (element) =>
    element.dataset.veld ?? element.dataset.groep ?? element.dataset.lijst;

  // The elements matching `selector` in `home` that belong to `list` (not to a deeper list).
  function mine(home, selector, list) {
    return Array.from(home.querySelectorAll(selector)).filter(
      (element) => element.closest("[data-lijst]") === list,
    );
  }

  function itemsOf(list) {
    return mine(list, "[data-items]", list).flatMap((box) =>
      Array.from(box.children).filter((child) => child.matches("[data-item]")),
    );
  }

  const ignored = (list) => (list.dataset.negeer || "").split(" ").filter(Boolean);

  // The key an item gets from its place: a printed row's text, or its group's choice.
  function keyOf(item) {
    if (item.dataset.vast !== undefined) return item.dataset.vast;
    const group = item.closest("[data-sleutelgroep]");
    if (group && group.closest("[data-lijst]") === item.closest("[data-lijst]")) {
      return group.dataset.sleutelgroep;
    }
    return null;
  }

  // ------------------------------------------------------------------ values

  function toIso(text) {
    const found = /^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$/.exec(text);
    if (!found) return "";
    return `${found[3]}-${found[2].padStart(2, "0")}-${found[1].padStart(2, "0")}`;
  }

  function toShown(value) {
    const found = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
    return found ? `${found[3]}-${found[2]}-${found[1]}` : String(value);
  }

  const boxes = (element, type) =>
    Array.from(element.querySelectorAll(`input[type=${type}]`)).filter(
      (input) => input.closest("[data-veld]") === element,
    );

  function read(element) {
    switch (element.dataset.soort) {
      case "tekst":
        return element.value === "" ? null : element.value;
      case "datum":
      case "getal": {
        const text = element.value.trim();
        if (text === "") return null;
        if (element.dataset.soort === "getal" && /^-?\d+$/.test(text)) return Number(text);
        return text; // the server reads dates (dd-mm-jjjj) and says what does not fit
      }
      case "vink":
        return element.checked;
      case "keuze": {
        const chosen = boxes(element, "radio").find((input) => input.checked);
        return chosen ? chosen.value : null;
      }
      case "janee": {
        const chosen = boxes(element, "radio").find((input) => input.checked);
        return chosen ? chosen.value === "ja" : null;
      }
      case "keuzes":
        return boxes(element, "checkbox")
          .filter((input) => input.checked)
          .map((input) => input.value);
      default:
        return null;
    }
  }

  function write(element, value) {
    switch (element.dataset.soort) {
      case "tekst":
        element.value = value ?? "";
        grow(element);
        break;
      case "datum":
        element.value = value ? toShown(value) : "";
        break;
      case "getal":
        element.value = value ?? "";
        break;
      case "vink":
        element.checked = value === true;
        break;
      case "keuze": {
        const chosen = value ?? element.dataset.standaard; // a kind that always has one
        for (const input of boxes(element, "radio")) input.checked = input.value === chosen;
        break;
      }
      case "janee":
        for (const input of boxes(element, "radio")) {
          input.checked = value === true ? input.value === "ja" : value === false && input.value === "nee";
        }
        break;
      case "keuzes":
        for (const input of boxes(element, "checkbox")) {
          input.checked = Array.isArray(value) && value.includes(input.value);
        }
        break;
      default:
        break;
    }
  }

  // Whether a value is what an untouched control holds (ja/nee: nothing ticked; a box: off).
  function untouched(element) {
    const value = read(element);
    if (element.dataset.soort === "vink") return value === false;
    return value === null || (Array.isArray(value) && value.length === 0);
  }

  // An item with nothing in it but its key and kind is no item, as the model drops it.
  function blank(scope, skip) {
    return own(scope).every((element) => {
      if (skip.includes(nameOf(element))) return true;
      if (element.dataset.groep !== undefined) return blank(element, []);
      if (element.dataset.lijst !== undefined) {
        return itemsOf(element).every((item) => blank(item, ignored(element)));
      }
      return untouched(element);
    });
  }

  // ------------------------------------------------------------------ page -> plan

  function collect(scope, path, found) {
    const plan = {};
    for (const element of own(scope)) {
      const name = nameOf(element);
      const place = path ? `${path}.${name}` : name;
      found.set(place, element);
      if (element.dataset.veld !== undefined) plan[name] = read(element);
      else if (element.dataset.groep !== undefined) plan[name] = collect(element, place, found);
      else plan[name] = collectList(element, place, found);
    }
    return plan;
  }

  function collectList(list, path, found) {
    const key = list.dataset.sleutel;
    const items = [];
    for (const item of itemsOf(list)) {
      if (blank(item, ignored(list))) continue;
      const place = `${path}.${items.length}`;
      const value = collect(item, place, found);
      const printed = keyOf(item);
      if (key && printed !== null) value[key] = printed;
      found.set(place, item);
      items.push(value);
    }
    return items;
  }

  const planOfPage = () => collect(form, "", new Map());

  // ------------------------------------------------------------------ plan -> page

  function fill(scope, plan) {
    const values = plan || {};
    for (const element of own(scope)) {
      const value = values[nameOf(element)];
      if (element.dataset.veld !== undefined) write(element, value);
      else if (element.dataset.groep !== undefined) fill(element, value);
      else fillList(element, Array.isArray(value) ? value : []);
    }
  }

  function fillList(list, values) {
    const key = list.dataset.sleutel;
    for (const item of itemsOf(list)) {
      if (item.dataset.vast === undefined) item.remove();
      else fill(item, {});
    }
    const printed = itemsOf(list);
    const used = new Set();
    for (const value of values) {
      // A value for a printed row goes into the first such row still free, the rest after.
      const row = key
        ? printed.find((candidate) => !used.has(candidate) && candidate.dataset.vast === value[key])
        : undefined;
      if (row) {
        used.add(row);
        fill(row, value);
        continue;
      }
      const item = addItem(list, key ? value[key] : null);
      if (item) fill(item, value);
    }
    renumber(list);
  }

  function load(plan) {
    fill(form, plan);
    for (const list of form.querySelectorAll("[data-lijst]")) renumber(list);
    dirty = false;
    checkSoon(0);
  }

  // ------------------------------------------------------------------ lists

  function addItem(list, key) {
    const groups = mine(list, "[data-sleutelgroep]", list);
    const home = groups.length
      ? groups.find((group) => group.dataset.sleutelgroep === key) || groups[0]
      : list;
    const template = mine(home, "template[data-nieuw]", list)[0];
    const box = mine(home, "[data-items]", list)[0];
    if (!template || !box) return null;
    const copy = template.content.cloneNode(true);
    const number = String(counter++);
    for (const element of copy.querySelectorAll("*")) {
      for (const name of ["id", "for", "name", "aria-describedby", "aria-labelledby"]) {
        const value = element.getAttribute(name);
        if (value && value.includes("__N__")) element.setAttribute(name, value.replaceAll("__N__", number));
      }
    }
    const item = copy.firstElementChild;
    box.appendChild(copy);
    return item;
  }

  function kindOf(list, item) {
    const control = own(item).find((element) => nameOf(element) === list.dataset.soortveld);
    return control ? [read(control) || "", control.dataset.standaard || ""] : ["", ""];
  }

  // As the form numbers its tables: 'Tussenevaluatie 2'; the first of another kind than the
  // usual one unnumbered ('Eindevaluatie', then 'Eindevaluatie 2').
  const numbered = (kind, number, usual) =>
    kind !== usual && number === 1 ? kind : `${kind} ${number}`;

  function renumber(list) {
    for (const box of mine(list, "[data-items]", list)) {
      const counts = {};
      Array.from(box.children)
        .filter((child) => child.matches("[data-item]"))
        .forEach((item, position) => {
          const index = position + 1;
          for (const number of item.querySelectorAll("[data-nummer]")) {
            if (number.closest("[data-item]") === item) number.textContent = String(index);
          }
          let title = `Rij ${index}`;
          if (list.dataset.soortveld) {
            const [kind, usual] = kindOf(list, item);
            counts[kind] = (counts[kind] || 0) + 1;
            title = numbered(kind, counts[kind], usual);
          }
          const legend = Array.from(item.querySelectorAll("[data-titel]")).find(
            (element) => element.closest("[data-item]") === item,
          );
          if (legend) legend.textContent = title;
          const name = item.dataset.vast ?? (list.dataset.soortveld ? title : `rij ${index}`);
          for (const button of item.querySelectorAll("[data-actie]")) {
            if (button.closest("[data-item]") !== item) continue;
            const action = { omhoog: "Omhoog", omlaag: "Omlaag", verwijderen: "Verwijderen" }[
              button.dataset.actie
            ];
            if (action) button.setAttribute("aria-label", `${action}: ${name}`);
          }
        });
    }
  }

  function sibling(item, step) {
    let next = step < 0 ? item.previousElementSibling : item.nextElementSibling;
    while (next && !next.matches("[data-item]")) {
      next = step < 0 ? next.previousElementSibling : next.nextElementSibling;
    }
    return next && next.dataset.vast === undefined ? next : null;
  }

  function move(button, step) {
    const item = button.closest("[data-item]");
    const list = item.closest("[data-lijst]");
    const other = sibling(item, step);
    if (!other) {
      announce(step < 0 ? "Deze rij staat al bovenaan." : "Deze rij staat al onderaan.");
      return;
    }
    if (step < 0) other.before(item);
    else other.after(item);
    renumber(list);
    button.focus();
    const position = Array.from(item.parentElement.children).filter((c) => c.matches("[data-item]")).indexOf(item) + 1;
    announce(`Verplaatst naar plaats ${position}.`);
    changed();
  }

  function remove(button) {
    const item = button.closest("[data-item]");
    const list = item.closest("[data-lijst]");
    if (!blank(item, []) && !window.confirm("Deze rij verwijderen? Wat erin staat, gaat verloren.")) {
      return;
    }
    const next = sibling(item, 1) || sibling(item, -1);
    const home = item.closest("[data-sleutelgroep]") || list;
    item.remove();
    renumber(list);
    const target = next
      ? next.querySelector("[data-actie=verwijderen]")
      : mine(home, "[data-actie=toevoegen]", list)[0];
    if (target) target.focus();
    announce("De rij is verwijderd.");
    changed();
  }

  function add(button) {
    const list = button.closest("[data-lijst]");
    const group = button.closest("[data-sleutelgroep]");
    const item = addItem(list, group && group.closest("[data-lijst]") === list ? group.dataset.sleutelgroep : null);
    if (!item) return;
    renumber(list);
    const first = item.querySelector("textarea, input:not([type=hidden]):not(.kiezer), select");
    if (first) first.focus();
    announce("Er is een rij toegevoegd.");
    changed();
  }

  // ------------------------------------------------------------------ controls

  const sizes = window.CSS && CSS.supports("field-sizing", "content");

  function grow(area) {
    if (sizes) return; // the style sheet lets the box grow with its text
    area.style.height = "auto";
    area.style.height = `${area.scrollHeight + 2}px`;
  }

  function calendar(button) {
    const box = button.closest(".datumveld");
    const text = box.querySelector("[data-soort=datum]");
    const picker = box.querySelector(".kiezer");
    picker.value = toIso(text.value);
    try {
      picker.showPicker();
    } catch {
      picker.focus();
    }
  }

  function picked(picker) {
    const text = picker.closest(".datumveld").querySelector("[data-soort=datum]");
    text.value = picker.value ? toShown(picker.value) : "";
    text.focus();
    changed();
  }

  function clearChoice(button) {
    const field = button.closest("[data-veld]");
    for (const input of boxes(field, "radio")) input.checked = false;
    const list = field.closest("[data-lijst]");
    if (list) renumber(list);
    changed();
  }

  // ------------------------------------------------------------------ messages

  const element = (tag, attributes, ...children) => {
    const made = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) made.setAttribute(name, value);
    for (const child of children) made.append(child);
    return made;
  };

  function announce(text) {
    const status = document.getElementById("verplaatst");
    status.textContent = "";
    window.setTimeout(() => {
      status.textContent = text;
    }, 50);
  }

  function say(text, problems) {
    const box = document.getElementById("melding");
    box.replaceChildren(element("p", {}, text));
    if (problems && problems.length) box.append(problemList(problems));
  }

  function problemList(problems) {
    return element(
      "ul",
      {},
      ...problems.map((problem) =>
        element(
          "li",
          {},
          `${problem.plaats ? `${problem.plaats}: ` : ""}${problem.melding} `,
          element("code", {}, problem.code),
        ),
      ),
    );
  }

  function refused(what, body) {
    if (body && body.problems) say(`${what} is niet gelukt.`, body.problems);
    else say(`${what} is niet gelukt: de server gaf geen antwoord. Draait opp web nog?`);
  }

  function busy(on) {
    for (const button of document.querySelectorAll(".bestand button")) {
      if (on) {
        button.dataset.was = button.disabled ? "1" : "";
        button.disabled = true;
      } else if (button.dataset.was !== undefined) {
        button.disabled = button.dataset.was === "1";
        delete button.dataset.was;
      }
    }
  }

  // ------------------------------------------------------------------ the live check

  function changed() {
    dirty = true;
    checkSoon(WAIT_MS);
  }

  function checkSoon(wait) {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, wait);
  }

  function sectionOf(path) {
    const first = (path || "").split(".")[0];
    return sections.get(first) || document.getElementById("onderdeel-top") || null;
  }

  function clearMarks() {
    for (const marked of form.querySelectorAll("[data-bevindingen]")) {
      const added = marked.dataset.bevindingen.split(" ");
      const kept = (marked.getAttribute("aria-describedby") || "")
        .split(" ")
        .filter((id) => id && !added.includes(id));
      if (kept.length) marked.setAttribute("aria-describedby", kept.join(" "));
      else marked.removeAttribute("aria-describedby");
      marked.removeAttribute("aria-invalid");
      delete marked.dataset.bevindingen;
    }
  }

  // The control a finding is about: its own field, else the nearest part of its path.
  function placeOf(path) {
    const steps = (path || "").split(".");
    while (steps.length) {
      const found = places.get(steps.join("."));
      if (found) return found;
      steps.pop();
    }
    return null;
  }

  function focusable(target) {
    if (target.matches("textarea, input, select, button")) return target;
    return target.querySelector("textarea, input:not(.kiezer), select, button") || target;
  }

  function show(findings, problems) {
    clearMarks();
    const bySection = new Map();
    const all = [...problems.map((p) => ({ ...p, ernst: "fout" })), ...findings];
    all.forEach((finding, number) => {
      const section = sectionOf(finding.pad);
      if (!section) return;
      if (!bySection.has(section)) bySection.set(section, []);
      bySection.get(section).push({ finding, id: `bevinding-${number}` });
    });
    for (const section of document.querySelectorAll("[data-onderdeel]")) {
      const box = document.getElementById(`controle-${section.dataset.onderdeel}`);
      const lines = bySection.get(section) || [];
      box.hidden = lines.length === 0;
      box.replaceChildren();
      box.classList.toggle("waarschuwingen", lines.every((line) => line.finding.ernst !== "fout"));
      if (!lines.length) continue;
      const list = element("ul", {});
      for (const { finding, id } of lines) {
        const line = element(
          "li",
          { class: finding.ernst, id },
          element("strong", {}, finding.ernst),
          ` ${finding.melding} `,
          element("code", {}, finding.code),
        );
        const target = placeOf(finding.pad);
        if (target && target.id) {
          line.append(" ", element("a", { href: `#${target.id}`, class: "naar-veld" }, "Naar het veld"));
          mark(focusable(target), id, finding.ernst === "fout");
        }
        list.append(line);
      }
      // Open while short, or as the user left it: an empty plan has many lines per part.
      const details = element("details", {}, element("summary", {}, `Controle: ${counted(lines)}`), list);
      details.open = box.dataset.open ? box.dataset.open === "1" : lines.length <= 3;
      details.firstChild.addEventListener("click", () =>
        window.setTimeout(() => {
          box.dataset.open = details.open ? "1" : "0";
        }, 0),
      );
      box.append(details);
    }
    return bySection;
  }

  // A control is told of its findings (aria-describedby); it is marked wrong (aria-invalid)
  // only for a fout about what it holds, not for one about it being empty.
  function mark(control, id, error) {
    if (error && !untouchedControl(control)) control.setAttribute("aria-invalid", "true");
    const ids = (control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    control.setAttribute("aria-describedby", [...ids, id].join(" "));
    control.dataset.bevindingen = `${control.dataset.bevindingen || ""} ${id}`.trim();
  }

  function untouchedControl(control) {
    const field = control.closest("[data-veld]");
    return field ? untouched(field) : true;
  }

  function counted(lines) {
    const bad = lines.filter((line) => line.finding.ernst === "fout").length;
    const warnings = lines.length - bad;
    return [
      bad ? `${bad} ${bad === 1 ? "fout" : "fouten"}` : "",
      warnings ? `${warnings} ${warnings === 1 ? "waarschuwing" : "waarschuwingen"}` : "",
    ]
      .filter(Boolean)
      .join(", ");
  }

  function summarize(report, bySection) {
    const summary = document.getElementById("samenvatting");
    const errors = report ? report.fouten : 0;
    const warnings = report ? report.waarschuwingen : 0;
    let state;
    if (!report) state = "Het plan heeft waarden die niet passen; verbeter die eerst.";
    else if (report.klaar_voor_acta) state = "Klaar voor de ACTA.";
    else if (report.klaar_voor_ouders) state = "Klaar voor ouders. Nog niet klaar voor de ACTA.";
    else state = "Nog niet klaar voor ouders.";
    const counts = report
      ? `${errors} ${errors === 1 ? "fout" : "fouten"}, ${warnings} ${warnings === 1 ? "waarschuwing" : "waarschuwingen"}.`
      : "";
    summary.replaceChildren(element("strong", {}, state), " ", counts);
    summary.className = report && report.klaar_voor_acta ? "klaar" : report && report.klaar_voor_ouders ? "half" : "niet";
    const left = document.getElementById("per-onderdeel");
    left.replaceChildren();
    for (const section of document.querySelectorAll("[data-onderdeel]")) {
      const lines = bySection.get(section) || [];
      if (!lines.length) continue;
      const bad = lines.some((line) => line.finding.ernst === "fout");
      const title = section.querySelector("h2").textContent.trim();
      const link = element("a", { href: `#onderdeel-${section.dataset.onderdeel}` }, title);
      left.append(element("li", { class: bad ? "fout" : "waarschuwing" }, link, `: ${counted(lines)}`));
    }
  }

  async function check() {
    const ticket = ++sequence;
    const found = new Map();
    const plan = collect(form, "", found);
    const query = new URLSearchParams();
    const regio = document.getElementById("regio").value;
    const day = document.getElementById("op").value.trim();
    if (regio) query.set("regio", regio);
    if (day) query.set("op", day);
    if (document.getElementById("acta").checked) query.set("acta", "ja");
    let response;
    let body;
    try {
      response = await fetch(`/api/check?${query}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify(plan),
        credentials: "same-origin",
      });
      body = await response.json();
    } catch {
      if (ticket === sequence) {
        document.getElementById("samenvatting").textContent =
          "De controle kan de server niet bereiken. Draait opp web nog?";
      }
      return;
    }
    if (ticket !== sequence) return; // a newer check is under way
    places = found;
    if (response.ok) {
      const report = body.plannen[0];
      summarize(report, show(report.bevindingen, []));
    } else if (response.status === 422) {
      summarize(null, show([], body.problems));
    } else {
      show([], []);
      summarize(null, new Map());
      document.getElementById("samenvatting").replaceChildren(
        element("strong", {}, "De controle is niet gelukt. "),
        ...(body.problems || []).map((p) => `${p.melding} `),
      );
    }
  }

  // ------------------------------------------------------------------ open and save

  function otherForm(data, withTemplate) {
    for (const id of withTemplate ? ["formulier", "mapping"] : ["mapping"]) {
      const input = document.getElementById(id);
      if (input && input.files.length) data.append(id, input.files[0]);
    }
  }

  const mayLeave = () =>
    !dirty || window.confirm("Het plan in deze pagina is niet opgeslagen. Toch verdergaan?");

  function opened(name, problems) {
    const box = document.getElementById("geopend");
    const missing = problems.filter((p) => p.code === "omzetten.geen_plaats");
    const other = problems.filter((p) => p.code !== "omzetten.geen_plaats");
    box.replaceChildren(element("p", {}, `Geopend: ${name}.`));
    if (missing.length) {
      box.append(
        element(
          "p",
          { class: "waarschuwing" },
          "Dit staat in het formulier, maar gaat niet mee als u het hier als Word opslaat " +
            "(een handtekening bijvoorbeeld: laat die na het opslaan opnieuw zetten):",
        ),
        element("ul", {}, ...missing.map((p) => element("li", {}, p.label || p.plaats))),
      );
    }
    if (other.length) {
      box.append(element("p", {}, "Bij het lezen viel dit op:"), problemList(other));
    }
    box.hidden = false;
  }

  async function openFile() {
    const input = document.getElementById("bestand");
    if (!input.files.length) {
      say("Kies eerst een formulier (.docx) of plan (.json) om te openen.");
      input.focus();
      return;
    }
    if (!mayLeave()) return;
    const file = input.files[0];
    const data = new FormData();
    data.append("csrf", csrf);
    data.append("bestand", file);
    otherForm(data, true);
    busy(true);
    say("Bezig met openen...");
    try {
      const response = await fetch("/plan/openen", { method: "POST", body: data, headers: { Accept: "application/json" } });
      const body = await response.json().catch(() => null);
      if (!response.ok || !body) {
        refused("Openen", body);
        return;
      }
      load(body.plan);
      opened(file.name, body.problems);
      say(`${file.name} is geopend.`);
    } catch {
      refused("Openen", null);
    } finally {
      busy(false);
    }
  }

  async function example() {
    if (!mayLeave()) return;
    const response = await fetch("/plan/voorbeeld", { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => null);
    if (!response.ok || !body) {
      refused("Het voorbeeld openen", body);
      return;
    }
    load(body.plan);
    document.getElementById("geopend").hidden = true;
    say("Het voorbeeld is geopend: een verzonnen leerling.");
  }

  function empty() {
    if (!mayLeave()) return;
    load({});
    document.getElementById("geopend").hidden = true;
    say("Een leeg plan.");
  }

  function fileName(disposition, fallback) {
    const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition || "");
    if (encoded) return decodeURIComponent(encoded[1]);
    const plain = /filename="([^"]+)"/i.exec(disposition || "");
    return plain ? plain[1] : fallback;
  }

  async function save(kind) {
    const plan = planOfPage();
    const data = new FormData();
    data.append("csrf", csrf);
    data.append("plan", new Blob([JSON.stringify(plan)], { type: "application/json" }), "plan.json");
    otherForm(data, kind !== "json"); // the mapping names the file, the form is filled
    busy(true);
    say(kind === "pdf" ? "Bezig met de PDF (dat duurt even)..." : "Bezig met opslaan...");
    try {
      const response = await fetch(`/plan/${kind}`, { method: "POST", body: data, headers: { Accept: "application/json" } });
      if (!response.ok) {
        refused("Opslaan", await response.json().catch(() => null));
        return;
      }
      const blob = await response.blob();
      const name = fileName(response.headers.get("Content-Disposition"), `OPP.${kind}`);
      const url = URL.createObjectURL(blob);
      const link = element("a", { href: url, download: name, hidden: "" });
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 60000);
      dirty = false;
      say(`Opgeslagen als ${name} (in de map Downloads).`);
    } catch {
      refused("Opslaan", null);
    } finally {
      busy(false);
    }
  }

  // ------------------------------------------------------------------ a draft, if asked for

  function draftShown() {
    const stored = window.localStorage.getItem(DRAFT);
    for (const action of ["concept-openen", "concept-wissen"]) {
      document.querySelector(`[data-actie=${action}]`).hidden = !stored;
    }
    if (!stored) return;
    document.getElementById("concept").open = true; // a draft is there: say so at once
    let when = "";
    try {
      when = new Date(JSON.parse(stored).bewaard).toLocaleString("nl-NL");
    } catch {
      when = "(onbekend)";
    }
    document.getElementById("concept-status").textContent =
      `Er staat een concept op deze computer, bewaard op ${when}. Wis het als u klaar bent.`;
  }

  function draftSave() {
    const stored = { bewaard: new Date().toISOString(), plan: planOfPage() };
    window.localStorage.setItem(DRAFT, JSON.stringify(stored));
    draftShown();
  }

  function draftOpen() {
    const stored = window.localStorage.getItem(DRAFT);
    if (!stored || !mayLeave()) return;
    load(JSON.parse(stored).plan);
    say("Het concept van deze computer is geopend.");
  }

  function draftWipe() {
    window.localStorage.removeItem(DRAFT);
    draftShown();
    document.getElementById("concept-status").textContent = "Het concept is gewist.";
  }

  // ------------------------------------------------------------------ wiring

  const actions = {
    toevoegen: add,
    omhoog: (button) => move(button, -1),
    omlaag: (button) => move(button, 1),
    verwijderen: remove,
    wissen: clearChoice,
    kalender: calendar,
    openen: openFile,
    voorbeeld: example,
    leeg: empty,
    opslaan: (button) => save(button.dataset.soort),
    "concept-bewaren": draftSave,
    "concept-openen": draftOpen,
    "concept-wissen": draftWipe,
  };

  editor.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-actie]");
    if (button && actions[button.dataset.actie]) actions[button.dataset.actie](button);
    const link = event.target.closest("a.naar-veld");
    if (link) {
      const target = document.getElementById(link.getAttribute("href").slice(1));
      if (target) {
        event.preventDefault();
        target.scrollIntoView({ block: "center" });
        focusable(target).focus();
      }
    }
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("input", (event) => {
    if (event.target.classList.contains("kiezer")) return;
    if (event.target.matches("textarea")) grow(event.target);
    changed();
  });
  form.addEventListener("change", (event) => {
    if (event.target.classList.contains("kiezer")) {
      picked(event.target);
      return;
    }
    const list = event.target.closest("[data-lijst][data-soortveld]");
    if (list) renumber(list);
    changed();
  });
  for (const id of ["regio", "acta", "op"]) {
    document.getElementById(id).addEventListener("change", () => checkSoon(0));
  }
  window.addEventListener("beforeunload", (event) => {
    if (!dirty) return;
    event.preventDefault();
    event.returnValue = "";
  });

  for (const list of form.querySelectorAll("[data-lijst]")) renumber(list);
  draftShown();
  checkSoon(0);
  // For scripts and the browser tests: the plan of the page, a plan into it, its state.
  window.oppEditor = {
    plan: planOfPage,
    load,
    isDirty: () => dirty,
    markSaved: () => {
      dirty = false;
    },
  };
})();
