// Deployments in the viewer: the build page's list of what the build deployed, the list of every project, and a
// project's page (its deployments, weights over time, and the router's current weights live: refreshed when a
// Deployment message of the project arrives on the hub and by polling the router while the page is open).
// Names, messages and digests are only ever set as text, never as HTML.
"use strict";
window.ContainerCdDeployments = (() => {
  const weightsText = (w) => Object.keys(w || {}).length ? Object.entries(w).map(([pool, weight]) => `${pool} ${weight}%`).join(", ") : "—";
  const digestsText = (d) => Object.entries(d || {}).map(([image, digest]) => `${image}@${digest}`).join(", ");
  const projectUrl = (project) => `/deployments/${encodeURIComponent(project)}`;
  const result = (ui, r) => ui.el("span", { class: `badge d-${r}`, "data-testid": "deployment-result" }, r);

  // The build page: the deployments the build made (project, strategy, result, weights, digest).
  function buildSection(deployments, ui) {
    const { el, link } = ui;
    if (!deployments || !deployments.length) return null;
    return el("section", { class: "deployments", "data-testid": "build-deployments" },
      el("h2", {}, "Deployments"),
      el("table", {}, el("tr", {}, el("th", {}, "Project"), el("th", {}, "Strategy"), el("th", {}, "Result"), el("th", {}, "Weights"), el("th", {}, "Images")),
        ...deployments.map(d => el("tr", { "data-project": d.project },
          el("td", {}, link(projectUrl(d.project), d.project)), el("td", {}, d.strategy), el("td", {}, result(ui, d.result)),
          el("td", { "data-testid": "deployment-weights" }, weightsText(d.weights)), el("td", { class: "digest" }, digestsText(d.imageDigests))))));
  }

  // /deployments: every project with its latest deployment and current weights.
  async function listPage(ui) {
    const { el, link, json, main, crumbs } = ui;
    crumbs.replaceChildren(link("/", "Jobs"), el("span", {}, "/ Deployments"));
    const projects = await json("/api/deployments");
    main.replaceChildren(el("h1", {}, "Deployments"), projects.length
      ? el("table", { "data-testid": "deployment-projects" }, el("tr", {}, el("th", {}, "Project"), el("th", {}, "Current weights"), el("th", {}, "Last deployment"), el("th", {}, "Result")),
        ...projects.map(p => el("tr", { "data-project": p.project },
          el("td", {}, link(projectUrl(p.project), p.project)), el("td", {}, weightsText(p.currentWeights)),
          el("td", {}, link(p.latest.buildUrl, `${p.latest.job} #${p.latest.number}`)), el("td", {}, result(ui, p.latest.result)))))
      : el("p", { class: "muted" }, "No deployments yet: they appear when a build's delivery steps deploy a Compose project."));
  }

  // /deployments/PROJECT: its deployments, newest first, and the router's current weights live.
  async function projectPage(project, ui) {
    const { el, link, json, main, crumbs, follow, hub, cleanup } = ui;
    crumbs.replaceChildren(link("/", "Jobs"), el("span", {}, "/"), link("/deployments", "Deployments"), el("span", {}, "/ " + project));
    const live = el("section", { class: "live-weights", "data-testid": "live-weights" });
    const history = el("div", { "data-testid": "deployment-history" });
    main.replaceChildren(el("h1", {}, project), el("h2", {}, "Current weights"), live, el("h2", {}, "Deployments"), history);

    async function renderHistory() {
      let data;
      try { data = await json(`/api/deployments/${encodeURIComponent(project)}`); } catch { history.replaceChildren(el("p", { class: "muted" }, "No deployments of this project yet.")); return; }
      history.replaceChildren(el("table", {},
        el("tr", {}, el("th", {}, "Build"), el("th", {}, "Strategy"), el("th", {}, "Result"), el("th", {}, "Started"), el("th", {}, "Weights over time"), el("th", {}, "Images")),
        ...data.deployments.map(d => el("tr", { class: "deployment", "data-number": d.number, "data-job": d.job },
          el("td", {}, link(d.buildUrl, `${d.job} #${d.number}`)), el("td", {}, d.strategy), el("td", {}, result(ui, d.result)),
          el("td", {}, new Date(d.startedAt).toLocaleString()),
          el("td", {}, ...d.weightsTimeline.map(w => el("div", {}, `${new Date(w.at).toLocaleTimeString()}: ${weightsText(w.weights)}`))),
          el("td", { class: "digest" }, digestsText(d.imageDigests))))));
    }

    async function renderLive() {
      let routes;
      try { routes = await json(`/api/deployments/${encodeURIComponent(project)}/routes`); } catch (e) { live.replaceChildren(el("p", { class: "error" }, "Router unavailable: " + e.message)); return; }
      if (!routes.routerRunning) { live.replaceChildren(el("p", { class: "muted", "data-testid": "router-state" }, routes.error || "router not running")); return; }
      if (!routes.routes.length) { live.replaceChildren(el("p", { class: "muted", "data-testid": "router-state" }, "The router serves no route of this project.")); return; }
      live.replaceChildren(...routes.routes.map(r => el("div", { class: "route", "data-port": r.publicPort },
        el("div", {}, `${r.service} on 127.0.0.1:${r.publicPort}`),
        el("table", {}, el("tr", {}, el("th", {}, "Pool"), el("th", {}, "Weight"), el("th", {}, "Backends")),
          ...r.pools.map(p => el("tr", { class: "pool", "data-pool": p.name, "data-weight": p.weight },
            el("td", {}, p.name), el("td", {}, `${p.weight}%`),
            el("td", {}, p.backends.map(b => `${b.address} ${b.healthy ? "healthy" : "unhealthy"}`).join(", "))))))));
    }

    await Promise.all([renderHistory(), renderLive()]);
    follow((method, m) => { if (method === "Deployment" && m.project === project) { renderHistory(); renderLive(); } });
    const timer = setInterval(renderLive, 3000);
    cleanup(() => clearInterval(timer));
    const c = await hub().catch(() => null);
    if (c) {
      await c.invoke("SubscribeDeployments", project);
      renderHistory(); // what changed before the subscription
      cleanup(() => c.invoke("UnsubscribeDeployments", project).catch(() => {}));
    }
  }

  return { buildSection, listPage, projectPage };
})();
