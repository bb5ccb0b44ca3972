#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# xgettext with guide support. xgettext 0.21 has no JSON parser, and ITS
# rules only work for XML, so po/meson.build points the pot target here:
# this script takes the same arguments as xgettext, turns every guide
# (*.json) named in the --files-from list into a PO file of its
# translatable strings, and runs the real xgettext on the list with those
# PO files in place of the guides (xgettext merges PO input, keeping its
# references and comments).
#
# The translatable members must match what src/guide/bud-guide*.c passes
# through g_dgettext(): the guide's "name"; each step's "title", "body",
# "why", "illustration_alt" and "tips"; and each reset checklist item's
# "text". tests/guide/test-guide-pot.py checks that they all reach the .pot.

import json
import os
import subprocess
import sys
import tempfile

STEP_TEXT = ('title', 'body', 'why', 'illustration_alt')


def guide_strings(guide):
    """Yields (msgid, comment) for each translatable string, in file order."""
    model = guide.get('model', '?')
    if isinstance(guide.get('name'), str):
        yield guide['name'], f'Name of the earbuds the guide “{model}” is for'
    for step in guide.get('steps') or []:
        if not isinstance(step, dict):
            continue
        step_id = step.get('id', '?')
        for key in STEP_TEXT:
            if isinstance(step.get(key), str):
                yield step[key], f'Guide “{model}”, step “{step_id}”: {key}'
        for tip in step.get('tips') or []:
            if isinstance(tip, str):
                yield tip, f'Guide “{model}”, step “{step_id}”: a tip'
        check = step.get('check')
        for bud in (check.get('buds') or []) if isinstance(check, dict) else []:
            for item in (bud.get('items') or []) if isinstance(bud, dict) else []:
                if isinstance(item, dict) and isinstance(item.get('text'), str):
                    yield item['text'], (f'Guide “{model}”, step “{step_id}”: reset '
                                         f'checklist item for the {bud.get("bud", "?")} earbud')


def po_quote(text):
    text = text.replace('\\', '\\\\').replace('"', '\\"').replace('\t', '\\t')
    if '\n' not in text:
        return f'"{text}"'
    lines = text.replace('\n', '\\n\n').split('\n')
    return '""\n' + '\n'.join(f'"{line}"' for line in lines if line)


def guide_to_po(path, reference):
    """Returns the PO text for the guide at path, referring to it as reference."""
    with open(path, encoding='utf-8') as f:
        text = f.read()
    try:
        guide = json.loads(text)
    except ValueError as e:
        sys.exit(f'{reference}: not valid JSON: {e}')
    if not isinstance(guide, dict):
        sys.exit(f'{reference}: a guide must be a JSON object')

    entries = ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n']
    cursor = 0
    for msgid, comment in guide_strings(guide):
        if not msgid:
            continue
        # Strings come in file order, so the next match is this string's line.
        found = text.find(json.dumps(msgid, ensure_ascii=False), cursor)
        where = reference
        if found >= 0:
            cursor = found
            where = f'{reference}:{text.count(chr(10), 0, found) + 1}'
        entries.append(f'#. {comment}\n#: {where}\nmsgid {po_quote(msgid)}\nmsgstr ""\n')
    return '\n'.join(entries)


def option_value(args, i, short, long):
    """Returns (value, consumed) for args[i] if it is -X VALUE, -XVALUE or --long=VALUE."""
    arg = args[i]
    if arg == short and i + 1 < len(args):
        return args[i + 1], 2
    if arg.startswith(short) and len(arg) > len(short) and not arg.startswith('--'):
        return arg[len(short):], 1
    if arg.startswith(long + '='):
        return arg[len(long) + 1:], 1
    return None, 0


def find_xgettext():
    here = os.path.realpath(__file__)
    for directory in os.environ.get('PATH', '').split(os.pathsep):
        candidate = os.path.join(directory, 'xgettext')
        if (os.access(candidate, os.X_OK) and os.path.realpath(candidate) != here):
            return candidate
    sys.exit('xgettext-guides: xgettext is not installed')


def main(args):
    list_index = None
    list_file = None
    directories = []
    i = 0
    while i < len(args):
        value, consumed = option_value(args, i, '-f', '--files-from')
        if consumed:
            list_index, list_file = (i, consumed), value
        else:
            value, consumed = option_value(args, i, '-D', '--directory')
            if consumed:
                directories.append(value)
        i += consumed or 1

    with tempfile.TemporaryDirectory(prefix='xgettext-guides-') as tmp:
        if list_file is not None:
            entries = []
            with open(list_file, encoding='utf-8') as f:
                for line in f:
                    entry = line.strip()
                    if entry.endswith('.json') and not entry.startswith('#'):
                        source = next((os.path.join(d, entry) for d in directories + ['.']
                                       if os.path.exists(os.path.join(d, entry))), entry)
                        po = os.path.join(tmp, f'{len(entries)}.po')
                        with open(po, 'w', encoding='utf-8') as out:
                            out.write(guide_to_po(source, entry))
                        entry = po
                    entries.append(entry)
            new_list = os.path.join(tmp, 'POTFILES')
            with open(new_list, 'w', encoding='utf-8') as f:
                f.write('\n'.join(entries) + '\n')
            start, consumed = list_index
            args = args[:start] + ['--files-from=' + new_list] + args[start + consumed:]

        return subprocess.call([find_xgettext()] + args)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
