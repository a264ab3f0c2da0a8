#!/usr/bin/env bash
# Makes a fresh machine ready to run and test Shoebox: npm packages, Debian's Chromium, self-hosted ONNX Runtime files.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/lib/chromium/chromium ]; then
  echo "setup: installing Debian's Chromium (for the browser tests)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund
fi

# transformers.js would fetch onnxruntime-web's WASM from a CDN; Shoebox serves the same version from its own origin.
mkdir -p public/ort
for f in ort-wasm-simd-threaded.asyncify.mjs ort-wasm-simd-threaded.asyncify.wasm; do
  cmp -s "node_modules/onnxruntime-web/dist/$f" "public/ort/$f" || cp "node_modules/onnxruntime-web/dist/$f" public/ort/
done
