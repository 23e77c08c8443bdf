#!/usr/bin/env python3
"""Converts the real datasets' own labels into Blinds' devices/events files (mac,name,type / time,device,activity).

Labels are converted, not edited: each dataset's own timestamps and device ids (see ../shared/data/REPORT.md).
Writes WORK/NAME.devices.csv and WORK/NAME.events.csv for every capture it knows, and prints
"NAME<TAB>capture path<TAB>tolerance" for each whose capture is present under DATA.
  real-data-labels.py DATA WORK
"""
import csv
import os
import sys

data, work = sys.argv[1:]


def write(name, mac, device, kind, rows):
    with open(os.path.join(work, name + ".devices.csv"), "w") as f:
        f.write(f"mac,name,type\n{mac},{device},{kind}\n")
    # Through the csv module: some labels hold quotes ('switch mode "ON"'), which a hand-made row leaves bare.
    with open(os.path.join(work, name + ".events.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["time", "device", "activity"])
        for t, a in rows:
            w.writerow([t, device, a.replace(',', ';')])


captures = []  # (name, capture path relative to data, tolerance: the labels' resolution)

# SSI smart plug: the active session's table (timers, schedules, manual on/off), minus its start/end markers.
rows = [(r["t_utc"], r["event"]) for r in csv.DictReader(open(os.path.join(data, "edim98_SSI_Measurements_2022/plug_active_events.csv")))
        if "active measurements" not in r["event"]]
write("ssi-plug", "38:1f:8d:b0:c9:01", "plug", "plug", rows)
captures.append(("ssi-plug", "edim98_SSI_Measurements_2022/Smart Power Plug/2-smartPowerPlugActiveMeasurements.pcap", "10s"))

# tj-oconnor week-long captures: every label row of the capture's device. A Bluetooth lock's labels belong to the
# Wi-Fi hub that relays it (the Sifely lock talks to the internet only through its G2 gateway).
devices = {r["device_id"]: r for r in csv.DictReader(open(os.path.join(data, "tj-oconnor_IoT-Dataset/devices.csv")))}
labels = list(csv.DictReader(open(os.path.join(data, "tj-oconnor_IoT-Dataset/labels_utc.csv"))))
for cap, labelled, kind in [("blink-cam-01", "blink-cam-01", "camera"), ("blink-cam-02", "blink-cam-02", "camera"),
                            ("blink-cam-03", "blink-cam-03", "camera"), ("schlage-lock-01", "schlage-lock-01", "lock"),
                            ("sifely-hub-01", "sifely-lock-01", "lock"), ("lockly-hub-01", "lockly-lock-01", "lock")]:
    # The dataset's "event_motion", "event_lock" are Blinds' "motion", "lock": only the prefix goes. A battery
    # report is the device's own, not a user's activity.
    rows = [(l["t_utc"], l["event"].removeprefix("event_")) for l in labels if l["device_id"] == labelled and l["event"] != "event_batt"]
    if not rows:
        continue
    write(cap, devices[cap]["mac"], cap, kind, rows)
    captures.append((cap, f"tj-oconnor_IoT-Dataset/pcaps/{cap}.pcap", "60s"))

# Xiaodu plug: the start of every on/off phase of the full 68-minute trace. Every on/off phase is a switch of the
# plug: Blinds calls that a "toggle".
phases = list(csv.DictReader(open(os.path.join(data, "NKUHack4FGroup_Lifecycle-Based-Traffic-Dataset/result_demo/traffic_demo/phases_utc.csv"))))
rows = [(p["start_utc"], "toggle") for p in phases if p["device"] == "xiaodu_plug" and (p["phase"].startswith("on_") or p["phase"].startswith("off_"))]
write("xiaodu-plug", "f4:21:ae:9e:8f:cb", "xiaodu_plug", "plug", rows)
captures.append(("xiaodu-plug", "NKUHack4FGroup_Lifecycle-Based-Traffic-Dataset/result_demo/traffic_demo/xiaodu_plug/xiaodu_plug.pcap", "10s"))

for name, path, tol in captures:
    if os.path.exists(os.path.join(data, path)):
        print(f"{name}\t{path}\t{tol}")
