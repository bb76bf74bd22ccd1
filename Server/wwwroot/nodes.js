// The Nodes page (/computer/, as Jenkins'): every build node with its labels, endpoint, state (offline with the
// reason), executors busy of total with the builds they run linked to their pages, and its last answer time; read
// from Jenkins' /computer/api/json and refreshed every 2 s while the page is open. Names, labels and reasons come
// from the config and the engines: they are only ever set as text, never as HTML.
"use strict";
window.ContainerCdNodes = (() => {
  const responseTime = "hudson.node_monitors.ResponseTimeMonitor";
  const builtIn = (c) => c._class === "hudson.model.Hudson$MasterComputer";
  const nodeUrl = (c) => builtIn(c) ? "(built-in)" : c.displayName;

  function stateCell(el, c) {
    return el("td", { "data-testid": "node-state" }, c.offline
      ? el("span", {}, el("span", { class: "badge s-FAILURE" }, "offline"), " ", el("span", { class: "reason", "data-testid": "node-reason" }, c.offlineCauseReason))
      : el("span", { class: "badge s-SUCCESS" }, "online"));
  }

  function executorsCell(el, link, c) {
    const busy = c.executors.filter(e => !e.idle);
    return el("td", { "data-testid": "node-executors" },
      el("div", {}, `${busy.length} of ${c.numExecutors} busy`),
      ...busy.map(e => el("div", { class: "executor", "data-executor": e.number },
        `#${e.number + 1}: `, link(e.currentExecutable.url, e.currentExecutable.fullDisplayName),
        e.progress >= 0 ? el("span", { class: "muted" }, ` ${e.progress}%`) : null)));
  }

  function answerCell(el, c) {
    const data = c.monitorData[responseTime];
    if (!data) return el("td", { class: "muted", "data-testid": "node-answer" }, builtIn(c) ? "—" : "no answer yet");
    return el("td", { "data-testid": "node-answer" }, `${data.average} ms`, el("div", { class: "muted" }, "asked " + new Date(data.timestamp).toLocaleTimeString()));
  }

  async function page(ui) {
    const { el, link, json, main, crumbs, cleanup } = ui;
    crumbs.replaceChildren(link("/", "Jobs"), el("span", {}, "/ Nodes"));
    const summary = el("p", { class: "muted", "data-testid": "nodes-summary" });
    const table = el("div", { "data-testid": "nodes" });
    main.replaceChildren(el("h1", {}, "Nodes"), summary, table);

    async function render() {
      let set;
      try { set = await json("/computer/api/json?depth=1"); } catch (e) { summary.replaceChildren(el("span", { class: "error" }, "Cannot read the nodes: " + e.message)); return; }
      summary.textContent = `${set.busyExecutors} of ${set.totalExecutors} executors busy`;
      table.replaceChildren(el("table", {},
        el("tr", {}, el("th", {}, "Name"), el("th", {}, "Labels"), el("th", {}, "Endpoint"), el("th", {}, "State"), el("th", {}, "Executors"), el("th", {}, "Last answer")),
        ...set.computer.map(c => el("tr", { "data-node": nodeUrl(c), "data-online": String(!c.offline) },
          el("td", { "data-testid": "node-name" }, c.displayName),
          el("td", { "data-testid": "node-labels" }, c.assignedLabels.map(l => l.name).join(" ")),
          builtIn(c) ? el("td", { class: "muted" }, "this machine") : el("td", { class: "digest", "data-testid": "node-endpoint" }, c.description),
          stateCell(el, c), executorsCell(el, link, c), answerCell(el, c)))));
    }

    await render();
    const timer = setInterval(render, 2000);
    cleanup(() => clearInterval(timer));
  }

  return { page };
})();
