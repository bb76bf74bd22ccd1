// The Tests tab (/job/J/N/testReport) and the job page's test trend. Cases are rendered as a virtualized list,
// as the log is: fixed-height rows, only those in view in the DOM, so a build with 100,000 cases opens at once.
// Failures first, grouped by stage and suite; text is only ever set as text.
"use strict";
window.ContainerCdTests = (() => {
  const ROW = 24;
  const FAILING = new Set(["FAILED", "REGRESSION"]);
  const rank = (status) => FAILING.has(status) ? 0 : status === "SKIPPED" ? 2 : 1;

  function seconds(ms) { return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(2)} s`; }

  // ctx: { el, link, json, job, number, pageUrl, main }
  async function page(ctx) {
    const { el, link, json, job, number, main } = ctx;
    // The failures first (a small answer), then every case; the list is rebuilt when the rest arrives.
    const url = `/api/jobs/${encodeURIComponent(job)}/builds/${number}/tests`;
    const data = await json(url + "?only=failed");
    let cases = [];
    function load(answer) {
      const stageNames = new Map(answer.stages.map(s => [s.stageId, s.path && s.path.length ? s.path.join(" › ") : s.name]));
      const stageOrder = new Map(answer.stages.map((s, i) => [s.stageId, i]));
      const groups = answer.groups.map(([stageId, suite, className]) => ({ stageId, suite, className, stage: stageNames.get(stageId) || "" }));
      cases = answer.cases.map(([group, name, status, durationMillis, failedSince, flaky, message, stackTrace]) =>
        ({ group: groups[group], name, status, durationMillis, failedSince, flaky, message, stackTrace }));
      cases.sort((a, b) => rank(a.status) - rank(b.status)
        || (stageOrder.get(a.group.stageId) ?? 1e9) - (stageOrder.get(b.group.stageId) ?? 1e9)
        || (a.group.suite < b.group.suite ? -1 : a.group.suite > b.group.suite ? 1 : 0));
    }
    load(data);

    const filter = el("input", { type: "search", placeholder: "Filter tests", "data-testid": "tests-filter" });
    const statusSelect = el("select", { "data-testid": "tests-status" },
      ...["all", "failed", "skipped", "passed"].map(v => el("option", { value: v }, v)));
    const details = el("div", { class: "test-details", "data-testid": "test-details" });
    const box = el("div", { class: "tests", "data-testid": "tests" });
    const spacer = el("div", { class: "spacer" });
    const rows = el("div", { class: "rows" });
    box.append(spacer, rows);
    main.replaceChildren(
      el("div", { class: "buildhead" }, el("h1", {}, `${job} #${number}: tests`), link(ctx.pageUrl, "Build")),
      el("p", { class: "tests-summary", "data-testid": "tests-summary" },
        `${data.total} tests, ${data.failed} failed, ${data.skipped} skipped, ${data.passed} passed`),
      el("div", { class: "tests-bar" }, filter, statusSelect), details, box);

    // The visible list: a header row where the section (failures or not), stage or suite changes, then the cases.
    let items = [];
    function rebuild() {
      const text = filter.value.toLowerCase();
      const wanted = statusSelect.value;
      items = [];
      let last = null;
      for (const c of cases) {
        const r = rank(c.status);
        if (wanted === "failed" && r !== 0 || wanted === "skipped" && r !== 2 || wanted === "passed" && r !== 1) continue;
        if (text && !`${c.group.stage} ${c.group.suite} ${c.group.className} ${c.name}`.toLowerCase().includes(text)) continue;
        const key = `${r === 0}\u0000${c.group.stageId}\u0000${c.group.suite}`;
        if (key !== last) { items.push({ header: c.group, failing: r === 0 }); last = key; }
        items.push(c);
      }
      spacer.style.height = `${items.length * ROW}px`;
      render();
    }

    function caseRow(c) {
      const row = el("div", { class: `test t-${c.status}`, "data-status": c.status, "data-stage": c.group.stage, "data-name": c.name },
        el("span", { class: `badge s-${c.status === "PASSED" || c.status === "FIXED" ? "SUCCESS" : FAILING.has(c.status) ? "FAILURE" : "SKIPPED"}` }, c.status),
        el("span", { class: "tname" }, `${c.group.className}.${c.name}`),
        c.flaky ? el("span", { class: "flaky", title: "passed and failed in the last builds" }, "flaky") : null,
        c.failedSince ? el("span", { class: "since" }, c.failedSince === number ? "new failure" : `failing since #${c.failedSince}`) : null,
        el("span", { class: "tdur" }, seconds(c.durationMillis)));
      if (c.message !== undefined || c.stackTrace !== undefined) row.addEventListener("click", () => show(c));
      return row;
    }

    function show(c) {
      const stageUrl = c.group.stageId ? `${ctx.pageUrl}stage/${encodeURIComponent(c.group.stageId)}` : ctx.pageUrl;
      details.replaceChildren(
        el("div", { class: "dhead" }, el("strong", {}, `${c.group.className}.${c.name}`), el("span", { class: "muted" }, ` in ${c.group.stage || "no stage"}`),
          link(stageUrl, "Stage log")),
        c.message ? el("pre", { class: "message" }, c.message) : null,
        c.stackTrace ? el("pre", { class: "stack" }, c.stackTrace) : null);
    }

    function render() {
      const first = Math.max(0, Math.floor(box.scrollTop / ROW) - 10);
      const last = Math.min(items.length, Math.ceil((box.scrollTop + box.clientHeight) / ROW) + 10);
      rows.style.top = `${first * ROW}px`;
      rows.replaceChildren(...items.slice(first, last).map(item => item.header
        ? el("div", { class: "group" + (item.failing ? " failing" : "") }, `${item.header.stage || "(no stage)"} › ${item.header.suite || "(no suite)"}`)
        : caseRow(item)));
    }

    box.addEventListener("scroll", render);
    filter.addEventListener("input", rebuild);
    statusSelect.addEventListener("change", rebuild);
    rebuild();
    const firstFailure = cases.find(c => rank(c.status) === 0);
    if (firstFailure) show(firstFailure);
    const all = await json(url);
    if (!box.isConnected) return;
    load(all);
    rebuild();
    box.setAttribute("data-complete", "");
  }

  // A small SVG chart of the last builds' passed / failed / skipped counts; clicking a bar opens that build's tests.
  async function trend(ctx) {
    const { el, json, job } = ctx;
    const points = await json(`/api/jobs/${encodeURIComponent(job)}/tests/trend?limit=30`);
    const holder = el("div", { class: "test-trend", "data-testid": "test-trend" });
    if (!points.length) return holder;
    const ns = "http://www.w3.org/2000/svg";
    const width = 300, height = 80, bar = width / points.length;
    const max = Math.max(...points.map(p => p.total));
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    points.forEach((p, i) => {
      let y = height;
      for (const [count, cls] of [[p.passed, "pass"], [p.skipped, "skip"], [p.failed, "fail"]]) {
        const h = count / max * height;
        const rect = document.createElementNS(ns, "rect");
        Object.entries({ x: i * bar + 1, y: y - h, width: Math.max(1, bar - 2), height: h, class: cls }).forEach(([k, v]) => rect.setAttribute(k, v));
        const title = document.createElementNS(ns, "title");
        title.textContent = `#${p.number}: ${p.passed} passed, ${p.failed} failed, ${p.skipped} skipped`;
        rect.append(title);
        rect.addEventListener("click", () => ctx.navigate(`/job/${encodeURIComponent(job)}/${p.number}/testReport`));
        svg.append(rect);
        y -= h;
      }
    });
    holder.append(el("div", { class: "muted" }, "Test results trend"), svg);
    return holder;
  }

  return { page, trend };
})();
