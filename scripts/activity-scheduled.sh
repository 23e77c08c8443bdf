#!/usr/bin/env bash
# What the activity detector finds on actions that a schedule (an IFTTT applet, a timer) repeats, measured on the lab
# (results/activity-why.md, "What the detector cannot see by design"). Three plugs of the paper-lab preset over four
# days: the WeMo switch toggled at :15 and :30 of every hour round the clock (as tj-oconnor's IFTTT applets do), the
# Orvibo socket at :45 of every hour from 08:00 to 21:45 only, the TP-Link plug twice a day (07:40 and 18:15). Prints
# each device's labelled, detected and matched events at the detector's defaults (LAN, ±10 s).
#   scripts/activity-scheduled.sh [DETECTOR]
set -euo pipefail
cd "$(dirname "$0")/.."
config=${BLINDS_CONFIGURATION:-Release}
dotnet build src/Blinds.Cli -c "$config" -v q -nologo >/dev/null
blinds() { dotnet "src/Blinds.Cli/bin/$config/net10.0/blinds.dll" "$@"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
blinds lab scenario --preset paper-lab > "$work/paper-lab.json"
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
s = json.load(open(f"{work}/paper-lab.json"))
days = 4
at = lambda d, h, m: (f"{d}." if d else "") + f"{h:02d}:{m:02d}:00"
acts = []
for d in range(days):
    for h in range(24):
        acts += [{"at": at(d, h, 15), "device": "wemo-switch", "activity": "toggle"}, {"at": at(d, h, 30), "device": "wemo-switch", "activity": "toggle"}]
        if 8 <= h <= 21:
            acts.append({"at": at(d, h, 45), "device": "orvibo-socket", "activity": "toggle"})
    acts += [{"at": at(d, 7, 40), "device": "tplink-plug", "activity": "toggle"}, {"at": at(d, 18, 15), "device": "tplink-plug", "activity": "toggle"}]
s.update(name="scheduled", duration=f"{days}.00:00:00", activities=sorted(acts, key=lambda a: a["at"]),
         devices=[d for d in s["devices"] if d["name"] in ("wemo-switch", "orvibo-socket", "tplink-plug")])
json.dump(s, open(f"{work}/scheduled.json", "w"), indent=1)
PY
blinds lab generate "$work/scheduled.json" --out "$work/scheduled.pcapng" >/dev/null
blinds activity "$work/scheduled.pcapng" --events "$work/scheduled.events.csv" --devices "$work/scheduled.devices.csv" \
  --tolerance 10s ${1:+--detector "$1"} --json > "$work/activity.json"
python3 - "$work/activity.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
print("| device | schedule | labelled (incl. start-up) | detected | matched | recall |")
print("|---|---|---:|---:|---:|---:|")
what = {"wemo-switch": ":15 and :30 of every hour, round the clock", "orvibo-socket": ":45 of every hour, 08-21 h", "tplink-plug": "07:40 and 18:15 every day"}
for s in sorted(j["scores"], key=lambda s: s["device"]):
    print(f"| {s['device']} | {what.get(s['device'], '')} | {s['truth']} | {s['detected']} | {s['matched']} | {s['recall']:.2f} |")
PY
