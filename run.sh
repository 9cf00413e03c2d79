#!/usr/bin/env bash
# Runs AnnualReview on this machine over Azurite: installs Azurite if needed, starts it (data kept in
# .azurite/ between runs) unless one already listens on 10000-10002, then runs the app on http://127.0.0.1:7071
# in the Development environment with the demo organization and development sign-in (GET /dev/personas,
# POST /dev/token); the API reference is at http://127.0.0.1:7071/api/docs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

if [[ ! -x node_modules/.bin/azurite || ! -x node_modules/.bin/maildev ]]; then
  npm ci --no-audit --no-fund
fi

accepts() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
azurite_pid=""
if ! (accepts 10000 && accepts 10001 && accepts 10002); then
  mkdir -p .azurite
  node_modules/.bin/azurite --location .azurite --skipApiVersionCheck --loose --disableTelemetry \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 </dev/null >.azurite/azurite.log 2>&1 &
  azurite_pid=$!
  trap '[[ -n "$azurite_pid" ]] && kill "$azurite_pid" 2>/dev/null || true' EXIT
  for (( i = 0; i < 300; i++ )); do
    accepts 10000 && accepts 10001 && accepts 10002 && break
    sleep 0.1
  done
  echo "Azurite started (pid $azurite_pid), data in .azurite/"
fi

export AzureWebJobsStorage="${AzureWebJobsStorage:-UseDevelopmentStorage=true}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export Demo__Seed="${Demo__Seed:-true}"

# A signing key for development tokens, made once per machine and kept with Azurite's data, so tokens
# minted before a restart still work after it.
mkdir -p .azurite
if [[ -z "${Auth__DevelopmentSigningKey:-}" ]]; then
  [[ -s .azurite/dev-signing-key ]] || head -c 48 /dev/urandom | base64 | tr -d '\n' >.azurite/dev-signing-key
  Auth__DevelopmentSigningKey="$(cat .azurite/dev-signing-key)"
  export Auth__DevelopmentSigningKey
fi
dotnet run -c Release --project functions/AnnualReview.Functions
