// opp-docs: a little script, no library. The pages work without it; it adds a progress line
// while an upload runs, and sorting to the tables marked "sorteerbaar".
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll("form[data-bezig]")) {
    form.addEventListener("submit", () => {
      const busy = form.querySelector(".bezig");
      if (busy) busy.hidden = false;
      const button = form.querySelector("button[type=submit]");
      if (button) {
        // Disabled a moment later: a disabled button at submit time would not be sent.
        setTimeout(() => { button.disabled = true; }, 0);
      }
    });
  }
  for (const table of document.querySelectorAll("table.sorteerbaar")) {
    sortable(table);
  }
});

function cellValue(row, index) {
  const cell = row.cells[index];
  if (!cell) return "";
  return cell.dataset.waarde !== undefined ? cell.dataset.waarde : cell.textContent.trim();
}

function compare(a, b) {
  const x = Number(a), y = Number(b);
  if (a !== "" && b !== "" && !Number.isNaN(x) && !Number.isNaN(y)) return x - y;
  return a.localeCompare(b, "nl", { numeric: true, sensitivity: "base" });
}

function sortable(table) {
  const headers = table.tHead ? Array.from(table.tHead.rows[0].cells) : [];
  headers.forEach((header, index) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sorteer";
    button.textContent = header.textContent;
    button.setAttribute("aria-label", header.textContent + ": sorteren");
    header.textContent = "";
    header.appendChild(button);
    header.setAttribute("aria-sort", "none");
    button.addEventListener("click", () => {
      const ascending = header.getAttribute("aria-sort") !== "ascending";
      headers.forEach((other) => other.setAttribute("aria-sort", "none"));
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const body = table.tBodies[0];
      const rows = Array.from(body.rows);
      rows.sort((r, s) => compare(cellValue(r, index), cellValue(s, index)) * (ascending ? 1 : -1));
      rows.forEach((row) => body.appendChild(row));
    });
  });
}
