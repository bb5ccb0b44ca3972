#!/usr/bin/python3
# Starts the real Earbud Doctor window and reads it the way a screen reader
# does, through the AT-SPI tree. Run inside tests/ui-session.

import os
import subprocess
import sys
import time
import unittest

import pyatspi

APP_BINARY = os.environ.get('BUD_APP_BINARY', 'earbud-doctor')
TIMEOUT = 30


def wait_for(predicate, what, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f'timed out waiting for {what}')


def find_all(root, predicate):
    found = []

    def visit(node, depth):
        if node is None or depth > 60:
            return
        try:
            if predicate(node):
                found.append(node)
            children = list(node)
        except Exception:
            return
        for child in children:
            visit(child, depth + 1)

    visit(root, 0)
    return found


def selected(node):
    states = node.getState()
    return states.contains(pyatspi.STATE_SELECTED) or states.contains(pyatspi.STATE_CHECKED)


class SmokeTest(unittest.TestCase):
    def setUp(self):
        env = dict(os.environ)
        env.pop('GTK_A11Y', None)
        self.app = subprocess.Popen([APP_BINARY], env=env)
        self.addCleanup(self.stop_app)

    def stop_app(self):
        self.app.terminate()
        try:
            self.app.wait(10)
        except subprocess.TimeoutExpired:
            self.app.kill()
            self.app.wait()

    def application(self):
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is not None and app.get_process_id() == self.app.pid:
                return app
        return None

    def frame(self):
        app = self.application()
        if app is None:
            return None
        frames = [c for c in app if c is not None and c.getRole() == pyatspi.ROLE_FRAME]
        return frames[0] if frames else None

    def test_window_and_areas(self):
        frame = wait_for(self.frame, 'the main window in the AT-SPI tree')
        self.assertEqual(frame.name, 'Earbud Doctor')

        expected = {
            'Fix It': 'Earbuds Not Charging?',
            'Battery': 'No Earbuds Connected',
            'Firmware': 'Check the Firmware',
        }
        for area, heading in expected.items():
            def switch_button():
                buttons = find_all(frame, lambda n: n.name == area and
                                   n.getRole() == pyatspi.ROLE_PAGE_TAB)
                return buttons[0] if buttons else None

            button = wait_for(switch_button, f'a button named “{area}”')
            action = button.queryAction()
            self.assertGreater(action.nActions, 0, f'“{area}” cannot be activated')
            action.doAction(0)

            wait_for(lambda: selected(button), f'the {area} tab to be selected')
            self.assertTrue(find_all(frame, lambda n: n.name == heading and
                                     n.getRole() == pyatspi.ROLE_LABEL),
                            f'the heading “{heading}” of the {area} area')

        menu = find_all(frame, lambda n: n.name == 'Main Menu')
        self.assertTrue(menu, 'the primary menu button has no accessible name')


if __name__ == '__main__':
    unittest.main(verbosity=2)
