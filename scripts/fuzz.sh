#!/usr/bin/env bash
# Fuzzes the parsers that read outside input with AFL++ and SharpFuzz, each target for a
# bounded time, starting from the committed corpus in fuzz/corpus/TARGET.
#   usage: scripts/fuzz.sh [SECONDS per target, default 30] [TARGET…]
# Targets: luxi (LUXI frames and envelopes), users (RAPI users file), filter (query filters),
# body and query (requests through the service's pipeline: bodies and query strings into
# commands and opcodes). For each target it prints one line with executions, corpus size and
# findings; findings (inputs that made a target throw) are copied to
# TestResults/fuzz-findings/TARGET/, where tests/Fuzz.Tests replays them. Run as root on
# Debian, it installs afl++ first.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-30}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(luxi users filter body query)

if ! command -v afl-fuzz >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
  else
    echo "afl-fuzz is missing: install Debian's afl++ package" >&2
    exit 1
  fi
fi

out="$(pwd)/TestResults/fuzz"
bin="$out/bin"
findings="$(pwd)/TestResults/fuzz-findings"
rm -rf "$out" "$findings"
mkdir -p "$out" "$findings"

# A copy of the program whose own assemblies carry SharpFuzz's coverage instrumentation.
run_logged() {
  "$@" >"$out/prepare.log" 2>&1 || { echo "fuzz: $* failed:" >&2; tail -n 30 "$out/prepare.log" >&2; exit 1; }
}
run_logged dotnet tool restore
run_logged dotnet build fuzz/Fuzz -c Release -o "$bin" --nologo -v q
for assembly in Ganeti.Luxi Ganeti.Domain Ganeti.Application Ganeti.Api; do
  run_logged dotnet sharpfuzz "$bin/$assembly.dll"
done
run_logged dotnet sharpfuzz "$bin/Ganeti.Simulator.dll" Ganeti.Simulator.Query

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_QUIET=1
status=0
for target in "${targets[@]}"; do
  # -V: stop after SECONDS; -t: a run may take 5 s (the first ones start the service); -s: a fixed seed.
  afl-fuzz -i "fuzz/corpus/$target" -o "$out/$target" -V "$seconds" -t 5000 -m none -s 20261206 \
    -- dotnet "$bin/Ganeti.Fuzz.dll" run "$target" @@ >"$out/$target.log" 2>&1 || {
      echo "fuzz $target: afl-fuzz failed:" >&2
      tail -n 20 "$out/$target.log" >&2
      status=1
      continue
    }
  stats="$out/$target/default/fuzzer_stats"
  stat() { sed -n "s/^$1 *: *//p" "$stats"; }
  crashes=0
  for f in "$out/$target"/default/crashes/id* "$out/$target"/default/hangs/id*; do
    [ -e "$f" ] || continue
    mkdir -p "$findings/$target"
    cp "$f" "$findings/$target/"
    crashes=$((crashes + 1))
  done
  echo "fuzz $target: $(stat execs_done) executions in $(stat run_time) s, corpus $(stat corpus_count) inputs ($(ls "fuzz/corpus/$target" | wc -l) committed), $crashes findings"
done
exit "$status"
