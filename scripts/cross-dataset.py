#!/usr/bin/env python3
"""Tables for scripts/cross-dataset.sh (results/cross-dataset.md), from the JSON of `blinds identify`.

  cross-dataset.py devices MAP.csv                       the reverse model's labels file (mac,name,type)
  cross-dataset.py report MAP.csv KINDS.csv WORK IOTS    the markdown report

Nothing here is tuned: it reads what identify said of each mapped device and compares it with the map.
"""
import collections
import contextlib
import io
import csv
import json
import os
import re
import sys


def rows(path):
    with open(path, newline='') as f:
        return list(csv.DictReader(line for line in f if not line.startswith('#')))


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def pct(a, b):
    return f"{a}/{b} ({100.0 * a / b:.0f} %)" if b else "–"


def mentions(text, label):
    # Whole labels only: WeMoSwitch must not match inside WeMoSwitch2.
    return re.search(r'(?<![A-Za-z0-9-])' + re.escape(label) + r'(?![A-Za-z0-9])', text) is not None


def source(entity):
    """Where the label came from, by the evidence identify printed: names, traffic, or both."""
    label = entity.get('label')
    if label is None:
        return 'none'
    # Names here are everything the signatures hold: DNS, SNI and mDNS names and DHCP facts.
    by_names = any(not ev.startswith(('traffic says', 'MAC vendor')) and mentions(ev, label) for ev in entity['evidence'])
    by_traffic = any(ev.startswith('traffic says') and mentions(ev, label) for ev in entity['evidence'])
    return {(True, True): 'names+traffic', (True, False): 'names', (False, True): 'traffic'}.get((by_names, by_traffic), 'other')


def devices(map_path):
    print('mac,name,type')
    for r in rows(map_path):
        print(f"{r['mac']},{r['common']},{r['kind']}")


class Tally:
    def __init__(self):
        self.n = 0
        self.strict = 0
        self.grouped = 0
        self.kind = 0
        self.labelled = 0
        self.unknown = 0
        self.guess_kind = 0
        self.given = collections.Counter()
        self.sources = collections.Counter()

    def add(self, entity, accepted, kind_of, kind):
        self.n += 1
        if entity is not None and entity.get('label') is None and entity.get('guess'):
            # Open set: "unknown", with the closest labels kept as a guess.
            self.unknown += 1
            self.given['unknown (guess ' + ' \\| '.join(entity['guess']) + ')'] += 1
            self.sources['unknown'] += 1
            self.guess_kind += kind_of({'label': entity['guess'][0]}) == kind
            return
        if entity is None or entity.get('label') is None:
            self.given['(nothing)'] += 1
            self.sources['none'] += 1
            return
        label = entity['label']
        self.labelled += 1
        self.given[entity.get('tied') and ' \\| '.join(entity['tied']) or label] += 1
        self.sources[source(entity)] += 1
        self.strict += label in accepted
        self.grouped += any(t in accepted for t in entity.get('tied') or [label])
        self.kind += kind_of(entity) == kind

    def top(self):
        return '; '.join(f"{g} ×{c}" for g, c in self.given.most_common(2)) + (' …' if len(self.given) > 2 else '')


def short(dataset, path):
    return f"{dataset}: {os.path.basename(path)}"


def entities_by_mac(doc):
    return {e['mac']: e for e in (doc or {}).get('entities', []) if e.get('mac')}


def report(map_path, kinds_path, work, iots):
    devices_map = {r['mac']: r for r in rows(map_path)}
    kinds = {r['label']: r['kind'] for r in rows(kinds_path)}
    labels = sorted(kinds)
    learn = open(os.path.join(work, 'learn.txt')).read()
    learn_s = float(open(os.path.join(work, 'learn.seconds')).read())
    tests = [line.rstrip('\n').split('\t') for line in open(os.path.join(work, 'tests.tsv'))]
    failed = []

    methods = ['model', 'names', 'shipped']
    tallies = collections.defaultdict(lambda: {m: Tally() for m in methods})
    detail = []
    isp_rows = []
    names_right = overridden = 0
    diag_summary = None
    noshared = collections.defaultdict(Tally)
    for n, dataset, path in tests:
        docs = {m: load(os.path.join(work, f't{n}.{m}.json')) for m in methods}
        failed += [f"{short(dataset, path)} ({m})" for m in methods if docs[m] is None]
        lan = {m: entities_by_mac(docs[m]) for m in methods}
        present = [mac for mac in devices_map if any(mac in lan[m] for m in methods)]
        for mac in present:
            dev = devices_map[mac]
            key = (dev['dataset'], dev['device'])
            accepted = set(filter(None, dev['iot_sentinel'].split('|')))
            shipped = set(filter(None, dev['shipped'].split('|')))
            for m in methods:
                e = lan[m].get(mac)
                if m == 'shipped':
                    tallies[key][m].add(e, shipped, lambda x: x.get('kind'), dev['kind'])
                else:
                    tallies[key][m].add(e, accepted, lambda x: kinds.get(x['label']), dev['kind'])
            diag = entities_by_mac(load(os.path.join(work, f't{n}.noshared.json')))
            if diag:
                noshared[key].add(diag.get(mac), accepted, lambda x: kinds.get(x['label']), dev['kind'])
            nm, md = lan['names'].get(mac) or {}, lan['model'].get(mac) or {}
            if accepted and nm.get('label') in accepted:
                names_right += 1
                overridden += md.get('label') not in accepted
            shown = {m: (lan[m].get(mac) or {}) for m in methods}
            detail.append((short(dataset, path), dev['device'], dev['kind'],
                           *[(' \\| '.join(shown[m].get('tied') or []) or '–') + (f" ({shown[m].get('confidence', 0):.2f}, {source(shown[m])})" if shown[m].get('label') else '') for m in methods]))
        isp = load(os.path.join(work, f't{n}.isp.json'))
        if present and isp is not None:
            streams = isp.get('entities', [])
            named = collections.Counter(' \\| '.join(e.get('tied') or [e['label']]) for e in streams if e.get('label'))
            right = set()
            for mac in present:
                right |= set(filter(None, devices_map[mac]['iot_sentinel'].split('|')))
            isp_rows.append((short(dataset, path), ', '.join(devices_map[m]['device'] for m in present), len(streams), sum(named.values()),
                             '; '.join(f"{l} ×{c}" for l, c in named.most_common()) or '–',
                             'n/a (none in the model)' if not right else ('yes' if any(right & set(l.split(' \\| ')) for l in named) else 'no')))

    model_labels = len(labels)
    by_kind = collections.Counter(kinds.values())
    print("# The attacker who learns once and watches many homes (generated by scripts/cross-dataset.sh; do not edit)")
    print()
    print("Issue 18 item 5. A model is trained once, on every IoT Sentinel setup capture (captured 2016 in one lab;")
    print("`blinds fingerprint learn --label-by folder --model`: name signatures plus a LightGBM traffic classifier),")
    print("and applied by `blinds identify` to the captures of other datasets: other homes and labs, other years (PingPong")
    print("2018, iot-firewall 2022, Lifecycle 2024, SSI 2022, Mon(IoT)r 2019, tj-oconnor 2021). Each labelled device of")
    print("those captures (../shared/data/LABELLED_MACS.csv) is scored in every capture it appears in. Which IoT Sentinel")
    print("label names the same product is decided in scripts/cross-dataset-map.csv, and each label's kind in")
    print("scripts/cross-dataset-kinds.csv, both from the datasets' documentation (vendor and model names), before")
    print("any result was seen; nothing is tuned to the test captures.")
    print()
    print("Methods: **model** (`identify --model`: a specific name decides, else names and traffic together, the")
    print("traffic alone when no name matched; below the open-set threshold the answer is \"unknown\" with the best labels")
    print("as a guess, the threshold chosen by cross-validation within IoT Sentinel: results/identification.md), **names** (`identify --signatures` with the same training's name signatures, no traffic), and")
    print("**shipped** (`identify` with the signatures shipped from the papers, the baseline). Strict: the first label")
    print("names the device's product. Kind: the first label's kind is the device's kind (plug, camera, hub...).")
    print("Evidence: which part of the model gave the label (from identify's evidence lines). Good: strict and kind")
    print("well above their chance columns; an attacker whose model carried over between homes would come near the")
    print("figures measured within IoT Sentinel (results/identification.md).")
    print()
    print(f"Training: {re.sub(r'^wrote [^:]*: ', '', learn.strip().splitlines()[-1])} | {learn_s:.1f} s for the whole `fingerprint learn`.")
    print(f"Model labels: {model_labels}; kinds: " + ', '.join(f"{k} {c}" for k, c in by_kind.most_common()) + ".")
    print(f"Chance: strict = labels accepted / {model_labels} (2/{model_labels} = {200 / model_labels:.1f} % for the TP-Link plugs, whose model")
    print(f"is not stated); kind = labels of the device's kind / {model_labels} (a random label of the model); the majority")
    print(f"kind (always answer \"{by_kind.most_common(1)[0][0]}\") is right for the test devices of that kind only (below).")
    print()

    overlap = [k for k in tallies if devices_map_key(devices_map, k)['iot_sentinel']]
    body = io.StringIO()
    head = contextlib.redirect_stdout(body)
    head.__enter__()
    print("## Devices the model knows (same product in IoT Sentinel)")
    print()
    print("| device (dataset) | kind | captures | model: labels given | model strict | model kind | model evidence | names strict | names kind | shipped strict | shipped kind | chance strict / kind |")
    print("|---|---|---:|---|---:|---:|---|---:|---:|---:|---:|---:|")
    for key in sorted(overlap):
        dev = devices_map_key(devices_map, key)
        t = tallies[key]
        acc = len(dev['iot_sentinel'].split('|'))
        print(f"| {key[1]} ({key[0]}) | {dev['kind']} | {t['model'].n} | {t['model'].top()} | {pct(t['model'].strict, t['model'].n)} | {pct(t['model'].kind, t['model'].n)} | "
              f"{', '.join(f'{s} {c}' for s, c in t['model'].sources.most_common())} | {pct(t['names'].strict, t['names'].n)} | {pct(t['names'].kind, t['names'].n)} | "
              f"{pct(t['shipped'].strict, t['shipped'].n)} | {pct(t['shipped'].kind, t['shipped'].n)} | {100.0 * acc / model_labels:.1f} % / {100.0 * by_kind[dev['kind']] / model_labels:.1f} % |")
    print()
    others = [k for k in tallies if k not in overlap]
    print("## Devices the model does not know (other products; strict is impossible, kind is not)")
    print()
    print("\"unknown\" is the right answer for these; any label given is a wrong product, and only the kind can be right")
    print("(where the kind is among the model's).")
    print()
    print("| device (dataset) | kind | captures | model: labels given | model kind | model evidence | names: labelled | names kind | shipped: labelled | shipped kind | chance kind |")
    print("|---|---|---:|---|---:|---|---:|---:|---:|---:|---:|")
    for key in sorted(others):
        dev = devices_map_key(devices_map, key)
        t = tallies[key]
        print(f"| {key[1]} ({key[0]}) | {dev['kind']} | {t['model'].n} | {t['model'].top()} | {pct(t['model'].kind, t['model'].n)} | "
              f"{', '.join(f'{s} {c}' for s, c in t['model'].sources.most_common())} | {pct(t['names'].labelled, t['names'].n)} | {pct(t['names'].kind, t['names'].n)} | "
              f"{pct(t['shipped'].labelled, t['shipped'].n)} ({t['shipped'].top()}) | {pct(t['shipped'].kind, t['shipped'].n)} | {100.0 * by_kind[dev['kind']] / model_labels:.1f} % |")
    print()

    def total(keys, m, attr):
        return sum(getattr(tallies[k][m], attr) for k in keys), sum(tallies[k][m].n for k in keys)

    print("## Totals (device-captures)")
    print()
    print("| | model | names | shipped |")
    print("|---|---:|---:|---:|")
    print("| known devices, strict | " + ' | '.join(pct(*total(overlap, m, 'strict')) for m in methods) + " |")
    print("| known devices, kind | " + ' | '.join(pct(*total(overlap, m, 'kind')) for m in methods) + " |")
    print("| unknown devices, kind | " + ' | '.join(pct(*total(others, m, 'kind')) for m in methods) + " |")
    print("| unknown devices given a (wrong) label | " + ' | '.join(pct(*total(others, m, 'labelled')) for m in methods) + " |")
    print("| unknown devices called \"unknown\" (open set, right) | " + ' | '.join(pct(*total(others, m, 'unknown')) for m in methods) + " |")
    print("| known devices called \"unknown\" (wrong) | " + ' | '.join(pct(*total(overlap, m, 'unknown')) for m in methods) + " |")
    print("| all devices, kind of the guess when \"unknown\" | " + ' | '.join(pct(*total(list(tallies), m, 'guess_kind')) for m in methods) + " |")
    all_keys = list(tallies)
    test_kinds = collections.Counter()
    for k in all_keys:
        test_kinds[devices_map_key(devices_map, k)['kind']] += tallies[k]['model'].n
    majority, count = test_kinds.most_common(1)[0]
    n_all = sum(test_kinds.values())
    print(f"| all devices, kind (majority kind \"{majority}\" would be {pct(count, n_all)}) | " + ' | '.join(pct(*total(all_keys, m, 'kind')) for m in methods) + " |")
    print()
    print(f"Where the model's names alone named the right product ({names_right} device-captures), the model (names and")
    print(f"traffic) gave no right first label in {overridden} (another label, or \"unknown\").")
    print()
    # The folders whose labelled MAC is shared (a hub and the radio device added through it).
    lab = rows(os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(iots)))), 'LABELLED_MACS.csv'))
    by_mac = collections.defaultdict(list)
    for r in lab:
        if r['dataset'] == 'andypitcher_IoT_Sentinel':
            by_mac[r['mac']].append(r['device_label'])
    shared = sorted(f for fs in by_mac.values() if len(fs) > 1 for f in fs)
    given = collections.Counter()
    for k in all_keys:
        for g, c in tallies[k]['model'].given.items():
            given[g.split(' \\| ')[0]] += c
    in_shared = sum(c for g, c in given.items() if g in shared)
    print(f"The model's first labels over all {n_all} device-captures: " + ', '.join(f"{g} {c}" for g, c in given.most_common(5)) + '.')
    print(f"{in_shared} of {n_all} are folders whose labelled MAC two folders share ({', '.join(shared)}): there the MAC is a hub")
    print("already running while a radio device (sensor, switch) was added through it, the only training captures of a")
    print("device in steady operation rather than at its setup: our reading of why stations seen mid-operation land")
    print("there. The diagnostic below retrains without those folders.")
    print()
    absent = sorted({(r['dataset'], r['device']) for r in devices_map.values()} - set(all_keys))
    if absent:
        print("Mapped devices with no capture here: " + '; '.join(f"{d} ({ds})" for ds, d in absent) + '.')
        print()
    print(f"Test devices: {len(all_keys)} ({len(overlap)} known to the model: two TP-Link plugs, one seen in {tallies[overlap[0]]['model'].n if overlap else 0} captures),")
    print(f"in {n_all} device-captures of {len(tests)} capture files. Small numbers: the only products both in IoT Sentinel and in")
    print("the other datasets here are TP-Link HS plugs (PingPong's devicelist.dat names WeMo, D-Link and Hue devices too, but")
    print("its one long capture here, wlan1.local.dns.pcap, holds only the plug, an Arlo camera, a Nest thermostat, a phone")
    print("and a Mac; the Hue hub of tj-oconnor has no capture here).")
    print()
    if noshared:
        kept = [label for label in labels if label not in shared]
        kept_kinds = collections.Counter(kinds[label] for label in kept)
        diag_learn = open(os.path.join(work, 'noshared.learn.txt')).read().strip().splitlines()[-1]
        print("## Diagnostic: the same training without the shared-MAC folders")
        print()
        print(f"The model retrained without the {len(shared)} folders whose labelled MAC two folders share ({', '.join(shared)}):")
        print(f"{re.sub(r'^wrote [^:]*: ', '', diag_learn)}. Where the stations of the test captures go then, by the first label")
        print("of `identify --model`. A diagnostic of the model's failure, not a better attack: nothing is chosen from it.")
        print()
        print("| device (dataset) | kind | captures | labels given | strict | kind | chance kind |")
        print("|---|---|---:|---|---:|---:|---:|")
        for key in sorted(noshared):
            dev = devices_map_key(devices_map, key)
            t = noshared[key]
            strict = pct(t.strict, t.n) if dev['iot_sentinel'] else 'n/a'
            print(f"| {key[1]} ({key[0]}) | {dev['kind']} | {t.n} | {t.top()} | {strict} | {pct(t.kind, t.n)} | {100.0 * kept_kinds[dev['kind']] / len(kept):.1f} % |")
        all_t = list(noshared.values())
        chance = sum(kept_kinds[devices_map_key(devices_map, k)['kind']] * noshared[k].n for k in noshared) / len(kept) / sum(t.n for t in all_t)
        print()
        diag_summary = f"{pct(sum(t.kind for t in all_t), sum(t.n for t in all_t))} (a random label's kind: {100.0 * chance:.1f} %)"
        print(f"All device-captures, right kind: {diag_summary}; "
              f"known devices, strict: {pct(sum(noshared[k].strict for k in overlap), sum(noshared[k].n for k in overlap))}.")
        print()
    print("## ISP observer (names only)")
    print()
    print("The model's traffic classifier reads a station's own packets, which the ISP does not see apart (one NAT")
    print("address): `identify --observer isp --model` uses only the model's names, one entity per service address.")
    print("Right: a stream is labelled with the product of a device in the capture.")
    print()
    print("| capture | mapped devices in it | streams | labelled | labels named (streams) | right label named |")
    print("|---|---|---:|---:|---|---|")
    for r in isp_rows:
        print(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[4]} | {r[5]} |")
    print()
    print("## Per capture (LAN)")
    print()
    print("| capture | device | kind | model | names | shipped |")
    print("|---|---|---|---|---|---|")
    for d in detail:
        print('| ' + ' | '.join(d) + ' |')
    print()
    rev = reverse(devices_map, kinds, work, iots, {devices_map_key(devices_map, k)['common'] for k in all_keys})
    head.__exit__(None, None, None)
    print("## Summary")
    print()
    if failed:
        print(f"- `identify` gave no result on {len(failed)} runs: " + '; '.join(failed) + '.')
    print(f"- Devices the model knows ({len(overlap)} TP-Link plugs, {total(overlap, 'model', 'n')[1]} device-captures): right product "
          f"{pct(*total(overlap, 'model', 'strict'))} with the model (names and traffic), {pct(*total(overlap, 'names', 'strict'))} with its names alone, "
          f"{pct(*total(overlap, 'shipped', 'strict'))} with the shipped signatures; chance {200 / model_labels:.1f} %.")
    random_kind = sum(by_kind[devices_map_key(devices_map, k)['kind']] * tallies[k]['model'].n for k in all_keys) / model_labels / n_all
    print(f"- Every test device ({len(all_keys)}, {n_all} device-captures), right kind: {pct(*total(all_keys, 'model', 'kind'))} (model), "
          f"{pct(*total(all_keys, 'names', 'kind'))} (names), {pct(*total(all_keys, 'shipped', 'kind'))} (shipped); a random label of the model "
          f"has the right kind {100.0 * random_kind:.1f} % of the time.")
    wrong, n_others = total(others, 'model', 'labelled')
    print(f"- Devices the model never saw get a (wrong) product label from the model in {pct(wrong, n_others)} of captures, "
          f"\"unknown\" (the right answer for them) in {pct(*total(others, 'model', 'unknown'))}"
          + (": it never answers \"unknown\"." if wrong == n_others else "; the known devices were called \"unknown\" in "
             f"{pct(*total(overlap, 'model', 'unknown'))}. Always answering \"unknown\" would be right for every unknown device and wrong for every known one."))
    if diag_summary:
        print(f"- Retrained without the {len(shared)} shared-MAC folders (a diagnostic), right kind: {diag_summary}.")
    if rev:
        print(f"- Reverse (trained on the other datasets, tested on IoT Sentinel): TP-Link folders right product {rev[0]}; every folder right kind {rev[1]}.")
    model_kind, n_kind = total(all_keys, 'model', 'kind')
    names_strict = total(overlap, 'names', 'strict')[0]
    model_strict = total(overlap, 'model', 'strict')[0]
    print(f"- The model's kind rate is {'below' if model_kind / n_kind < random_kind else 'not below'} a random label's; on the known devices its names alone were right "
          f"{'more often than' if names_strict > model_strict else 'no more often than'} names and traffic together.")
    print()
    print(body.getvalue(), end='')


def devices_map_key(devices_map, key):
    return next(r for r in devices_map.values() if (r['dataset'], r['device']) == key)


def reverse(devices_map, kinds, work, iots, learned_labels):
    print("## Reverse: trained on the other datasets, applied to IoT Sentinel")
    print()
    learn_path = os.path.join(work, 'other.learn.txt')
    learned = open(learn_path).read().strip() if os.path.exists(learn_path) else ''
    # The reverse model's labels: the common names of the mapped devices found in the test captures.
    common_kind = {r['common']: r['kind'] for r in devices_map.values() if r['common'] in learned_labels}
    folder_mac = {}
    lab = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(iots)))), 'LABELLED_MACS.csv')
    for r in rows(lab):
        if r['dataset'] == 'andypitcher_IoT_Sentinel':
            folder_mac[r['device_label']] = r['mac']
    tsv = os.path.join(work, 'reverse.tsv')
    if not learned or not os.path.exists(tsv):
        print("Not run (no reverse model).")
        return
    n_labels = len(common_kind)
    by_kind = collections.Counter(common_kind.values())
    print(f"`fingerprint learn --label-by mac` on every test capture above, each mapped device labelled by the map's")
    print(f"common name (the two TP-Link plugs share one): {re.sub(r'^wrote [^:]*: ', '', learned.splitlines()[-1])}. Each IoT Sentinel setup capture is")
    print(f"then identified with it; the folder's device is scored. Only the TP-Link HS100/HS110 folders hold a product")
    print(f"the reverse model knows (strict); every folder is scored by kind. Labels: {n_labels}; kinds: "
          + ', '.join(f"{k} {c}" for k, c in by_kind.most_common()) + ".")
    print("The training holds few observations per label: the TP-Link plug 7 captures of two units (five of them a")
    print("single command, 2 to 29 packets), most others one to three captures, the Xiaodu plug 16 phases of one unit.")
    print()
    per_folder = collections.defaultdict(Tally)
    for line in open(tsv):
        m, folder, _ = line.rstrip('\n').split('\t')
        doc = load(os.path.join(work, f'r{m}.json'))
        e = entities_by_mac(doc).get(folder_mac.get(folder, ''))
        accepted = {'TP-Link HS plug'} if folder.startswith('TP-LinkPlug') else set()
        per_folder[folder].add(e, accepted, lambda x: common_kind.get(x['label']), kinds.get(folder))
    print("| IoT Sentinel folder | kind | captures | labels given | strict | kind | evidence | chance kind |")
    print("|---|---|---:|---|---:|---:|---|---:|")
    for folder in sorted(per_folder):
        t = per_folder[folder]
        k = kinds.get(folder)
        strict = pct(t.strict, t.n) if folder.startswith('TP-LinkPlug') else 'n/a'
        print(f"| {folder} | {k} | {t.n} | {t.top()} | {strict} | {pct(t.kind, t.n)} | {', '.join(f'{s} {c}' for s, c in t.sources.most_common())} | {100.0 * by_kind[k] / n_labels:.1f} % |")
    tp = [per_folder[f] for f in per_folder if f.startswith('TP-LinkPlug')]
    allt = list(per_folder.values())
    print()
    strict = f"{pct(sum(t.strict for t in tp), sum(t.n for t in tp))} (chance {100.0 / n_labels:.1f} %)"
    kind = f"{pct(sum(t.kind for t in allt), sum(t.n for t in allt))} (a random label's kind: {100.0 * sum(by_kind[kinds.get(f)] * per_folder[f].n for f in per_folder) / n_labels / sum(t.n for t in allt):.1f} %)"
    print(f"TP-Link folders, strict: {strict}. All folders, kind: {kind}.")
    # How often the one product both sides know was said of another folder's device (first label).
    said = sum(c for f, t in per_folder.items() if not f.startswith('TP-LinkPlug') for g, c in t.given.items() if g.split(' \\| ')[0] == 'TP-Link HS plug')
    right = sum(t.strict for t in tp)
    print(f"The first label was \"TP-Link HS plug\" for {right + said} captures: {right} of the TP-Link folders and {said} of other folders"
          f" (precision {pct(right, right + said)}).")
    return f"{strict}, though {said} captures of other folders were called that too", kind


if __name__ == '__main__':
    if sys.argv[1:2] == ['devices']:
        devices(sys.argv[2])
    elif sys.argv[1:2] == ['report']:
        report(*sys.argv[2:6])
    else:
        sys.exit(__doc__)
