// docgen 工作台: the names of the files chosen or dropped for import, and the drop
// zone lit while files are dragged over it. Everything else is plain forms and htmx.
"use strict";

document.addEventListener("change", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== "file") return;
  const list = input.closest("form")?.querySelector("[data-chosen]");
  if (!list) return;
  list.replaceChildren(...Array.from(input.files, (file) => {
    const item = document.createElement("li");
    item.textContent = file.name;
    return item;
  }));
});

for (const [type, lit] of [["dragenter", true], ["dragover", true], ["dragleave", false], ["drop", false]]) {
  document.addEventListener(type, (event) => {
    const zone = event.target instanceof Element ? event.target.closest("[data-drop]") : null;
    if (zone) zone.classList.toggle("over", lit);
  });
}
