#!/usr/bin/python3
# The Sony vendor link end to end: budctl registers its profile with a mock
# BlueZ and asks it to connect; the mock hands budctl one end of a socketpair
# whose other end is fake-earbud-tool (a pretend WF-1000XM4), and budctl
# reports what the fake said.
#
# Usage: test-sony-e2e.py FAKE_EARBUD_TOOL [unittest arguments]

import json
import os
import subprocess
import sys
import time
import unittest
from datetime import datetime, timezone

import dbus

import bluezmock

BUDCTL = os.environ['BUDCTL']
TOOL = None
TEMPLATE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'sonybluez.py')
XM4 = 'AA:BB:CC:DD:EE:01'
XM4_PATH = '/org/bluez/hci0/dev_AA_BB_CC_DD_EE_01'
UUID_V2 = '956c7b26-d49a-4ba8-b03f-b17d393cb6e2'
UUID_V1 = '96cc203e-5068-46ad-b32d-e316f5e069ba'
# What the fake says unless told otherwise (see fake-earbud-tool.c).
FAKE_ARGS = ['--left', '70', '--left-status', '1', '--right', '40', '--right-status', '0',
             '--case', '55', '--case-status', '3', '--firmware', '2.3.1']


class SonyLinkTest(bluezmock.BluezTestCase):
    def start_bluez(self):
        self.bluez_process, self.bluez = self.spawn_server_template(
            TEMPLATE, {'tool': TOOL, 'tool_args': FAKE_ARGS}, stdout=subprocess.DEVNULL)
        self.mock = dbus.Interface(self.bluez, bluezmock.MOCK_IFACE)

    def budctl(self, *args):
        started = time.monotonic()
        result = subprocess.run([BUDCTL, *args], capture_output=True, text=True, timeout=20,
                                check=False)
        result.elapsed = time.monotonic() - started
        return result

    def devices(self):
        result = self.budctl('devices', '--json')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.elapsed = result.elapsed
        return {device['address']: device for device in json.loads(result.stdout)}

    def events(self):
        return [str(event) for event in self.mock.GetSonyEvents()]

    def add_xm4(self, uuids=None, connected=True):
        self.add_adapter()
        return self.add_device(XM4, 'WF-1000XM4', modalias=bluezmock.XM4_MODALIAS,
                               uuids=uuids or bluezmock.XM4_UUIDS, connected=connected)

    def test_devices_show_the_fakes_readings(self):
        self.add_xm4()
        started = time.time()

        xm4 = self.devices()[XM4]

        self.assertEqual(xm4['left'], {'level': 70, 'status': 'charging', 'as_of': None})
        self.assertEqual(xm4['right'], {'level': 40, 'status': 'not-charging', 'as_of': None})
        self.assertEqual(xm4['case']['level'], 55)
        self.assertEqual(xm4['case']['status'], 'charged')
        as_of = datetime.fromisoformat(xm4['case']['as_of'].replace('Z', '+00:00'))
        self.assertLessEqual(abs(as_of.timestamp() - started), 30)
        self.assertEqual(as_of.tzinfo, timezone.utc)
        self.assertEqual(xm4['firmware'], '2.3.1')
        # The readings came in well before the wait's bound.
        self.assertLess(self.elapsed, 3)
        # One v2 client profile, one ConnectProfile, one connection handed over.
        self.assertEqual(self.events(), [f'register {UUID_V2} client',
                                         f'connect {XM4_PATH} {UUID_V2}',
                                         'new-connection ok'])

    def test_devices_text_shows_the_fakes_readings(self):
        self.add_xm4()

        result = self.budctl('devices')

        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, '')
        self.assertNotIn('\x1b', result.stdout)
        lines = result.stdout.splitlines()
        self.assertEqual(lines[0], f'WF-1000XM4 ({XM4}), connected')
        self.assertIn('  Left earbud: 70 %, charging', lines)
        self.assertIn('  Right earbud: 40 %, not charging', lines)
        case = [line for line in lines if line.startswith('  Case: ')]
        self.assertEqual(len(case), 1, result.stdout)
        self.assertRegex(case[0], r'^  Case: 55 %, fully charged, read at \d\d:\d\d$')
        self.assertIn('  Model: sony-wf-1000xm4', lines)
        self.assertIn('  Firmware: 2.3.1', lines)

    def test_devices_text_leaves_out_what_is_not_known(self):
        self.mock.SetToolArgs(FAKE_ARGS + ['--left', '0', '--left-status', '0'])
        self.add_xm4()

        result = self.budctl('devices')

        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn('Left earbud', result.stdout)
        self.assertIn('  Right earbud: 40 %, not charging', result.stdout.splitlines())

    def test_a_bud_at_zero_is_not_reported(self):
        self.mock.SetToolArgs(FAKE_ARGS + ['--left', '0', '--left-status', '0'])
        self.add_xm4()

        xm4 = self.devices()[XM4]

        self.assertEqual(xm4['left'], {'level': None, 'status': None, 'as_of': None})
        self.assertEqual(xm4['right']['level'], 40)
        self.assertEqual(xm4['firmware'], '2.3.1')

    def test_a_v1_device_gets_the_v1_profile(self):
        self.mock.SetToolArgs(FAKE_ARGS + ['--protocol', '1'])
        self.add_xm4(uuids=['0000110b-0000-1000-8000-00805f9b34fb', UUID_V1])

        xm4 = self.devices()[XM4]

        self.assertEqual(self.events(), [f'register {UUID_V1} client',
                                         f'connect {XM4_PATH} {UUID_V1}',
                                         'new-connection ok'])
        self.assertEqual(xm4['firmware'], '2.3.1')
        self.assertEqual(xm4['left']['level'], 70)
        self.assertEqual(xm4['case']['level'], 55)

    def test_firmware_command_reads_the_device(self):
        self.add_xm4()

        result = self.budctl('firmware', XM4)

        self.assertIn('2.3.1', result.stdout, result.stderr)
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_disconnected_device_is_left_alone(self):
        self.add_xm4(connected=False)

        xm4 = self.devices()[XM4]

        self.assertEqual(self.events(), [])
        self.assertIsNone(xm4['firmware'])
        self.assertLess(self.elapsed, 2)

    def test_other_devices_are_left_alone(self):
        self.add_adapter()
        self.add_device('AA:BB:CC:DD:EE:02', 'Speaker',
                        uuids=['0000110b-0000-1000-8000-00805f9b34fb'])

        self.devices()

        self.assertEqual(self.events(), [])
        self.assertLess(self.elapsed, 2)

    def test_refused_connection_does_not_wait(self):
        self.mock.SetConnectError('org.bluez.Error.Failed')
        self.add_xm4()

        xm4 = self.devices()[XM4]

        self.assertEqual(self.events(), [f'register {UUID_V2} client',
                                         f'connect {XM4_PATH} {UUID_V2}'])
        self.assertEqual(xm4['left'], {'level': None, 'status': None, 'as_of': None})
        self.assertIsNone(xm4['firmware'])
        self.assertLess(self.elapsed, 2)

    def test_silent_device_waits_only_briefly(self):
        self.mock.SetToolArgs(FAKE_ARGS + ['--silent'])
        self.add_xm4()

        xm4 = self.devices()[XM4]

        self.assertIn('new-connection ok', self.events())
        self.assertIsNone(xm4['firmware'])
        self.assertGreater(self.elapsed, 2.5)
        self.assertLess(self.elapsed, 6)

    def test_watch_reports_the_vendor_levels(self):
        self.add_xm4()

        result = self.budctl('watch', '--json', '--count', '1', '--timeout', '10')

        self.assertEqual(result.returncode, 0, result.stderr)
        event = json.loads(result.stdout.splitlines()[0])
        self.assertEqual(event['event'], 'battery')
        self.assertEqual(event['address'], XM4)


if __name__ == '__main__':
    TOOL = sys.argv.pop(1)
    unittest.main(testRunner=unittest.TextTestRunner(stream=sys.stdout, verbosity=2))
