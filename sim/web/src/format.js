// Numbers as people read them: durations with units, like the CLI's tables.

/// 5128709 -> "5.129ms"; 0 -> "0s".
export function duration(ns) {
  if (ns === null || ns === undefined) return "-";
  const units = [[1e9, "s"], [1e6, "ms"], [1e3, "us"]];
  for (const [size, unit] of units) {
    if (Math.abs(ns) >= size) return `${trim((ns / size).toFixed(3))}${unit}`;
  }
  return ns === 0 ? "0s" : `${ns}ns`;
}

function trim(text) {
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
}

/// A report value: durations (keys ending in _ns, or percentiles of one) with
/// units, other numbers as they are.
export function value(key, v) {
  if (v === null || v === undefined) return "-";
  if (typeof v === "number" && (key.endsWith("_ns") || isPercentile(key))) return duration(v);
  if (typeof v === "number" && !Number.isInteger(v)) return String(Number(v.toPrecision(4)));
  return String(v);
}

function isPercentile(key) {
  return /\.(p50|p90|p99|max)$/.test(key) && !key.includes("count");
}

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
