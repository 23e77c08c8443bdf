#!/usr/bin/env bash
# Audits the real captures in ../shared/data as a user would (no labels, default settings) and writes
# results/audit-real.md: per capture the verdict's recommendation, its GB and money a month, what it slows, and
# whether it brings the ISP to chance. The tj-oconnor cameras and locks, and the first setup capture of each IoT
# Sentinel device.
#   scripts/audit-real.sh [DATA_DIR]          (BLINDS_CONFIG=Debug to use a Debug build)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data}
[ -d "$data" ] || { echo "no data folder at $data" >&2; exit 2; }
config=${BLINDS_CONFIG:-Release}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build src/Blinds.Cli -c "$config" -v q -nologo >/dev/null
blinds="src/Blinds.Cli/bin/$config/net10.0/blinds.dll"

list="$work/captures.txt"
for f in "$data"/tj-oconnor_IoT-Dataset/pcaps/*.pcap; do echo "tj-oconnor $f"; done > "$list"
for d in "$data"/andypitcher_IoT_Sentinel/captures_IoT_Sentinel/captures_IoT-Sentinel/*/; do
  first=$(ls "$d" | grep -E '\.pcap$' | sort -V | head -1)
  [ -n "$first" ] && echo "IoT-Sentinel $d$first"
done >> "$list"

i=0
while read -r set path; do
  i=$((i + 1))
  out="$work/r$i"
  if dotnet "$blinds" audit "$path" --out "$out" >/dev/null 2>"$work/err$i"; then
    echo "$set $path $out/report.json"
  else
    echo "$set $path FAILED:$(head -1 "$work/err$i")"
  fi
done < "$list" > "$work/done.txt"

python3 - "$work/done.txt" "$data" > results/audit-real.md <<'PY'
import json, os, sys
done, data = sys.argv[1:]
print("# The audit on real captures\n")
print("Made by `scripts/audit-real.sh` (default settings: budget a tenth of a 1 TB cap, 100 GB a month; no devices or")
print("events file, as a user first runs it). One row per capture: the tj-oconnor cameras and locks (a week or so each),")
print("and the first setup capture of each IoT Sentinel device (a device joining the network, minutes long).\n")
print("| set | capture | devices | own traffic GB/month | recommended | GB/month | money/month | slows | ISP at chance after |")
print("|---|---|---:|---:|---|---:|---:|---|---|")
for line in open(done):
    s, path, result = line.rstrip("\n").split(" ", 2)
    name = os.path.relpath(path, data)
    if result.startswith("FAILED:"):
        print(f"| {s} | {name} | | | failed: {result[7:]} | | | | |")
        continue
    r = json.load(open(result))
    secs = max(1, sum(c["duration_seconds"] for c in r["summary"]["captures"]))
    own = sum(d["bytes_up"] + d["bytes_down"] for d in r["devices"]) / secs * 30 * 86400 / 1e9
    rec = r["verdict"]["recommended"]
    if rec is None:
        first = r["verdict"]["summary"].split(". ")[-1].rstrip(".")
        print(f"| {s} | {name} | {len(r['devices'])} | {own:.2f} | none: {first} | 0 | 0 | | |")
    else:
        print(f"| {s} | {name} | {len(r['devices'])} | {own:.2f} | {rec['defence']} | {rec['gb_per_month']:.1f} | {rec['money_per_month']:.0f} | {', '.join(rec['breaks'])} | {'yes' if rec['privacy_left']['at_chance'] else 'no'} |")
PY
echo "wrote results/audit-real.md"
