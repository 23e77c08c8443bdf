#!/usr/bin/env bash
# The attacker who learns once and watches many homes (issue 18 item 5): a model trained on every IoT Sentinel setup
# capture (`fingerprint learn --label-by folder --model`) applied by `identify` to the captures of the other
# datasets (other homes, other years), per labelled device, beside the shipped signatures and chance; then the
# reverse (trained on the other datasets, applied to IoT Sentinel). Device names are matched across datasets by
# scripts/cross-dataset-map.csv and kinds by scripts/cross-dataset-kinds.csv, both decided from the datasets' docs.
# Writes results/cross-dataset.md.
#   scripts/cross-dataset.sh [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data}
[ -d "$data/andypitcher_IoT_Sentinel" ] || { echo "no IoT Sentinel captures under $data" >&2; exit 2; }
# CROSS_DATASET_WORK=DIR keeps the identify outputs there (an empty folder) to read them afterwards.
if [ -n "${CROSS_DATASET_WORK:-}" ]; then
  work=$CROSS_DATASET_WORK
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
dotnet build src/Blinds.Cli -c Release -v q -nologo >/dev/null
blinds() { dotnet src/Blinds.Cli/bin/Release/net10.0/blinds.dll "$@"; }

# Training: every IoT Sentinel setup capture, labelled by its folder (the MACs only pick the device: two folders
# share one, so each MAC is listed once).
iots=$data/andypitcher_IoT_Sentinel/captures_IoT_Sentinel/captures_IoT-Sentinel
grep '^andypitcher_IoT_Sentinel,' "$data/LABELLED_MACS.csv" | awk -F, '!seen[$3]++ { print $3 "," $2 }' > "$work/iots.devices.csv"
start=$(date +%s.%N)
blinds fingerprint learn "$iots"/*/*.pcap --labels "$work/iots.devices.csv" --label-by folder \
    --out "$work/iots.signatures.json" --model "$work/iots.model" > "$work/learn.txt"
echo "$(date +%s.%N) - $start" | bc > "$work/learn.seconds"

# Test: every capture of the other labelled datasets; the script scores the mapped devices found in each.
: > "$work/tests.tsv"
n=0
for dir in fdekeers_pingpong fdekeers_iot-firewall NKUHack4FGroup_Lifecycle-Based-Traffic-Dataset edim98_SSI_Measurements_2022 NEU-SNS_intl-iot tj-oconnor_IoT-Dataset; do
  [ -d "$data/$dir" ] || continue
  while IFS= read -r -d '' f; do
    n=$((n + 1))
    blinds identify "$f" --model "$work/iots.model" --json > "$work/t$n.model.json" 2>/dev/null || true
    blinds identify "$f" --signatures "$work/iots.signatures.json" --json > "$work/t$n.names.json" 2>/dev/null || true
    blinds identify "$f" --json > "$work/t$n.shipped.json" 2>/dev/null || true
    blinds identify "$f" --observer isp --model "$work/iots.model" --json > "$work/t$n.isp.json" 2>/dev/null || true
    printf '%s\t%s\t%s\n' "$n" "$dir" "${f#"$data"/}" >> "$work/tests.tsv"
  done < <(find "$data/$dir" -type f \( -name '*.pcap' -o -name '*.pcapng' \) -print0 | sort -z)
done

# Diagnostic: the same training without the folders whose MAC two folders share (a hub, labelled by the radio
# device added through it), to see where stations seen mid-operation go without them.
shared=$(grep '^andypitcher_IoT_Sentinel,' "$data/LABELLED_MACS.csv" | awk -F, '{ n[$3]++; f[$3] = f[$3] " " $2 } END { for (m in n) if (n[m] > 1) print f[m] }' | tr ' ' '\n' | sed '/^$/d' | sort)
for d in "$iots"/*/; do
  grep -qxF "$(basename "$d")" <<< "$shared" || printf '%s\0' "$d"*.pcap
done | xargs -0 dotnet src/Blinds.Cli/bin/Release/net10.0/blinds.dll fingerprint learn --labels "$work/iots.devices.csv" --label-by folder --model "$work/noshared.model" > "$work/noshared.learn.txt"
while IFS=$'\t' read -r n _ path; do
  blinds identify "$data/$path" --model "$work/noshared.model" --json < /dev/null > "$work/t$n.noshared.json" 2>/dev/null || true
done < "$work/tests.tsv"

# Reverse: a model trained on the other datasets' mapped devices (by MAC, one observation per capture and device,
# named by the map's common name), applied to every IoT Sentinel setup capture.
python3 scripts/cross-dataset.py devices scripts/cross-dataset-map.csv > "$work/other.devices.csv"
cut -f3 "$work/tests.tsv" | sed "s|^|$data/|" | tr '\n' '\0' \
  | xargs -0 dotnet src/Blinds.Cli/bin/Release/net10.0/blinds.dll fingerprint learn --labels "$work/other.devices.csv" --model "$work/other.model" > "$work/other.learn.txt"
: > "$work/reverse.tsv"
m=0
for f in "$iots"/*/*.pcap; do
  m=$((m + 1))
  blinds identify "$f" --model "$work/other.model" --json > "$work/r$m.json" 2>/dev/null || true
  printf '%s\t%s\t%s\n' "$m" "$(basename "$(dirname "$f")")" "$f" >> "$work/reverse.tsv"
done

out=results/cross-dataset.md
python3 scripts/cross-dataset.py report scripts/cross-dataset-map.csv scripts/cross-dataset-kinds.csv "$work" "$iots" > "$out"
cat "$out"
