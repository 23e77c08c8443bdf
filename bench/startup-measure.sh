#!/usr/bin/env bash
# usage: measure.sh LABEL [ENV=VAL ...]  -- prints JIT count for --version and summary, and hyperfine min/mean
b=${BLINDS_BIN:-/tmp/startup-bench/blinds/blinds}; t=${BLINDS_TINY:-/tmp/startup-bench/one.pcap}
label=$1; shift
for c in "--version" "summary $t"; do
  env "$@" DOTNET_JitStdOutFile=/tmp/startup-bench/jit.txt DOTNET_JitDisasmSummary=1 $b $c >/dev/null 2>&1
  n=$(grep -c . /tmp/startup-bench/jit.txt 2>/dev/null); rm -f /tmp/startup-bench/jit.txt
  hyperfine -N -w 3 -r 20 --export-json /tmp/startup-bench/h.json "env $* taskset -c 0 $b $c" >/dev/null 2>&1
  python3 - "$label" "$c" "$n" <<'PY'
import json,sys
r=json.load(open('/tmp/startup-bench/h.json'))['results'][0]
print(f"{sys.argv[1]:12} {sys.argv[2][:12]:12} jit={sys.argv[3]:>5} min={r['min']*1000:6.0f}ms mean={r['mean']*1000:6.0f}ms cpu={(r['user']+r['system'])*1000:5.0f}ms")
PY
done
