// The ContainerCd viewer: jobs, builds, and a live build page (stage graph, log, inputs), over the REST
// API and the /hubs/builds SignalR hub. Log text is only ever set as text, never as HTML.
"use strict";
(() => {
  const params = new URLSearchParams(location.search);
  if (params.has("token")) {
    localStorage.setItem("containercd.token", params.get("token"));
    params.delete("token");
    history.replaceState(null, "", location.pathname + (params.toString() ? "?" + params : ""));
  }
  const token = () => localStorage.getItem("containercd.token") || "";
  const main = document.getElementById("main");
  const crumbs = document.getElementById("crumbs");
  let cleanup = [];

  async function api(path, options = {}) {
    const headers = { ...(options.headers || {}) };
    if (token()) headers["Authorization"] = "Bearer " + token();
    const response = await fetch(path, { ...options, headers });
    if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
    return response;
  }
  const json = async (path, options) => (await api(path, options)).json();

  function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else if (v !== undefined && v !== null) e.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  }

  function duration(ms) {
    if (ms === null || ms === undefined) return "";
    const s = Math.floor(ms / 1000);
    if (s < 10) return (ms / 1000).toFixed(1) + "s";
    if (s < 60) return `${s}s`;
    const m = Math.floor(s / 60);
    return m < 60 ? `${m}m ${s % 60}s` : `${Math.floor(m / 60)}h ${m % 60}m`;
  }
  const badge = (status) => el("span", { class: `badge s-${status}` }, status);
  const buildStatus = (b) => b.building ? (b.status === "QUEUED" ? "QUEUED" : "RUNNING") : (b.result || "");

  const ui = { el, link, api, json };
  function navigate(path) { history.pushState(null, "", path); route(); }
  function link(path, text) { return el("a", { href: path, onclick: (e) => { if (!e.ctrlKey && !e.metaKey) { e.preventDefault(); navigate(path); } } }, text); }
  window.addEventListener("popstate", route);

  // ---- the hub ----
  let connection = null;
  const handlers = new Set();
  const subscriptions = new Map(); // buildId -> next sequence
  const jobSubscriptions = new Set(); // jobs whose builds are all followed (the job page)
  async function hub() {
    if (connection) return connection;
    connection = new signalR.HubConnectionBuilder()
      .withUrl("/hubs/builds", { accessTokenFactory: () => token() })
      .withAutomaticReconnect()
      .build();
    for (const method of ["BuildStarted", "StageStarted", "StageFinished", "StepStarted", "StepFinished", "Log", "TestReport", "CoverageReport", "InputRequested", "InputAnswered", "BuildFinished", "Deployment"]) {
      connection.on(method, (m) => {
        // A project's Deployment messages (SubscribeDeployments) come from builds this page may not follow.
        if (method !== "Deployment") subscriptions.set(m.buildId, (m.lastSequence || m.sequence) + 1);
        for (const h of handlers) h(method, m);
      });
    }
    connection.on("Resync", (m) => connection.invoke("SubscribeBuild", m.buildId, m.fromSequence));
    connection.onreconnected(async () => {
      setConnected(true);
      for (const job of jobSubscriptions) await connection.invoke("SubscribeJob", job);
      for (const [buildId, next] of subscriptions) await connection.invoke("SubscribeBuild", buildId, next);
    });
    connection.onreconnecting(() => setConnected(false));
    connection.onclose(() => setConnected(false));
    await connection.start();
    setConnected(true);
    return connection;
  }
  function setConnected(on) { document.getElementById("connection").classList.toggle("on", on); }

  // ---- pages ----
  async function route() {
    for (const c of cleanup) c();
    cleanup = [];
    handlers.clear();
    if (connection) { for (const id of subscriptions.keys()) connection.invoke("Unsubscribe", id).catch(() => {}); }
    subscriptions.clear();
    const parts = location.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    if (parts[0] === "job" && parts[2] === "job" && parts.length >= 4) parts.splice(1, 3, parts[1] + "/" + parts[3]); // a multibranch child
    try {
      if (parts[0] === "computer") await ContainerCdNodes.page(deploymentsContext());
      else if (parts[0] === "deployments") await (parts[1] ? ContainerCdDeployments.projectPage(parts[1], deploymentsContext()) : ContainerCdDeployments.listPage(deploymentsContext()));
      else if (parts[0] === "job" && parts.length >= 4 && parts[3] === "testReport") await testsPage(parts[1], Number(parts[2]));
      else if (parts[0] === "job" && parts.length >= 3) await buildPage(parts[1], Number(parts[2]), parts[3] === "stage" ? parts.slice(4).join("/") : null);
      else if (parts[0] === "job" && parts.length === 2) await jobPage(parts[1]);
      else await jobsPage();
    } catch (error) {
      main.replaceChildren(el("p", { class: "error" }, "Error: " + error.message));
    }
  }

  async function jobsPage() {
    crumbs.replaceChildren(el("span", {}, "Jobs"));
    const jobs = await json("/api/jobs");
    const rows = jobs.flatMap(j => [el("tr", {},
      el("td", {}, link(`/job/${encodeURIComponent(j.name)}/`, j.name)),
      el("td", {}, j.lastBuild ? badge(buildStatus(j.lastBuild)) : el("span", { class: "muted" }, j.children ? "multibranch" : "never built")),
      el("td", {}, j.lastBuild ? link(j.lastBuild.url, "#" + j.lastBuild.number) : ""),
      el("td", {}, j.children ? null : el("button", { class: "primary", onclick: () => trigger(j.name) }, "Build now"))),
    ...ContainerCdRepositories.childRows(j, ui)]);
    main.replaceChildren(el("h1", {}, "Jobs"),
      jobs.length ? el("table", {}, el("tr", {}, el("th", {}, "Job"), el("th", {}, "Last result"), el("th", {}, "Last build"), el("th", {})), ...rows)
        : el("p", { class: "muted" }, "No jobs. Add jobs/NAME/Jenkinsfile under the home folder, or a 'jobs:' section to the config file."));
  }

  async function trigger(job) {
    const build = await json(`/api/jobs/${encodeURIComponent(job)}/builds`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    navigate(build.url);
  }

  async function jobPage(job) {
    crumbs.replaceChildren(link("/", "Jobs"), el("span", {}, "/ " + job));
    const info = await json(`/api/jobs/${encodeURIComponent(job)}`);
    if (info.children) {
      const timer = setInterval(await ContainerCdRepositories.folderPage(job, info, ui), 5000);
      cleanup.push(() => clearInterval(timer));
      return;
    }
    const stageView = el("section", { class: "stageview-pane", "data-testid": "stageview-pane" });
    // The job's test trend (tests.js) and coverage trend (coverage.js) charts, beside the Stage View.
    const testTrend = el("section", { id: "test-trend", class: "trend-pane" });
    const history = el("div", {});
    main.replaceChildren(
      el("div", { class: "buildhead" }, el("h1", {}, job), el("button", { class: "primary", onclick: () => trigger(job) }, "Build now")),
      el("div", { class: "jobview" }, stageView, testTrend),
      el("h2", {}, "Builds"), history);
    const view = StageView.mount(stageView, { job, json, el, duration, navigate, link, follow: (h) => handlers.add(h) });
    cleanup.push(() => view.dispose());
    const c = await hub().catch(() => null);
    if (c) {
      await c.invoke("SubscribeJob", job);
      jobSubscriptions.add(job);
      view.refresh(); // what changed before the subscription
      cleanup.push(() => { jobSubscriptions.delete(job); c.invoke("UnsubscribeJob", job).catch(() => {}); });
    }
    const render = async () => {
      const [builds, trend, coverage] = await Promise.all([
        json(`/api/jobs/${encodeURIComponent(job)}/builds?limit=100`),
        ContainerCdTests.trend(testsContext(job, 0)),
        ContainerCdCoverage.trend(testsContext(job, 0))]);
      testTrend.replaceChildren(...[trend, coverage].filter(chart => chart.childElementCount));
      history.replaceChildren(
        el("table", {}, el("tr", {}, el("th", {}, "Build"), el("th", {}, "Result"), el("th", {}, "Started"), el("th", {}, "Duration"), el("th", {}, "Cause")),
          ...builds.map(b => el("tr", {},
            el("td", {}, link(b.url, "#" + b.number)), el("td", {}, badge(buildStatus(b))),
            el("td", {}, b.startedAt ? new Date(b.startedAt).toLocaleString() : ""), el("td", {}, duration(b.durationMillis)), el("td", {}, b.cause)))));
    };
    handlers.add((method) => { if (method === "CoverageReport") render(); }); // a running build's coverage shows at once
    await Promise.all([render(), view.ready]);
    const timer = setInterval(render, 3000);
    cleanup.push(() => clearInterval(timer));
  }

  // The Deployments pages and the build page's deployments live in deployments.js.
  const deploymentsContext = () => ({ el, link, json, main, crumbs, hub, follow: (h) => handlers.add(h), cleanup: (c) => cleanup.push(c) });

  // The Tests tab and the trend live in tests.js.
  const testsContext = (job, number) => ({ el, link, json, navigate, job, number, main, pageUrl: `/job/${encodeURIComponent(job)}/${number}/` });
  async function testsPage(job, number) {
    crumbs.replaceChildren(link("/", "Jobs"), el("span", {}, "/"), link(`/job/${encodeURIComponent(job)}/`, job), el("span", {}, "/"),
      link(`/job/${encodeURIComponent(job)}/${number}/`, "#" + number), el("span", {}, "/ Tests"));
    await ContainerCdTests.page(testsContext(job, number));
  }

  async function buildPage(job, number, selectedStage) {
    const base = `/api/jobs/${encodeURIComponent(job)}/builds/${number}`;
    const pageUrl = `/job/${encodeURIComponent(job)}/${number}/`;
    crumbs.replaceChildren(link("/", "Jobs"), el("span", {}, "/"), link(`/job/${encodeURIComponent(job)}/`, job), el("span", {}, "/ #" + number));
    const data = await json(base);
    const build = data.build;
    const testsLink = () => data.tests.total ? link(`${pageUrl}testReport`, `Tests: ${data.tests.failed} failed of ${data.tests.total}`) : null;
    const stages = new Map(); // stageId -> {stageId, parentId, name, kind, status, startedAt, durationMillis, skipReason, children: []}
    const addStage = (s, parentId) => {
      const existing = stages.get(s.stageId) || { children: [] };
      Object.assign(existing, { stageId: s.stageId, parentId: parentId ?? s.parentId ?? null, name: s.name, kind: s.kind, status: s.status, startedAt: s.startedAt, durationMillis: s.durationMillis, skipReason: s.skipReason });
      stages.set(s.stageId, existing);
      for (const c of s.children || []) addStage(c, s.stageId);
    };
    for (const s of data.stages) addStage(s, null);
    const order = () => [...stages.values()];

    const state = { status: buildStatus(build), startedAt: build.startedAt, durationMillis: build.durationMillis, building: build.building };
    const head = el("div", { class: "buildhead" });
    const graph = el("div", { class: "graph", "data-testid": "stage-graph" });
    const inputs = el("div", { class: "inputs" });
    const published = el("div", { class: "published", "data-testid": "published" });
    const coverage = el("div", { class: "coverage", "data-testid": "coverage" });
    const renderPublished = () => PublishedFiles.render(published, job, number, json).catch((e) => published.replaceChildren(el("div", { class: "muted" }, "Artifacts and reports unavailable: " + e.message)));
    const title = el("span", { class: "title" });
    const followBox = el("input", { type: "checkbox", checked: "" });
    const search = el("input", { type: "search", placeholder: "Search the log (Enter)" });
    const hits = el("div", { class: "hits" });
    const logBox = el("div", { class: "log", "data-testid": "log" });
    const scm = await ContainerCdRepositories.buildScm(job, number, ui);
    const deployments = el("div", {});
    const renderDeployments = (list) => deployments.replaceChildren(ContainerCdDeployments.buildSection(list, ui) ?? "");
    renderDeployments(data.deployments);
    main.replaceChildren(head, scm ?? "", graph, inputs, published, coverage, deployments,
      el("div", { class: "logbar" }, title, search, el("label", {}, followBox, " Follow"), el("a", { href: `/job/${encodeURIComponent(job)}/${number}/consoleText`, target: "_blank" }, "Raw")),
      hits, logBox);

    function renderHead() {
      const live = state.building && state.startedAt ? Date.now() - Date.parse(state.startedAt) : state.durationMillis;
      head.replaceChildren(...[el("h1", {}, `${job} #${number}`), badge(state.status), el("span", { class: "muted", "data-testid": "build-duration" }, duration(live)),
        state.building ? el("button", { class: "danger", onclick: () => api(base + "/abort", { method: "POST" }) }, "Abort") : null, testsLink(),
        el("button", { onclick: () => trigger(job) }, "Build again")].filter(Boolean));
    }

    function stageNode(s) {
      const live = s.status === "RUNNING" && s.startedAt ? Date.now() - Date.parse(s.startedAt) : s.durationMillis;
      const node = el("div", { class: `stage st-${s.status}` + (s.stageId === selectedStage ? " selected" : ""), "data-stage": s.name, "data-status": s.status, title: s.skipReason ? `skipped: ${s.skipReason}` : s.status },
        el("div", { class: "name" }, s.name), el("div", { class: "time" }, s.skipReason ? "skipped" : (s.status === "RUNNING" ? "running " : "") + duration(live)));
      node.addEventListener("click", (e) => { e.stopPropagation(); navigate(s.stageId === selectedStage ? pageUrl : `${pageUrl}stage/${encodeURIComponent(s.stageId)}`); });
      const children = order().filter(c => c.parentId === s.stageId);
      if (children.length) node.appendChild(el("div", { class: "children" }, ...children.map(stageNode)));
      return node;
    }
    function renderGraph() { graph.replaceChildren(...order().filter(s => !s.parentId || !stages.has(s.parentId)).map(stageNode)); }

    // The pending inputs: those of the page's first answer, then as the hub's events say (the store may lag the hub).
    const pending = new Map(data.inputs.filter(i => i.state === "PENDING").map(i => [i.inputId, i]));
    function renderInputs() {
      inputs.replaceChildren(...[...pending.values()].map(i => el("div", { class: "input" },
        el("div", {}, i.message),
        el("button", { class: "primary", onclick: () => api(`${base}/inputs/${encodeURIComponent(i.inputId)}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ proceed: true }) }) }, i.ok || "Proceed"),
        el("button", { class: "danger", onclick: () => api(`${base}/inputs/${encodeURIComponent(i.inputId)}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ proceed: false }) }) }, "Abort"))));
    }

    // The log: the whole console (tail first), or one stage's own lines.
    const view = new LogView(logBox, async (start, end) => {
      const response = await api(`${base}/log?start=${start}&end=${end}&lines=true`);
      return { start: Number(response.headers.get("X-Range-Start")), end: Number(response.headers.get("X-Range-End")), size: Number(response.headers.get("X-Log-Size")), text: await response.text() };
    });
    view.onFollowChange = (on) => { followBox.checked = on; };
    followBox.addEventListener("change", () => view.setFollow(followBox.checked));
    const stageIds = new Set();
    let stageLogEnd = 0;
    if (selectedStage) {
      const include = (id) => { stageIds.add(id); for (const c of order()) if (c.parentId === id) include(c.stageId); };
      include(selectedStage);
      title.textContent = "Stage log: " + (stages.get(selectedStage)?.name || selectedStage);
      const response = await api(`${base}/stages/${encodeURIComponent(selectedStage)}/log`);
      stageLogEnd = Number(response.headers.get("X-Log-End") || 0);
      view.openText(await response.text());
    } else {
      title.textContent = "Console output";
      await view.openTail(build.logSize);
    }
    search.addEventListener("keydown", async (e) => {
      if (e.key !== "Enter") return;
      view.setHighlight(search.value);
      hits.replaceChildren();
      if (!search.value || selectedStage) return;
      const found = await json(`${base}/log/search?q=${encodeURIComponent(search.value)}&max=200`);
      hits.replaceChildren(...found.map(h => { const d = el("div", {}); d.textContent = h.line; d.addEventListener("click", () => view.scrollToOffset(h.offset)); return d; }));
      if (found.length) view.scrollToOffset(found[0].offset);
    });

    renderHead(); renderGraph(); renderInputs(); renderPublished();
    const coveragePanel = ContainerCdCoverage.mount(coverage, data.coverage, { el, json, base });
    const ticker = setInterval(() => { if (state.building) { renderHead(); renderGraph(); } }, 500);
    cleanup.push(() => clearInterval(ticker));

    handlers.add((method, m) => {
      if (m.buildId !== build.buildId) return;
      switch (method) {
        case "BuildStarted": state.status = "RUNNING"; state.startedAt = m.timestamp; renderHead(); break;
        case "StageStarted": addStage({ ...m, status: "RUNNING", startedAt: m.timestamp }, m.parentId); renderGraph(); break;
        case "StageFinished": addStage({ ...m, status: m.skipReason ? "SKIPPED" : m.result, startedAt: m.startedAt }, m.parentId); renderGraph(); break;
        case "Log":
          if (!selectedStage) view.append(m.offset, m.text);
          else if (m.offset >= stageLogEnd) {
            let at = 0;
            for (const seg of m.segments) { if (seg.stageId && stageIds.has(seg.stageId)) view.appendText(m.text.slice(at, at + seg.length)); at += seg.length; }
          }
          break;
        case "InputRequested": pending.set(m.inputId, m); renderInputs(); break;
        case "InputAnswered": pending.delete(m.inputId); renderInputs(); break;
        case "Deployment": json(base).then(fresh => renderDeployments(fresh.deployments)).catch(() => {}); break;
        case "TestReport": data.tests.total += m.total; data.tests.failed += m.failed; renderHead(); break;
        case "CoverageReport": coveragePanel.apply(m); break;
        case "BuildFinished": Object.assign(state, { building: false, status: m.result, durationMillis: m.durationMillis }); pending.clear(); renderHead(); renderGraph(); renderInputs(); renderPublished(); break;
      }
    });
    if (build.building) {
      const c = await hub();
      const from = Math.max(1, build.lastSequence - 500);
      subscriptions.set(build.buildId, from);
      await c.invoke("SubscribeBuild", build.buildId, from);
    }
  }

  route();
})();
