#!/usr/bin/env bash
# Whole-process benchmark: `blinds summary` against tcpdump and tshark on the same generated capture, in one run,
# each pinned to one core (taskset -c 0), page cache warm; then the attacks on a 24-hour home. Writes bench/RESULTS.md.
#   bench/run.sh [--preset busy-24h] [--snaplen 96] [--runs 10]
# Needs: the .NET SDK; tcpdump, tshark, hyperfine and util-linux (taskset) from Debian (installed when run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
preset=busy-24h snaplen=96 runs=10
while [ $# -gt 0 ]; do
  case "$1" in
    --preset) preset=$2; shift 2 ;;
    --snaplen) snaplen=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "usage: bench/run.sh [--preset NAME] [--snaplen N] [--runs N]" >&2; exit 1 ;;
  esac
done

if [ "$(id -u)" = 0 ]; then
  missing=()
  for p in tcpdump tshark hyperfine; do command -v "$p" >/dev/null || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

work=${BLINDS_BENCH_DIR:-/tmp/blinds-bench}
mkdir -p "$work"
# The tool as users and CI get it: packed, then installed from the package into a tool path.
bin="$work/tool"
echo "== packing blinds and installing the tool into $bin"
# Its own NuGet cache: the version does not change between runs, and the user's cache would hand back an older build.
rm -rf "$work/nupkg" "$work/nuget" "$bin"
dotnet pack src/Blinds.Cli -c Release -o "$work/nupkg" >/dev/null
NUGET_PACKAGES="$work/nuget" dotnet tool install --tool-path "$bin" --add-source "$work/nupkg" Blinds >/dev/null
# The capture and its ground truth live in their own folder under the bench's work folder (never the user's files).
data="$work/$preset-s$snaplen"
capture="$data/capture.pcap"
if [ ! -f "$capture" ]; then
  echo "== generating $capture"
  rm -rf "$data" && mkdir -p "$data"
  "$bin/blinds" lab generate --preset "$preset" --snaplen "$snaplen" --out "$capture" >/dev/null
fi
packets=$("$bin/blinds" summary --json "$capture" | python3 -c 'import json,sys; print(json.load(sys.stdin)["captures"][0]["packets"])')
cat "$capture" > /dev/null   # warm the page cache

pin="taskset -c 0"
echo "== timing ($runs runs each, one core)"
hyperfine -N -w 2 -r "$runs" --export-json "$work/hyperfine.json" \
  -n "blinds summary" "$pin $bin/blinds summary $capture" \
  -n "tcpdump -r -w /dev/null" "$pin tcpdump -r $capture -w /dev/null" >/dev/null
# Start-up (issue 16 item 6): the whole process for a command that reads nothing, and for a one-packet capture.
tiny="$data/one-packet.pcap"
[ -f "$tiny" ] || "$bin/blinds" lab generate --preset sparse --out "$data/sparse.pcap" >/dev/null
[ -f "$tiny" ] || tcpdump -r "$data/sparse.pcap" -c 1 -w "$tiny" 2>/dev/null
# Methods the JIT still compiles at start (ReadyToRun code is not counted), one run each.
jit() { DOTNET_JitStdOutFile="$work/jit.txt" DOTNET_JitDisasmSummary=1 "$@" >/dev/null 2>&1; grep -c . "$work/jit.txt"; rm -f "$work/jit.txt"; }
jit_version=$(jit "$bin/blinds" --version)
jit_summary=$(jit "$bin/blinds" summary "$tiny")
jit_json=$(jit "$bin/blinds" summary --json "$tiny")
hyperfine -N -w 3 -r 20 --export-json "$work/hyperfine-startup.json" \
  -n "blinds --version" "$pin $bin/blinds --version" \
  -n "blinds summary (1 packet)" "$pin $bin/blinds summary $tiny" \
  -n "blinds summary --json (1 packet)" "$pin $bin/blinds summary --json $tiny" \
  -n "tcpdump -r (1 packet)" "$pin tcpdump -r $tiny -w /dev/null" >/dev/null
hyperfine -N -w 0 -r 1 --export-json "$work/hyperfine-tshark.json" \
  -n "tshark -q -z io,stat,0" "$pin tshark -n -q -r $capture -z io,stat,0" >/dev/null

rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
rss_blinds=$(rss $pin "$bin/blinds" summary "$capture")
rss_tcpdump=$(rss $pin tcpdump -r "$capture" -w /dev/null)

# The attacks (issue 4) on a 24-hour home with whole frames, and paper 002's full grid on the paper lab.
home="$work/home-24h"
if [ ! -f "$home/home.pcapng" ]; then
  rm -rf "$home" && mkdir -p "$home"
  "$bin/blinds" lab generate --preset home-24h --out "$home/home.pcapng" >/dev/null
  "$bin/blinds" lab generate --preset paper-lab --out "$home/lab.pcapng" >/dev/null
fi
attacks=(  # label|subcommand|arguments
  "identify --observer lan|identify|$home/home.pcapng --observer lan --labels $home/home.devices.csv"
  "identify --observer isp|identify|$home/home.pcapng --observer isp --labels $home/home.devices.csv"
  "activity --observer isp|activity|$home/home.pcapng --observer isp --events $home/home.events.csv --devices $home/home.devices.csv"
  "simulate --defence tunnel+constant:rate=10KB/s|simulate|$home/home.pcapng --defence tunnel+constant:rate=10KB/s --labels $home/home.devices.csv --events $home/home.events.csv"
  "tolerance|tolerance|$home/home.pcapng --labels $home/home.devices.csv"
  "fingerprint eval (4 w x 4 s x 4 k, 10-fold), paper-lab|fingerprint eval|$home/lab.pcapng --labels $home/lab.devices.csv -w 60,120,300,600 -s 1,5,10,30 --k 1,3,5,7"
)
: > "$work/attacks.tsv"
for a in "${attacks[@]}"; do
  name=${a%%|*} rest=${a#*|}
  sub=${rest%%|*} args=${rest#*|}
  hyperfine -N -w 1 -r 3 --export-json "$work/attack.json" -n "$name" "$pin $bin/blinds $sub $args" >/dev/null
  mem=$(rss $pin "$bin/blinds" $sub $args)
  python3 - "$work/attack.json" "$name" "$mem" >> "$work/attacks.tsv" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"{sys.argv[2]}\t{r['mean']:.2f}\t{(r.get('stddev') or 0):.2f}\t{int(sys.argv[3]) / 1024:.0f} MB")
PY
done

python3 - "$work" "$packets" "$capture" "$rss_blinds" "$rss_tcpdump" "$preset" "$snaplen" "$jit_version" "$jit_summary" "$jit_json" <<'PY' > bench/RESULTS.md
import json, sys, os, platform, subprocess
work, packets, capture, rss_b, rss_t, preset, snaplen, jit_version, jit_summary, jit_json = sys.argv[1:]
packets = int(packets)
rows = json.load(open(os.path.join(work, "hyperfine.json")))["results"] + json.load(open(os.path.join(work, "hyperfine-tshark.json")))["results"]
rss = {"blinds summary": f"{int(rss_b)/1024:.0f} MB", "tcpdump -r -w /dev/null": f"{int(rss_t)/1024:.0f} MB"}
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
print("# Whole-process benchmark (generated by bench/run.sh; do not edit)\n")
print(f"Capture: lab preset `{preset}`, snap length {snaplen}, {packets:,} packets, {os.path.getsize(capture)/2**20:.0f} MiB, page cache warm. ")
print(f"Machine: {cpu}, {os.cpu_count()} cores; every command pinned to one core with `taskset -c 0`.\n")
# The previous run's figures (bench/RESULTS.md of main at 2077084: the tool packed and installed, load 3.9):
# CPU user+sys; for start-up also the JIT-compiled methods (bench/STARTUP-NOTES.md).
previous = {"blinds summary": "0.600 s", "tcpdump -r -w /dev/null": "0.570 s", "tshark -q -z io,stat,0": "24.601 s",
            "blinds --version": "35 ms, 10", "blinds summary (1 packet)": "138 ms, 389", "tcpdump -r (1 packet)": "4 ms",
            "blinds summary --json (1 packet)": "not measured, 274"}
load = open("/proc/loadavg").read().split()[0]
print(f"The machine may be shared (load average {load} at the end): CPU time is the figure to compare; wall times stretch with load.\n")
print("| command | mean (s) | stdev (s) | min (s) | CPU user+sys (s) | packets/s (mean) | peak RSS | previous run: CPU |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    mean, sd, mn = r["mean"], r.get("stddev") or 0.0, r["min"]
    print(f"| `{r['command']}` | {mean:.3f} | {sd:.3f} | {mn:.3f} | {r['user'] + r['system']:.3f} | {packets/mean/1e6:.2f} M | {rss.get(r['command'], '')} | {previous.get(r['command'], '')} |")
cpu_b = next(r["user"] + r["system"] for r in rows if r["command"] == "blinds summary")
cpu_t = next(r["user"] + r["system"] for r in rows if r["command"].startswith("tcpdump"))
print(f"\n`blinds summary` uses {cpu_b / cpu_t:.2f}× tcpdump's CPU time (target: at most 0.5×).\n")
print("Start-up, whole process, 20 runs, the tool as installed from its package (`dotnet pack`, `dotnet tool install`; target: under 100 ms):\n")
jit = {"blinds --version": jit_version, "blinds summary (1 packet)": jit_summary, "blinds summary --json (1 packet)": jit_json}
print("| command | mean (ms) | stdev (ms) | min (ms) | CPU user+sys (ms) | JIT-compiled methods | previous run: CPU, JIT-compiled |")
print("|---|---:|---:|---:|---:|---:|---:|")
for r in json.load(open(os.path.join(work, "hyperfine-startup.json")))["results"]:
    print(f"| `{r['command']}` | {r['mean']*1e3:.0f} | {(r.get('stddev') or 0)*1e3:.0f} | {r['min']*1e3:.0f} | {(r['user'] + r['system'])*1e3:.0f} | {jit.get(r['command'], '')} | {previous.get(r['command'], '')} |")
print("\nThe attacks and defences on lab preset `home-24h` (whole frames, 603k packets, 24 h) and the paper-lab grid, one core, 3 runs:\n")
before = {"identify --observer lan": "0.47 s, 79 MB", "identify --observer isp": "0.48 s, 84 MB", "activity --observer isp": "0.41 s, 71 MB",
          "simulate --defence tunnel+constant:rate=10KB/s": "0.93 s, 102 MB", "tolerance": "0.95 s, 70 MB",
          "fingerprint eval (4 w x 4 s x 4 k, 10-fold), paper-lab": "0.38 s, 65 MB"}
print("| blinds ... | mean (s) | stdev (s) | peak RSS | previous run: mean, peak RSS |")
print("|---|---:|---:|---:|---:|")
for line in open(os.path.join(work, "attacks.tsv")):
    name, mean, sd, mem = line.rstrip("\n").split("\t")
    print(f"| `{name}` | {mean} | {sd} | {mem} | {before.get(name, '')} |")
PY
cat bench/RESULTS.md
