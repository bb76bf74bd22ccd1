// What a build published, on its page: the archived artifacts (Jenkins' api/json artifacts[], each a download link,
// and the zip of all) and the HTML reports (publishHTML, opened where the server serves them, sandboxed).
// Names are only ever set as text, never as HTML.
"use strict";
window.PublishedFiles = (() => {
  const segments = (path) => path.split("/").map(encodeURIComponent).join("/");

  function item(href, text, testid) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    if (testid) a.dataset.testid = testid;
    const li = document.createElement("li");
    li.append(a);
    return li;
  }

  function section(title, testid, items) {
    const box = document.createElement("div");
    box.className = "published-part";
    box.dataset.testid = testid;
    const h = document.createElement("h2");
    h.textContent = title;
    const ul = document.createElement("ul");
    ul.append(...items);
    box.append(h, ul);
    return box;
  }

  // Fills container with the build's artifacts and reports (empty when it has none); json(path) fetches JSON with the viewer's token.
  async function render(container, job, number, json) {
    const build = `/job/${encodeURIComponent(job)}/${number}/`;
    const [run, reports] = await Promise.all([json(`${build}api/json`), json(`/api/jobs/${encodeURIComponent(job)}/builds/${number}/reports`)]);
    const parts = [];
    if (run.artifacts && run.artifacts.length) {
      const files = run.artifacts.map(a => item(`${build}artifact/${segments(a.relativePath)}`, a.displayPath, "artifact"));
      if (run.artifacts.length > 1) files.push(item(`${build}artifact/*zip*/archive.zip`, "(all files in zip)", "artifacts-zip"));
      parts.push(section("Build Artifacts", "artifacts", files));
    }
    if (reports.length) parts.push(section("Reports", "reports", reports.map(r => item(r.url, r.name, "report"))));
    container.replaceChildren(...parts);
  }

  return { render };
})();
