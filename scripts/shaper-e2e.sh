#!/usr/bin/env bash
# The cell path end to end, measured against the simulation (issue 17). As root, builds four network namespaces
#   home 192.0.2.2 — gateway 192.0.2.1 | 198.51.100.1 — observer (the ISP's link, tcpdump) 198.51.100.2 | 203.0.113.1
#   — endpoint 203.0.113.2 (and 203.0.113.10, the "internet" server)
# (documentation addresses only, nothing leaves this machine), runs `blinds shape up --mode cells` on the gateway and
# `blinds shape endpoint --mode cells` on the endpoint, replays real bursts from the home (`blinds lab replay` of the
# paper lab and of tj-oconnor blink-cam-01 around a motion), captures what enters the gateway and what the observer
# sees, runs Blinds' own activity attack on both and `blinds simulate` on the input, and reports one JSON object.
#
#   sudo scripts/shaper-e2e.sh [--json] [--timing constant|vit] [--rate 51.2KB/s] [--cell 512] [--segments lab,real]
#
# The default rate is 100 cells a second: at a rate that is not a whole number of cells a second, the observer's
# per-second counts alternate (97, 98, 98, ...) by the schedule alone, and with an input of two or three bursts
# Pearson's r is then decided by which count each burst second happens to fall on (±0.25 either way, by chance).
#
# Exit 0 when every target of the constant mode is met (or the run was skipped: no root / no namespaces), 1 when a
# target is missed, 2 on a setup failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

json=0 timing=constant rate=51.2KB/s cell=512 segments=lab,real
while [ $# -gt 0 ]; do
  case "$1" in
    --json) json=1 ;;
    --timing) timing=$2; shift ;;
    --rate) rate=$2; shift ;;
    --cell) cell=$2; shift ;;
    --segments) segments=$2; shift ;;
    *) echo "shaper-e2e: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

say() { [ "$json" = 1 ] && echo "$*" >&2 || echo "$*"; }
skip() {
  if [ "$json" = 1 ]; then printf '{"skipped": "%s"}\n' "$1"; else echo "shaper-e2e: skipped: $1"; fi
  exit 0
}

[ "$(id -u)" = 0 ] || skip "needs root (network namespaces, TUN devices)"
for t in ip tcpdump python3 dotnet; do command -v $t >/dev/null || skip "needs $t"; done
[ -e /dev/net/tun ] || skip "no /dev/net/tun (load the tun module)"

DLL=${BLINDS_DLL:-$ROOT/src/Blinds.Cli/bin/Debug/net10.0/blinds.dll}
if [ ! -f "$DLL" ]; then dotnet build src/Blinds.Cli -c Debug -v q >/dev/null; fi
B() { dotnet "$DLL" "$@"; }

P=bx$$ W=$(mktemp -d /tmp/shaper-e2e.XXXXXX)
NS_HOME=$P-home NS_GW=$P-gw NS_OBS=$P-obs NS_EP=$P-ep
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  sleep 1
  for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  for n in $NS_HOME $NS_GW $NS_OBS $NS_EP; do ip netns del "$n" 2>/dev/null || true; done
  [ -n "${KEEP:-}" ] || rm -rf "$W"
}
trap cleanup EXIT

ip netns add $NS_HOME 2>/dev/null || skip "cannot create network namespaces here"
for n in $NS_GW $NS_OBS $NS_EP; do ip netns add $n; done
for n in $NS_HOME $NS_GW $NS_OBS $NS_EP; do ip -n $n link set lo up; done
ip link add ${P}h0 netns $NS_HOME type veth peer name ${P}g0 netns $NS_GW
ip link add ${P}g1 netns $NS_GW type veth peer name ${P}o0 netns $NS_OBS
ip link add ${P}o1 netns $NS_OBS type veth peer name ${P}e0 netns $NS_EP
ip -n $NS_HOME addr add 192.0.2.2/24 dev ${P}h0
ip -n $NS_GW addr add 192.0.2.1/24 dev ${P}g0
ip -n $NS_GW addr add 198.51.100.1/24 dev ${P}g1
ip -n $NS_OBS addr add 198.51.100.2/24 dev ${P}o0
ip -n $NS_OBS addr add 203.0.113.1/24 dev ${P}o1
ip -n $NS_EP addr add 203.0.113.2/24 dev ${P}e0
ip -n $NS_EP addr add 203.0.113.10/32 dev lo
for x in "$NS_HOME ${P}h0" "$NS_GW ${P}g0" "$NS_GW ${P}g1" "$NS_OBS ${P}o0" "$NS_OBS ${P}o1" "$NS_EP ${P}e0"; do
  set -- $x; ip -n "$1" link set "$2" up
done
ip -n $NS_HOME route add default via 192.0.2.1
ip -n $NS_GW route add default via 198.51.100.2
ip -n $NS_OBS route add 192.0.2.0/24 via 198.51.100.1
ip -n $NS_EP route add default via 203.0.113.1
for n in $NS_HOME $NS_GW $NS_OBS $NS_EP; do
  ip netns exec $n sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 net.ipv6.conf.all.disable_ipv6=1
done

head -c 32 /dev/urandom > "$W/key"
# The server the home talks to: a UDP sink on the endpoint's side (it answers nothing, so the download carries only cover).
ip netns exec $NS_EP python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("203.0.113.10", 9000))
while True: s.recv(65535)' &
PIDS+=($!)

if [ "$timing" = vit ]; then spec="vit:rate=RATE,size=SIZE,spread=0.5,period=5s"; else spec="constant:rate=RATE,size=SIZE"; fi
B shape plan --mode cells --dev blinds0 --peer 203.0.113.2:51821 --route 192.0.2.0/24 --up-rate "$rate" --cell "$cell" --json >"$W/plan.json"
rate_bps=$(python3 -c "import json; print(json.load(open('$W/plan.json'))['rate_bytes_per_second'])")
# The simulation counts frames: each cell is 14 bytes of Ethernet more on the observer's link, and of every slot only
# what a cell carries is packet data (the rest: Ethernet, IP, UDP, counter, tag, fragment header).
header=$(python3 -c "import json; p=json.load(open('$W/plan.json')); print(p['cell_bytes'] - p['payload_bytes'] + 14)")

marker() { ip netns exec $NS_HOME python3 -c 'import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(bytes(32), ("203.0.113.10", 9000))'; }

# One segment: both ends up, captures on, the replay, captures off, both ends down; then the attacks, the simulation and the figures.
segment() {
  local name=$1 capture=$2 from=$3 duration=$4 speed=$5 tolerance=$6 truth=$7; shift 7
  local d=$W/$name; mkdir -p "$d"
  BLINDS_STATE_DIR=$d/ep ip netns exec $NS_EP dotnet "$DLL" shape endpoint --mode cells --dev blinds0 --listen 203.0.113.2:51821 \
    --route 192.0.2.0/24 --down-rate "$rate" --cell "$cell" --timing "$timing" --seed 2 --key-file "$W/key" 2>"$d/ep.log" &
  local ep=$!; PIDS+=($ep)
  BLINDS_STATE_DIR=$d/gw ip netns exec $NS_GW dotnet "$DLL" shape up --mode cells --dev blinds0 --peer 203.0.113.2:51821 --listen 198.51.100.1:51821 \
    --route 192.0.2.0/24 --up-rate "$rate" --cell "$cell" --timing "$timing" --seed 1 --key-file "$W/key" 2>"$d/gw.log" &
  local gw=$!; PIDS+=($gw)
  for _ in $(seq 100); do [ -f "$d/gw/cells-blinds0.json" ] && [ -f "$d/ep/cells-blinds0.json" ] && break; sleep 0.2; done
  [ -f "$d/gw/cells-blinds0.json" ] || { cat "$d/gw.log" "$d/ep.log" >&2; echo "shaper-e2e: the cell path did not come up" >&2; exit 2; }
  ip netns exec $NS_GW tcpdump -i ${P}g0 -n -U -s 96 -w "$d/input.pcap" ip 2>/dev/null & local t1=$!; PIDS+=($t1)
  ip netns exec $NS_OBS tcpdump -i ${P}o0 -n -U -s 96 -w "$d/observed.pcap" 2>/dev/null & local t2=$!; PIDS+=($t2)
  sleep 1.5
  # A small packet just before the replay and one after its window: both the live measurement and the simulation then
  # span the whole window, quiet parts included (both count the two packets as real traffic).
  marker
  ip netns exec $NS_HOME dotnet "$DLL" lab replay "$capture" --to 203.0.113.10:9000 --from "$from" --duration "$duration" --speed "$speed" "$@" >"$d/replay.log"
  local zero; zero=$(sed -n 's/.*time zero at \([0-9.]*\).*/\1/p' "$d/replay.log")
  local until; until=$(python3 -c "print(max(0.0, $zero + ${duration%s} / $speed + 5 - __import__('time').time()))")
  sleep "$until"
  marker
  sleep 2
  kill -INT $t1 $t2; wait $t1 $t2 2>/dev/null || true
  kill -TERM $gw $ep; wait $gw $ep 2>/dev/null || true
  grep -q "restored exactly" "$d/gw.log" || { say "shaper-e2e: gateway did not restore: $(tail -2 "$d/gw.log")"; }
  B activity "$d/observed.pcap" --observer isp --home-address 198.51.100.1 --json >"$d/act-observed.json"
  B activity "$d/input.pcap" --observer isp --home-address 192.0.2.2 --json >"$d/act-input.json"
  local frame=$((cell + 14))
  local s=${spec/RATE/$(python3 -c "print(f'{$rate_bps * $frame / $cell:.3f}B/s')")}; s=${s/SIZE/$frame},header=$header
  B simulate "$d/input.pcap" --defence "$s" --upload 1MB/s --home-address 192.0.2.2 --json >"$d/simulate.json"
  local start; start=$(tcpdump -r "$capture" -c 1 -tt -n 2>/dev/null | awk '{print $1}')
  cat >"$d/args.json" <<JSON
{"name": "$name", "input_pcap": "$d/input.pcap", "observed_pcap": "$d/observed.pcap", "home": "192.0.2.2", "gateway": "198.51.100.1",
 "endpoint": "203.0.113.2", "simulate_json": "$d/simulate.json", "simulate_upload_bps": 1000000,
 "activity_observed_json": "$d/act-observed.json", "activity_input_json": "$d/act-input.json",
 "gateway_stats": "$d/gw/cells-blinds0.json", "endpoint_stats": "$d/ep/cells-blinds0.json",
 "truth_times": $(python3 -c "$truth"), "replay_from": $(python3 -c "print($start + ${from%s})"), "replay_to": $(python3 -c "print($start + ${from%s} + ${duration%s})"),
 "live_zero": $zero, "speed": $speed, "tolerance_s": $tolerance, "simulate_defence": "$s"}
JSON
  python3 "$ROOT/scripts/shaper-e2e-analyse.py" "$d/args.json" >"$d/result.json"
}

results=()
if [[ ,$segments, == *,lab,* ]]; then
  say "shaper-e2e: lab segment (paper lab, 8 minutes of upstream at 8x)"
  B lab generate --preset paper-lab --out "$W/lab.pcapng" >/dev/null
  segment lab "$W/lab.pcapng" 360s 480s 8 2 \
    "import csv,datetime;print([datetime.datetime.fromisoformat(r['time'].replace('Z','+00:00')).timestamp() for r in csv.DictReader(open('$W/lab.events.csv')) if r['activity']!='startup'])"
  results+=("$W/lab/result.json")
fi
REAL=$ROOT/../shared/data/tj-oconnor_IoT-Dataset
if [[ ,$segments, == *,real,* ]]; then
  if [ -f "$REAL/pcaps/blink-cam-01.pcap" ]; then
    say "shaper-e2e: real segment (tj-oconnor blink-cam-01, 4 minutes around the motion of 2021-03-08 18:18 UTC, at 8x)"
    segment real "$REAL/pcaps/blink-cam-01.pcap" 10440s 240s 8 8 \
      "import csv;print([float(r['t_epoch']) for r in csv.DictReader(open('$REAL/labels_utc.csv')) if r['device_id']=='blink-cam-01' and 'motion' in r['event']])" \
      --device f4:b8:5e:ff:2b:1b
    results+=("$W/real/result.json")
  else
    say "shaper-e2e: real segment skipped: $REAL/pcaps/blink-cam-01.pcap not here"
  fi
fi

python3 - "$json" "$timing" "${results[@]}" <<'PY'
import json, sys
as_json, timing, files = sys.argv[1] == '1', sys.argv[2], sys.argv[3:]
segs = [json.load(open(f)) for f in files]
def within(a, b, share): return b != 0 and abs(a - b) <= share * abs(b)
checks = {}
for s in segs:
    n = s['segment']
    checks[f'{n}: one observed size'] = s['observed_distinct_sizes'] == 1
    checks[f'{n}: correlation < 0.1'] = abs(s['input_output_correlation']) < 0.1
    checks[f'{n}: F1 within 0.05 of chance'] = abs(s['isp_activity_f1'] - s['chance_f1']) <= 0.05
    for d in ('up', 'down'):
        checks[f'{n}: overhead {d} within 15%'] = within(s['measured_overhead_kbps'][d], s['simulated_overhead_kbps'][d], 0.15)
    checks[f'{n}: p95 delay within 15%'] = within(s['measured_delay_p95_ms'], s['simulated_delay_p95_ms'], 0.15)
head = segs[0] if segs else {}
out = {k: head.get(k) for k in ('observed_packet_sizes', 'input_output_correlation', 'isp_activity_f1', 'chance_recall', 'chance_f1',
                                'simulated_overhead_kbps', 'measured_overhead_kbps', 'simulated_delay_p95_ms', 'measured_delay_p95_ms')}
out.update({'timing': timing, 'segments': segs, 'targets': checks, 'all_targets_met': all(checks.values())})
if as_json:
    print(json.dumps(out, indent=2))
else:
    for s in segs:
        print(f"{s['segment']}: {s['seconds']} s, sizes {s['observed_packet_sizes']}, correlation {s['input_output_correlation']:.3f}, "
              f"F1 {s['isp_activity_f1']:.2f} (chance {s['chance_f1']:.2f}; unshaped {s['unshaped_isp_activity_f1']:.2f}), "
              f"overhead up {s['measured_overhead_kbps']['up']:.2f} vs {s['simulated_overhead_kbps']['up']:.2f} kB/s, down {s['measured_overhead_kbps']['down']:.2f} vs {s['simulated_overhead_kbps']['down']:.2f}, "
              f"p95 delay {s['measured_delay_p95_ms']:.1f} vs {s['simulated_delay_p95_ms']:.1f} ms (measured vs simulated)")
    for k, v in checks.items():
        print(('met    ' if v else 'MISSED ') + k)
sys.exit(0 if timing != 'constant' or all(checks.values()) else 1)
PY
