// Code coverage (recordCoverage, cobertura) in the viewer: on the build page each step and tool's line and branch
// coverage (percent, covered/total, the change against the latest earlier build with coverage), and on the job page
// a trend chart of the last builds' line and branch percent. Text is only ever set as text.
"use strict";
window.ContainerCdCoverage = (() => {
  const percent = (ratio) => ratio.percent === null ? "n/a" : `${ratio.percent.toFixed(2)}%`;
  const change = (delta) => delta === 0 ? "±0%" : `${delta > 0 ? "+" : ""}${delta.toFixed(2)}%`;

  const ratio = (covered, total) => ({ covered, total, percent: total === 0 ? null : Math.round(10000 * covered / total) / 100 });
  const delta = (now, before) => now.total === 0 || before.total === 0 ? null
    : Math.round(100 * (100 * now.covered / now.total - 100 * before.covered / before.total)) / 100;

  function render(holder, coverage, el) {
    if (!coverage || !coverage.tools.length) { holder.replaceChildren(); return; }
    const cell = (kind, r, d) => el("td", { class: "cov", "data-metric": kind, "data-percent": r.percent ?? "" },
      el("span", { class: "value" }, `${percent(r)} (${r.covered}/${r.total})`),
      d === null || d === undefined ? null
        : el("span", { class: `delta ${d > 0 ? "up" : d < 0 ? "down" : "same"}`, title: `against #${coverage.reference}` }, ` ${change(d)}`));
    holder.replaceChildren(
      el("h2", {}, "Coverage", coverage.reference ? el("span", { class: "muted" }, ` (change against #${coverage.reference})`) : null),
      el("table", { class: "coverage-table" },
        el("tr", {}, el("th", {}, "Tool"), el("th", {}, "Line"), el("th", {}, "Branch")),
        ...coverage.tools.map(t => el("tr", { "data-tool": t.tool, "data-recorder": t.recorder },
          el("td", {}, `${t.tool} (${t.recorder})`), cell("line", t.line, t.lineDelta), cell("branch", t.branch, t.branchDelta)))));
  }

  // The build page's coverage panel: initial is the build's coverage (/api/jobs/J/builds/N/coverage's shape, or null when
  // it has none yet); apply(m) adds a CoverageReport event of the hub. The store may lag the hub, so the page never
  // re-reads it for an event: it adds the event's counts to what it has, once (by sequence).
  function mount(holder, initial, { el, json, base }) {
    let model = initial;
    let pending = [];
    let loading = null;
    const merge = (m) => {
      if (m.sequence <= model.sequence) return;
      model.sequence = m.sequence;
      const recorder = m.recorder || "recordCoverage";
      let t = model.tools.find(x => x.recorder === recorder && x.tool === m.tool);
      if (!t) model.tools.push(t = { recorder, tool: m.tool, line: ratio(0, 0), branch: ratio(0, 0) });
      t.line = ratio(t.line.covered + m.linesCovered, t.line.total + m.linesTotal);
      t.branch = ratio(t.branch.covered + m.branchesCovered, t.branch.total + m.branchesTotal);
      const before = model.referenceTools.find(x => x.recorder === recorder && x.tool === m.tool);
      t.lineDelta = before ? delta(t.line, before.line) : null;
      t.branchDelta = before ? delta(t.branch, before.branch) : null;
    };
    render(holder, model, el);
    return {
      apply(m) {
        if (model) { merge(m); render(holder, model, el); return; }
        pending.push(m);
        loading ??= json(`${base}/coverage`).then(loaded => {
          model = loaded;
          for (const p of pending) merge(p);
          pending = [];
          render(holder, model, el);
        });
      },
    };
  }

  // A line chart of the last builds' line and branch percent (0-100 %); a point's title names the build and its counts.
  async function trend({ el, json, job, navigate }) {
    const points = await json(`/api/jobs/${encodeURIComponent(job)}/coverage/trend?limit=30`);
    const holder = el("div", { class: "coverage-trend", "data-testid": "coverage-trend" });
    if (!points.length) return holder;
    const ns = "http://www.w3.org/2000/svg";
    const width = 300, height = 80, pad = 4;
    const x = (i) => points.length === 1 ? width / 2 : pad + i * (width - 2 * pad) / (points.length - 1);
    const y = (p) => pad + (100 - p) * (height - 2 * pad) / 100;
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    for (const metric of ["line", "branch"]) {
      const known = points.map((p, i) => [p, i]).filter(([p]) => p[metric].percent !== null);
      const line = document.createElementNS(ns, "polyline");
      line.setAttribute("class", metric);
      line.setAttribute("points", known.map(([p, i]) => `${x(i)},${y(p[metric].percent)}`).join(" "));
      svg.append(line);
      for (const [p, i] of known) {
        const dot = document.createElementNS(ns, "circle");
        Object.entries({ cx: x(i), cy: y(p[metric].percent), r: 3, class: metric, "data-number": p.number, "data-metric": metric, "data-percent": p[metric].percent })
          .forEach(([k, v]) => dot.setAttribute(k, v));
        const title = document.createElementNS(ns, "title");
        title.textContent = `#${p.number}: ${metric} ${percent(p[metric])} (${p[metric].covered}/${p[metric].total})`;
        dot.append(title);
        dot.addEventListener("click", () => navigate(`/job/${encodeURIComponent(job)}/${p.number}/`));
        svg.append(dot);
      }
    }
    const last = points[points.length - 1];
    holder.append(el("div", { class: "muted" }, "Coverage trend"), svg,
      el("div", { class: "legend", "data-testid": "coverage-latest" },
        el("span", { class: "line" }, `Line ${percent(last.line)}`), " · ", el("span", { class: "branch" }, `Branch ${percent(last.branch)}`), ` (#${last.number})`));
    return holder;
  }

  return { mount, trend };
})();
