#!/usr/bin/env bash
# Chooses the activity detector's parameters once, by leave-one-capture-out over every labelled real capture in
# ../shared/data plus two lab presets, fits the confidence's calibration the same way, and writes
# results/activity-cv.md. Nothing is tuned per file: each held-out capture is scored with the parameters that did
# best on all the others.
#   scripts/activity-cv.sh [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data}
[ -d "$data" ] || { echo "no data folder at $data" >&2; exit 2; }
# BLINDS_CV_WORK keeps the runs (to re-make the report with activity-cv.py report); by default they are removed.
if [ -n "${BLINDS_CV_WORK:-}" ]; then
  work=$BLINDS_CV_WORK
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
config=${BLINDS_CONFIGURATION:-Release} # Debug gives the same figures, slower; it saves a build when the tests' one is there
dotnet build src/Blinds.Cli -c "$config" -v q -nologo >/dev/null
blinds() { dotnet "src/Blinds.Cli/bin/$config/net10.0/blinds.dll" "$@"; }

# The captures: real ones (labels converted by real-data-labels.py, tolerance = the labels' resolution) and the lab.
python3 scripts/real-data-labels.py "$data" "$work" | while IFS=$'\t' read -r name path tol; do
  printf '%s\t%s\t%s\n' "$name" "$data/$path" "$tol"
done > "$work/captures.tsv"
# Every lab preset but busy-24h (a 4 GB capture): a rule must keep each of them at F1 >= 0.9 on every observer (the
# dominating preset's Wi-Fi view is where the off-schedule rule failed; paper-lab and home-24h alone did not show it).
lab="${BLINDS_CV_PRESETS:-paper-lab home-24h sparse dominating}"
for preset in $lab; do
  rm -f "$work/$preset.pcapng" # a kept work folder from an earlier run: blinds never overwrites a file
  blinds lab generate --preset "$preset" --out "$work/$preset.pcapng" >/dev/null
  printf '%s\t%s\t%s\n' "$preset" "$work/$preset.pcapng" 10s >> "$work/captures.tsv"
done

# The grid: the quiet stretch of the day a size class must leave not to be background (0: no such rule), the
# silence that splits an event into its exchanges (0: never split; close toggles; a first run also tried 4 s, which
# took more from the cameras than it gave the Xiaodu plug) and whether a burst off a
# device's schedule is an event (off-schedule heartbeats). Not searched (to keep the run under 20 minutes on two
# shared cores): factor=3 and gap=10 (the last two LOCO runs chose them on every fold, against factor 1.5 and 6 and
# gap 30), quantile=0.9 (an earlier LOCO chose it over 0.5 on every fold), background=6 (beats an hour that are
# background without a period, set above the lab's user actions, one every quarter hour) and recur=0.75 (chosen
# over 0.9 on every fold); they are written out only so that a binary with other defaults gives the same figures.
grid=()
for quiet in 0 6; do
  for split in 0 2; do
    for off in 0 1; do
      grid+=("factor=3,quantile=0.9,gap=10,background=6,recur=0.75,quiet=$quiet,split=$split,offschedule=$off")
    done
  done
done

# Each real capture's device series at 1 s, to set the labels against the device's own traffic (the report's "why").
while IFS=$'\t' read -r name capture tol; do
  mac=$(sed -n 2p "$work/$name.devices.csv" | cut -d, -f1)
  case " $lab " in *" $name "*) continue ;; esac
  blinds rates "$capture" --device "$mac" --bin 1s --format csv > "$work/$name.rates.csv"
done < "$work/captures.tsv"

rm -rf "$work/runs" "$work/times.tsv"
mkdir -p "$work/runs"
echo "$config" > "$work/configuration.txt"
while IFS=$'\t' read -r name capture tol; do
  for point in "${grid[@]}"; do
    # The lab presets on every observer at every point: a point that takes a preset below 0.9 F1 on any observer is
    # not admissible (the lab must keep reaching the papers' figures), whatever the real captures say.
    observers=lan
    case " $lab " in *" $name "*) observers="lan wifi isp" ;; esac
    for observer in $observers; do
      blinds activity "$capture" --observer "$observer" --events "$work/$name.events.csv" --devices "$work/$name.devices.csv" \
        --tolerance "$tol" --detector "$point" --json > "$work/runs/$name@$point@$observer.json"
    done
  done
done < "$work/captures.tsv"

# The chosen point on every capture, for all three observers; timed on the LAN (speed is part of the brief).
python3 scripts/activity-cv.py choose "$work" "${grid[@]}" > "$work/chosen.txt"
chosen=$(cat "$work/chosen.txt")
while IFS=$'\t' read -r name capture tol; do
  for observer in wifi isp; do
    blinds activity "$capture" --observer "$observer" --events "$work/$name.events.csv" --devices "$work/$name.devices.csv" \
      --tolerance "$tol" --detector "$chosen" --json > "$work/runs/$name@$chosen@$observer.json"
  done
  start=$(date +%s.%N)
  blinds activity "$capture" --json > /dev/null
  end=$(date +%s.%N)
  printf '%s\t%s\t%s\n' "$name" "$(python3 -c "print(f'{$end-$start:.1f}')")" "$(stat -c %s "$capture")" >> "$work/times.tsv"
done < "$work/captures.tsv"

python3 scripts/activity-cv.py report "$work" "${grid[@]}" > results/activity-cv.md
cat results/activity-cv.md
