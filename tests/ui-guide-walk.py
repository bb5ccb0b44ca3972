#!/usr/bin/python3
# Walks the whole WF-1000XM4 guide in the real app, with a mock BlueZ whose
# battery level rises during the first step, reading everything through
# AT-SPI as a screen reader would. Run inside tests/ui-session.

import json
import os
import pathlib
import shutil
import subprocess
import tempfile
import time
import unittest

import pyatspi

import bluezmock
from atspiutil import AppMixin, find_all, wait_for

ADDRESS = 'AA:BB:CC:DD:EE:01'
GUIDE = pathlib.Path(os.environ['EARBUD_DOCTOR_DATA_DIR']) / 'guides' / 'sony-wf-1000xm4.json'
SHOTS = os.environ.get('BUD_SCREENSHOT_DIR')


class GuideWalkTest(AppMixin, bluezmock.BluezTestCase):
    def setUp(self):
        super().setUp()
        self.add_adapter()
        self.path = self.add_device(ADDRESS, 'WF-1000XM4', modalias=bluezmock.XM4_MODALIAS,
                                    uuids=bluezmock.XM4_UUIDS)
        self.add_battery(self.path, 40)
        self.home = tempfile.mkdtemp(prefix='bud-walk-')
        self.addCleanup(shutil.rmtree, self.home, ignore_errors=True)
        self.launch_app(XDG_DATA_HOME=self.home)

    def screenshot(self, name):
        if SHOTS:
            os.makedirs(SHOTS, exist_ok=True)
            subprocess.run(['import', '-window', 'root', os.path.join(SHOTS, name + '.png')],
                           check=False)

    def labels_containing(self, text):
        return find_all(self.frame, lambda n: text in (n.name or ''))

    def test_walk_whole_guide(self):
        steps = json.loads(GUIDE.read_text())['steps']
        self.assertEqual(len(steps), 6)

        # The detected earbuds are offered first, named as BlueZ names them.
        self.wait_named('Earbuds Not Charging?', {pyatspi.ROLE_HEADING})
        self.screenshot('0-start')
        self.activate('WF-1000XM4', {pyatspi.ROLE_PUSH_BUTTON})

        for index, step in enumerate(steps):
            self.wait_named(step['title'], {pyatspi.ROLE_HEADING})
            self.wait_named(f'Step {index + 1} of 6', {pyatspi.ROLE_LABEL})
            pictures = find_all(self.frame, lambda n: n.getRole() == pyatspi.ROLE_IMAGE and
                                n.description == step['illustration_alt'])
            self.assertTrue(pictures, f'no illustration described as “{step["illustration_alt"]}”')

            if index == 0:
                # Recorded at 40 % when the step opened; the buds now charge.
                wait_for(lambda: self.labels_containing('40 % at'), 'the level before the step')
                self.set_battery(self.path, 48)
                wait_for(lambda: self.labels_containing('Earbuds +8 % in'),
                         'the measured change')
                verdict = self.labels_containing('Earbuds +8 % in')[0].name
                self.assertTrue(verdict.endswith(': charging'), verdict)

            self.screenshot(f'{index + 1}-{step["id"]}')
            if step['id'] == 'contact-support':
                self.activate('See Summary')
            else:
                self.activate('Still Not Charging')

        self.wait_named('Time to Contact Support', {pyatspi.ROLE_HEADING})
        for step in steps[:-1]:
            self.wait_named(step['title'])
        # The summary keeps the measurement of the first step.
        self.assertTrue(self.labels_containing('Earbuds +8 % in'))
        self.screenshot('7-summary')

    def test_timer_outlives_the_window(self):
        self.wait_named('Earbuds Not Charging?', {pyatspi.ROLE_HEADING})
        self.activate('WF-1000XM4', {pyatspi.ROLE_PUSH_BUTTON})
        self.wait_named('Reseat the Earbuds', {pyatspi.ROLE_HEADING})
        self.activate('Skip')
        self.wait_named('Charge the Case', {pyatspi.ROLE_HEADING})
        self.wait_named('30:00', {pyatspi.ROLE_LABEL})
        self.activate('Start Timer')
        self.wait_named('Stop Timer', {pyatspi.ROLE_PUSH_BUTTON})
        # The countdown moves on its own once started.
        wait_for(lambda: find_all(self.frame, lambda n: (n.name or '').startswith('29:')),
                 'the countdown to tick')

        # Closing the window must not stop the timer: the app keeps running.
        self.activate('Close', {pyatspi.ROLE_PUSH_BUTTON})
        wait_for(lambda: self.find_frame() is None, 'the window to close')
        time.sleep(2)
        self.assertIsNone(self.app.poll(), 'the app quit with a timer running')

    def test_start_over_starts_from_the_first_step(self):
        self.wait_named('Earbuds Not Charging?', {pyatspi.ROLE_HEADING})
        self.activate('Sony WF-1000XM4', {pyatspi.ROLE_PUSH_BUTTON})
        for step in range(1, 6):
            self.wait_named(f'Step {step} of 6', {pyatspi.ROLE_LABEL})
            self.activate('Still Not Charging')
        self.wait_named('Step 6 of 6', {pyatspi.ROLE_LABEL})
        self.activate('See Summary')
        self.wait_named('Time to Contact Support', {pyatspi.ROLE_HEADING})
        self.activate('Start Over')
        # Chosen again at once, while the cleared progress may still be being written.
        self.activate('Sony WF-1000XM4', {pyatspi.ROLE_PUSH_BUTTON})
        self.wait_named('Step 1 of 6', {pyatspi.ROLE_LABEL})

    def test_progress_survives_restart(self):
        self.wait_named('Earbuds Not Charging?', {pyatspi.ROLE_HEADING})
        self.activate('WF-1000XM4', {pyatspi.ROLE_PUSH_BUTTON})
        self.wait_named('Reseat the Earbuds', {pyatspi.ROLE_HEADING})
        self.activate('Still Not Charging')
        self.wait_named('Charge the Case', {pyatspi.ROLE_HEADING})
        # Saving is asynchronous; give it a moment before the app is killed.
        wait_for(lambda: list(pathlib.Path(self.home).rglob('*.json')), 'the saved progress')
        time.sleep(0.5)

        self.app.kill()
        self.app.wait()
        self.launch_app(XDG_DATA_HOME=self.home)
        # The window remembered nothing in memory; the progress file did.
        self.activate('Continue')
        self.wait_named('Charge the Case', {pyatspi.ROLE_HEADING})


if __name__ == '__main__':
    unittest.main(verbosity=2)
