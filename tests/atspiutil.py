# Shared helpers for tests that drive the real app through AT-SPI, the way the
# Orca screen reader sees it. Run under tests/ui-session with /usr/bin/python3.

import os
import shutil
import subprocess
import tempfile
import time
import unittest

import pyatspi

APP_BINARY = os.environ.get('BUD_APP_BINARY', 'earbud-doctor')
TIMEOUT = float(os.environ.get('BUD_TEST_TIMEOUT', '30'))

# Roles a person can operate; each needs a name a screen reader can speak.
CONTROL_ROLES = {
    pyatspi.ROLE_PUSH_BUTTON,
    pyatspi.ROLE_TOGGLE_BUTTON,
    pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON,
    pyatspi.ROLE_PAGE_TAB,
    pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_SPIN_BUTTON,
    pyatspi.ROLE_SLIDER,
    pyatspi.ROLE_COMBO_BOX,
    pyatspi.ROLE_LINK,
    pyatspi.ROLE_MENU_ITEM,
}


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
        if node is None or depth > 80:
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


def description(node):
    try:
        return node.description or ''
    except Exception:
        return ''


class AppMixin:
    """Starts the real app with the AT-SPI bridge on, and finds its window."""

    app_args = []
    app_env = {}

    def launch_app(self, **extra_env):
        env = dict(os.environ)
        env.pop('GTK_A11Y', None)
        env.pop('NO_AT_BRIDGE', None)
        # GTK 4.8's AT-SPI bridge warns when a client asks about an object that
        # just went away, which a test walking pages does all the time; those
        # warnings are not the app's. Criticals still abort it.
        env['G_DEBUG'] = 'gc-friendly,fatal-criticals'
        # Each test starts with no saved progress or history of its own.
        if 'XDG_DATA_HOME' not in extra_env:
            data_home = tempfile.mkdtemp(prefix='bud-test-data-')
            self.addCleanup(shutil.rmtree, data_home, ignore_errors=True)
            env['XDG_DATA_HOME'] = data_home
        env.update(self.app_env)
        env.update(extra_env)
        self.app = subprocess.Popen([APP_BINARY] + self.app_args, env=env)
        self.addCleanup(self.stop_app)
        self.frame = wait_for(self.find_frame, 'the main window in the AT-SPI tree')

    def stop_app(self):
        self.app.terminate()
        try:
            self.app.wait(10)
        except subprocess.TimeoutExpired:
            self.app.kill()
            self.app.wait()

    def application(self):
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and app.get_process_id() == self.app.pid:
                return app
        return None

    def find_frame(self):
        app = self.application()
        if app is None:
            return None
        frames = [c for c in app if c is not None and c.getRole() == pyatspi.ROLE_FRAME]
        return frames[0] if frames else None

    def named(self, name, roles=None):
        return find_all(self.frame, lambda n: n.name == name and
                        (roles is None or n.getRole() in roles))

    def activate(self, name, roles=CONTROL_ROLES):
        def actionable():
            for node in self.named(name, roles):
                try:
                    if node.queryAction().nActions > 0:
                        return node
                except NotImplementedError:
                    continue
            return None

        node = wait_for(actionable, f'a control named “{name}”')
        node.queryAction().doAction(0)
        return node

    def show_area(self, area):
        tab = self.activate(area, {pyatspi.ROLE_PAGE_TAB})
        wait_for(lambda: selected(tab), f'the {area} tab to be selected')

    def wait_named(self, name, roles=None, timeout=TIMEOUT):
        return wait_for(lambda: (self.named(name, roles) or [None])[0],
                        f'something named “{name}”', timeout)


class AppTestCase(AppMixin, unittest.TestCase):
    def setUp(self):
        self.launch_app()
