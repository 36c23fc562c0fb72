// The Web Worker: runs the WebAssembly library off the page's thread, so the
// page never freezes. Messages in: { id, call, args }; out: { id, result, ms }
// when done, { id, progress } while a sweep runs. `call` names a function of
// sim/web/wasm_api.cpp.
import createGilsim from "gilsim:wasm";

const ready = createGilsim();

self.onmessage = async ({ data }) => {
  const gilsim = await ready;
  const { id, call, args } = data;
  const started = performance.now();
  let result;
  try {
    const extra = call === "sweep" ? [(line) => self.postMessage({ id, progress: line })] : [];
    result = gilsim[call](...args, ...extra);
  } catch (e) {
    const message = `internal error in ${call}: ${e}`;
    result = { ok: false, error: { file: "", line: 0, column: 0, message, text: message } };
  }
  self.postMessage({ id, result, ms: performance.now() - started });
};
