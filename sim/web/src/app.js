// The web lab's page: the picker, the editor and the options bar, and the
// tabs (report, timeline, compare, sweep, lab, homework). Every simulation
// runs in the Web Worker (simulator.js), on the same library as the CLI.
import "./style.css";
import "uplot/dist/uPlot.min.css";
import library from "gilsim:library";
import { Editor } from "./editor.js";
import { escapeHtml } from "./format.js";
import { firstScenario, labHtml, parseCommand } from "./lab_view.js";
import { renderReport } from "./report_view.js";
import * as share from "./share.js";
import { Simulator } from "./simulator.js";
import { renderSweep } from "./sweep_view.js";
import { TimelineView } from "./timeline_view.js";

const $ = (id) => document.getElementById(id);
const sim = new Simulator();
const files = new Map([...library.scenarios, ...library.anchors].map((f) => [f.path, f.text]));
const labs = new Map(library.labs.map((f) => [f.path, f.text]));

/// What is open: a library file's path while its text is unchanged, else a name for errors.
const open = { path: null, name: "scenario.toml" };
let lastRequest = null;

const editor = new Editor($("editor"), { onRun: () => run(), onChange: () => onEdit() });

// --- state ------------------------------------------------------------------

function status(text) {
  $("status").textContent = text;
}

function setBusy(busy) {
  $("stop").hidden = !busy;
}

/// --set as typed: "KEY=VALUE, KEY=VALUE" (commas inside [...] or quotes stay).
function parseSets(text) {
  const parts = [];
  let depth = 0, quoted = false, part = "";
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    if (!quoted && (c === "[" || c === "{")) depth++;
    if (!quoted && (c === "]" || c === "}")) depth--;
    if (!quoted && depth === 0 && (c === "," || c === "\n")) { parts.push(part); part = ""; } else part += c;
  }
  parts.push(part);
  return parts.map((p) => p.trim()).filter(Boolean).map((p) => {
    const eq = p.indexOf("=");
    return eq < 0 ? [p, ""] : [p.slice(0, eq).trim(), p.slice(eq + 1).trim()];
  });
}

function request() {
  return {
    text: editor.text,
    name: open.path || open.name,
    variant: $("variant").value,
    sets: parseSets($("sets").value),
    seed: $("seed").value.trim(),
  };
}

/// The [[variant]] names in the text, for the variant menu.
function variantsOf(text) {
  const names = [];
  const re = /^\s*\[\[variant\]\][^[]*?^\s*name\s*=\s*"([^"]*)"/gms;
  for (let m; (m = re.exec(text));) names.push(m[1]);
  return names;
}

function refreshVariants() {
  const menu = $("variant"), chosen = menu.value;
  const names = variantsOf(editor.text);
  menu.innerHTML = `<option value="">as written</option>` +
    names.map((n) => `<option>${escapeHtml(n)}</option>`).join("");
  menu.value = names.includes(chosen) ? chosen : "";
}

let editTimer = 0;
function onEdit() {
  if (open.path && editor.text !== files.get(open.path)) {
    open.name = open.path.split("/").pop();
    open.path = null;
    $("picker").value = "";
  }
  clearTimeout(editTimer);
  editTimer = setTimeout(refreshVariants, 300);
}

function openText(text, { path = null, name = "scenario.toml", variant = "", seed = "", sets = "" } = {}) {
  editor.text = text;
  Object.assign(open, { path, name: path ? path.split("/").pop() : name });
  refreshVariants();
  $("variant").value = variant;
  $("seed").value = seed;
  $("sets").value = sets;
  editor.clear();
  $("error").hidden = true;
  $("picker").value = path ? `file:${path}` : "";
}

function openFile(path, options = {}) {
  if (!files.has(path)) {
    showError({ line: 0, text: `${path} is not in the page's library (scenarios/ and scenarios/anchors/): run that one with the gilsim command` });
    return false;
  }
  openText(files.get(path), { ...options, path });
  return true;
}

function showError(error) {
  $("error").hidden = false;
  $("error").textContent = error.text;
  if (error.file === request().name) editor.mark(error);
  else editor.clear();
  status("error");
}

function clearError() {
  $("error").hidden = true;
  editor.clear();
}

function showTab(name) {
  for (const b of document.querySelectorAll("#tabs button")) b.classList.toggle("active", b.dataset.tab === name);
  for (const t of document.querySelectorAll(".tab")) t.hidden = t.id !== `tab-${name}`;
}

/// Calls the worker with the Stop button shown; the answer, or null after showing its error.
async function call(name, args, onProgress) {
  setBusy(true);
  try {
    const r = await sim.call(name, args, onProgress);
    if (!r.ok) {
      showError(r.error);
      return null;
    }
    clearError();
    return r;
  } finally {
    setBusy(sim.busy());
  }
}

// --- actions ----------------------------------------------------------------

const timeline = new TimelineView({
  container: $("timeline"),
  histograms: $("histograms"),
  explainBox: $("explain"),
  draw: (from, to, coreLanes) =>
    sim.call("pictures", [lastRequest, String(from), to === null ? "" : String(to), coreLanes]),
  explain: (thread, at) => sim.call("explain", [lastRequest, thread, String(at)]),
});

async function run({ tab = "report" } = {}) {
  status("running...");
  const req = request();
  const r = await call("run", [req]);
  if (!r) return null;
  lastRequest = req;
  const report = JSON.parse(r.json);
  renderReport($("tab-report"), report, r.table, r.ms);
  status(`${report.scenario}: ran in ${r.ms.toFixed(0)} ms`);
  showTab(tab);
  $("explain-thread").innerHTML = report.threads.map((t) => `<option>${escapeHtml(t.name)}</option>`).join("");
  await timeline.show(report.simulated_ns, report.threads.map((t) => t.name));
  return report;
}

function comparisonHtml(c) {
  const head = `<tr><th>metric</th>${c.columns.map((col) => `<th>${escapeHtml(col)}</th>`).join("")}</tr>`;
  const rows = c.rows.map((row) => `<tr><th>${escapeHtml(row.metric)}</th>` + row.values.map((v, i) => {
    const ratio = i > 0 && row.ratios[i] !== null ? ` <small>(${Number(row.ratios[i].toPrecision(3))}x)</small>` : "";
    return `<td data-path="${escapeHtml(row.metric)}" data-column="${escapeHtml(c.columns[i])}">${escapeHtml(v ?? "-")}${ratio}</td>`;
  }).join("") + "</tr>");
  return `<h2>${escapeHtml(c.scenario)}</h2><p class="hint">ratios to the first column</p><table>${head}${rows.join("")}</table>`;
}

async function compare() {
  status("comparing...");
  const policies = $("policies").value.split(/[\s,]+/).filter(Boolean);
  const r = await call("compare", [request(), policies, 1]);
  if (!r) return;
  $("comparison").innerHTML = comparisonHtml(JSON.parse(r.json));
  status(`compared in ${r.ms.toFixed(0)} ms`);
  showTab("compare");
}

async function sweep() {
  const bar = $("sweep-progress");
  bar.hidden = false;
  bar.removeAttribute("value");
  status("sweeping...");
  const params = $("sweep-param").value.split(/\s*;\s*/).filter(Boolean);
  const metrics = $("sweep-metrics").value.split(/[\s,]+/).filter(Boolean);
  const log = $("sweep-log").checked;
  const r = await call("sweep", [request(), params, Number($("sweep-steps").value), log, metrics], (line) => {
    const m = line.match(/(\d+)\/(\d+)/);
    if (m) { bar.max = Number(m[2]); bar.value = Number(m[1]); status(line); }
  });
  bar.hidden = true;
  if (!r) return;
  $("sweep-csv").textContent = r.csv;
  showTab("sweep");
  renderSweep($("sweep-plots"), r.csv, { log });
  status(`swept in ${r.ms.toFixed(0)} ms`);
}

/// A gilsim command from a lab, done here.
async function doCommand(line) {
  const c = parseCommand(line);
  if (!c || !openFile(c.path, { variant: c.variant || "", seed: c.seed || "", sets: c.sets.join(", ") })) return;
  if (c.policy) $("sets").value = [`interpreter.gil=${c.policy}`, ...c.sets].join(", ");
  if (c.command === "compare") {
    $("policies").value = c.policies || "";
    await compare();
  } else if (c.command === "sweep") {
    $("sweep-param").value = c.params.join("; ");
    if (c.steps) $("sweep-steps").value = c.steps;
    $("sweep-log").checked = c.log;
    $("sweep-metrics").value = c.metrics.join(", ");
    await sweep();
  } else if (c.command === "explain") {
    const report = await run({ tab: "timeline" });
    const at = await sim.call("durationNs", [c.at]);
    if (report && at) await timeline.explainAt({ lane: { name: c.thread }, at: Number(at) });
  } else {
    await run({ tab: c.window ? "timeline" : "report" });
    if (c.window) {
      const [from, to] = await Promise.all(c.window.split("..").map((t) => sim.call("durationNs", [t])));
      if (from !== "" && to !== "") Object.assign(timeline, { from: Number(from), to: Number(to) }), timeline.redraw();
    }
  }
}

function openLab(path) {
  const text = labs.get(path);
  $("tab-lab").innerHTML = labHtml(text);
  const scenario = firstScenario(text);
  if (scenario) openFile(scenario);
  $("picker").value = `lab:${path}`;
  showTab("lab");
}

// --- homework ---------------------------------------------------------------

async function homework(withAnswers) {
  const topic = $("hw-topic").value, seed = $("hw-seed").value.trim();
  const r = await call("homework", [topic, seed, withAnswers]);
  if (!r) return;
  openText(r.text, { name: `hw-${topic}-${seed}.toml` });
  const questions = (r.text.match(/^# \d+\. /gm) || []).length;
  if (!withAnswers) {
    $("hw-sheet").value = `student = "me"\ntopic = "${topic}"\n\n[answers]\n` +
      Array.from({ length: questions }, (_, i) => `${i + 1} = ""`).join("\n") + "\n";
  }
  status(`exercise ${topic}, seed ${seed}`);
}

async function checkAnswers() {
  const r = await call("checkAnswers", [$("hw-sheet").value, $("hw-seed").value.trim()]);
  if (!r) return;
  $("hw-result").innerHTML = `<table><tr><th>#</th><th>question</th><th>yours</th><th>gilsim's</th><th></th></tr>` +
    r.questions.map((q) => `<tr class="${q.correct ? "right" : "wrong"}"><td>${q.number}</td><td>${escapeHtml(q.question)}</td>` +
      `<td>${escapeHtml(q.submitted || "-")}</td><td>${q.correct ? escapeHtml(q.expected) : "?"}</td>` +
      `<td>${q.correct ? "right" : "not yet"}</td></tr>`).join("") + "</table>";
}

// --- wiring -----------------------------------------------------------------

function fillPicker() {
  const group = (label, entries) => `<optgroup label="${label}">${entries.map(([v, t]) =>
    `<option value="${escapeHtml(v)}">${escapeHtml(t)}</option>`).join("")}</optgroup>`;
  const name = (p) => p.split("/").pop().replace(/\.(toml|md)$/, "");
  $("picker").innerHTML = `<option value="" disabled>(your own text)</option>` +
    group("Scenarios", library.scenarios.map((f) => [`file:${f.path}`, name(f.path)])) +
    group("Published anchors", library.anchors.map((f) => [`file:${f.path}`, name(f.path)])) +
    group("Labs", library.labs.map((f) => [`lab:${f.path}`, name(f.path)]));
}

async function fillTopics() {
  const topics = await sim.call("homeworkTopics", []);
  $("hw-topic").innerHTML = topics.map((t) => `<option value="${escapeHtml(t.name)}" title="${escapeHtml(t.summary)}">${escapeHtml(t.name)}</option>`).join("");
}

async function shareLink() {
  const hash = await share.encode({
    path: open.path, text: editor.text, variant: $("variant").value, seed: $("seed").value.trim(), sets: $("sets").value.trim(),
  });
  history.replaceState(null, "", hash);
  try {
    await navigator.clipboard.writeText(location.href);
    status("link copied");
  } catch {
    status("the link is in the address bar");
  }
}

async function openFromUrl() {
  const shared = await share.decode(location.hash).catch(() => null);
  if (!shared) return false;
  if (shared.lab) {
    const path = [...labs.keys()].find((p) => p.includes(shared.lab));
    if (path) openLab(path);
  }
  const options = { variant: shared.variant, seed: shared.seed, sets: shared.sets };
  if (shared.path) openFile(shared.path, options);
  else if (shared.text !== undefined) openText(shared.text, { ...options, name: "shared.toml" });
  await run({ tab: shared.lab ? "lab" : "report" });
  return true;
}

$("picker").addEventListener("change", (e) => {
  const [kind, path] = [e.target.value.slice(0, e.target.value.indexOf(":")), e.target.value.slice(e.target.value.indexOf(":") + 1)];
  if (kind === "lab") openLab(path);
  else { openFile(path); run(); }
});
$("run").addEventListener("click", () => run());
$("compare").addEventListener("click", () => compare());
$("stop").addEventListener("click", () => { sim.stop(); setBusy(false); status("stopped"); });
$("share").addEventListener("click", () => shareLink());
$("sweep-form").addEventListener("submit", (e) => { e.preventDefault(); sweep(); });
$("zoom-in").addEventListener("click", () => timeline.zoom(1 / 2));
$("zoom-out").addEventListener("click", () => timeline.zoom(2));
$("zoom-all").addEventListener("click", () => timeline.all());
$("core-lanes").addEventListener("change", (e) => { timeline.coreLanes = e.target.checked; timeline.redraw(); });
$("explain-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const at = await sim.call("durationNs", [$("explain-at").value.trim()]);
  if (at === "") return showError({ line: 0, text: `${$("explain-at").value}: expected a time such as 12ms` });
  clearError();
  timeline.explainAt({ lane: { name: $("explain-thread").value }, at: Number(at) });
});
$("hw-file").addEventListener("change", async (e) => {
  if (e.target.files[0]) $("hw-sheet").value = await e.target.files[0].text();
});
$("hw-new").addEventListener("click", () => homework(false));
$("hw-answers").addEventListener("click", () => homework(true));
$("hw-check").addEventListener("click", () => checkAnswers());
$("tab-lab").addEventListener("click", (e) => {
  const button = e.target.closest("button.command");
  if (button) doCommand(button.dataset.command);
});
for (const b of document.querySelectorAll("#tabs button")) b.addEventListener("click", () => showTab(b.dataset.tab));

fillPicker();
fillTopics();
openFromUrl().then((shared) => {
  if (!shared) {
    openFile("scenarios/convoy.toml");
    run();
  }
});
