// Jobs that live in repositories, in the viewer: a multibranch job as a folder of its branch jobs (Scan button,
// last scan's log, retired children), and on a build page the commit, branch and changes it built. Text is only
// ever set as text, never as HTML.
"use strict";
window.ContainerCdRepositories = (() => {
  // The children of a multibranch job, as rows under it in the jobs list.
  function childRows(job, ui) {
    return (job.children || []).map(c => ui.el("tr", { class: "child" + (c.retired ? " retired" : ""), "data-child": c.branch },
      ui.el("td", {}, "\u2514 ", ui.link(c.url, c.branch), c.primary ? ui.el("span", { class: "muted" }, " (primary)") : null,
        c.kind === "tag" ? ui.el("span", { class: "muted" }, " (tag)") : null),
      ui.el("td", {}, c.retired ? ui.el("span", { class: "badge s-NOT_BUILT" }, "RETIRED") : ""),
      ui.el("td", {}, ""),
      ui.el("td", {}, "")));
  }

  async function scan(job, ui) {
    await ui.api(`/job/${encodeURIComponent(job)}/build`, { method: "POST" });
  }

  // A multibranch job's page: its children, the Scan button and the last scan's log.
  async function folderPage(job, info, ui) {
    const log = ui.el("pre", { class: "scanlog", "data-testid": "scan-log" });
    const render = async () => {
      const fresh = await ui.json(`/api/jobs/${encodeURIComponent(job)}`);
      const rows = (fresh.children || []).map(c => ui.el("tr", { class: c.retired ? "retired" : "", "data-child": c.branch },
        ui.el("td", {}, ui.link(c.url, c.branch)),
        ui.el("td", {}, c.kind + (c.primary ? ", primary" : "")),
        ui.el("td", {}, c.retired ? ui.el("span", { class: "badge s-NOT_BUILT" }, "RETIRED") : "")));
      try {
        log.textContent = await (await ui.api(`/job/${encodeURIComponent(job)}/indexing/consoleText`)).text();
      } catch {
        log.textContent = "Not scanned yet.";
      }
      main().replaceChildren(
        ui.el("div", { class: "buildhead" }, ui.el("h1", {}, job), ui.el("span", { class: "muted" }, info.repository.url),
          ui.el("button", { class: "primary", onclick: () => scan(job, ui).then(render) }, "Scan Multibranch Pipeline Now")),
        rows.length ? ui.el("table", {}, ui.el("tr", {}, ui.el("th", {}, "Branch"), ui.el("th", {}, "Kind"), ui.el("th", {})), ...rows)
          : ui.el("p", { class: "muted" }, "No branch holds " + info.repository.scriptPath + "."),
        ui.el("h2", {}, "Scan log"), log);
    };
    await render();
    return render;
  }

  // A build's commit, branch and changes (from Jenkins' api/json: BuildData and changeSets).
  async function buildScm(job, number, ui) {
    const path = job.split("/").map(encodeURIComponent).join("/job/");
    let run;
    try {
      run = await ui.json(`/job/${path}/${number}/api/json`);
    } catch {
      return null;
    }
    const data = (run.actions || []).filter(a => a._class === "hudson.plugins.git.util.BuildData");
    const changes = (run.changeSets || []).flatMap(s => s.items || []);
    if (!data.length && !changes.length) return null;
    return ui.el("div", { class: "scm", "data-testid": "scm" },
      ...data.map(d => ui.el("div", {}, "Revision ", ui.el("code", {}, d.lastBuiltRevision.SHA1),
        " (", (d.lastBuiltRevision.branch[0] || {}).name || "detached", ") from ", (d.remoteUrls || [])[0] || "")),
      changes.length
        ? ui.el("details", {}, ui.el("summary", {}, `Changes (${changes.length})`),
          ui.el("ul", {}, ...changes.map(c => ui.el("li", {}, ui.el("code", {}, c.commitId.slice(0, 8)), " ", c.msg, ui.el("span", { class: "muted" }, ` \u2014 ${c.author.fullName}: ${c.affectedPaths.join(", ")}`)))))
        : ui.el("div", { class: "muted" }, "No changes."));
  }

  const main = () => document.getElementById("main");
  return { childRows, folderPage, buildScm };
})();
