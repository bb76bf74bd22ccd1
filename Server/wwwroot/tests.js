// The Tests tab (/job/J/N/testReport) and the job page's test trend. Cases are rendered as a virtualized list,
// as the log is: fixed-height rows, only those in view in the DOM, their pages fetched as they come into view
// (testsdata.js), so a build with 100,000 cases opens at once. Failures first, grouped by stage and suite; the
// filter and the status are applied by the server; text is only ever set as text.
"use strict";
window.ContainerCdTests = (() => {
  const ROW = 24;
  const FAILING = new Set(["FAILED", "REGRESSION"]);

  function seconds(ms) { return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(2)} s`; }

  // ctx: { el, link, json, job, number, pageUrl, main }
  async function page(ctx) {
    const { el, link, json, job, number, main } = ctx;
    const source = ContainerCdTestsData.create(json, `/api/jobs/${encodeURIComponent(job)}/builds/${number}/tests`, () => render());
    let layout = await source.open("all", "");
    const data = layout.totals;

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

    // A new query (status or filter) lays the list out again from the server's answer; an older answer is dropped.
    async function requery() {
      box.removeAttribute("data-complete");
      const answer = await source.open(statusSelect.value, filter.value);
      if (answer === null || !box.isConnected) return;
      layout = answer;
      box.scrollTop = 0;
      shown();
    }
    function shown() {
      spacer.style.height = `${layout.items * ROW}px`;
      box.setAttribute("data-matched", layout.matched);
      render();
    }

    function caseRow(c) {
      const row = el("div", { class: `test t-${c.status}`, "data-status": c.status, "data-stage": c.group.stage, "data-name": c.name },
        el("span", { class: `badge s-${c.status === "PASSED" || c.status === "FIXED" ? "SUCCESS" : FAILING.has(c.status) ? "FAILURE" : "SKIPPED"}` }, c.status),
        el("span", { class: "tname" }, `${c.className}.${c.name}`),
        c.flaky ? el("span", { class: "flaky", title: "passed and failed in the last builds" }, "flaky") : null,
        c.failedSince ? el("span", { class: "since" }, c.failedSince === number ? "new failure" : `failing since #${c.failedSince}`) : null,
        el("span", { class: "tdur" }, seconds(c.durationMillis)));
      if (c.message !== undefined || c.stackTrace !== undefined) row.addEventListener("click", () => show(c));
      return row;
    }

    function show(c) {
      const stageUrl = c.group.stageId ? `${ctx.pageUrl}stage/${encodeURIComponent(c.group.stageId)}` : ctx.pageUrl;
      details.replaceChildren(
        el("div", { class: "dhead" }, el("strong", {}, `${c.className}.${c.name}`), el("span", { class: "muted" }, ` in ${c.group.stage || "no stage"}`),
          link(stageUrl, "Stage log")),
        c.message ? el("pre", { class: "message" }, c.message) : null,
        c.stackTrace ? el("pre", { class: "stack" }, c.stackTrace) : null);
    }

    // The rows in view and 10 either side; a case whose page has not arrived is a blank row until it does.
    function render() {
      const first = Math.max(0, Math.floor(box.scrollTop / ROW) - 10);
      const last = Math.min(layout.items, Math.ceil((box.scrollTop + box.clientHeight) / ROW) + 10);
      rows.style.top = `${first * ROW}px`;
      const shownRows = [];
      let low = Infinity, high = -1;
      for (let i = first; i < last; i++) {
        const { header, index, item } = layout.itemAt(i);
        if (header) {
          shownRows.push(el("div", { class: "group" + (header.failing ? " failing" : "") }, `${header.stage || "(no stage)"} › ${header.suite || "(no suite)"}`));
        } else if (item) {
          shownRows.push(caseRow(item));
        } else {
          shownRows.push(el("div", { class: "pending" }));
          low = Math.min(low, index);
          high = Math.max(high, index);
        }
      }
      rows.replaceChildren(...shownRows);
      if (high >= 0) source.want(low, high);
      box.toggleAttribute("data-complete", high < 0);
    }

    let typing = 0;
    box.addEventListener("scroll", render);
    filter.addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(requery, 150); });
    statusSelect.addEventListener("change", requery);
    shown();
    const firstCase = layout.itemAt(1).item;
    if (firstCase && FAILING.has(firstCase.status)) show(firstCase);
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
