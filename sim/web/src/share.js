// The experiment in the URL's fragment, so a teacher posts a link and students
// open the same thing: #scenario=PATH (a file of the library, unchanged) or
// #toml=TEXT (base64url of deflated UTF-8), with &variant=, &seed=, &set=.

async function pipe(bytes, stream) {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
}

function toBase64Url(bytes) {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  const s = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/// { path } or { text }, plus variant, seed, sets (strings) -> "#..."
export async function encode({ path, text, variant, seed, sets }) {
  const p = new URLSearchParams();
  if (path) p.set("scenario", path);
  else p.set("toml", toBase64Url(await pipe(new TextEncoder().encode(text), new CompressionStream("deflate-raw"))));
  if (variant) p.set("variant", variant);
  if (seed) p.set("seed", seed);
  if (sets) p.set("set", sets);
  return `#${p.toString()}`;
}

/// The fragment's experiment, or null.
export async function decode(hash) {
  const p = new URLSearchParams(hash.replace(/^#/, ""));
  const base = { variant: p.get("variant") || "", seed: p.get("seed") || "", sets: p.get("set") || "", lab: p.get("lab") };
  if (p.has("scenario")) return { ...base, path: p.get("scenario") };
  if (p.has("toml")) {
    const bytes = await pipe(fromBase64Url(p.get("toml")), new DecompressionStream("deflate-raw"));
    return { ...base, text: new TextDecoder().decode(bytes) };
  }
  if (p.has("lab")) return base;
  return null;
}
