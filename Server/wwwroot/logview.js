// A virtualized log: only the lines in view are in the DOM. The log is a list of byte-range blocks; the
// tail is loaded first, earlier blocks when scrolled into view (their height is estimated until then).
//
// Heights change whenever a block arrives (its real line count replaces the estimate, and the estimate of
// every block not loaded yet moves with the bytes per line seen so far), in any order. So the scroll position
// is never kept as a number of pixels: each render derives it from what the user is looking at. With Follow,
// that is the last line; otherwise an anchor (a line of a loaded block, or a point inside one not loaded yet),
// taken when the user scrolls or jumps to a line.
"use strict";
class LogView {
  static BLOCK = 256 * 1024;
  static RETRY_MS = 3000;

  constructor(container, fetchRange) {
    this.container = container;
    this.fetchRange = fetchRange; // (start, end) => Promise<{start, end, size, text}>
    this.lineHeight = 18;
    this.blocks = [];
    this.follow = true;
    this.anchor = null; // without Follow: { block, offset } (px from the block's top to the view's top) or { block, fraction }
    this.scrollSet = 0; // the scrollTop this view set last: any other value is the user's
    this.rendered = null; // the layout the user sees (the last one rendered)
    this.highlight = "";
    this.encoder = new TextEncoder();
    this.spacer = document.createElement("div");
    this.spacer.className = "spacer";
    this.rows = document.createElement("div");
    this.rows.className = "rows";
    container.textContent = "";
    container.appendChild(this.spacer);
    this.spacer.appendChild(this.rows);
    this.scheduled = false;
    container.addEventListener("scroll", () => { this.noticeUserScroll(); this.schedule(); });
    new ResizeObserver(() => this.schedule()).observe(container);
  }

  // Whole-log mode: `size` bytes exist; shows the end and loads the blocks there, the last one first.
  async openTail(size) {
    this.blocks = [];
    for (let start = 0; start < size; start += LogView.BLOCK) {
      this.blocks.push({ start, end: Math.min(size, start + LogView.BLOCK), lines: null, open: false });
    }
    if (this.blocks.length === 0) this.blocks.push({ start: 0, end: 0, lines: [], open: false });
    const last = this.blocks[this.blocks.length - 1];
    const loaded = this.load(last);
    this.setFollow(true);
    await loaded;
    this.render();
  }

  // Stage mode: the whole text at once (a stage's own log).
  openText(text) {
    this.blocks = [{ start: 0, end: 0, lines: [], open: false }];
    this.appendText(text);
    this.setFollow(true);
  }

  // Live text at a byte offset of the whole log: duplicates (already loaded) are dropped.
  append(offset, text) {
    const last = this.blocks[this.blocks.length - 1];
    if (!last || last.lines === null) { (this.pending = this.pending || []).push([offset, text]); return; }
    let bytes = this.encoder.encode(text);
    if (offset + bytes.length <= last.end) return;
    if (offset < last.end) { bytes = bytes.slice(last.end - offset); text = new TextDecoder().decode(bytes); offset = last.end; }
    if (offset > last.end) {
      this.blocks.push({ start: last.end, end: offset, lines: null, open: false });
      this.blocks.push({ start: offset, end: offset, lines: [], open: false });
    }
    this.appendText(text, bytes.length);
  }

  appendText(text, byteLength) {
    let block = this.blocks[this.blocks.length - 1];
    const parts = text.split("\n");
    const endsWithNewline = parts[parts.length - 1] === "";
    if (endsWithNewline) parts.pop();
    if (parts.length > 0 && block.open) {
      block.lines[block.lines.length - 1] += parts.shift();
    }
    for (const p of parts) block.lines.push(p);
    block.open = !endsWithNewline && (parts.length > 0 || block.open);
    block.end += byteLength === undefined ? this.encoder.encode(text).length : byteLength;
    if (!block.open && block.lines.length > 20000) {
      this.blocks.push({ start: block.end, end: block.end, lines: [], open: false });
    }
    this.schedule();
  }

  setHighlight(text) { this.highlight = text || ""; this.schedule(); }

  lineCount() { return this.blocks.reduce((n, b) => n + (b.lines ? b.lines.length : 0), 0); }

  // Follow on: the last line stays in view, whatever arrives. Off: the line at the top of the view stays.
  setFollow(on) {
    if (!on) this.anchor = this.anchorAt(this.container.scrollTop, this.rendered || this.layout());
    this.setFollowState(on);
    this.render();
  }

  scrollToEnd() { this.setFollow(true); }

  // Shows the line holding byte `offset` a third of the way down the view, and keeps it there.
  async scrollToOffset(offset) {
    const block = this.blocks.find(b => offset < b.end) || this.blocks[this.blocks.length - 1];
    if (block.lines === null) await this.load(block);
    this.setFollowState(false);
    if (block.lines === null) { // not loaded (its failure shows there): keep the place inside it
      this.anchor = { block, fraction: block.end > block.start ? (offset - block.start) / (block.end - block.start) : 0 };
      this.render();
      return;
    }
    let at = block.start, index = 0;
    for (; index < block.lines.length; index++) {
      const next = at + this.encoder.encode(block.lines[index]).length + 1;
      if (next > offset) break;
      at = next;
    }
    this.anchor = { block, offset: index * this.lineHeight - this.container.clientHeight / 3 };
    this.render();
  }

  // ---- internals ----

  setFollowState(on) {
    if (this.follow === on) return;
    this.follow = on;
    this.onFollowChange && this.onFollowChange(on);
  }

  // A scroll position this view did not set is the user's: at the bottom it turns Follow on; anywhere else it
  // turns Follow off and anchors the view where the user put it (in the layout the user saw).
  noticeUserScroll() {
    const top = this.container.scrollTop;
    if (Math.abs(top - this.scrollSet) < 1 || this.rendered === null) return;
    this.scrollSet = top;
    const atBottom = top + this.container.clientHeight >= this.rendered.total - this.lineHeight * 2;
    if (!atBottom) this.anchor = this.anchorAt(top, this.rendered);
    this.setFollowState(atBottom);
  }

  // What is at `top` of `layout`: the block there, if loaded, or the first loaded block starting in view (its
  // lines stay put while the placeholder lines above them turn into the real ones); otherwise the point inside
  // the block not loaded yet, as a fraction of it.
  anchorAt(top, layout) {
    const i = layout.tops.findLastIndex(t => t <= top);
    if (i < 0) return null;
    if (layout.loaded[i]) return { block: this.blocks[i], offset: top - layout.tops[i] };
    const bottom = top + this.container.clientHeight;
    for (let j = i + 1; j < this.blocks.length && layout.tops[j] < bottom; j++) {
      if (layout.loaded[j]) return { block: this.blocks[j], offset: top - layout.tops[j] };
    }
    return { block: this.blocks[i], fraction: layout.heights[i] > 0 ? (top - layout.tops[i]) / layout.heights[i] : 0 };
  }

  // The scroll position for `layout`: the end with Follow, else the anchor's place.
  position(layout) {
    const max = Math.max(0, layout.total - this.container.clientHeight);
    if (this.follow) return max;
    const i = this.anchor ? this.blocks.indexOf(this.anchor.block) : -1;
    if (i < 0) return Math.min(max, this.container.scrollTop);
    const top = layout.tops[i] + (this.anchor.offset !== undefined ? this.anchor.offset : this.anchor.fraction * layout.heights[i]);
    return Math.min(max, Math.max(0, top));
  }

  scrollTo(top) {
    if (Math.abs(this.container.scrollTop - top) >= 1) this.container.scrollTop = top;
    this.scrollSet = this.container.scrollTop;
  }

  bytesPerLine() {
    let bytes = 0, lines = 0;
    for (const b of this.blocks) if (b.lines && b.lines.length > 0) { bytes += b.end - b.start; lines += b.lines.length; }
    return lines > 0 ? Math.max(1, bytes / lines) : 80;
  }

  // Each block's top and height in pixels: its lines once loaded, else estimated from the bytes per line so far.
  layout() {
    const perLine = this.bytesPerLine();
    const n = this.blocks.length, tops = new Array(n), heights = new Array(n), loaded = new Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const b = this.blocks[i];
      loaded[i] = b.lines !== null;
      heights[i] = (loaded[i] ? b.lines.length : Math.ceil((b.end - b.start) / perLine)) * this.lineHeight;
      tops[i] = total;
      total += heights[i];
    }
    return { tops, heights, loaded, total };
  }

  // Loads a block's lines. A failed request is shown on the block's line nearest the view and retried a few seconds later
  // (or when the view comes back to it after that); the promise never rejects.
  async load(block) {
    if (block.lines !== null || block.loading) return block.loading;
    if (block.failure && performance.now() - block.failure.at < LogView.RETRY_MS) return;
    block.loading = (async () => {
      let range;
      try {
        range = await this.fetchRange(block.start, block.end);
      } catch (error) {
        block.failure = { at: performance.now(), message: `could not load bytes ${block.start}-${block.end} of the log (${error && error.message || error}); retrying` };
        block.loading = null;
        setTimeout(() => this.schedule(), LogView.RETRY_MS + 50);
        this.schedule();
        return;
      }
      block.failure = null;
      const parts = range.text.split("\n");
      block.open = parts[parts.length - 1] !== "";
      if (!block.open) parts.pop();
      block.lines = parts;
      block.start = range.start;
      block.end = Math.max(block.end, range.end);
      block.loading = null;
      if (block === this.blocks[this.blocks.length - 1] && this.pending) {
        const pending = this.pending; this.pending = null;
        for (const [o, t] of pending) this.append(o, t);
      }
      this.schedule(); // the new heights: the render keeps the tail or the anchor in place
    })();
    return block.loading;
  }

  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => { this.scheduled = false; this.render(); });
  }

  render() {
    this.noticeUserScroll();
    const layout = this.layout();
    this.spacer.style.height = layout.total + "px";
    this.scrollTo(this.position(layout));
    this.rendered = layout;
    const viewTop = this.container.scrollTop, viewBottom = viewTop + this.container.clientHeight;
    const overscan = 20 * this.lineHeight;
    const fragment = document.createDocumentFragment();
    let rowsTop = null;
    for (let b = 0; b < this.blocks.length; b++) {
      const block = this.blocks[b], top = layout.tops[b], h = layout.heights[b];
      if (top + h < viewTop - overscan || top > viewBottom + overscan) continue;
      const count = h / this.lineHeight;
      const first = Math.max(0, Math.floor((viewTop - overscan - top) / this.lineHeight));
      const last = Math.min(count, Math.ceil((viewBottom + overscan - top) / this.lineHeight));
      const messageRow = Math.min(last - 1, Math.max(first, Math.floor((viewTop - top) / this.lineHeight))); // a failure shows in view, or nearest
      if (block.lines === null) this.load(block);
      for (let i = first; i < last; i++) {
        if (rowsTop === null) rowsTop = top + i * this.lineHeight;
        const div = document.createElement("div");
        div.className = "line";
        if (block.lines) Ansi.render(div, block.lines[i], this.highlight);
        else { div.textContent = block.failure && i === messageRow ? "… " + block.failure.message : "…"; div.classList.add("muted"); }
        fragment.appendChild(div);
      }
    }
    this.rows.style.top = (rowsTop || 0) + "px";
    this.rows.replaceChildren(fragment);
  }
}
