#!/usr/bin/env python3
"""Maintainer script: rebuilds src/Blinds.Attacks/Identification/Data/ieee-oui.tsv.gz from the IEEE registry CSVs
(Debian package ieee-data: /usr/share/ieee-data/{oui,mam,oui36,iab}.csv, or ../shared/data/oui/).
The IEEE asserts no copyright on the public listing, so it ships inside Blinds. Wireshark's manuf (GPL) is not
shipped: Blinds reads it at run time from /usr/share/wireshark/manuf when present.
Output: one line per assignment, "<hex prefix>\t<organisation>", sorted, gzip with a fixed mtime (reproducible)."""
import csv, gzip, io, os, sys

src = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/ieee-data"
out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "src", "Blinds.Attacks", "Identification", "Data", "ieee-oui.tsv.gz")
rows = {}
for name in ("oui.csv", "mam.csv", "oui36.csv", "iab.csv"):
    with open(os.path.join(src, name), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            prefix = r["Assignment"].strip().upper()
            org = " ".join(r["Organization Name"].split())
            if prefix and org:
                rows[prefix] = org
buf = io.StringIO()
with open(os.path.join(src, "ieee-data.lastupdate")) as f:
    buf.write("# IEEE registry (MA-L, MA-M, MA-S, IAB) from Debian ieee-data, lastupdate %s\n" % f.read().strip())
for prefix in sorted(rows):
    buf.write("%s\t%s\n" % (prefix, rows[prefix]))
with open(out, "wb") as f:
    with gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as g:
        g.write(buf.getvalue().encode("utf-8"))
print(out, len(rows), "entries")
