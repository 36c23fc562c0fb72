// The page's handle on the Web Worker (worker.js): call(NAME, ARGS) returns a
// promise of the library's answer, { ok, ... } or { ok: false, error }.
// stop() ends a run that takes too long by starting a fresh worker.
import workerSource from "gilsim:worker";

export class Simulator {
  constructor() {
    this.url = URL.createObjectURL(new Blob([workerSource], { type: "text/javascript" }));
    this.pending = new Map();
    this.nextId = 1;
    this.start();
  }

  start() {
    this.worker = new Worker(this.url);
    this.worker.onmessage = ({ data }) => {
      const call = this.pending.get(data.id);
      if (!call) return;
      if ("progress" in data) return call.onProgress?.(data.progress);
      this.pending.delete(data.id);
      const r = data.result;  // { ok, ... } gets the time it took; lists and strings come as they are
      call.resolve(r && typeof r === "object" && "ok" in r ? { ...r, ms: data.ms } : r);
    };
  }

  call(name, args, onProgress) {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, onProgress });
      this.worker.postMessage({ id, call: name, args });
    });
  }

  busy() {
    return this.pending.size > 0;
  }

  stop() {
    this.worker.terminate();
    for (const call of this.pending.values()) {
      call.resolve({ ok: false, error: { line: 0, column: 0, message: "stopped", text: "stopped" } });
    }
    this.pending.clear();
    this.start();
  }
}
