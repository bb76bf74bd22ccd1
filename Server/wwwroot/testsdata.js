// The Tests tab's data source: the server answers pages of cases in the tab's order (failures first, by stage and
// suite) with the status and the text filter applied, and the layout (each heading and how many cases are under
// it), so the list knows its length at once and fetches only the pages that come into view, never the whole report.
"use strict";
window.ContainerCdTestsData = (() => {
  const PAGE = 100;

  // url: the build's /api/.../tests; json: the viewer's fetch. open() starts a query (status, text) and resolves to its
  // layout, or to null when a newer query has started meanwhile; onPage is called when a page of the current query arrives.
  function create(json, url, onPage) {
    let query = null;

    async function open(status, text) {
      const current = query = { status, text, pages: new Map(), pending: new Set() };
      const answer = await json(pageUrl(current, 0) + "&layout=true");
      if (current !== query) return null;
      const stageNames = new Map(answer.stages.map(s => [s.stageId, s.path && s.path.length ? s.path.join(" › ") : s.name]));
      const groups = answer.groups.map(([status, stageId, suite, count]) =>
        ({ failing: status === "FAILED", stageId, suite, count, stage: stageNames.get(stageId) || "" }));
      // Item i of the list: a heading at starts[g], then the group's cases; cases[g] is the group's first case in the tab's order.
      const starts = [], cases = [];
      let items = 0, caseCount = 0;
      for (const g of groups) { starts.push(items); cases.push(caseCount); items += g.count + 1; caseCount += g.count; }
      current.groups = groups;
      current.matched = answer.matched;
      current.pages.set(0, answer.cases.map(row => toCase(groups, row)));
      return { totals: answer, matched: answer.matched, groups, items, itemAt: (i) => itemAt(current, starts, cases, i) };
    }

    function pageUrl(q, from) {
      return `${url}?status=${q.status}&from=${from}&count=${PAGE}` + (q.text ? `&q=${encodeURIComponent(q.text)}` : "");
    }

    // { header } or { index, item } with item undefined while its page is on its way (then want() asks for it).
    function itemAt(q, starts, cases, i) {
      let low = 0, high = starts.length - 1;
      while (low < high) { const mid = (low + high + 1) >> 1; if (starts[mid] <= i) low = mid; else high = mid - 1; }
      if (starts[low] === i) return { header: q.groups[low] };
      const index = cases[low] + (i - starts[low] - 1);
      const page = q.pages.get(Math.floor(index / PAGE));
      return { index, item: page && page[index % PAGE] };
    }

    // Asks for the pages holding cases [first, last] and one page beyond, unless they are here or on their way.
    function want(first, last) {
      const q = query;
      if (!q || !q.groups) return;
      for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE) + 1; p++) {
        if (p * PAGE >= q.matched || q.pages.has(p) || q.pending.has(p)) continue;
        q.pending.add(p);
        json(pageUrl(q, p * PAGE)).then(answer => {
          q.pages.set(p, answer.cases.map(row => toCase(q.groups, row)));
          if (q === query) onPage();
        }, () => { /* asked again when the rows are next rendered */ }).finally(() => q.pending.delete(p));
      }
    }

    return { open, want };
  }

  function toCase(groups, [group, className, name, status, durationMillis, failedSince, flaky, message, stackTrace]) {
    return { group: groups[group], className, name, status, durationMillis, failedSince, flaky, message, stackTrace };
  }

  return { create, PAGE };
})();
