#!/usr/bin/env bash
# Refreshes docs/screenshots/: the demo's report.html in headless Chromium at a phone's width (375 px) and a
# desktop's (1280 px), the top of the page (the verdict) and the whole page.
#   scripts/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
chromium=$(command -v chromium || command -v chromium-browser) || { echo "needs chromium (.ci/run installs it)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
config=${BLINDS_CONFIG:-Release}
dotnet build src/Blinds.Cli -c "$config" -v q -nologo >/dev/null
dotnet "src/Blinds.Cli/bin/$config/net10.0/blinds.dll" demo --out "$work/demo" >/dev/null
page="file://$work/demo/report/report.html"
mkdir -p docs/screenshots
shot() { # width height file
  # Flags keep Chromium off the network: the page fetches nothing, and Chromium itself must not either.
  "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$work/profile" \
    --window-size="$1,$2" --screenshot="docs/screenshots/$3" "$page" 2>/dev/null
}
shot 375 1400 report-phone.png
shot 1280 1100 report-desktop.png
shot 1280 9000 report-desktop-full.png
echo "wrote docs/screenshots/report-phone.png, report-desktop.png, report-desktop-full.png"
