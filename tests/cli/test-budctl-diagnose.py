#!/usr/bin/python3
# budctl diagnose as a process, against python-dbusmock's bluez5 template on
# a private system bus, with its own user data folder for saved histories.

import json
import os
import subprocess
import tempfile
import time
import unittest

import bluezmock

BUDCTL = os.environ['BUDCTL']
XM4 = 'AA:BB:CC:DD:EE:01'
XM4_HISTORY = 'AA_BB_CC_DD_EE_01.json'
GUIDE = os.path.join(os.environ['EARBUD_DOCTOR_DATA_DIR'], 'guides', 'sony-wf-1000xm4.json')


class BudctlDiagnoseTest(bluezmock.BluezTestCase):
    def setUp(self):
        super().setUp()
        data_home = tempfile.TemporaryDirectory(prefix='budctl-diagnose-')
        self.addCleanup(data_home.cleanup)
        self.data_home = data_home.name
        self.history_dir = os.path.join(self.data_home, 'earbud-doctor', 'history')
        with open(GUIDE, encoding='utf-8') as guide:
            self.titles = {step['id']: step['title'] for step in json.load(guide)['steps']}

    def budctl(self, *args, env=None):
        env = dict(env or os.environ, XDG_DATA_HOME=self.data_home)
        started = time.monotonic()
        result = subprocess.run([BUDCTL, *args], capture_output=True, text=True, env=env,
                                timeout=15, check=False)
        result.elapsed = time.monotonic() - started
        return result

    def diagnose_json(self, address=XM4):
        result = self.budctl('diagnose', address, '--json')
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout), result.stderr

    def add_xm4(self, battery=None):
        path = self.add_device(XM4, 'WF-1000XM4', modalias=bluezmock.XM4_MODALIAS,
                               uuids=bluezmock.XM4_UUIDS)
        if battery is not None:
            self.add_battery(path, battery)
        return path

    def save_history(self, components):
        os.makedirs(self.history_dir)
        path = os.path.join(self.history_dir, XM4_HISTORY)
        with open(path, 'w', encoding='utf-8') as history:
            json.dump({'format': 1, 'address': XM4, 'components': components}, history)
        return path

    def assert_unavailable(self, result, words):
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertEqual(result.stdout, '')
        self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
        self.assertTrue(result.stderr.startswith('budctl: '), result.stderr)
        self.assertIn(words, result.stderr)
        self.assertLess(result.elapsed, 6)

    def test_unknown_address(self):
        self.add_adapter()
        self.add_xm4(battery=60)
        self.assert_unavailable(self.budctl('diagnose', 'AA:BB:CC:DD:EE:99'),
                                'AA:BB:CC:DD:EE:99')
        self.assert_unavailable(self.budctl('diagnose', 'AA:BB:CC:DD:EE:99', '--json'),
                                'AA:BB:CC:DD:EE:99')

    def test_xm4_json(self):
        self.add_adapter()
        self.add_xm4(battery=60)
        report, stderr = self.diagnose_json(XM4.lower())
        self.assertEqual(stderr, '')
        self.assertEqual(report['address'], XM4)
        self.assertEqual(report['name'], 'WF-1000XM4')
        self.assertEqual(report['model'], 'sony-wf-1000xm4')
        self.assertEqual(report['findings'], [])
        # BlueZ alone doesn't give the firmware version.
        self.assertIsNone(report['firmware'])
        self.assertEqual(report['battery'], {'single': {'level': 60, 'readings': 1}})
        self.assertIsNone(report['history_file'])

    def test_xm4_text(self):
        self.add_adapter()
        self.add_xm4(battery=60)
        result = self.budctl('diagnose', XM4)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, '')
        self.assertTrue(result.stdout.startswith(f'WF-1000XM4 ({XM4})\n'), result.stdout)
        for words in ('Model: sony-wf-1000xm4', '60 %', 'Nothing looks wrong',
                      'cannot tell whether the earbuds are charging',
                      'budctl guide sony-wf-1000xm4', 'Firmware: the version is not known'):
            self.assertIn(words, result.stdout)

    def test_no_battery(self):
        self.add_adapter()
        self.add_xm4()
        report, _ = self.diagnose_json()
        self.assertEqual(report['findings'], [])
        self.assertEqual(report['battery'], {})
        result = self.budctl('diagnose', XM4)
        self.assertIn('no levels have been reported', result.stdout)

    def test_saved_history(self):
        """The levels the app saved count, and today's are added after them."""
        now = int(time.time())
        path = self.save_history({
            'case': [[now - 1200, 8, 'not-charging'], [now - 600, 3, 'not-charging']],
        })
        self.add_adapter()
        self.add_xm4(battery=55)

        report, stderr = self.diagnose_json()
        self.assertEqual(stderr, '')
        self.assertEqual(report['history_file'], path)
        self.assertEqual(report['battery']['case'], {'level': 3, 'readings': 2})
        self.assertEqual(report['battery']['single'], {'level': 55, 'readings': 1})
        finding, = report['findings']
        self.assertEqual(finding['id'], 'case-flat')
        self.assertEqual(finding['severity'], 'critical')
        self.assertIn('3 %', finding['message'])
        self.assertEqual(finding['step'], self.titles['charge-case'])
        self.assertEqual(finding['step_id'], 'charge-case')
        self.assertEqual(finding['step_number'], 2)

        result = self.budctl('diagnose', XM4)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('\n1 thing looks wrong:\n1. Critical: The case is flat', result.stdout)
        self.assertIn(f'step 2 of the guide, “{self.titles["charge-case"]}”', result.stdout)
        self.assertNotIn('Nothing looks wrong', result.stdout)
        # Only read: the file is as the app left it.
        self.assertEqual(os.listdir(self.history_dir), [XM4_HISTORY])

    def test_findings_most_urgent_first(self):
        now = int(time.time())
        self.save_history({
            'left': [[now - 3000, 40, 'charging'], [now - 60, 40, 'charging']],
            'right': [[now - 3000, 30, 'charging'], [now - 60, 60, 'charging']],
            'case': [[now - 60, 15, 'not-charging']],
        })
        self.add_adapter()
        self.add_xm4()
        report, _ = self.diagnose_json()
        ids = [f['id'] for f in report['findings']]
        self.assertEqual(ids, ['case-low', 'left-not-charging'], report)
        self.assertEqual([f['step_id'] for f in report['findings']], ['charge-case', 'reseat'])
        self.assertEqual(report['findings'][1]['step'], self.titles['reseat'])
        result = self.budctl('diagnose', XM4)
        self.assertIn('\n2 things look wrong, the most urgent first:\n1. Warning: The case is low',
                      result.stdout)
        self.assertIn('\n2. Warning: The left earbud is not charging', result.stdout)
        self.assertIn(f'step 1 of the guide, “{self.titles["reseat"]}”', result.stdout)

    def test_damaged_history(self):
        """A damaged file is moved aside, as the app does, with one line
        naming it, and the diagnosis goes on with the levels read now."""
        path = self.save_history({})
        with open(path, 'wb') as history:
            history.write(b'\xff\x00 not json')
        self.add_adapter()
        self.add_xm4(battery=20)
        report, stderr = self.diagnose_json()
        self.assertEqual(report['battery'], {'single': {'level': 20, 'readings': 1}})
        self.assertIsNone(report['history_file'])
        self.assertEqual(report['findings'], [])
        self.assertEqual(len(stderr.splitlines()), 1, stderr)
        self.assertTrue(stderr.startswith('budctl: '), stderr)
        self.assertIn(path, stderr)
        aside, = os.listdir(self.history_dir)
        self.assertTrue(aside.startswith(XM4_HISTORY + '.corrupt-'), aside)

    def test_unknown_model(self):
        """Earbuds the catalogue doesn't know get the generic guide's steps."""
        now = int(time.time())
        self.save_history({'case': [[now - 60, 2, 'not-charging']]})
        self.add_adapter()
        self.add_device(XM4, 'Acme Buds')
        report, stderr = self.diagnose_json()
        self.assertEqual(stderr, '')
        self.assertIsNone(report['model'])
        self.assertEqual(report['findings'][0]['step_id'], 'charge-case')
        self.assertIsNotNone(report['findings'][0]['step'])

    def test_bad_guides_dir(self):
        """A diagnosis doesn't need the guide: it says so and goes on."""
        self.add_adapter()
        self.add_xm4(battery=60)
        result = self.budctl('diagnose', XM4, '--json', '--guides-dir', '/nonexistent/guides')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(len(result.stderr.splitlines()), 1, result.stderr)
        self.assertIn('/nonexistent/guides', result.stderr)
        self.assertEqual(json.loads(result.stdout)['model'], 'sony-wf-1000xm4')

    def test_bad_catalogue(self):
        self.add_adapter()
        self.add_xm4(battery=60)
        result = self.budctl('diagnose', XM4, '--firmware-db', '/nonexistent/firmware.json')
        self.assertEqual(result.returncode, 2)
        self.assertIn('/nonexistent/firmware.json', result.stderr)

    def test_no_bluez(self):
        self.stop_bluez()
        self.assert_unavailable(self.budctl('diagnose', XM4), 'org.bluez')

    def test_no_adapter(self):
        self.assert_unavailable(self.budctl('diagnose', XM4, '--json'), 'adapter')

    def test_no_system_bus(self):
        env = dict(os.environ, DBUS_SYSTEM_BUS_ADDRESS='unix:path=/nonexistent/bus')
        self.assert_unavailable(self.budctl('diagnose', XM4, env=env), 'system bus')


if __name__ == '__main__':
    unittest.main(verbosity=2)
