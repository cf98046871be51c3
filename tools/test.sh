#!/usr/bin/env bash
# Runs every test of PublicWorkflow on a fresh Debian machine that has the .NET SDK.
# It installs and starts whatever the tests need, and can be run again on the same machine.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log=$(mktemp)
report=$(mktemp --suffix=.md)
cleanup() {
  rm -f "$log" "$report"
  tools/test-postgres.sh stop || true
}
trap cleanup EXIT

echo "== PostgreSQL for the integration suite (installed from Debian if missing; a throwaway cluster on 127.0.0.1)"
PWF_TEST_POSTGRES=$(tools/test-postgres.sh start)
export PWF_TEST_POSTGRES

echo "== Chromium for the browser tests (Debian's package, installed if missing; never a downloaded browser)"
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  fi
fi

echo "== build"
dotnet build PublicWorkflow.sln -c Release -nologo -v quiet

echo "== tests"
set +e
dotnet test PublicWorkflow.sln -c Release --no-build -nologo 2>&1 | tee "$log"
tests_exit=${PIPESTATUS[0]}
set -e

echo "== pwf validate workflows/*.bpmn"
dotnet tools/PublicWorkflow.Cli/bin/Release/net10.0/pwf.dll validate workflows/*.bpmn
echo "== pwf catalog"
dotnet tools/PublicWorkflow.Cli/bin/Release/net10.0/pwf.dll catalog procedure-catalog workflows

echo "== bench smoke (every scenario tiny: each must print its JSON lines and the report must be written; real figures come from a full run)"
dotnet run -c Release --no-build --project tools/PublicWorkflow.Bench -- all --connection "$PWF_TEST_POSTGRES" --smoke true \
  --out "$report" --halt-command "bash tools/test-postgres.sh halt" --resume-command "bash tools/test-postgres.sh resume"
grep -q "| faults |" "$report"

# One closing line over all test projects, in the plain form CI reads.
awk '/(Passed|Failed)!  - Failed:/ {
       gsub(",", "");
       for (i = 1; i <= NF; i++) { if ($i == "Failed:") failed += $(i+1); if ($i == "Passed:") passed += $(i+1) }
     } END { printf "%d passed, %d failed\n", passed, failed }' "$log"
exit "$tests_exit"
