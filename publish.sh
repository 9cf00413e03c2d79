#!/usr/bin/env bash
# Builds the deployment package of the function app for Azure Functions on Linux (Flex Consumption).
#
#   ./publish.sh [OUTPUT_DIR]        (default: artifacts/package)
#
# OUTPUT_DIR/app/                 the package as a folder: host.json at its root, one folder per function with
#                                 its function.json, the app's binaries and the executable host.json names
#                                 (`azd deploy` zips and uploads this folder; azure.yaml's `dist`)
# OUTPUT_DIR/annualreview.zip     the same folder as a zip, for `az functionapp deployment source config-zip`
# OUTPUT_DIR/build/               intermediate build output, kept apart from bin/ and obj/ of a developer build
#
# The app is published self-contained for linux-x64: the Functions host image for a custom handler does not
# carry the .NET 10 runtime, so the package brings its own and runs on any Linux x64 machine as it is.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$(realpath -m "${1:-$root/artifacts/package}")"
app="$out/app"
zip_file="$out/annualreview.zip"
project="$root/functions/AnnualReview.Functions"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

rm -rf "$app" "$zip_file"
mkdir -p "$out"

# --disable-build-servers: no compiler or MSBuild node stays behind after the package is built.
dotnet publish "$project" -c Release -r linux-x64 --self-contained true \
  --artifacts-path "$out/build" -o "$app" --disable-build-servers -nologo -v:quiet

# The project copies host.json and every FunctionApp/<Name>/function.json to the publish root, where the
# Functions host looks for them; a package without them would deploy an app with no functions.
if [[ ! -f "$app/host.json" ]] || ! compgen -G "$app/*/function.json" >/dev/null; then
  echo "publish.sh: $app lacks host.json or the <Function>/function.json folders." >&2
  exit 1
fi

executable="$(sed -n 's/.*"defaultExecutablePath": *"\([^"]*\)".*/\1/p' "$app/host.json")"
if [[ -z "$executable" || ! -x "$app/$executable" ]]; then
  echo "publish.sh: host.json names '$executable' as the handler, but $app/$executable is not an executable file." >&2
  exit 1
fi

# The zip records Unix permissions, so the handler stays executable where the package is unpacked or mounted.
if command -v zip >/dev/null; then
  (cd "$app" && zip -q -r -X "$zip_file" .)
elif command -v python3 >/dev/null; then
  (cd "$app" && python3 -m zipfile -c "$zip_file" ./*)
else
  echo "publish.sh: neither zip nor python3 found; the folder $app is the package (azd deploys the folder)." >&2
fi

echo "Package: $app"
[[ -f "$zip_file" ]] && echo "Zip:     $zip_file"
exit 0
