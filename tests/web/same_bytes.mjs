// The browser's build against the CLI's, under node: for every scenario in
// scenarios/ and scenarios/anchors/, the WebAssembly run's JSON report and
// table are the CLI's bytes; for every bad scenario in tests/bad/, its error
// is the CLI's message.
//   node same_bytes.mjs BUILD_WEB/sim/web/gilsim.js GILSIM_BINARY SOURCE_DIR
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { isUtf8 } from "node:buffer";

const [gilsimJs, cli, root] = process.argv.slice(2);
const createGilsim = createRequire(import.meta.url)(gilsimJs);
const gilsim = await createGilsim();

const tomls = (dir) =>
  readdirSync(join(root, dir)).filter((f) => f.endsWith(".toml")).sort().map((f) => join(dir, f));
let failures = 0;
const fail = (what) => { failures += 1; console.error(`FAIL ${what}`); };

const scenarios = [...tomls("scenarios"), ...tomls("scenarios/anchors")];
for (const path of scenarios) {
  const request = { text: readFileSync(join(root, path), "utf8"), name: path };
  const started = performance.now();
  const got = gilsim.run(request);
  const ms = performance.now() - started;
  if (!got.ok) { fail(`${path}: ${got.error.text}`); continue; }
  const json = execFileSync(cli, ["run", path, "--format", "json"], { cwd: root, encoding: "utf8" });
  const table = execFileSync(cli, ["run", path], { cwd: root, encoding: "utf8" });
  if (got.json !== json) fail(`${path}: the JSON report differs from the CLI's`);
  if (got.table !== table) fail(`${path}: the table differs from the CLI's`);
  console.log(`${path}: same bytes (${ms.toFixed(0)} ms in WebAssembly)`);
}

// Not comparable: profiles named by path (the browser has no files to read;
// shipped profiles are named, not read), and bytes that are not UTF-8 (a page's
// text is a JavaScript string, always valid).
const noFiles = /profile\s*=\s*"[^"]*[./]/;
let errors = 0;
for (const path of tomls("tests/bad")) {
  const text = readFileSync(join(root, path));
  if (noFiles.test(text.toString("latin1")) || !isUtf8(text)) continue;
  const native = spawnSync(cli, ["run", path], { cwd: root, encoding: "utf8" });
  if (native.status !== 2) continue;  // some bad files fail only at `check`
  const got = gilsim.run({ text: text.toString("utf8"), name: path });
  if (got.ok) { fail(`${path}: the CLI refuses it, WebAssembly ran it`); continue; }
  // The CLI may add lines after the message (a hint); the message itself is the same.
  if (!native.stderr.startsWith(got.error.text)) {
    fail(`${path}: error differs:\n  wasm: ${got.error.text}\n  cli:  ${native.stderr}`);
  }
  errors += 1;
}
console.log(`${scenarios.length} scenarios and ${errors} bad files: ${failures} differences`);
if (scenarios.length < 20 || errors < 20) fail("too few files compared");
process.exit(failures ? 1 : 0);
