// Builds the web lab, a static site: index.html, app.js and app.css in OUT.
//   node build.mjs --wasm BUILD_WEB/sim/web/gilsim.js --out build/web
// app.js holds everything the page needs: CodeMirror and uPlot (from
// node_modules, installed by `npm ci` from the committed package-lock), the
// scenario library and the labs (read from the repository now), and the Web
// Worker's code with the WebAssembly inside it (started from a Blob, so the
// page works opened from a plain folder, where file:// forbids fetching).
import * as esbuild from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith("--") ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
if (!args.wasm || !args.out) {
  console.error("usage: node build.mjs --wasm PATH/gilsim.js --out DIR");
  process.exit(2);
}
const out = resolve(args.out);

/// The files the picker offers: scenarios, the published anchors, the labs.
function library() {
  const files = (dir, ext) =>
    readdirSync(join(root, dir)).filter((f) => f.endsWith(ext)).sort().map((f) => `${dir}/${f}`);
  const read = (path) => ({ path, text: readFileSync(join(root, path), "utf8") });
  return {
    scenarios: files("scenarios", ".toml").map(read),
    anchors: files("scenarios/anchors", ".toml").map(read),
    labs: files("docs/labs", ".md").filter((p) => /\/lab\d/.test(p)).map(read),
  };
}

/// "gilsim:NAME" imports: the library as data, the worker's code as text.
function virtualModules(modules) {
  return {
    name: "gilsim-virtual",
    setup(build) {
      build.onResolve({ filter: /^gilsim:/ }, (a) => ({ path: a.path, namespace: "gilsim" }));
      build.onLoad({ filter: /.*/, namespace: "gilsim" }, (a) => modules[a.path]());
    },
  };
}

const common = { bundle: true, minify: true, target: ["chrome100", "firefox100", "safari15"], logLevel: "warning" };

// The worker: the emscripten module (its node-only require()s never run in a browser).
const worker = await esbuild.build({
  ...common,
  entryPoints: [join(here, "src/worker.js")],
  format: "iife",
  write: false,
  external: ["fs", "path", "crypto"],
  plugins: [virtualModules({
    "gilsim:wasm": () => ({ contents: readFileSync(args.wasm, "utf8"), loader: "js" }),
  })],
});

mkdirSync(out, { recursive: true });
await esbuild.build({
  ...common,
  entryPoints: [join(here, "src/app.js")],
  format: "iife",
  outfile: join(out, "app.js"),
  plugins: [virtualModules({
    "gilsim:worker": () => ({ contents: worker.outputFiles[0].text, loader: "text" }),
    "gilsim:library": () => ({ contents: JSON.stringify(library()), loader: "json" }),
  })],
});
copyFileSync(join(here, "src/index.html"), join(out, "index.html"));
console.log(`web lab built in ${out}`);
