#!/usr/bin/env bash
# npm run bench [-- --smoke]: generate the benchmark models if missing, build the bench page, run it in headless
# Chromium. --smoke runs every stage once on toy-size models, small photos and 1,000 rows (part of `npm test`),
# checks each figure and writes nothing outside bench-models/smoke/.
set -euo pipefail
cd "$(dirname "$0")/../.."

smoke=""
for arg in "$@"; do
  case "$arg" in
    --smoke) smoke="--smoke" ;;
    *) echo "bench: unknown argument $arg (known: --smoke)" >&2 && exit 2 ;;
  esac
done

# npm packages, self-hosted ONNX Runtime files, Chromium, and the model generator's numpy and onnx.
bash scripts/setup.sh --browser --python

# CLIP ViT-B/32 with random weights, real size (~760 MB) or toy size (--smoke), gitignored, regenerated when the
# generator changes.
models=bench-models${smoke:+/smoke}/clip-vit-b32
stamp=$(cat scripts/bench/generate_bench_models.py scripts/fixture-models/onnx_graph.py | sha256sum | cut -c1-16)
if [ "$(cat "$models/.stamp" 2>/dev/null)" != "$stamp" ]; then
  echo "bench: generating benchmark models into $models${smoke:+ (toy size)}" >&2
  rm -rf "$models"
  /usr/bin/python3 scripts/bench/generate_bench_models.py $smoke "$models"
  echo "$stamp" >"$models/.stamp"
fi

npx vite build --config scripts/bench/vite.bench.config.ts >/dev/null
node scripts/bench/run.mjs $smoke
