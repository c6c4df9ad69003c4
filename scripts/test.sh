#!/usr/bin/env bash
# Builds and runs every test project, then prints one line "N passed, N failed[, N skipped]".
# Run as root on a fresh Debian 12 machine, it first installs the system packages the tests use.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages used by the tests (real sockets, sshd, socat, AFL++ for fuzzing, the real Ganeti cluster…).
PACKAGES=(ca-certificates openssh-server socat afl++)
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
fi

# tests/Contract.Tests talks to a real Ganeti cluster. As root, start bringing it up now
# (scripts/real-ganeti/up.sh installs its own packages) so that it overlaps the build; the
# tests' fixture runs the same script again if the cluster is not up, and fails with its
# output when it cannot be brought up.
# The same for the three-node cluster of tests/Contract.Tests/ThreeNode (up3.sh: its own
# lock and namespaces; it waits for up.sh's package installation).
real_ganeti_pid="" real_ganeti3_pid=""
real_ganeti_log="$(mktemp)" real_ganeti3_log="$(mktemp)"
if [ "$(id -u)" = 0 ]; then
  bash scripts/real-ganeti/up.sh >"$real_ganeti_log" 2>&1 &
  real_ganeti_pid=$!
  bash scripts/real-ganeti/up3.sh >"$real_ganeti3_log" 2>&1 &
  real_ganeti3_pid=$!
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results="$(pwd)/TestResults"
rm -rf "$results"

dotnet restore Ganeti.sln
dotnet build Ganeti.sln --no-restore -c Release
dotnet format Ganeti.sln --verify-no-changes --no-restore

for up in "up.sh $real_ganeti_log $real_ganeti_pid" "up3.sh $real_ganeti3_log $real_ganeti3_pid"; do
  read -r script log pid <<<"$up"
  if [ -n "$pid" ]; then
    if wait "$pid"; then
      grep -F "is up" "$log" || true
    else
      echo "scripts/real-ganeti/$script failed; the contract tests will try again and report why:" >&2
      tail -n 30 "$log" >&2
    fi
  fi
  rm -f "$log"
done

status=0

# Fuzzing, bounded: every target of fuzz/ for FUZZ_SECONDS (10) from its committed corpus.
# What it finds lands in TestResults/fuzz-findings, which tests/Fuzz.Tests replays below.
fuzz_failed=0
if ! bash scripts/fuzz.sh "${FUZZ_SECONDS:-10}"; then
  echo "scripts/fuzz.sh failed" >&2
  fuzz_failed=1
fi

# A test that hangs (none should; each one guards its own waits) is stopped after 10 minutes
# and fails the run, rather than holding the whole run until CI's time limit.
# A project whose run ended badly without a failed test in its results (a test host that
# crashed or was stopped) counts as one failure.
aborted=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  rc=0
  dotnet test "$project" --no-build -c Release --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    --blame-hang-timeout 10m --blame-hang-dump-type none || rc=$?
  if [ "$rc" -ne 0 ]; then
    status=$rc
    if ! grep -qE '<Counters [^>]* (failed|error)="[1-9]' "$results/$name.trx" 2>/dev/null; then
      echo "$name: the test run was aborted (exit $rc) without a failed test in its results" >&2
      aborted=$((aborted + 1))
    fi
  fi
done

passed=0 failed=0 skipped=0 files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  p=$(get passed); f=$(get failed); e=$(get error); t=$(get total); x=$(get executed)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0}))
  skipped=$((skipped + ${t:-0} - ${x:-0}))
done
failed=$((failed + fuzz_failed + aborted))
if [ "$files" -eq 0 ]; then
  echo "no test results were written" >&2
  status=1
fi

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
if [ "$failed" -gt 0 ]; then status=1; fi
exit "$status"
