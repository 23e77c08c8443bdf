#!/usr/bin/env bash
# How fast the cell path carries unshaped traffic (issue 17: at least 200 Mbit/s on one core), beside plain routing
# in the same run. As root: namespaces home — gateway — observer — endpoint (documentation addresses only), iperf3
# from the home to a server behind the endpoint, first plainly routed, then through `blinds shape up --mode cells
# --up-rate line` / `shape endpoint --down-rate line` (each packet leaves at once as one sealed cell, no cover), each
# end pinned to one core with taskset. Prints a markdown table row per run; bench/shaper-throughput.md keeps results.
#
#   sudo bench/shaper-throughput.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
[ "$(id -u)" = 0 ] || { echo "shaper-throughput: needs root"; exit 0; }
for t in ip iperf3 taskset dotnet; do command -v $t >/dev/null || { echo "shaper-throughput: needs $t"; exit 0; }; done
DLL=${BLINDS_DLL:-$PWD/src/Blinds.Cli/bin/Release/net10.0/blinds.dll}
[ -f "$DLL" ] || dotnet build src/Blinds.Cli -c Release -v q >/dev/null

P=bt$$ W=$(mktemp -d /tmp/shaper-bench.XXXXXX)
NS=("$P-home" "$P-gw" "$P-obs" "$P-ep")
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  sleep 1
  for n in "${NS[@]}"; do ip netns del "$n" 2>/dev/null || true; done
  rm -rf "$W"
}
trap cleanup EXIT
for n in "${NS[@]}"; do ip netns add "$n"; ip -n "$n" link set lo up; done
ip link add ${P}h0 netns $P-home type veth peer name ${P}g0 netns $P-gw
ip link add ${P}g1 netns $P-gw type veth peer name ${P}o0 netns $P-obs
ip link add ${P}o1 netns $P-obs type veth peer name ${P}e0 netns $P-ep
ip -n $P-home addr add 192.0.2.2/24 dev ${P}h0
ip -n $P-gw addr add 192.0.2.1/24 dev ${P}g0
ip -n $P-gw addr add 198.51.100.1/24 dev ${P}g1
ip -n $P-obs addr add 198.51.100.2/24 dev ${P}o0
ip -n $P-obs addr add 203.0.113.1/24 dev ${P}o1
ip -n $P-ep addr add 203.0.113.2/24 dev ${P}e0
ip -n $P-ep addr add 203.0.113.10/32 dev lo
for x in "home h0" "gw g0" "gw g1" "obs o0" "obs o1" "ep e0"; do set -- $x; ip -n $P-$1 link set ${P}$2 up; done
ip -n $P-home route add default via 192.0.2.1
ip -n $P-gw route add default via 198.51.100.2
ip -n $P-obs route add 192.0.2.0/24 via 198.51.100.1
ip -n $P-ep route add default via 203.0.113.1
for n in "${NS[@]}"; do ip netns exec "$n" sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0; done
ip netns exec $P-ep iperf3 -s -B 203.0.113.10 -D --logfile "$W/iperf-server.log"

run() {
  ip netns exec $P-home iperf3 -c 203.0.113.10 -t "$secs" -J >"$W/$1.json"
  python3 -c "import json; r=json.load(open('$W/$1.json'))['end']; print(f\"{r['sum_received']['bits_per_second']/1e6:.0f}\")"
}

plain=$(run plain)
head -c 32 /dev/urandom >"$W/key"
# One sealed cell per packet: cells of 1500 bytes carry 1440-byte packets (the TUN device's MTU).
BLINDS_STATE_DIR=$W/ep ip netns exec $P-ep taskset -c 1 dotnet "$DLL" shape endpoint --mode cells --dev blinds0 --listen 203.0.113.2:51821 \
  --route 192.0.2.0/24 --down-rate line --cell 1500 --tun-mtu 1440 --key-file "$W/key" 2>"$W/ep.log" & PIDS+=($!)
BLINDS_STATE_DIR=$W/gw ip netns exec $P-gw taskset -c 0 dotnet "$DLL" shape up --mode cells --dev blinds0 --peer 203.0.113.2:51821 \
  --listen 198.51.100.1:51821 --route 192.0.2.0/24 --up-rate line --cell 1500 --tun-mtu 1440 --key-file "$W/key" 2>"$W/gw.log" & PIDS+=($!)
for _ in $(seq 100); do [ -f "$W/gw/cells-blinds0.json" ] && [ -f "$W/ep/cells-blinds0.json" ] && break; sleep 0.2; done
# The first cell from the gateway teaches the endpoint its address; a short warm-up also lets the JIT finish.
ip netns exec $P-home iperf3 -c 203.0.113.10 -t 2 >/dev/null 2>&1 || true
cells=$(run cells)
load=$(cut -d' ' -f1-3 /proc/loadavg)
echo "| $(date -u +%Y-%m-%dT%H:%MZ) | $(nproc) cores, load $load | plain routing $plain Mbit/s | cell path (1500-byte cells, one core each end) $cells Mbit/s |"
