#!/usr/bin/env bash
# The HTML report in a real browser: headless Chromium loads the page and takes
# a screenshot, which must be a PNG of substance. Skipped (exit 77) where
# Chromium is not installed; `./build.sh test` installs it.
set -euo pipefail
gilsim=$1
scenario=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "chromium is not installed: skipped"
  exit 77
fi
"$gilsim" run "$scenario" --html "$out/page.html" > /dev/null
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$out/profile" --hide-scrollbars --window-size=1250,1300 \
  --screenshot="$out/page.png" "file://$out/page.html" > "$out/chromium.log" 2>&1 || {
  cat "$out/chromium.log"
  exit 1
}
magic=$(head -c 8 "$out/page.png" | od -An -tx1 | tr -d ' \n')
size=$(stat -c %s "$out/page.png")
echo "screenshot: $size bytes"
[ "$magic" = "89504e470d0a1a0a" ] || { echo "not a PNG"; exit 1; }
# A blank 1250x1300 page compresses to a few kB; the report's text and pictures do not.
[ "$size" -gt 40000 ] || { echo "the screenshot looks empty"; exit 1; }
