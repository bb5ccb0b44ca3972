#!/usr/bin/python3
# The Sony vendor link as a person sees it: the app registers its profile with
# a mock BlueZ, which hands it a socket to a pretend WF-1000XM4; the Battery
# area then shows left, right and case, and the Firmware area the version the
# earbuds reported. Read through AT-SPI; run inside tests/ui-session.
#
# Usage: ui-sony-battery.py FAKE_EARBUD_TOOL [unittest arguments]

import os
import subprocess
import sys
import unittest

import dbus
import pyatspi

import bluezmock
from atspiutil import AppMixin, find_all, wait_for

TOOL = None
TEMPLATE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'sonybluez.py')
FAKE_ARGS = ['--left', '70', '--left-status', '1', '--right', '40', '--right-status', '0',
             '--case', '55', '--case-status', '3', '--firmware', '1.4.2']
SHOTS = os.environ.get('BUD_SCREENSHOT_DIR')


class SonyBatteryTest(AppMixin, bluezmock.BluezTestCase):
    def start_bluez(self):
        self.bluez_process, self.bluez = self.spawn_server_template(
            TEMPLATE, {'tool': TOOL, 'tool_args': FAKE_ARGS}, stdout=subprocess.DEVNULL)
        self.mock = dbus.Interface(self.bluez, bluezmock.MOCK_IFACE)

    def setUp(self):
        super().setUp()
        self.add_adapter()
        self.add_device('AA:BB:CC:DD:EE:01', 'WF-1000XM4', modalias=bluezmock.XM4_MODALIAS,
                        uuids=bluezmock.XM4_UUIDS)
        self.launch_app()

    def containing(self, text):
        return find_all(self.frame, lambda n: text in (n.name or ''))

    def test_left_right_case_and_firmware(self):
        self.show_area('Battery')
        for part, level in (('Left Earbud', '70 % · Charging'),
                            ('Right Earbud', '40 % · Not charging'),
                            ('Charging Case', '55 % · Full')):
            self.wait_named(part)
            wait_for(lambda: self.containing(level), f'“{level}” for the {part}')
        # Collapsed, the row still gives both buds at a glance.
        self.assertTrue(self.containing('L 70 % · R 40 %'))
        if SHOTS:
            os.makedirs(SHOTS, exist_ok=True)
            subprocess.run(['import', '-window', 'root',
                            os.path.join(SHOTS, 'sony-battery.png')], check=False)

        # The earbuds told us their firmware, so nobody has to type it.
        self.show_area('Firmware')
        wait_for(lambda: self.containing('Read from the earbuds'), 'the reported version')
        wait_for(lambda: self.containing('A firmware update is available'), 'the verdict')
        self.assertTrue(self.containing('2.3.1, the latest known as of'))


if __name__ == '__main__':
    TOOL = sys.argv.pop(1)
    unittest.main(verbosity=2)
