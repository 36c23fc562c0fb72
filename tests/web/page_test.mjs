// The web lab in headless Chromium, opened from files as a student would open
// the folder: it runs the convoy and shows the CLI's reacquire p50; the
// timeline zooms and explains a click; a lab opens and its commands run; a
// TOML error is marked in the editor; a shared link opens the same
// experiment; homework is made and checked; every tutorial scenario runs.
//   node page_test.mjs BUILD/web GILSIM_BINARY SOURCE_DIR SCREENSHOT_DIR
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [site, cli, root, shots] = process.argv.slice(2).map((p) => resolve(p));
const require = createRequire(join(root, "sim/web/package.json"));
const { chromium } = require("playwright-core");
mkdirSync(shots, { recursive: true });

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures += 1;
}
const cliJson = (...args) =>
  JSON.parse(execFileSync(cli, ["run", ...args, "--format", "json"], { cwd: root, encoding: "utf8" }));

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
const errors = [];
page.on("pageerror", (e) => errors.push(e.message));
const url = pathToFileURL(join(site, "index.html")).href;
const ranStatus = (name) => page.waitForFunction((n) => document.querySelector("#status").textContent.startsWith(`${n}: ran in`), name, { timeout: 30000 });

// 1. The page opens on the convoy and runs it: the DOM shows the CLI's numbers.
const started = Date.now();
await page.goto(url);
await ranStatus("convoy");
const timing = await page.evaluate(() => ({
  ready: performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd, ran: performance.now() }));
console.log(`     the page was ready ${timing.ready.toFixed(0)} ms after it was asked for, and showed the ` +
  `convoy's report at ${timing.ran.toFixed(0)} ms (${Date.now() - started} ms with starting the browser)`);
const reacquire = await page.getAttribute('td[data-path="threads.io.gil_reacquire.p50"]', "data-value");
const expected = cliJson("scenarios/convoy.toml").threads.find((t) => t.name === "io").gil_reacquire.p50;
check(Number(reacquire) === expected, `convoy: the table's reacquire p50 is the CLI's (${reacquire} = ${expected} ns)`);
await page.screenshot({ path: join(shots, "report.png") });

// 2. The timeline: zoom in narrows the window; a click on the io lane explains.
await page.click('#tabs button[data-tab="timeline"]');
await page.waitForSelector("#timeline svg");
const subtitle = () => page.textContent("#timeline svg text:nth-of-type(2)");
const before = await subtitle();
await page.click("#zoom-in");
await page.waitForFunction((b) => document.querySelector("#timeline svg text:nth-of-type(2)").textContent !== b, before);
const after = await subtitle();
check(/from 0s to 907.524ms/.test(before) && !/to 907.524ms/.test(after), `timeline: zoom in redraws a narrower window (${after.split(" - ").pop()})`);
const lane = await page.evaluate(() => {
  const svg = document.querySelector("#timeline svg");
  const title = [...svg.querySelectorAll("g > title")].find((t) => t.textContent === "io");
  let el = title.parentElement.nextElementSibling;
  while (el && el.getAttribute("fill") !== "#f7f7f7") el = el.nextElementSibling;
  const r = el.getBoundingClientRect();
  return { x: r.left + r.width * 0.3, y: r.top + r.height / 2 };
});
await page.mouse.click(lane.x, lane.y);
await page.waitForSelector("#explain:not([hidden])");
const explanation = await page.textContent("#explain");
check(/--thread io --at \d+ns\n.*at .*io was/s.test(explanation), `timeline: a click on io's lane explains it (${explanation.split("\n")[1]})`);
await page.selectOption("#explain-thread", "io");
await page.fill("#explain-at", "12ms");
await page.click('#explain-form button[type="submit"]');
await page.waitForFunction(() => document.querySelector("#explain").textContent.includes("--at 12000000ns"));
const explained = (await page.textContent("#explain")).split("\n").slice(1).join("\n");
const nativeExplain = execFileSync(cli, ["explain", "scenarios/convoy.toml", "--thread", "io", "--at", "12ms"], { cwd: root, encoding: "utf8" }).trimEnd();
check(explained === nativeExplain, "timeline: the explain form gives the CLI's explanation of io at 12ms");
const histograms = await page.$$eval("#histograms > *", (h) => h.map((e) => e.textContent.split(":")[0]));
check(histograms.join() === "cpu,io", `timeline: a GIL-wait histogram per thread (${histograms.join(", ")})`);
await page.screenshot({ path: join(shots, "timeline.png") });

// 3. A lab: its text, its scenario, and a command that runs here.
await page.selectOption("#picker", "lab:docs/labs/lab3-old-gil-battle.md");
await page.waitForSelector("#tab-lab h2");
const labTitle = await page.textContent("#tab-lab h2");
check(/old GIL/i.test(labTitle), `lab: lab 3 opens ("${labTitle}")`);
await page.click('#tab-lab button.command[data-command*="--variant \\"1 CPU\\""]');
await page.waitForFunction(() => document.querySelector("#variant").value === "1 CPU" && document.querySelector("#status").textContent.includes("ran in"));
const oneCpu = await page.getAttribute('td[data-path="metrics.makespan_ns"]', "data-value");
check(Number(oneCpu) === cliJson("scenarios/old_gil_battle.toml", "--variant", "1 CPU").metrics.makespan_ns,
  `lab: its command 'gilsim run scenarios/old_gil_battle.toml --variant "1 CPU"' runs here with the CLI's makespan (${oneCpu} ns)`);
await page.click('#tabs button[data-tab="lab"]');
await page.screenshot({ path: join(shots, "lab.png") });

// 4. A TOML error is marked at its line in the editor.
await page.click("#editor .cm-content");
await page.keyboard.press("Control+A");
await page.keyboard.insertText('[scenario]\nname = 3\n');  // as pasted: no closing brackets added
await page.click("#run");
await page.waitForSelector("#error:not([hidden])");
const error = await page.textContent("#error");
check(error.startsWith("old_gil_battle.toml:2:8: error: scenario.name must be a string"), `error: the message names file:line:col (${error.split("\n")[0]})`);
await page.waitForSelector(".cm-lintRange-error");
const marked = await page.evaluate(() => document.querySelector(".cm-lintRange-error").closest(".cm-line").textContent);
check(marked === "name = 3", `error: the editor marks line 2 ("${marked}")`);
await page.screenshot({ path: join(shots, "error.png") });

// 5. Share: a link opens the same experiment in a fresh page.
await page.selectOption("#picker", "file:scenarios/convoy.toml");
await ranStatus("convoy");
await page.fill("#sets", "interpreter.switch_interval=1ms");
await page.click("#share");
await page.waitForFunction(() => location.hash.includes("scenario="));
const link = await page.evaluate(() => location.href);
const shared = await browser.newPage();
await shared.goto(link);
await shared.waitForFunction(() => document.querySelector("#status").textContent.includes("ran in"));
const sharedSwitches = await shared.getAttribute('td[data-path="metrics.gil_switches"]', "data-value");
check(Number(sharedSwitches) === cliJson("scenarios/convoy.toml", "--set", "interpreter.switch_interval=1ms").metrics.gil_switches,
  `share: ${link.split("#")[1]} opens the convoy at 1 ms (${sharedSwitches} switches, as the CLI)`);
await shared.close();

// 6. Homework: an exercise in the editor, and a sheet checked against gilsim's answers.
await page.click('#tabs button[data-tab="homework"]');
await page.waitForFunction(() => document.querySelector("#hw-topic").options.length >= 5);
await page.selectOption("#hw-topic", "convoy");
await page.fill("#hw-seed", "7");
await page.click("#hw-new");
await page.waitForFunction(() => document.querySelector("#hw-sheet").value.includes("[answers]"));
const answers = execFileSync(cli, ["homework", "new", "--topic", "convoy", "--seed", "7", "--answers"], { cwd: root, encoding: "utf8" });
const first = answers.split("# Answers")[1].match(/^# 1\. (\S+)/m)[1];  // "# 1. 5.133ms (threads...)"
const sheet = (await page.inputValue("#hw-sheet")).replace('1 = ""', `1 = "${first}"`);
await page.fill("#hw-sheet", sheet);
await page.click("#hw-check");
await page.waitForSelector("#hw-result table");
const verdicts = await page.$$eval("#hw-result tr", (rows) => rows.slice(1).map((r) => r.lastElementChild.textContent));
check(verdicts[0] === "right" && verdicts.slice(1).every((v) => v === "not yet"),
  `homework: the answer ${first} to question 1 is right, the blank ones not yet (${verdicts.join(", ")})`);
await page.screenshot({ path: join(shots, "homework.png") });

// 7. Compare and sweep, as the lab's commands do them.
await page.selectOption("#picker", "file:scenarios/convoy_policies.toml");
await ranStatus("convoy-policies");
await page.click("#compare");
await page.waitForSelector("#comparison table");
const columns = await page.$$eval("#comparison tr:first-child th", (th) => th.slice(1).map((t) => t.textContent));
check(columns.join() === "as written,unforced,fifo-handoff,priority-io,old GIL", `compare: a column per variant (${columns.join(", ")})`);
await page.click('#tabs button[data-tab="sweep"]');
await page.fill("#sweep-param", "interpreter.switch_interval=1ms..10ms");
await page.fill("#sweep-steps", "4");
await page.fill("#sweep-metrics", "metrics.gil_switches, metrics.makespan_ns");
await page.click('#sweep-form button[type="submit"]');
await page.waitForFunction(() => document.querySelectorAll("#sweep-plots .uplot").length === 2);
const csv = await page.textContent("#sweep-csv");
const nativeCsv = execFileSync(cli, ["sweep", "scenarios/convoy_policies.toml", "--param", "interpreter.switch_interval=1ms..10ms",
  "--steps", "4", "--log", "--metric", "metrics.gil_switches", "--metric", "metrics.makespan_ns"], { cwd: root, encoding: "utf8" });
check(csv === nativeCsv, `sweep: two plots, and the CLI's CSV (${csv.trim().split("\n").length - 1} runs)`);
await page.screenshot({ path: join(shots, "sweep.png") });

// 8. Every tutorial scenario runs in the page (times printed, for docs/web.md).
const tutorials = ["countdown", "convoy", "echo_peer", "sleeper", "multiprocessing", "native", "old_gil_battle", "convoy_policies"];
for (const name of tutorials) {
  const native = cliJson(`scenarios/${name}.toml`);
  await page.selectOption("#picker", `file:scenarios/${name}.toml`);
  await ranStatus(native.scenario);
  const status = await page.textContent("#status");
  const makespan = await page.getAttribute('td[data-path="metrics.makespan_ns"]', "data-value");
  check(Number(makespan) === native.metrics.makespan_ns, `tutorial: ${status} (the CLI's makespan)`);
}

check(errors.length === 0, `no errors in the page${errors.length ? ": " + errors.join("; ") : ""}`);
await browser.close();
console.log(failures ? `${failures} failed` : "the web lab works");
process.exit(failures ? 1 : 0);
