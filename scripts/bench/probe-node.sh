#!/usr/bin/env bash
# Bundles scripts/bench/probe-node.ts with rolldown (Node runs no TypeScript) and runs it.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
PROBE_NODE_OUT="$out/probe-node.mjs" npx rolldown -c scripts/bench/probe-node.config.ts >/dev/null
node "$out/probe-node.mjs"
