#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Parses the shared-mime-info file and checks that it declares the
workspace type with its glob and a magic that matches a real workspace
header (SQLite header, PRAGMA application_id 'STRA' at offset 68).
With a second argument, the .desktop file: its MimeType lists the
workspace type and the tables the application imports (CSV, Excel), each
once."""
import struct
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
path = sys.argv[1]
errors = []
try:
    root = ET.parse(path).getroot()
except (OSError, ET.ParseError) as e:
    print(f"{path}: {e}")
    sys.exit(1)

if root.tag != NS + "mime-info":
    errors.append(f"root element is {root.tag}")
types = root.findall(NS + "mime-type")
workspace = [t for t in types if t.get("type") == "application/x-strata-workspace"]
if len(workspace) != 1:
    errors.append("no application/x-strata-workspace type")
else:
    t = workspace[0]
    globs = [g.get("pattern") for g in t.findall(NS + "glob")]
    if "*.strata" not in globs:
        errors.append(f"globs are {globs}, expected *.strata")
    if not t.findall(NS + "comment"):
        errors.append("no comment")

    # A header as SQLite writes it for a Strata workspace.
    header = bytearray(100)
    header[0:16] = b"SQLite format 3\0"
    header[68:72] = struct.pack(">I", 0x53545241)
    foreign = bytearray(header)
    foreign[68:72] = b"\0\0\0\0"

    def matches(match, data):
        offset = int(match.get("offset").split(":")[0])
        kind, value = match.get("type"), match.get("value")
        if kind == "string":
            raw = value.encode()
            ok = data[offset:offset + len(raw)] == raw
        elif kind == "big32":
            ok = data[offset:offset + 4] == struct.pack(">I", int(value, 0))
        else:
            errors.append(f"unexpected match type {kind}")
            return False
        children = match.findall(NS + "match")
        return ok and (not children or any(matches(c, data) for c in children))

    magics = t.findall(NS + "magic")
    if not magics:
        errors.append("no magic")
    for magic in magics:
        top = magic.findall(NS + "match")
        if not any(matches(m, header) for m in top):
            errors.append("the magic does not match a workspace header")
        if any(matches(m, foreign) for m in top):
            errors.append("the magic matches any SQLite file")

# The types "Open With" offers Strata for: the workspace, and the tables
# it opens in the import assistant (strata_import_is_table_file).
desktop_errors = []
if len(sys.argv) > 2:
    desktop = sys.argv[2]
    wanted = ["application/x-strata-workspace", "text/csv",
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]
    try:
        with open(desktop, encoding="utf-8") as f:
            lines = [line.strip() for line in f]
    except OSError as e:
        print(f"{desktop}: {e}")
        sys.exit(1)
    mime = [line[len("MimeType="):] for line in lines if line.startswith("MimeType=")]
    if len(mime) != 1:
        desktop_errors.append(f"{desktop}: {len(mime)} MimeType lines, expected 1")
    else:
        if not mime[0].endswith(";"):
            desktop_errors.append(f"{desktop}: MimeType does not end with a semicolon")
        listed = [m for m in mime[0].split(";") if m]
        for m in wanted:
            if m not in listed:
                desktop_errors.append(f"{desktop}: MimeType lacks {m}")
        if len(set(listed)) != len(listed):
            desktop_errors.append(f"{desktop}: MimeType lists a type twice")

for e in errors:
    print(f"{path}: {e}")
for e in desktop_errors:
    print(e)
sys.exit(1 if errors or desktop_errors else 0)
