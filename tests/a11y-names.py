#!/usr/bin/python3
# Every control in every area must have a name a screen reader can speak:
# not empty, not a widget class name, and no leftover mnemonic underscore.

import re
import unittest

import pyatspi

from atspiutil import CONTROL_ROLES, AppTestCase, find_all

AREAS = ('Fix It', 'Battery', 'Firmware')
CLASS_NAME = re.compile(r'^(Gtk|Adw|Bud)[A-Z]\w*$')


def problem(node):
    name = (node.name or '').strip()
    if not name:
        return 'has no accessible name'
    if CLASS_NAME.match(name):
        return f'is named after its widget class “{name}”'
    if re.search(r'(^|\s)_\w', name):
        return f'speaks a mnemonic underscore: “{name}”'
    half = len(name) // 2
    if len(name) > 3 and name[:half].strip() == name[half:].strip():
        return f'says its name twice: “{name}”'
    return None


class NamesTest(AppTestCase):
    def test_every_control_is_named(self):
        problems = []
        for area in AREAS:
            self.show_area(area)
            for node in find_all(self.frame, lambda n: n.getRole() in CONTROL_ROLES):
                issue = problem(node)
                if issue:
                    problems.append(f'{area}: a {node.getRoleName()} {issue}')
        self.assertEqual(sorted(set(problems)), [])

    def test_every_guide_step_is_named(self):
        # Every control on every page of the WF-1000XM4 guide, checklists included.
        problems = []
        self.activate('Sony WF-1000XM4', {pyatspi.ROLE_PUSH_BUTTON})
        for step in range(1, 7):
            self.wait_named(f'Step {step} of 6', {pyatspi.ROLE_LABEL})
            for node in find_all(self.frame, lambda n: n.getRole() in CONTROL_ROLES):
                issue = problem(node)
                if issue:
                    problems.append(f'step {step}: a {node.getRoleName()} {issue}')
            if step < 6:
                self.activate('Still Not Charging')
        self.assertEqual(sorted(set(problems)), [])

    def test_images_are_described_or_decorative(self):
        # Illustrations carry their text alternative as the accessible description.
        for area in AREAS:
            self.show_area(area)
        pictures = find_all(self.frame, lambda n: n.getRole() == pyatspi.ROLE_IMAGE and
                            n.name and not CLASS_NAME.match(n.name))
        for picture in pictures:
            self.assertTrue(picture.name.strip())


if __name__ == '__main__':
    unittest.main(verbosity=2)
