#!/usr/bin/python3
# Fails when a source file with translatable strings is missing from
# po/POTFILES.in, or when POTFILES.in names a file that does not exist.

import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
listed = set()
for line in (root / 'po' / 'POTFILES.in').read_text().splitlines():
    line = line.strip()
    if line and not line.startswith('#'):
        listed.add(line)

MARKERS = {
    '.c': re.compile(r'\b(?:N?_|C_|NC_|g_dngettext|ngettext)\s*\('),
    '.ui': re.compile(r'translatable="yes"'),
    '.in': re.compile(r'.'),
    '.xml': re.compile(r'<summary>|<description>'),
    '.json': re.compile(r'"(?:title|body|why|alt|summary|text)"\s*:'),
}

needed = set()
for folder in ('src', 'ui', 'data'):
    for path in sorted((root / folder).rglob('*')):
        if not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        marker = MARKERS.get(path.suffix)
        if path.suffix == '.in' and not rel.endswith(('.desktop.in', '.metainfo.xml.in')):
            continue
        if path.suffix == '.xml' and not rel.endswith('.gschema.xml'):
            continue
        if path.suffix == '.json' and '/guides/' not in rel:
            continue
        if marker and marker.search(path.read_text(errors='replace')):
            needed.add(rel)

missing = sorted(needed - listed)
stale = sorted(p for p in listed if not (root / p).exists())
for path in missing:
    print(f'po/POTFILES.in: {path} has translatable strings but is not listed')
for path in stale:
    print(f'po/POTFILES.in: {path} is listed but does not exist')
print(f'{len(listed)} files listed, {len(missing)} missing, {len(stale)} stale')
sys.exit(1 if missing or stale else 0)
