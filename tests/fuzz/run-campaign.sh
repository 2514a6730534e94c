#!/usr/bin/env bash
# Runs one AFL campaign against a fuzz target of Firmware.Core (see docs/fuzzing.md).
#
#   tests/fuzz/run-campaign.sh TARGET [SECONDS]
#
# TARGET is manifest, trust or bundle; SECONDS (default 600) bounds the campaign.
# Inputs: tests/fuzz/corpus/TARGET. Output: out/fuzz/TARGET (afl-fuzz's findings directory,
# crashes/ and hangs/ included), plus out/fuzz/TARGET/summary.txt. Installs afl++ (apt) and
# SharpFuzz.CommandLine (a local dotnet tool under out/fuzz/tools) when they are missing.
set -euo pipefail

target="${1:-}"
seconds="${2:-600}"
case "$target" in
  manifest|trust|bundle) ;;
  *) echo "usage: $0 manifest|trust|bundle [SECONDS]" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/out/fuzz"
tools="$out/tools"
publish="$out/publish"
findings="$out/$target"
corpus="$root/tests/fuzz/corpus/$target"
dictionary="$root/tests/fuzz/dict/firmware.dict"
sharpfuzz_version="2.3.0"

# AFL's timeout for one input, in ms. The first run of each input pays for .NET start-up and
# JIT under instrumentation, so the limit is generous; a real hang still shows within it.
timeout_ms="${FUZZ_TIMEOUT_MS:-5000}"

if ! command -v afl-fuzz >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
  $apt_get update -q
  DEBIAN_FRONTEND=noninteractive $apt_get install -y -q afl++
fi

if [ ! -x "$tools/sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version "$sharpfuzz_version" --tool-path "$tools"
fi

# A fresh publish each time: sharpfuzz rewrites Firmware.Core.dll in place and must not see it twice.
rm -rf "$publish"
dotnet publish "$root/tests/fuzz/Firmware.Fuzz/Firmware.Fuzz.csproj" -c Release -o "$publish" --nologo -v quiet
"$tools/sharpfuzz" "$publish/Firmware.Core.dll"

rm -rf "$findings"
mkdir -p "$findings"

# AFL_SKIP_BIN_CHECK: the binary is the .NET apphost, not an AFL-compiled program; SharpFuzz's
# instrumented IL talks to afl-fuzz through the same shared memory and fork-server pipes.
export AFL_SKIP_BIN_CHECK=1
export AFL_SKIP_CPUFREQ=1
export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_NO_UI=1
export AFL_NO_AFFINITY=1
export AFL_FAST_CAL=1

echo "fuzzing $target for ${seconds}s: inputs $corpus, findings $findings"
set +e
afl-fuzz -i "$corpus" -o "$findings" -x "$dictionary" -t "$timeout_ms" -m none -V "$seconds" -- "$publish/Firmware.Fuzz" "$target" \
  > "$findings/afl-fuzz.log" 2>&1
status=$?
set -e
tail -n 20 "$findings/afl-fuzz.log"

stats="$findings/default/fuzzer_stats"
if [ ! -f "$stats" ]; then
  echo "afl-fuzz produced no statistics (exit $status); see $findings/afl-fuzz.log" >&2
  exit 1
fi

field() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
crashes="$(find "$findings/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)"
hangs="$(find "$findings/default/hangs" -type f -name 'id:*' 2>/dev/null | wc -l)"
{
  echo "target:          $target"
  echo "run time (s):    $(field run_time)"
  echo "executions:      $(field execs_done)"
  echo "execs per sec:   $(field execs_per_sec)"
  echo "corpus entries:  $(field corpus_count)"
  echo "edges found:     $(field edges_found)"
  echo "crashes:         $crashes"
  echo "hangs:           $hangs"
} | tee "$findings/summary.txt"

if [ "$crashes" -gt 0 ] || [ "$hangs" -gt 0 ]; then
  echo "findings in $findings/default/{crashes,hangs}; replay one (uninstrumented build) with:" >&2
  echo "  dotnet run -c Release --project tests/fuzz/Firmware.Fuzz -- replay $target FILE" >&2
  exit 3
fi
