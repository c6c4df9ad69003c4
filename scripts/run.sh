#!/usr/bin/env bash
# Serves the remote API on https://127.0.0.1:5080 backed by the embedded simulated cluster.
# State (SQLite) and the generated TLS certificate live in ./data unless --data-dir says otherwise.
# Extra arguments are passed on, e.g. --port 5081 --no-ssl --users-file FILE.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/Api -c Release -v quiet -nologo
exec dotnet src/Api/bin/Release/net10.0/Ganeti.Api.dll "$@"
