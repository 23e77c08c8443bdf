#!/usr/bin/env bash
# Fuzzes Blinds' input parsers with AFL++ through SharpFuzz (fuzz/Blinds.Fuzz): each target's assemblies are
# instrumented, a seed corpus of small files is built at run time from ../shared/data (nothing copied into the
# repository), and afl-fuzz runs for the chosen time. Crashes land in $BLINDS_FUZZ_DIR/TARGET/findings/default/crashes;
# replay one with `dotnet fuzz/Blinds.Fuzz/bin/Release/net10.0/Blinds.Fuzz.dll TARGET --once FILE`, then make it a
# regression test next to the reader it broke. Exits 1 when a crash was found.
#   scripts/fuzz.sh [--time 60] [--target capture|decoder|devices-csv|events-csv|all]
# Needs: afl++ (Debian; installed when run as root), the SharpFuzz.CommandLine dotnet tool (installed to the work dir).
set -eu # not pipefail: `find | sort | head` ends sort with SIGPIPE by design
cd "$(dirname "$0")/.."
seconds=60 target=capture
while [ $# -gt 0 ]; do
  case "$1" in
    --time) seconds=$2; shift 2 ;;
    --target) target=$2; shift 2 ;;
    *) echo "usage: scripts/fuzz.sh [--time SECONDS] [--target capture|decoder|devices-csv|events-csv|all]" >&2; exit 1 ;;
  esac
done

if ! command -v afl-fuzz >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends afl++ >/dev/null
  else
    echo "fuzz.sh: afl-fuzz not found (Debian: apt-get install afl++)" >&2
    exit 2
  fi
fi

work=${BLINDS_FUZZ_DIR:-/tmp/blinds-fuzz}
mkdir -p "$work"
tools="$work/tools"
if [ ! -x "$tools/sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null
fi

out="$work/bin"
dotnet publish fuzz/Blinds.Fuzz -c Release -o "$out" >/dev/null
# Instrument the libraries whose code the targets exercise (not the harness, not the runtime).
for dll in Blinds.Capture Blinds.Protocols Blinds.Traffic Blinds.Attacks; do
  "$tools/sharpfuzz" "$out/$dll.dll" >/dev/null 2>&1 || true # already instrumented after a previous run
done

shared=${BLINDS_SHARED_DATA:-../shared/data}
seeds() { # target dir
  mkdir -p "$2"
  case "$1" in
    capture)
      find "$shared" -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' -o -name '*.gz' \) -size -16k 2>/dev/null | sort | head -60 \
        | while read -r f; do cp "$f" "$2/$(echo "$f" | md5sum | cut -c1-12)"; done ;;
    decoder)
      # Packets cut out of small captures: the first byte picks the link type (Ethernet).
      find "$shared" -type f -name '*.pcap' -size -4k 2>/dev/null | sort | head -20 \
        | while read -r f; do { printf '\x00'; tail -c +41 "$f" | head -c 1500; } > "$2/$(echo "$f" | md5sum | cut -c1-12)"; done ;;
    devices-csv)
      printf 'mac,name,type\n00:17:88:24:76:ff,hue bridge,hub\n"18:b4:30:aa:bb:01","Nest cam, hallway",camera\n' > "$2/devices.csv" ;;
    events-csv)
      printf 'time,device,activity\n2026-01-05T06:30:00Z,hue bridge,toggle\n' > "$2/events.csv" ;;
  esac
  # AFL needs at least one seed.
  [ -n "$(ls -A "$2")" ] || printf 'x' > "$2/empty"
}

targets=("$target")
[ "$target" = all ] && targets=(capture decoder devices-csv events-csv)
found=0
per=$(( seconds / ${#targets[@]} ))
for t in "${targets[@]}"; do
  dir="$work/$t"
  seeds "$t" "$dir/seeds"
  echo "== fuzzing $t for ${per}s (findings in $dir/findings)"
  AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
    afl-fuzz -V "$per" -t 5000 -m none -i "$dir/seeds" -o "$dir/findings" -- dotnet "$out/Blinds.Fuzz.dll" "$t" >"$dir/afl.log" 2>&1 || {
      echo "afl-fuzz failed for $t; see $dir/afl.log" >&2; tail -5 "$dir/afl.log" >&2; exit 2; }
  crashes=$(find "$dir/findings" -path '*crashes*' -type f ! -name README.txt | wc -l)
  execs=$(grep -h '^execs_done' "$dir"/findings/*/fuzzer_stats 2>/dev/null | awk '{s+=$3} END {print s+0}')
  echo "$t: $execs executions, $crashes crashes"
  [ "$crashes" = 0 ] || found=1
done
exit $found
