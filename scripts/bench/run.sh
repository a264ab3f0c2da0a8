#!/usr/bin/env bash
# npm run bench: generate the benchmark models if missing, build the bench page, run it in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/../.."

# Self-hosted ONNX Runtime files and Chromium, as for the app.
bash scripts/setup.sh

# Real-size CLIP with random weights (~760 MB, gitignored), regenerated when the generator changes.
models=bench-models/clip-vit-b32
stamp=$(cat scripts/bench/generate_bench_models.py scripts/fixture-models/onnx_graph.py | sha256sum | cut -c1-16)
if [ "$(cat "$models/.stamp" 2>/dev/null)" != "$stamp" ]; then
  echo "bench: generating benchmark models into $models (once; ~30 s)" >&2
  rm -rf "$models"
  /usr/bin/python3 scripts/bench/generate_bench_models.py "$models"
  echo "$stamp" >"$models/.stamp"
fi

npx vite build --config scripts/bench/vite.bench.config.ts >/dev/null
node scripts/bench/run.mjs
