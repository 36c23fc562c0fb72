// The report of one run as HTML tables, from the JSON report (docs/report-format.md).
// Every value cell carries its report path (data-path) and raw value (data-value),
// so a test (or a curious student) can read the numbers back.
import { escapeHtml, value } from "./format.js";

const threadColumns = [
  ["cpu_ns", "cpu"], ["gil_held_ns", "gil held"], ["gil_wait_ns", "gil wait"],
  ["gil_wait.p50", "wait p50"], ["gil_wait.max", "wait max"], ["acquisitions", "acquired"],
  ["failed_acquisitions", "failed"], ["forced_drops", "forced"], ["io_ops", "blocking"],
  ["gil_reacquire.p50", "reacq p50"], ["gil_reacquire.p90", "reacq p90"],
  ["instructions", "instructions"], ["finished_ns", "finished"],
];

function at(object, dotted) {
  return dotted.split(".").reduce((o, k) => (o == null ? undefined : o[k]), object);
}

function cell(path, key, v) {
  const raw = v === null || v === undefined ? "" : String(v);
  return `<td data-path="${escapeHtml(path)}" data-value="${escapeHtml(raw)}">${escapeHtml(value(key, v))}</td>`;
}

function table(head, rows) {
  return `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead>` +
    `<tbody>${rows.join("")}</tbody></table>`;
}

function threadsTable(report) {
  const rows = report.threads.map((t) => `<tr><th>${escapeHtml(t.name)}</th>` +
    threadColumns.map(([key]) => {
      const v = key === "finished_ns" && t.finished_ns === null ? "never" : at(t, key);
      return cell(`threads.${t.name}.${key}`, key, v);
    }).join("") + "</tr>");
  return table(["thread", ...threadColumns.map(([, label]) => label)], rows);
}

function loopsTable(report) {
  if (!report.loops.length) return "";
  const rows = report.loops.map((l) => `<tr><th>${escapeHtml(l.name)}</th><td>${escapeHtml(l.thread)}</td>` +
    cell(`loops.${l.name}.${l.thread}.iterations`, "iterations", l.iterations) +
    cell(`loops.${l.name}.${l.thread}.rate`, "rate", l.rate) +
    ["p50", "p90", "p99", "max"].map((p) =>
      cell(`loops.${l.name}.${l.thread}.iteration.${p}`, `iteration.${p}`, l.iteration[p])).join("") + "</tr>");
  return `<h3>Loops</h3>${table(["loop", "thread", "iterations", "rate /s", "p50", "p90", "p99", "max"], rows)}`;
}

function racesTable(report) {
  if (!report.races.length) return "";
  const keys = ["kind", "expected", "final_value", "lost_updates", "stale_writes", "leaked", "premature_frees"];
  const rows = report.races.map((r) => `<tr><th>${escapeHtml(r.name)}</th>` +
    keys.map((k) => cell(`races.${r.name}.${k}`, k, r[k])).join("") + "</tr>");
  return `<h3>Shared data</h3>${table(["name", ...keys.map((k) => k.replace(/_/g, " "))], rows)}`;
}

function metricsTable(report) {
  const rows = Object.entries(report.metrics).map(([k, v]) =>
    `<tr><th>${escapeHtml(k.replace(/_ns$/, "").replace(/_/g, " "))}</th>${cell(`metrics.${k}`, k, v)}</tr>`);
  return `<h3>Metrics</h3>${table(["metric", "value"], rows)}`;
}

/// Fills `container` with the run's report; `table` is the CLI's text table.
export function renderReport(container, report, tableText, ms) {
  const m = report.machine;
  container.innerHTML =
    `<h2>${escapeHtml(report.scenario)}</h2><p>${escapeHtml(report.description)}</p>` +
    `<p class="meta">seed ${report.seed} | policy ${escapeHtml(report.policy)} | version ${escapeHtml(report.version)}` +
    ` | ${m.cores} cores | simulated ${escapeHtml(value("_ns", report.simulated_ns))} | ${report.events} events` +
    ` | ran in ${ms.toFixed(0)} ms here</p>` +
    `<h3>Threads</h3>${threadsTable(report)}${loopsTable(report)}${racesTable(report)}${metricsTable(report)}` +
    `<details><summary>as the command line prints it</summary><pre>${escapeHtml(tableText)}</pre></details>`;
}
