#!/usr/bin/env python3
"""Measures one shaper-e2e segment from its two captures (what entered the gateway, what the ISP's link carried),
the shaper's own counters, `blinds activity` on both captures and `blinds simulate` on the input; prints one JSON
object. Called by scripts/shaper-e2e.sh; the figures it prints are computed here, from those files, nothing else."""
import json, math, random, struct, sys
from datetime import datetime, timezone


def frames(path):
    """(time s, frame bytes, ip length, src ip, dst ip) of every IPv4 frame of a classic pcap (tcpdump -w)."""
    out = []
    with open(path, 'rb') as f:
        head = f.read(24)
        magic = struct.unpack('<I', head[:4])[0]
        endian, nano = {0xa1b2c3d4: ('<', False), 0xa1b23c4d: ('<', True), 0xd4c3b2a1: ('>', False), 0x4d3cb2a1: ('>', True)}[magic]
        link = struct.unpack(endian + 'I', head[20:24])[0]
        while True:
            rec = f.read(16)
            if len(rec) < 16:
                break
            sec, frac, incl, orig = struct.unpack(endian + 'IIII', rec)
            data = f.read(incl)
            t = sec + frac / (1e9 if nano else 1e6)
            if link == 1 and len(data) >= 34 and data[12:14] == b'\x08\x00':
                ip = data[14:]
            elif link == 113 and len(data) >= 36 and data[14:16] == b'\x08\x00':  # Linux cooked
                ip = data[16:]
            else:
                continue
            if ip[0] >> 4 != 4:
                continue
            out.append((t, orig, struct.unpack('>H', ip[2:4])[0], '.'.join(map(str, ip[12:16])), '.'.join(map(str, ip[16:20]))))
    return out


def pearson(a, b):
    n = len(a)
    if n < 3:
        return float('nan')
    ma, mb = sum(a) / n, sum(b) / n
    va = sum((x - ma) ** 2 for x in a)
    vb = sum((y - mb) ** 2 for y in b)
    if va == 0 or vb == 0:
        return 0.0  # one series does not vary at all: r is undefined, the covariance (what r measures) is 0
    return sum((x - ma) * (y - mb) for x, y in zip(a, b)) / math.sqrt(va * vb)


def per_second(items, t0, seconds):
    bins = [0] * seconds
    for t, b in items:
        i = math.floor(t - t0)
        if 0 <= i < seconds:
            bins[i] += b
    return bins


def iso(s):
    return datetime.fromisoformat(s.replace('Z', '+00:00')).timestamp()


def score(detected, truth, tolerance, span, seed=1, trials=2000):
    """F1 of detections against true times, and the recall / F1 as many random detections of the same lengths reach."""
    def match(dets):
        hit_truth = sum(1 for t in truth if any(s - tolerance <= t <= e + tolerance for s, e in dets))
        hit_det = sum(1 for s, e in dets if any(s - tolerance <= t <= e + tolerance for t in truth))
        return hit_truth, hit_det

    def f1(dets):
        ht, hd = match(dets)
        r = ht / len(truth) if truth else 0.0
        p = hd / len(dets) if dets else 0.0
        return r, (2 * p * r / (p + r) if p + r > 0 else 0.0)

    recall, f = f1(detected)
    rng = random.Random(seed)
    lo, hi = span
    cr = cf = 0.0
    for _ in range(trials):
        dets = []
        for s, e in detected:
            start = rng.uniform(lo, max(lo, hi - (e - s)))
            dets.append((start, start + (e - s)))
        r, ff = f1(dets)
        cr += r
        cf += ff
    return recall, f, cr / trials, cf / trials


def main():
    a = json.load(open(sys.argv[1]))
    inp = frames(a['input_pcap'])
    obs = frames(a['observed_pcap'])
    home, gw, ep = a['home'], a['gateway'], a['endpoint']
    up_in = [(t, b) for t, b, _, s, d in inp if s == home]
    down_in = [(t, b) for t, b, _, s, d in inp if d == home]
    if not up_in:
        raise SystemExit('no input packets captured')
    t0, t1 = up_in[0][0], max(t for t, _ in up_in)
    seconds = max(1, int(t1 - t0))
    span_obs = [(t, b, ipl, s, d) for t, b, ipl, s, d in obs if t0 <= t < t0 + seconds]
    up_obs = [(t, b) for t, b, _, s, d in span_obs if s == gw]
    down_obs = [(t, b) for t, b, _, s, d in span_obs if s == ep]
    sizes = sorted({ipl for _, _, ipl, s, d in span_obs if s in (gw, ep)})
    obs_up_bins = per_second(up_obs, t0, seconds)
    corr_up = pearson(per_second(up_in, t0, seconds), obs_up_bins)
    corr_down = pearson(per_second(down_in, t0, seconds), per_second(down_obs, t0, seconds))

    # Measured overhead, frame bytes as the simulation counts them, over the input's span.
    meas_up = (sum(b for _, b in up_obs) - sum(b for t, b in up_in if t < t0 + seconds)) / seconds / 1e3
    meas_down = (sum(b for _, b in down_obs) - sum(b for t, b in down_in if t0 <= t < t0 + seconds)) / seconds / 1e3

    sim = json.load(open(a['simulate_json']))
    c = sim['cost']
    sim_seconds = c['seconds']
    sim_up_observed = c['upload_share'] * a['simulate_upload_bps'] * sim_seconds
    sim_up_real = sum(b for _, b in up_in)
    sim_over_up = (sim_up_observed - sim_up_real) / sim_seconds / 1e3
    sim_over_total = c['overhead_kb_per_s']
    sim_over_down = sim_over_total - sim_over_up

    # Activities: truth moved onto the live clock (the replay's time zero is the capture's first packet plus --from).
    truth = [a['live_zero'] + (t - a['replay_from']) / a['speed'] for t in a['truth_times'] if a['replay_from'] <= t < a['replay_to']]
    tol = a['tolerance_s']

    def detections(path):
        ev = json.load(open(path))['events']
        return [(iso(e['start']), iso(e['end'])) for e in ev if e['activity'] != 'startup']

    shaped = detections(a['activity_observed_json'])
    plain = detections(a['activity_input_json'])
    span = (t0, t0 + seconds)
    r, f1, cr, cf = score(shaped, truth, tol, span)
    r0, f10, cr0, cf0 = score(plain, truth, tol, span)
    gs = json.load(open(a['gateway_stats']))
    es = json.load(open(a['endpoint_stats']))
    out = {
        'segment': a['name'],
        'seconds': seconds,
        'input_packets_up': len(up_in),
        'input_kbps_up': sum(b for _, b in up_in) / seconds / 1e3,
        'observed_packet_sizes': sizes,
        'observed_distinct_sizes': len(sizes),
        'input_output_correlation': corr_up,
        'input_output_correlation_down': corr_down,
        'observed_up_bytes_per_second_min_max': [min(obs_up_bins), max(obs_up_bins)],
        'truth_events': len(truth),
        'isp_detections': len(shaped),
        'isp_activity_recall': r,
        'isp_activity_f1': f1,
        'chance_recall': cr,
        'chance_f1': cf,
        'unshaped_isp_activity_f1': f10,
        'unshaped_chance_f1': cf0,
        'simulated_overhead_kbps': {'up': sim_over_up, 'down': sim_over_down, 'total': sim_over_total},
        'measured_overhead_kbps': {'up': meas_up, 'down': meas_down, 'total': meas_up + meas_down},
        'simulated_delay_p95_ms': c['delay']['p95'] * 1e3,
        'measured_delay_p95_ms': gs['delay_p95_ms'],
        'simulated_drops': c['drops'],
        'measured_drops': gs['queue_drops'] + gs['reassembly_drops'] + es['reassembly_drops'],
        'gateway': {k: gs[k] for k in ('packets_in', 'real_cells', 'cover_cells', 'queue_drops', 'send_errors', 'delay_mean_ms', 'delay_p95_ms', 'delay_max_ms')},
        'endpoint': {k: es[k] for k in ('cells_in', 'packets_out', 'rejected', 'reassembly_drops', 'cover_cells')},
    }
    print(json.dumps(out, indent=2))


main()
