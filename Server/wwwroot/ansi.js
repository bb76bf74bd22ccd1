// ANSI SGR colours -> spans. Text is only ever set with textContent: log text is never HTML.
"use strict";
const Ansi = (() => {
  const pattern = /\u001b\[([0-9;]*)([A-Za-z])/g;

  // Splits a line into [{text, classes}] pieces, starting from `state` ({fg, bg, bold, italic, underline}).
  function parse(line, state) {
    const pieces = [];
    let last = 0;
    state = state || {};
    pattern.lastIndex = 0;
    let m;
    while ((m = pattern.exec(line)) !== null) {
      if (m.index > last) pieces.push({ text: line.slice(last, m.index), classes: classesOf(state) });
      last = pattern.lastIndex;
      if (m[2] !== "m") continue;
      const codes = m[1] === "" ? [0] : m[1].split(";").map(Number);
      for (const code of codes) {
        if (code === 0) state = {};
        else if (code === 1) state = { ...state, bold: true };
        else if (code === 3) state = { ...state, italic: true };
        else if (code === 4) state = { ...state, underline: true };
        else if (code === 22) state = { ...state, bold: false };
        else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) state = { ...state, fg: code };
        else if (code >= 40 && code <= 47) state = { ...state, bg: code };
        else if (code === 39) state = { ...state, fg: undefined };
        else if (code === 49) state = { ...state, bg: undefined };
      }
    }
    if (last < line.length) pieces.push({ text: line.slice(last), classes: classesOf(state) });
    return pieces;
  }

  function classesOf(s) {
    const c = [];
    if (s.fg) c.push("fg-" + s.fg);
    if (s.bg) c.push("bg-" + s.bg);
    if (s.bold) c.push("ansi-bold");
    if (s.italic) c.push("ansi-italic");
    if (s.underline) c.push("ansi-underline");
    return c.join(" ");
  }

  // Fills `element` with the line's text, coloured, with `highlight` (case-insensitive) marked.
  function render(element, line, highlight) {
    element.textContent = "";
    for (const piece of parse(line)) {
      const span = document.createElement("span");
      if (piece.classes) span.className = piece.classes;
      appendMarked(span, piece.text, highlight);
      element.appendChild(span);
    }
  }

  function appendMarked(parent, text, highlight) {
    if (!highlight) { parent.textContent = text; return; }
    const lower = text.toLowerCase(), needle = highlight.toLowerCase();
    let at = 0, i;
    while ((i = lower.indexOf(needle, at)) >= 0) {
      if (i > at) parent.appendChild(document.createTextNode(text.slice(at, i)));
      const mark = document.createElement("mark");
      mark.textContent = text.slice(i, i + needle.length);
      parent.appendChild(mark);
      at = i + needle.length;
    }
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
  }

  return { parse, render };
})();
