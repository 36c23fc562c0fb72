// A sweep's result: a uPlot chart per metric against the first parameter, a
// line per variant (and per value of a second parameter), like
// `gilsim sweep --plot`; and its CSV as the command line prints it.
import uPlot from "uplot";
import { duration } from "./format.js";

/// Axis tick labels: durations with units for *_ns columns, short numbers otherwise.
function ticks(column) {
  const short = (v) => (Math.abs(v) >= 1e6 ? `${Number((v / 1e6).toPrecision(3))}M` : Math.abs(v) >= 1e4 ? `${Number((v / 1e3).toPrecision(3))}k` : String(Number(v.toPrecision(4))));
  return (u, values) => values.map((v) => (v === null ? "" : column.endsWith("_ns") ? duration(v) : short(v)));
}

const palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

/// CSV text (no quoted commas in gilsim's sweep columns but variant names, which may be quoted) -> rows.
export function parseCsv(text) {
  const rows = [];
  for (const line of text.trim().split("\n")) {
    const cells = [];
    let cellText = "", quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted && c === '"' && line[i + 1] === '"') { cellText += '"'; i++; }
      else if (c === '"') quoted = !quoted;
      else if (c === "," && !quoted) { cells.push(cellText); cellText = ""; }
      else cellText += c;
    }
    cells.push(cellText);
    rows.push(cells);
  }
  const [head, ...body] = rows;
  return { head, body };
}

/// Draws one chart per metric column into `container`.
export function renderSweep(container, csv, { log, width = 560 }) {
  const { head, body } = parseCsv(csv);
  const params = head.slice(1).filter((h) => !h.startsWith("metrics.") && !h.startsWith("threads.") &&
    !h.startsWith("loops.") && !h.startsWith("races."));
  const metrics = head.slice(1 + params.length);
  const xs = [...new Set(body.map((r) => Number(r[1])))].sort((a, b) => a - b);
  // A line per variant and value of the second parameter.
  const lineOf = (r) => (params.length > 1 ? `${r[0]}, ${params[1]}=${r[2]}` : r[0]);
  const lines = [...new Set(body.map(lineOf))];
  container.innerHTML = "";
  for (const [m, metric] of metrics.entries()) {
    const column = 1 + params.length + m;
    const series = lines.map((line) => xs.map((x) => {
      const row = body.find((r) => lineOf(r) === line && Number(r[1]) === x);
      const v = row ? Number(row[column]) : NaN;
      return row && row[column] !== "" && Number.isFinite(v) ? v : null;
    }));
    const figure = document.createElement("figure");
    container.appendChild(figure);
    new uPlot({
      title: metric, width, height: 260,
      scales: { x: { time: false, distr: log ? 3 : 1 } },
      axes: [{ label: params[0], values: ticks(params[0]) }, { values: ticks(metric), size: 70 }],
      series: [{ label: params[0] }, ...lines.map((label, i) => ({ label, stroke: palette[i % palette.length], width: 2, points: { show: true } }))],
    }, [xs, ...series], figure);
  }
}
