// A virtualized log: only the lines in view are in the DOM. The log is a list of byte-range blocks; the
// tail is loaded first, earlier blocks when scrolled into view (their height is estimated until then).
"use strict";
class LogView {
  static BLOCK = 256 * 1024;

  constructor(container, fetchRange) {
    this.container = container;
    this.fetchRange = fetchRange; // (start, end) => Promise<{start, end, size, text}>
    this.lineHeight = 18;
    this.blocks = [];
    this.follow = true;
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
    this.ignoreScroll = false;
    container.addEventListener("scroll", () => {
      if (this.ignoreScroll) { this.ignoreScroll = false; } else {
        const atBottom = container.scrollTop + container.clientHeight >= this.totalHeight() - this.lineHeight * 2;
        if (this.follow !== atBottom) { this.follow = atBottom; this.onFollowChange && this.onFollowChange(atBottom); }
      }
      this.schedule();
    });
    new ResizeObserver(() => this.schedule()).observe(container);
  }

  // Whole-log mode: `size` bytes exist; loads the last block and shows the end.
  async openTail(size) {
    this.blocks = [];
    for (let start = 0; start < size; start += LogView.BLOCK) {
      this.blocks.push({ start, end: Math.min(size, start + LogView.BLOCK), lines: null, open: false });
    }
    if (this.blocks.length === 0) this.blocks.push({ start: 0, end: 0, lines: [], open: false });
    const last = this.blocks[this.blocks.length - 1];
    await this.load(last);
    this.scrollToEnd();
  }

  // Stage mode: the whole text at once (a stage's own log).
  openText(text) {
    this.blocks = [{ start: 0, end: 0, lines: [], open: false }];
    this.appendText(text);
    this.scrollToEnd();
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
    this.schedule(this.follow);
  }

  setHighlight(text) { this.highlight = text || ""; this.schedule(); }

  lineCount() { return this.blocks.reduce((n, b) => n + (b.lines ? b.lines.length : 0), 0); }

  async scrollToOffset(offset) {
    let top = 0;
    for (const block of this.blocks) {
      if (offset < block.end || block === this.blocks[this.blocks.length - 1]) {
        if (block.lines === null) { await this.load(block); return this.scrollToOffset(offset); }
        let at = block.start, index = 0;
        for (; index < block.lines.length; index++) {
          const next = at + this.encoder.encode(block.lines[index]).length + 1;
          if (next > offset) break;
          at = next;
        }
        this.follow = false;
        this.onFollowChange && this.onFollowChange(false);
        this.container.scrollTop = Math.max(0, top + index * this.lineHeight - this.container.clientHeight / 3);
        this.schedule();
        return;
      }
      top += this.height(block);
    }
  }

  scrollToEnd() {
    this.follow = true;
    this.render();
    this.ignoreScroll = true;
    this.container.scrollTop = this.totalHeight();
    this.render();
  }

  // ---- internals ----

  bytesPerLine() {
    let bytes = 0, lines = 0;
    for (const b of this.blocks) if (b.lines && b.lines.length > 0) { bytes += b.end - b.start; lines += b.lines.length; }
    return lines > 0 ? Math.max(1, bytes / lines) : 80;
  }

  height(block) {
    return (block.lines ? block.lines.length : Math.ceil((block.end - block.start) / this.bytesPerLine())) * this.lineHeight;
  }

  totalHeight() { return this.blocks.reduce((h, b) => h + this.height(b), 0); }

  async load(block) {
    if (block.lines !== null || block.loading) return block.loading;
    block.loading = (async () => {
      const anchorBelow = this.blockTop(block) + this.height(block) <= this.container.scrollTop;
      const before = this.height(block);
      const range = await this.fetchRange(block.start, block.end);
      const parts = range.text.split("\n");
      block.open = parts[parts.length - 1] !== "";
      if (!block.open) parts.pop();
      block.lines = parts;
      block.end = Math.max(block.end, range.end);
      if (anchorBelow) { this.ignoreScroll = true; this.container.scrollTop += this.height(block) - before; }
      block.loading = null;
      if (block === this.blocks[this.blocks.length - 1] && this.pending) {
        const pending = this.pending; this.pending = null;
        for (const [o, t] of pending) this.append(o, t);
      }
      this.schedule();
    })();
    return block.loading;
  }

  blockTop(target) {
    let top = 0;
    for (const b of this.blocks) { if (b === target) return top; top += this.height(b); }
    return top;
  }

  schedule(scrollToEnd) {
    if (scrollToEnd) this.wantEnd = true;
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      if (this.wantEnd && this.follow) { this.wantEnd = false; this.scrollToEnd(); } else this.render();
    });
  }

  render() {
    const total = this.totalHeight();
    this.spacer.style.height = total + "px";
    const viewTop = this.container.scrollTop, viewBottom = viewTop + this.container.clientHeight;
    const overscan = 20 * this.lineHeight;
    const fragment = document.createDocumentFragment();
    let top = 0, rowsTop = null;
    for (const block of this.blocks) {
      const h = this.height(block);
      if (top + h >= viewTop - overscan && top <= viewBottom + overscan) {
        const count = block.lines ? block.lines.length : h / this.lineHeight;
        const first = Math.max(0, Math.floor((viewTop - overscan - top) / this.lineHeight));
        const last = Math.min(count, Math.ceil((viewBottom + overscan - top) / this.lineHeight));
        if (block.lines === null) this.load(block);
        for (let i = first; i < last; i++) {
          if (rowsTop === null) rowsTop = top + i * this.lineHeight;
          const div = document.createElement("div");
          div.className = "line";
          if (block.lines) Ansi.render(div, block.lines[i], this.highlight);
          else { div.textContent = "…"; div.classList.add("muted"); }
          fragment.appendChild(div);
        }
      }
      top += h;
    }
    this.rows.style.top = (rowsTop || 0) + "px";
    this.rows.replaceChildren(fragment);
  }
}
