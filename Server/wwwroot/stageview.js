// The job page's Stage View (Jenkins' Pipeline Stage View, with nested and parallel stages): the last builds
// (rows, newest first) by stages (columns, in pipeline order, the union of the shown builds' stages). A cell has
// its stage's status colour and duration and opens that stage's log; a parent column folds its nested stages and
// parallel branches. Data: GET /api/jobs/J/stageview; live: the hub's events of the job's builds.
"use strict";
window.StageView = (() => {
  const PAGE = 10;

  // Merges one build's ordered stage ids into the column order: an id not seen yet goes right after the
  // id that precedes it in that build, so newer builds decide the order and older stages keep their place.
  function merge(order, ids) {
    let at = -1;
    for (const id of ids) {
      const found = order.indexOf(id);
      if (found >= 0) at = found;
      else order.splice(++at, 0, id);
    }
  }

  /** The columns: { byParent: Map(parentId|null -> [stageId]), info: Map(stageId -> {name, kind, parentId}) }. */
  function columns(builds) {
    const byParent = new Map();
    const info = new Map();
    for (const b of builds) {
      const ids = new Map();
      for (const s of b.stages) {
        const parent = s.parentId ?? null;
        if (!ids.has(parent)) ids.set(parent, []);
        ids.get(parent).push(s.stageId);
        if (!info.has(s.stageId)) info.set(s.stageId, { name: s.name, kind: s.kind, parentId: parent });
      }
      for (const [parent, list] of ids) {
        if (!byParent.has(parent)) byParent.set(parent, []);
        merge(byParent.get(parent), list);
      }
    }
    return { byParent, info };
  }

  /** Mean duration of each stage over the shown successful builds, and of those builds. */
  function averages(builds) {
    const sums = new Map();
    let total = 0, count = 0;
    for (const b of builds) {
      if (b.result !== "SUCCESS") continue;
      total += b.durationMillis || 0; count++;
      for (const s of b.stages) {
        if (s.status !== "SUCCESS" || s.durationMillis === null || s.durationMillis === undefined) continue;
        const a = sums.get(s.stageId) || { sum: 0, n: 0 };
        a.sum += s.durationMillis; a.n++;
        sums.set(s.stageId, a);
      }
    }
    const stages = new Map([...sums].map(([id, a]) => [id, a.sum / a.n]));
    return { stages, run: count ? total / count : null };
  }

  function mount(container, { job, json, el, duration, navigate, link, follow }) {
    const state = { builds: [], more: false, expanded: new Set(), disposed: false };
    const jobUrl = "/job/" + job.split("/").map(encodeURIComponent).join("/job/") + "/"; // a multibranch child: /job/app-all/job/main/
    const base = `/api/jobs/${encodeURIComponent(job)}/stageview`;
    const live = (s) => s.status === "RUNNING" && s.startedAt ? Date.now() - Date.parse(s.startedAt) : s.durationMillis;
    const changes = (n) => n === 0 ? "No changes" : n === 1 ? "1 commit" : `${n} commits`;

    // Loads run one after the other, so that a reload and "More builds" never undo each other's rows.
    let queue = Promise.resolve();
    const serial = (task) => (queue = queue.then(task, task));
    const load = () => serial(async () => {
      const page = await json(`${base}?limit=${Math.max(PAGE, state.builds.length)}`);
      if (state.disposed) return;
      state.builds = page.builds; state.more = page.more;
      render();
    });
    const loadMore = () => serial(async () => {
      const last = state.builds[state.builds.length - 1];
      const page = await json(`${base}?limit=${PAGE}&before=${last.number}`);
      if (state.disposed) return;
      state.builds = state.builds.concat(page.builds); state.more = page.more;
      render();
    });

    function visibleColumns(cols) {
      const out = [];
      const walk = (parent, depth) => {
        for (const id of cols.byParent.get(parent) || []) {
          const children = cols.byParent.get(id) || [];
          out.push({ id, depth, info: cols.info.get(id), children: children.length });
          if (children.length && state.expanded.has(id)) walk(id, depth + 1);
        }
      };
      walk(null, 0);
      return out;
    }

    function toggle(id) {
      if (state.expanded.has(id)) state.expanded.delete(id); else state.expanded.add(id);
      render();
    }

    function header(c) {
      const name = el("span", { class: "sv-name" }, c.info.name);
      const th = el("th", { class: `sv-col depth-${Math.min(c.depth, 3)}` + (c.info.kind === "parallel" ? " sv-branch" : ""), "data-column": c.id, title: c.id });
      if (c.children) {
        const open = state.expanded.has(c.id);
        th.append(el("button", { class: "sv-fold", "aria-expanded": String(open), title: open ? "Fold" : `Show its ${c.children} stages`, onclick: () => toggle(c.id) }, open ? "▾" : "▸"), " ");
      }
      th.append(name);
      return th;
    }

    function cell(build, c, stage, avg) {
      if (!stage) return el("td", { class: "sv-cell sv-none", "data-stage": c.id });
      const running = stage.status === "RUNNING";
      const status = running && stage.waitingForInput ? "PAUSED" : stage.status;
      const text = stage.status === "SKIPPED" ? "skipped" : status === "PAUSED" ? "paused" : duration(live(stage));
      const td = el("td", {
        class: `sv-cell sv-${status}` + (running ? " sv-running" : ""), "data-stage": c.id, "data-build": build.number, "data-status": status,
        title: `${c.info.name}: ${status}` + (stage.skipReason ? ` (${stage.skipReason})` : ""),
      }, el("span", { class: "sv-time" }, text));
      if (running) {
        const bar = el("span", { class: "sv-progress" });
        td.append(bar);
        td._tick = () => {
          const elapsed = live(stage);
          if (!stage.waitingForInput) td.firstChild.textContent = duration(elapsed);
          bar.style.width = avg ? `${Math.min(100, (elapsed / avg) * 100).toFixed(0)}%` : "100%";
          bar.classList.toggle("sv-indeterminate", !avg);
        };
        td._tick();
      }
      return td;
    }

    // One listener for all cells: a click on a stage's cell opens that stage's log.
    function openStage(e) {
      const td = e.target.closest("td.sv-cell[data-build]");
      if (td) navigate(`${jobUrl}${td.dataset.build}/stage/${encodeURIComponent(td.dataset.stage)}`);
    }

    function render() {
      const cols = columns(state.builds);
      const shown = visibleColumns(cols);
      const avg = averages(state.builds);
      if (!state.builds.length) {
        container.replaceChildren(el("h2", {}, "Stage View"), el("p", { class: "muted", "data-testid": "stageview-empty" }, "No builds yet."));
        return;
      }
      const head = el("tr", {}, el("th", { class: "sv-left" }), ...shown.map(header));
      const avgRow = el("tr", { class: "sv-avg", "data-testid": "stageview-averages" },
        el("th", { class: "sv-left" }, el("div", {}, "Average stage times:"), el("div", { class: "muted", "data-testid": "stageview-average-run" }, avg.run === null ? "" : `(Average full run time: ~${duration(avg.run)})`)),
        ...shown.map(c => el("td", { class: "sv-avgcell", "data-stage": c.id }, avg.stages.has(c.id) ? duration(avg.stages.get(c.id)) : "")));
      const rows = state.builds.map(b => {
        const byId = new Map(b.stages.map(s => [s.stageId, s]));
        const status = b.building ? (b.status === "QUEUED" ? "QUEUED" : "RUNNING") : b.result;
        const total = b.building && b.startedAt ? Date.now() - Date.parse(b.startedAt) : b.durationMillis;
        return el("tr", { class: "sv-row", "data-build": b.number, "data-status": status },
          el("th", { class: `sv-left sv-build sv-${status}` },
            el("div", { class: "sv-number" }, link(b.url, b.displayName || "#" + b.number), " ", el("span", { class: "sv-total", "data-testid": "stageview-total" }, duration(total))),
            el("div", { class: "muted" }, b.startedAt ? new Date(b.startedAt).toLocaleString() : "queued"),
            el("div", { class: "muted sv-changes" }, changes(b.changeCount))),
          ...shown.map(c => cell(b, c, byId.get(c.id), avg.stages.get(c.id))));
      });
      const table = el("table", { class: "stageview", "data-testid": "stageview", onclick: openStage }, el("thead", {}, head, avgRow), el("tbody", {}, ...rows));
      const more = el("button", { class: "sv-more", onclick: () => loadMore() }, "More builds");
      container.replaceChildren(...[el("h2", {}, "Stage View"), el("div", { class: "sv-scroll" }, table), state.more ? more : null].filter(Boolean));
    }

    // Live: the hub's events of the job's builds change the rows at once; a new or finished build reloads them.
    let reload = null;
    const scheduleReload = () => { if (!reload) reload = setTimeout(() => { reload = null; load().catch(() => {}); }, 150); };
    const upsert = (m, patch) => {
      const b = state.builds.find(x => x.buildId === m.buildId);
      if (!b) return scheduleReload();
      const i = b.stages.findIndex(s => s.stageId === m.stageId);
      const stage = { stageId: m.stageId, parentId: m.parentId ?? null, name: m.name, kind: m.kind, waitingForInput: false, skipReason: null, ...patch };
      if (i >= 0) b.stages[i] = { ...b.stages[i], ...stage }; else b.stages.push(stage);
      render();
    };
    follow((method, m) => {
      if (!m.buildId || !m.buildId.startsWith(job + "/")) return;
      switch (method) {
        case "StageStarted": upsert(m, { status: "RUNNING", startedAt: m.timestamp, durationMillis: null }); break;
        case "StageFinished": upsert(m, { status: m.skipReason ? "SKIPPED" : m.result, startedAt: m.startedAt, durationMillis: m.durationMillis, skipReason: m.skipReason }); break;
        case "InputRequested": case "InputAnswered": case "BuildStarted": case "BuildFinished": scheduleReload(); break;
      }
    });
    const ticker = setInterval(() => {
      for (const td of container.querySelectorAll(".sv-running")) if (td._tick) td._tick();
      for (const row of container.querySelectorAll(".sv-row[data-status=RUNNING]")) {
        const b = state.builds.find(x => String(x.number) === row.dataset.build);
        if (b && b.startedAt) row.querySelector(".sv-total").textContent = duration(Date.now() - Date.parse(b.startedAt));
      }
    }, 500);

    const ready = load();
    return {
      ready,
      refresh: scheduleReload,
      dispose() { state.disposed = true; clearInterval(ticker); if (reload) clearTimeout(reload); },
    };
  }

  return { mount, columns, averages };
})();
