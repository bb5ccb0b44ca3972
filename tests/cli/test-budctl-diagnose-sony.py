#!/usr/bin/python3
# budctl diagnose with the Sony vendor link: the mock BlueZ from tests/sony
# hands budctl a socket to fake-earbud-tool, which reports the buds' and the
# case's levels and the firmware version, so the firmware rules and the
# per-bud levels are exercised end to end.
#
# Usage: test-budctl-diagnose-sony.py FAKE_EARBUD_TOOL [unittest arguments]

import json
import os
import subprocess
import sys
import tempfile
import time
import unittest

import dbus

import bluezmock

BUDCTL = os.environ['BUDCTL']
TOOL = None
TEMPLATE = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'sony', 'sonybluez.py')
GUIDE = os.path.join(os.environ['EARBUD_DOCTOR_DATA_DIR'], 'guides', 'sony-wf-1000xm4.json')
XM4 = 'AA:BB:CC:DD:EE:01'


def fake_args(firmware, case=55, case_status=3):
    return ['--left', '70', '--left-status', '1', '--right', '40', '--right-status', '1',
            '--case', str(case), '--case-status', str(case_status), '--firmware', firmware]


class DiagnoseSonyTest(bluezmock.BluezTestCase):
    def start_bluez(self):
        self.bluez_process, self.bluez = self.spawn_server_template(
            TEMPLATE, {'tool': TOOL, 'tool_args': fake_args('2.3.1')},
            stdout=subprocess.DEVNULL)
        self.mock = dbus.Interface(self.bluez, bluezmock.MOCK_IFACE)

    def setUp(self):
        super().setUp()
        data_home = tempfile.TemporaryDirectory(prefix='budctl-diagnose-sony-')
        self.addCleanup(data_home.cleanup)
        self.env = dict(os.environ, XDG_DATA_HOME=data_home.name)
        with open(GUIDE, encoding='utf-8') as guide:
            self.steps = [step['title'] for step in json.load(guide)['steps']]
        self.add_adapter()
        self.add_device(XM4, 'WF-1000XM4', modalias=bluezmock.XM4_MODALIAS,
                        uuids=bluezmock.XM4_UUIDS)

    def budctl(self, *args):
        started = time.monotonic()
        result = subprocess.run([BUDCTL, *args], capture_output=True, text=True, env=self.env,
                                timeout=20, check=False)
        result.elapsed = time.monotonic() - started
        self.assertEqual(result.returncode, 0, result.stderr)
        return result

    def diagnose_json(self):
        return json.loads(self.budctl('diagnose', XM4, '--json').stdout)

    def test_known_drain_firmware_first(self):
        self.mock.SetToolArgs(fake_args('1.4.2', case=3, case_status=0))
        report = self.diagnose_json()

        self.assertEqual(report['model'], 'sony-wf-1000xm4')
        self.assertEqual(report['firmware']['installed'], '1.4.2')
        self.assertEqual(report['firmware']['verdict'], 'update-available')
        self.assertEqual(report['battery']['left']['level'], 70)
        self.assertEqual(report['battery']['right']['level'], 40)
        self.assertEqual(report['battery']['case']['level'], 3)
        self.assertEqual([(f['id'], f['severity'], f['step']) for f in report['findings']],
                         [('firmware-known-drain', 'critical', self.steps[3]),
                          ('case-flat', 'critical', self.steps[1])])
        self.assertIn('1.4.2', report['findings'][0]['message'])

        text = self.budctl('diagnose', XM4).stdout
        self.assertIn('Battery, left earbud: 70 %', text)
        self.assertIn('Battery, case: 3 %', text)
        self.assertIn('Firmware: 1.4.2, ', text)
        self.assertIn('\n1. Critical: Firmware 1.4.2', text)
        self.assertIn(f'step 4 of the guide, “{self.steps[3]}”', text)
        self.assertIn('\n2. Critical: The case is flat', text)

    def test_outdated_firmware(self):
        self.mock.SetToolArgs(fake_args('2.0.0'))
        report = self.diagnose_json()
        finding, = report['findings']
        self.assertEqual(finding['id'], 'firmware-outdated')
        self.assertEqual(finding['severity'], 'warning')
        self.assertEqual(finding['step_id'], 'update-firmware')
        self.assertEqual(report['firmware']['latest'], '2.3.1')

    def test_healthy(self):
        result = self.budctl('diagnose', XM4)
        self.assertEqual(result.stderr, '')
        self.assertIn('Firmware: 2.3.1, ', result.stdout)
        self.assertIn('Battery, right earbud: 40 %', result.stdout)
        self.assertIn('Nothing looks wrong', result.stdout)
        report = self.diagnose_json()
        self.assertEqual(report['findings'], [])
        self.assertEqual(report['firmware']['verdict'], 'up-to-date')
        self.assertLess(result.elapsed, 3)


if __name__ == '__main__':
    TOOL = sys.argv.pop(1)
    unittest.main(testRunner=unittest.TextTestRunner(stream=sys.stdout, verbosity=2))
