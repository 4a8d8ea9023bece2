#!/usr/bin/env bash
# The one command that installs everything and runs every check: setup, lint, typecheck, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run lint
npm run typecheck
npm test
