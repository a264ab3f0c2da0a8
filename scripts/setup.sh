#!/usr/bin/env bash
# Makes a fresh machine ready to run Shoebox: npm packages and self-hosted ONNX Runtime files; with --browser also
# Debian's Chromium, which the browser tests drive.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--browser" ] && [ ! -x /usr/lib/chromium/chromium ]; then
  echo "setup: installing Debian's Chromium (for the browser tests)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  # Not `npm ci`: npm 11 leaves vite's Windows-only optional dependency out of the lock file, and `ci` then refuses.
  npm install --no-audit --no-fund
fi

# transformers.js would fetch onnxruntime-web's WASM from a CDN; Shoebox serves the same version from its own origin.
mkdir -p public/ort
for f in ort-wasm-simd-threaded.asyncify.mjs ort-wasm-simd-threaded.asyncify.wasm; do
  cmp -s "node_modules/onnxruntime-web/dist/$f" "public/ort/$f" || cp "node_modules/onnxruntime-web/dist/$f" public/ort/
done
