#!/usr/bin/env bash
# Runs every test in the solution. Tests start their own Azurite unless ANNUALREVIEW_STORAGE names a running one.
# Extra arguments go to dotnet test, e.g. ./test.sh --filter "FullyQualifiedName~Orchestration".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if [[ ! -x node_modules/.bin/azurite || ! -x node_modules/.bin/maildev ]]; then
  npm ci --no-audit --no-fund
fi

exec dotnet test AnnualReview.slnx -c Release --logger "console;verbosity=normal" "$@"
