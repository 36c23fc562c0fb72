// The interactive timeline: the library's own SVG (as `gilsim run --timeline`
// draws it) for a window of the run, redrawn by the worker as the user zooms
// (wheel, buttons) and pans (drag). A click on a thread's lane asks `explain`
// why that thread was (not) running at that instant.

/// The lanes of a timeline SVG: a lane is a <g><title>NAME</title> label
/// followed by its background rectangle (fill #f7f7f7), as timeline_svg.cpp draws them.
export function lanesOf(svg) {
  const lanes = [];
  let name = null;
  for (const el of svg.children) {
    if (el.tagName === "g" && el.querySelector("title")) name = el.querySelector("title").textContent;
    else if (el.tagName === "rect" && el.getAttribute("fill") === "#f7f7f7" && name !== null) {
      const n = (a) => Number(el.getAttribute(a));
      lanes.push({ name, x: n("x"), y: n("y"), width: n("width"), height: n("height") });
      name = null;
    }
  }
  return lanes;
}

export class TimelineView {
  /// draw(from, to, coreLanes) -> promise of { ok, timeline, histograms } from the worker;
  /// explain(thread, atNs) -> promise of { ok, lines }.
  constructor({ container, histograms, explainBox, draw, explain }) {
    Object.assign(this, { container, histogramsBox: histograms, explainBox, draw, explain });
    this.coreLanes = false;
    this.container.addEventListener("wheel", (e) => this.onWheel(e), { passive: false });
    this.container.addEventListener("pointerdown", (e) => this.onPointerDown(e));
  }

  /// A new run: the whole of it, `end` ns long, with `threads` (names) to explain.
  async show(end, threads) {
    Object.assign(this, { end, threads, from: 0, to: end });
    this.explainBox.hidden = true;
    await this.redraw(true);
  }

  async redraw(withHistograms = false) {
    const generation = (this.generation = (this.generation || 0) + 1);
    const r = await this.draw(this.from, this.to >= this.end ? null : this.to, this.coreLanes);
    if (generation !== this.generation) return;  // a newer window was asked for meanwhile
    if (!r.ok) {
      this.container.textContent = r.error.message;
      return;
    }
    this.container.innerHTML = r.timeline;
    this.svg = this.container.querySelector("svg");
    this.lanes = lanesOf(this.svg);
    if (withHistograms) this.histogramsBox.innerHTML = r.histograms.join("");
  }

  /// The lane and instant under a mouse event, or null.
  hit(e) {
    if (!this.svg) return null;
    const box = this.svg.getBoundingClientRect();
    const scale = Number(this.svg.getAttribute("width")) / box.width;
    const x = (e.clientX - box.left) * scale, y = (e.clientY - box.top) * scale;
    const lane = this.lanes.find((l) => y >= l.y && y <= l.y + l.height && x >= l.x && x <= l.x + l.width);
    if (!lane) return null;
    return { lane, at: Math.round(this.from + ((x - lane.x) / lane.width) * (this.to - this.from)) };
  }

  zoom(factor, centre = (this.from + this.to) / 2) {
    const span = Math.min(this.end, Math.max(1000, (this.to - this.from) * factor));
    let from = Math.round(centre - (centre - this.from) * (span / (this.to - this.from)));
    from = Math.max(0, Math.min(from, this.end - span));
    Object.assign(this, { from, to: Math.round(from + span) });
    this.redraw();
  }

  all() {
    Object.assign(this, { from: 0, to: this.end });
    this.redraw();
  }

  onWheel(e) {
    const hit = this.hit(e);
    if (!hit) return;
    e.preventDefault();
    this.zoom(e.deltaY < 0 ? 1 / 1.5 : 1.5, hit.at);
  }

  onPointerDown(e) {
    const start = this.hit(e);
    if (!start) return;
    const x0 = e.clientX, from0 = this.from, to0 = this.to;
    const nsPerPixel = (to0 - from0) / this.svg.getBoundingClientRect().width *
      (Number(this.svg.getAttribute("width")) / start.lane.width);
    let moved = false;
    const move = (m) => {
      const shift = Math.round((x0 - m.clientX) * nsPerPixel);
      if (Math.abs(m.clientX - x0) < 3 && !moved) return;
      moved = true;
      const span = to0 - from0;
      const from = Math.max(0, Math.min(from0 + shift, this.end - span));
      Object.assign(this, { from, to: from + span });
      this.redraw();
    };
    const up = () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
      if (!moved) this.explainAt(start);
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
  }

  async explainAt({ lane, at }) {
    if (!this.threads.includes(lane.name)) return;  // the GIL's and cores' lanes: no thread to ask about
    const r = await this.explain(lane.name, at);
    this.explainBox.hidden = false;
    this.explainBox.textContent = r.ok
      ? `$ gilsim explain FILE --thread ${lane.name} --at ${at}ns\n${r.lines.join("\n")}`
      : r.error.text;
  }
}
