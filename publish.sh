#!/usr/bin/env bash
# Builds the deployment package of the Functions app (functions/AnnualReview.FunctionApp, .NET isolated worker)
# for Azure Functions Flex Consumption, runtime dotnet-isolated 10.0.
#
#   ./publish.sh [OUTPUT_DIR]        (default: artifacts/package)
#
# OUTPUT_DIR/app/                 the package as a folder: host.json at its root, functions.metadata (every
#                                 function with its trigger and bindings, written by the worker SDK at build),
#                                 worker.config.json (how the host starts the worker), extensions.json (the host
#                                 extensions the app needs: Durable Task, HTTP, timers, queues) and the binaries
# OUTPUT_DIR/annualreview.zip     the same folder as a zip, for `az functionapp deployment source config-zip`
# OUTPUT_DIR/build/               intermediate build output, kept apart from bin/ and obj/ of a developer build
#
# `azd deploy` builds the same project itself (azure.yaml); this script is for deploying without azd and for
# the tests that pin what the host reads.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$(realpath -m "${1:-$root/artifacts/package}")"
app="$out/app"
zip_file="$out/annualreview.zip"
project="$root/functions/AnnualReview.FunctionApp"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

rm -rf "$app" "$zip_file"
mkdir -p "$out"

# Framework-dependent: the host image for dotnet-isolated 10.0 carries the .NET 10 runtime.
# --disable-build-servers: no compiler or MSBuild node stays behind after the package is built.
dotnet publish "$project" -c Release --artifacts-path "$out/build" -o "$app" --disable-build-servers -nologo -v:quiet

for file in host.json functions.metadata worker.config.json extensions.json AnnualReview.FunctionApp.dll; do
  if [[ ! -f "$app/$file" ]]; then
    echo "publish.sh: $app lacks $file; the Functions host could not run this package." >&2
    exit 1
  fi
done

if command -v zip >/dev/null; then
  (cd "$app" && zip -q -r -X "$zip_file" .)
elif command -v python3 >/dev/null; then
  # Every entry, the hidden .azurefunctions folder (the host extensions) included.
  (cd "$app" && python3 -m zipfile -c "$zip_file" $(ls -A))
else
  echo "publish.sh: neither zip nor python3 found; the folder $app is the package." >&2
fi

echo "Package: $app"
[[ -f "$zip_file" ]] && echo "Zip:     $zip_file"
exit 0
