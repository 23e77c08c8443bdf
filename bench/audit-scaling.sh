#!/usr/bin/env bash
# Several captures at once (issue 16 item 5): the 7-day capture of bench/audit-long.sh and the same week moved 7 days
# on (editcap -t, its events file moved with it), audited (a) alone, (b) as two files in one audit (14 days merged by
# time) and (c) as two audits side by side, each on the cores given. Wall and CPU time, peak RSS, the load beside.
# Replaces the "Several captures" section of bench/AUDIT.md (bench/audit-long.sh keeps it). Run audit-long.sh first
# (it publishes blinds and writes the 7-day capture).
#   bench/audit-scaling.sh [--cores 0-1]
set -euo pipefail
cd "$(dirname "$0")/.."
cores="0-$(($(nproc) - 1))"
[ "${1:-}" = --cores ] && cores=$2
work=${BLINDS_BENCH_DIR:-/tmp/blinds-bench}/audit-long
bin="$work/blinds/blinds"
week="$work/home-x7"
two="$work/two-weeks"
mkdir -p "$two"
[ -f "$two/week2.pcapng" ] || editcap -t 604800 "$week/home.pcapng" "$two/week2.pcapng"
python3 - "$week/home.events.csv" "$two" <<'PY'
import datetime, sys
lines = open(sys.argv[1]).read().splitlines()
moved = []
for l in lines[1:]:
    t, rest = l.split(",", 1)
    d = datetime.datetime.strptime(t, "%Y-%m-%dT%H:%M:%S.%fZ") + datetime.timedelta(days=7)
    moved.append(d.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z," + rest)
open(sys.argv[2] + "/week2.events.csv", "w").write("\n".join([lines[0]] + moved) + "\n")
open(sys.argv[2] + "/both.events.csv", "w").write("\n".join(lines + moved) + "\n")
PY
cat "$week/home.pcapng" "$two/week2.pcapng" > /dev/null
run() { # label events captures...
  local label=$1 events=$2; shift 2
  rm -rf "$two/report-$label"
  /usr/bin/time -f "%e %M %U %S" -o "$two/time-$label.txt" taskset -c "$cores" "$bin" audit "$@" --devices "$week/home.devices.csv" --events "$events" --out "$two/report-$label" > /dev/null 2>&1
}
: > "$two/rows.tsv"
row() { # what packets wall load files...
  local what=$1 packets=$2 wall=$3 load=$4; shift 4
  local kb=0 cpu=0
  for f in "$@"; do
    read -r _ k u s < "$f"
    kb=$((k > kb ? k : kb)); cpu=$(awk "BEGIN { print $cpu + $u + $s }")
  done
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$what" "$packets" "$wall" "$cpu" "$kb" "$load" >> "$two/rows.tsv"
}
packets=$("$bin" summary --json "$week/home.pcapng" | python3 -c 'import json,sys; print(json.load(sys.stdin)["captures"][0]["packets"])')
l0=$(cut -d' ' -f1 /proc/loadavg); s=$(date +%s.%N)
run one "$week/home.events.csv" "$week/home.pcapng"
row "one 7-day capture, one audit" "$packets" "$(awk "BEGIN { print $(date +%s.%N) - $s }")" "$l0 $(cut -d' ' -f1 /proc/loadavg)" "$two/time-one.txt"
l0=$(cut -d' ' -f1 /proc/loadavg); s=$(date +%s.%N)
run both "$two/both.events.csv" "$week/home.pcapng" "$two/week2.pcapng"
row "two 7-day captures (consecutive weeks), one audit" "$((packets * 2))" "$(awk "BEGIN { print $(date +%s.%N) - $s }")" "$l0 $(cut -d' ' -f1 /proc/loadavg)" "$two/time-both.txt"
l0=$(cut -d' ' -f1 /proc/loadavg); s=$(date +%s.%N)
run a "$week/home.events.csv" "$week/home.pcapng" &
run b "$two/week2.events.csv" "$two/week2.pcapng"
wait
row "two 7-day captures, two audits side by side" "$((packets * 2))" "$(awk "BEGIN { print $(date +%s.%N) - $s }")" "$l0 $(cut -d' ' -f1 /proc/loadavg)" "$two/time-a.txt" "$two/time-b.txt"

python3 - "$two/rows.tsv" "$cores" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
out = ["<!-- several captures: bench/audit-scaling.sh -->", "## Several captures (bench/audit-scaling.sh)", "",
       f"The 7-day capture above, and the same week moved 7 days on (editcap -t), on cores {sys.argv[2]}, one run each; CPU time is",
       "the audits' sum, peak RSS the larger. Captures are merged by time on one thread (src/Blinds.Capture), so two files in",
       "one audit are one longer capture; two audits side by side share the cores.", "",
       "| captures | packets | wall time (s) | packets per wall second | CPU user+sys (s) | peak RSS | load average (start, end) | wall against one audit |",
       "|---|---:|---:|---:|---:|---:|---:|---:|"]
base = float(rows[0][2])
for what, packets, wall, cpu, kb, load in rows:
    out.append(f"| {what} | {int(packets):,} | {float(wall):.1f} | {int(packets)/float(wall)/1e6:.2f} M | {float(cpu):.1f} | {int(kb)/1024:.0f} MB | {load.replace(' ', ', ')} | {float(wall)/base:.2f}x |")
out.append("<!-- end several captures -->")
text = open("bench/AUDIT.md").read()
start, end = text.find("<!-- several captures"), text.find("<!-- end several captures -->")
if start >= 0:
    text = text[:start].rstrip("\n") + "\n" + text[end + len("<!-- end several captures -->"):].lstrip("\n")
open("bench/AUDIT.md", "w").write(text.rstrip("\n") + "\n\n" + "\n".join(out) + "\n")
PY
sed -n '/several captures: bench/,$p' bench/AUDIT.md
