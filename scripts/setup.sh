#!/usr/bin/env bash
# Makes a fresh machine ready to run Shoebox: npm packages and self-hosted ONNX Runtime files; with --browser also
# Debian's Chromium, which the browser tests drive; with --python also Debian's python3-numpy and python3-onnx,
# which the model generators (fixture models, benchmark models) need; with --reference also python3-sklearn and
# python3-nltk, which the reference figures of the evaluation math come from. Flags combine.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=()
for flag in "$@"; do
  case "$flag" in
    --browser) [ -x /usr/lib/chromium/chromium ] || apt_packages+=(chromium) ;;
    --python) /usr/bin/python3 -c 'import numpy, onnx' 2>/dev/null || apt_packages+=(python3-numpy python3-onnx) ;;
    --reference)
      /usr/bin/python3 -c 'import numpy, sklearn, nltk' 2>/dev/null || apt_packages+=(python3-numpy python3-sklearn python3-nltk)
      ;;
    *) echo "setup: unknown flag $flag (known: --browser, --python, --reference)" >&2 && exit 2 ;;
  esac
done
if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "setup: installing Debian's ${apt_packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Waits for another apt-get (a shared machine, another checkout's setup) instead of failing on its lock.
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${apt_packages[@]}" >/dev/null
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
# The decode worker's shrink-on-load JPEG decoder (libvips in WASM), self-hosted the same way.
mkdir -p public/vips
for f in vips-es6.js vips.wasm; do
  cmp -s "node_modules/wasm-vips/lib/$f" "public/vips/$f" || cp "node_modules/wasm-vips/lib/$f" public/vips/
done
