#!/usr/bin/python3
# Starts the real Earbud Doctor window and reads it the way a screen reader
# does, through the AT-SPI tree. Run inside tests/ui-session.

import unittest

import pyatspi

from atspiutil import AppTestCase


class SmokeTest(AppTestCase):
    def test_window_and_areas(self):
        self.assertEqual(self.frame.name, 'Earbud Doctor')

        for area in ('Fix It', 'Battery', 'Firmware'):
            self.show_area(area)

        self.assertTrue(self.named('Main Menu', {pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON}),
                        'the primary menu button has no accessible name')


if __name__ == '__main__':
    unittest.main(verbosity=2)
