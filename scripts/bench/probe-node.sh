#!/usr/bin/env bash
# Bundles scripts/bench/probe-node.ts with rolldown (Node runs no TypeScript) and runs it.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
npx rolldown scripts/bench/probe-node.ts --platform node --format esm --file "$out/probe-node.mjs" >/dev/null
node "$out/probe-node.mjs"
