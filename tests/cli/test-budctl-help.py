#!/usr/bin/python3
# budctl's help documents every command and the exit status, and every
# failure that needs no Bluetooth is one line on stderr naming what failed.

import os
import subprocess
import tempfile
import unittest

BUDCTL = os.environ['BUDCTL']
COMMANDS = ['devices', 'watch', 'firmware', 'diagnose', 'guide', 'models']


def budctl(*args):
    return subprocess.run([BUDCTL, *args], capture_output=True, text=True, timeout=20,
                          check=False)


class HelpTest(unittest.TestCase):
    def test_help_lists_every_command_and_exit_status(self):
        result = budctl('--help')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, '')
        lines = result.stdout.splitlines()
        for command in COMMANDS:
            self.assertTrue(any(line.startswith(f'  {command} ') or line == f'  {command}'
                                for line in lines), command)
        for code in ('0', '2', '3'):
            self.assertTrue(any(line.startswith(f'  {code}  ') for line in lines), code)
        # Read by people and screen readers in a terminal: no escapes, 80 columns.
        self.assertNotIn('\x1b', result.stdout)
        for line in lines:
            self.assertLessEqual(len(line), 80, line)

    def test_each_command_has_its_own_help(self):
        for command in COMMANDS:
            with self.subTest(command=command):
                result = budctl(command, '--help')
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(result.stderr, '')
                self.assertIn(f'budctl [OPTION…] {command}', result.stdout)
                self.assertIn('--firmware-db', result.stdout)
                self.assertIn('budctl --help', result.stdout)


class ErrorTest(unittest.TestCase):
    def assert_one_line(self, args, code, words):
        result = budctl(*args)
        self.assertEqual(result.returncode, code, result.stderr)
        lines = result.stderr.splitlines()
        self.assertEqual(len(lines), 1, result.stderr)
        self.assertTrue(lines[0].startswith('budctl: '), lines[0])
        self.assertIn(words, lines[0])

    def test_usage_errors(self):
        self.assert_one_line([], 2, 'budctl --help')
        self.assert_one_line(['frobnicate'], 2, '“frobnicate”')
        self.assert_one_line(['devices', '--bogus'], 2, '--bogus')
        self.assert_one_line(['models', 'extra'], 2, '“extra”')
        self.assert_one_line(['watch', '--count', '-1'], 2, '--count')
        self.assert_one_line(['diagnose'], 2, 'address')
        self.assert_one_line(['firmware'], 2, '--model')

    def test_data_file_errors_name_the_file(self):
        self.assert_one_line(['models', '--firmware-db', '/nonexistent/fw.json'], 2,
                             '/nonexistent/fw.json')
        self.assert_one_line(['firmware', '--model', 'sony-wf-1000xm4', '--version', '1.0',
                              '--firmware-db', '/nonexistent/fw.json'], 2,
                             '/nonexistent/fw.json')
        # A catalogue named on the command line is checked before Bluetooth.
        for command in (['devices'], ['watch'], ['diagnose', 'AA:BB:CC:DD:EE:01'],
                        ['firmware', 'AA:BB:CC:DD:EE:01']):
            self.assert_one_line([*command, '--firmware-db', '/nonexistent/fw.json'], 2,
                                 '/nonexistent/fw.json')
        with tempfile.NamedTemporaryFile('w', suffix='.json') as damaged:
            damaged.write('{"format": ')
            damaged.flush()
            self.assert_one_line(['models', '--firmware-db', damaged.name], 2, damaged.name)


if __name__ == '__main__':
    unittest.main(verbosity=2)
