#!/usr/bin/env python3
"""Sets each labelled real capture's labels against the labelled device's own internet traffic, packet by packet,
to say why activity inference stays low on it (results/activity-why.md quotes this output).

  activity-why.py DATA [NAME...]
  activity-why.py DATA --scheduled   counts tj-oconnor's labels that a schedule repeats every hour round the clock


For every capture of scripts/real-data-labels.py (or the NAMEs given): the device's exchanges (its packets to or
from a public address, split at 2 s of silence), the typical size of an exchange away from the labels (median and
90th percentile; 1.5 × the median is taken as the device's own size), and per label the largest exchange that starts within the labels' tolerance. Needs tshark.
"""
import csv
import datetime
import ipaddress
import os
import subprocess
import sys
import tempfile

data, *only = sys.argv[1:]


def scheduled():
    """Per device and label file of tj-oconnor's labels_utc.csv: the labels that recur at one minute of every hour
    round the clock (an (event, minute of the hour) pair seen at least 20 times, in at least 20 of the 24 hours of the
    day: an hourly applet, not a person), beside all of the device's labels in that file."""
    import collections
    rows = list(csv.DictReader(open(os.path.join(data, "tj-oconnor_IoT-Dataset", "labels_utc.csv"))))
    when = lambda r: datetime.datetime.fromtimestamp(int(r["t_epoch"]), datetime.timezone.utc)
    groups = collections.defaultdict(list)
    for r in rows:
        groups[(r["device_id"], r["label_file"])].append(r)
    print("| device | label file | labels | at one minute of every hour | events (minute of the hour: count) |")
    print("|---|---|---:|---:|---|")
    total = 0
    for (device, source), rs in sorted(groups.items(), key=lambda g: (-len(g[1]), g[0])):
        pairs = collections.defaultdict(list)
        for r in rs:
            pairs[(r["event"], when(r).minute)].append(r)
        hourly = {k: v for k, v in pairs.items() if len(v) >= 20 and len({when(r).hour for r in v}) >= 20}
        n = sum(len(v) for v in hourly.values())
        if n:
            total += n
            what = ", ".join(f"{e.removeprefix('event_')} :{m:02d}: {len(v)}" for (e, m), v in sorted(hourly.items(), key=lambda kv: kv[0][1]))
            print(f"| {device} | {source} | {len(rs)} | {n} | {what} |")
    print(f"\n{total} of {len(rows)} labels recur at one minute of every hour round the clock.")


if only == ["--scheduled"]:
    scheduled()
    sys.exit(0)
here = os.path.dirname(os.path.abspath(__file__))
work = tempfile.mkdtemp()
listing = subprocess.run([sys.executable, os.path.join(here, "real-data-labels.py"), data, work], check=True, capture_output=True, text=True).stdout


def public(ip):
    try:
        a = ipaddress.ip_address(ip)
    except ValueError:
        return False
    return a.is_global


def exchanges(path, mac):
    out = subprocess.run(["tshark", "-r", path, "-T", "fields", "-e", "frame.time_epoch", "-e", "frame.len", "-e", "eth.src",
                          "-e", "eth.dst", "-e", "ip.src", "-e", "ip.dst", "-E", "separator=,"], check=True, capture_output=True, text=True).stdout
    found, cur = [], None
    for line in out.splitlines():
        t, n, src, dst, ipsrc, ipdst = (line.split(",") + [""] * 6)[:6]
        if mac not in (src, dst) or not public(ipdst if src == mac else ipsrc):
            continue
        t, n = float(t), int(n)
        if cur and t - cur[1] <= 2:
            cur[1], cur[2], cur[3] = t, cur[2] + n, cur[3] + 1
        else:
            if cur:
                found.append(cur)
            cur = [t, t, n, 1]
    if cur:
        found.append(cur)
    return found


def ts(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


for line in listing.splitlines():
    name, rel, tol = line.split("\t")
    if only and name not in only:
        continue
    tol = float(tol.rstrip("s"))
    mac = open(os.path.join(work, name + ".devices.csv")).read().splitlines()[1].split(",")[0]
    labels = [(ts(r["time"]), r["activity"]) for r in csv.DictReader(open(os.path.join(work, name + ".events.csv")))]
    ex = exchanges(os.path.join(data, rel), mac)
    away = sorted(e[2] for e in ex if all(abs(e[0] - t) > tol for t, _ in labels))
    med = away[len(away) // 2] if away else 0
    p90 = away[int(0.9 * len(away))] if away else 0
    print(f"## {name} ({len(labels)} labels, ±{tol:.0f} s; {len(ex)} exchanges of {mac} with public addresses)")
    print(f"exchanges away from the labels: {len(away)}, median {med} B, 90th percentile {p90} B; above that: {sum(1 for v in away if v > p90)}")
    none = small = 0
    prompt = []  # the exchanges that start within 1 s of a label and are larger than 1.5 × the median (an action's own)
    for t, activity in labels:
        near = [e for e in ex if abs(e[0] - t) <= tol]
        top = max(near, key=lambda e: e[2]) if near else None
        none += top is None
        small += top is not None and top[2] <= 1.5 * med
        prompt += [e for e in ex if abs(e[0] - t) <= 1 and e[2] > 1.5 * med][:1]
        when = datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
        print(f"  {when}  {activity[:48]:48}  " + (f"largest exchange {top[2]:7d} B, {top[3]:4d} packets, {top[0] - t:+6.1f} s" if top else "no exchange"))
    gaps = sorted(b[0] - a[0] for a, b in zip(sorted(labels), sorted(labels)[1:]))
    print(f"labels with no exchange within ±{tol:.0f} s: {none}; with only exchanges no larger than 1.5 × the median away from labels (the device's own size): {small}; "
          f"labels less than 15 s after the previous: {sum(1 for g in gaps if g < 15)}")
    if prompt:
        print(f"labels with an exchange larger than 1.5 × the median starting within 1 s: {len(prompt)}, "
              f"{min(e[2] for e in prompt)}-{max(e[2] for e in prompt)} B in {min(e[3] for e in prompt)}-{max(e[3] for e in prompt)} packets")
    print()
