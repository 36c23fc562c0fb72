// A lab page (docs/labs/labN-*.md) in the page: its Markdown as HTML, and each
// gilsim command in its code blocks a button that does the same here.
import { escapeHtml } from "./format.js";

/// Splits a command line as a shell would for the labs' commands (quotes, no expansions).
export function words(line) {
  const out = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m; (m = re.exec(line));) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/// `gilsim COMMAND FILE --flags...` -> { command, path, variant, seed, sets, policy,
/// policies, params, steps, log, metrics, thread, at, window }, or null for
/// a line that is not a gilsim command.
export function parseCommand(line) {
  const w = words(line.replace(/^\$\s*/, "").replace(/\s+#.*$/, ""));
  if (w[0] !== "gilsim" || w.length < 3) return null;
  const c = { command: w[1], path: w[2], sets: [], params: [], metrics: [], log: false };
  for (let i = 3; i < w.length; i++) {
    const flag = w[i], next = () => w[++i];
    if (flag === "--set") c.sets.push(next());
    else if (flag === "--variant") c.variant = next();
    else if (flag === "--seed") c.seed = next();
    else if (flag === "--policy") c.policy = next();
    else if (flag === "--policies") c.policies = next();
    else if (flag === "--param") c.params.push(next());
    else if (flag === "--steps") c.steps = next();
    else if (flag === "--metric") c.metrics.push(next());
    else if (flag === "--thread") c.thread = next();
    else if (flag === "--at") c.at = next();
    else if (flag === "--window") c.window = next();
    else if (flag === "--log") c.log = true;
    else if (["--timeline", "--plot", "--jobs", "--format", "--html", "--trace"].includes(flag)) i++;
  }
  return c;
}

function inline(text) {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<b>$1</b>")
    .replace(/(^|[\s(])\*([^*\s][^*]*)\*/g, "$1<i>$2</i>")
    // Links to the repository's files lead nowhere from the page: their text stays.
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, (m, label, url) => (/^https?:/.test(url) ? `<a href="${url}">${label}</a>` : label));
}

/// The page's Markdown as HTML: headings, paragraphs, lists, tables, code
/// blocks (gilsim commands as buttons with data-command). The test markers
/// (<!-- run ... -->, <!-- says ... -->) are dropped; the numbers they check stay.
export function labHtml(markdown) {
  const text = markdown.replace(/<!--[\s\S]*?-->/g, "");
  const lines = text.split("\n");
  const html = [];
  let paragraph = [];
  const flush = () => { if (paragraph.length) html.push(`<p>${inline(paragraph.join(" "))}</p>`); paragraph = []; };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith("```")) {
      flush();
      const code = [];
      while (++i < lines.length && !lines[i].startsWith("```")) code.push(lines[i]);
      html.push(codeBlock(code));
    } else if (/^#{1,4} /.test(line)) {
      flush();
      const level = line.match(/^#+/)[0].length;
      html.push(`<h${level + 1}>${inline(line.replace(/^#+ /, ""))}</h${level + 1}>`);
    } else if (/^\s*[-*] /.test(line) || /^\s*\d+\. /.test(line)) {
      flush();
      const items = [line];
      while (i + 1 < lines.length && /^\s*([-*]|\d+\.) |^\s{2,}\S/.test(lines[i + 1])) items.push(lines[++i]);
      const joined = items.join("\n").split(/\n(?=\s*(?:[-*]|\d+\.) )/).map((it) => it.replace(/^\s*(?:[-*]|\d+\.) /, ""));
      html.push(`<ul>${joined.map((it) => `<li>${inline(it.replace(/\n\s*/g, " "))}</li>`).join("")}</ul>`);
    } else if (line.startsWith("|")) {
      flush();
      const rows = [line];
      while (i + 1 < lines.length && lines[i + 1].startsWith("|")) rows.push(lines[++i]);
      const cells = (r) => r.replace(/^\||\|$/g, "").split("|").map((c) => c.trim());
      const body = rows.filter((r) => !/^\|[\s:|-]+\|$/.test(r));
      html.push(`<table>${body.map((r, n) => `<tr>${cells(r).map((c) => (n ? `<td>${inline(c)}</td>` : `<th>${inline(c)}</th>`)).join("")}</tr>`).join("")}</table>`);
    } else if (line.trim() === "") flush();
    else paragraph.push(line.trim());
  }
  flush();
  return html.join("\n");
}

function codeBlock(code) {
  // Join a command's continuation lines (ending in a backslash).
  const joined = [];
  for (const line of code) {
    if (joined.length && joined[joined.length - 1].endsWith("\\")) {
      joined[joined.length - 1] = joined[joined.length - 1].slice(0, -1).trimEnd() + " " + line.trim();
    } else joined.push(line);
  }
  return `<pre class="code">${joined.map((line) => {
    const c = parseCommand(line);
    if (!c || !["run", "compare", "sweep", "explain"].includes(c.command)) return escapeHtml(line);
    return `<button class="command" data-command="${escapeHtml(line)}" title="run it here">&#9654;</button> ${escapeHtml(line)}`;
  }).join("\n")}</pre>`;
}

/// The first scenario a lab runs: the one to open with it.
export function firstScenario(markdown) {
  const m = markdown.match(/gilsim (?:run|compare|sweep|explain) (scenarios\/\S+\.toml)/);
  return m ? m[1] : null;
}
