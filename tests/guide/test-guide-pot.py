#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the build's earbud-doctor-pot command on a scratch copy of the files
# in po/POTFILES.in (so the tracked po/earbud-doctor.pot stays untouched),
# and checks that every text string of every guide in data/guides reaches
# the .pot with a reference to its file, while ids and paths stay out.
#
# usage: test-guide-pot.py SOURCE-ROOT BUILD-ROOT

import json
import pathlib
import shlex
import shutil
import subprocess
import sys
import tempfile

# Members whose values are not text for people; everything else is.
NOT_TEXT = {'model', 'id', 'illustration', 'kind', 'bud', 'led', 'findings'}


def text_strings(node, key=None):
    if key in NOT_TEXT:
        return
    if isinstance(node, str):
        yield node
    elif isinstance(node, list):
        for item in node:
            yield from text_strings(item, key)
    elif isinstance(node, dict):
        for member, value in node.items():
            yield from text_strings(value, member)


def unquote(line):
    return json.loads(line)  # a PO string line is a valid JSON string here


def read_pot(path):
    """Returns {msgid: [references]}."""
    messages = {}
    references = []
    msgid = None
    for line in path.read_text(encoding='utf-8').splitlines() + ['']:
        if line.startswith('#: '):
            references += line[3:].split()
        elif line.startswith('msgid '):
            msgid = unquote(line[6:])
        elif line.startswith('"') and msgid is not None:
            msgid += unquote(line)
        elif line.startswith('msgstr') or not line:
            if msgid is not None:
                messages[msgid] = references
            msgid = None
            if not line:
                references = []
    return messages


def pot_command(build_root):
    """Returns the command of the earbud-doctor-pot target, from build.ninja."""
    lines = (build_root / 'build.ninja').read_text(encoding='utf-8').splitlines()
    start = lines.index('build meson-internal__earbud-doctor-pot: CUSTOM_COMMAND ')
    command = lines[start + 1].strip()
    assert command.startswith('COMMAND = '), command
    return shlex.split(command[len('COMMAND = '):])


def run_pot_target(root, build_root, scratch):
    (scratch / 'po').mkdir()
    for name in ('POTFILES.in', 'LINGUAS'):
        shutil.copy(root / 'po' / name, scratch / 'po' / name)
    for line in (root / 'po' / 'POTFILES.in').read_text(encoding='utf-8').splitlines():
        if line.strip() and not line.startswith('#'):
            (scratch / line).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(root / line, scratch / line)

    command = [f'--source-root={scratch}/' if arg.startswith('--source-root=') else arg
               for arg in pot_command(build_root)]
    print('running', ' '.join(command[:6]), '…', command[-1])
    subprocess.run(command, check=True, cwd=build_root)
    return read_pot(scratch / 'po' / 'earbud-doctor.pot')


def main():
    root, build_root = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        messages = run_pot_target(root, build_root, pathlib.Path(tmp))

    guides = sorted((root / 'data' / 'guides').glob('*.json'))
    if len(guides) < 2:
        failures.append(f'expected the shipped guides in {root}/data/guides')
    for guide in guides:
        rel = guide.relative_to(root).as_posix()
        document = json.loads(guide.read_text(encoding='utf-8'))
        strings = list(text_strings(document))
        print(f'{rel}: {len(strings)} strings')
        if len(strings) < 20:
            failures.append(f'{rel}: only {len(strings)} text strings found')
        for text in strings:
            refs = messages.get(text)
            if refs is None:
                failures.append(f'{rel}: “{text}” is not in the .pot')
            elif not any(ref == rel or ref.startswith(rel + ':') for ref in refs):
                failures.append(f'{rel}: “{text}” has no reference to the file')
        for step in document.get('steps', []):
            for value in (step.get('id'), step.get('illustration')):
                if value in messages:
                    failures.append(f'{rel}: “{value}” is not text but is in the .pot')

    for failure in failures:
        print(failure)
    print(f'{len(messages)} messages in the .pot, {len(failures)} failures')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
