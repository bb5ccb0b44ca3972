#!/usr/bin/python3
# budctl devices / watch / firmware as a process, against python-dbusmock's
# bluez5 template on a private system bus.

import json
import os
import select
import signal
import subprocess
import time
import unittest
from datetime import datetime
from unittest import mock

import dbus

import bluezmock

BUDCTL = os.environ['BUDCTL']
XM4 = 'AA:BB:CC:DD:EE:01'
OTHER = 'AA:BB:CC:DD:EE:02'


class BudctlTestCase(bluezmock.BluezTestCase):
    def stop_bluez(self):
        if self.bluez_process is None:
            return
        super().stop_bluez()
        # The bus notices the exit a little later; until then it still
        # names the dead process as org.bluez's owner.
        deadline = time.monotonic() + 5
        while self.system_bus.name_has_owner(bluezmock.BLUEZ) and time.monotonic() < deadline:
            time.sleep(0.01)

    def budctl(self, *args, env=None, timeout=15):
        started = time.monotonic()
        result = subprocess.run([BUDCTL, *args], capture_output=True, text=True,
                                env=env, timeout=timeout, check=False)
        result.elapsed = time.monotonic() - started
        return result

    def devices(self, *args):
        result = self.budctl('devices', '--json', *args)
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout)

    def add_xm4(self, battery=None, address=XM4):
        path = self.add_device(address, 'WF-1000XM4', modalias=bluezmock.XM4_MODALIAS,
                               uuids=bluezmock.XM4_UUIDS)
        if battery is not None:
            self.add_battery(path, battery)
        return path

    def assert_unavailable(self, result, words):
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertEqual(result.stdout, '')
        self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
        self.assertIn(words, result.stderr)
        self.assertLess(result.elapsed, 6)

    def start_watch(self, *args):
        watch = subprocess.Popen([BUDCTL, 'watch', '--json', *args], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE)
        watch.pending = b''
        self.addCleanup(self.stop_watch, watch)
        return watch

    def stop_watch(self, watch):
        if watch.poll() is None:
            watch.kill()
        watch.wait()
        watch.stdout.close()
        watch.stderr.close()

    @staticmethod
    def has_line(watch, timeout):
        """Reads what budctl wrote, unbuffered: a line can't hide in a buffer
        that select() doesn't see."""
        deadline = time.monotonic() + timeout
        while b'\n' not in watch.pending:
            ready, _, _ = select.select([watch.stdout], [], [],
                                        max(0, deadline - time.monotonic()))
            if not ready:
                return False
            data = os.read(watch.stdout.fileno(), 65536)
            if not data:
                return False
            watch.pending += data
        return True

    def read_event(self, watch, timeout=5.0):
        self.assertTrue(self.has_line(watch, timeout), 'no event from budctl watch')
        line, watch.pending = watch.pending.split(b'\n', 1)
        event = json.loads(line)
        datetime.fromisoformat(event['timestamp'].replace('Z', '+00:00'))
        return event

    def wait_ready(self, watch, path):
        """budctl prints nothing until something changes: nudge the battery
        until it reports, so that later events can't race its start."""
        for level in range(1, 60):
            self.set_battery(path, level)
            if self.has_line(watch, 0.1):
                event = self.read_event(watch)
                self.assertEqual(event['event'], 'battery')
                # Drain a second nudge already on its way.
                if self.has_line(watch, 0.1):
                    self.read_event(watch)
                return
        self.fail('budctl watch never reported')


class BudctlBluezTest(BudctlTestCase):
    # devices

    def test_devices_json(self):
        self.add_adapter()
        self.add_xm4(battery=60)
        self.add_device(OTHER, 'Speaker')
        phone = self.add_device('AA:BB:CC:DD:EE:03', 'Phone')
        dbus.Interface(self.object(phone), 'org.freedesktop.DBus.Mock').UpdateProperties(
            bluezmock.DEVICE_IFACE, {'Icon': dbus.String('phone', variant_level=1)})

        devices = self.devices()
        self.assertEqual([d['address'] for d in devices], [XM4, OTHER])
        xm4, other = devices
        self.assertEqual(xm4['name'], 'WF-1000XM4')
        self.assertIs(xm4['connected'], True)
        self.assertIs(xm4['paired'], False)
        self.assertEqual(xm4['battery'], 60)
        self.assertEqual(xm4['model'], 'sony-wf-1000xm4')
        # The mock's ConnectProfile hands over no Sony link: nothing is known.
        for key in ('left', 'right', 'case'):
            self.assertEqual(xm4[key], {'level': None, 'status': None, 'as_of': None})
        self.assertIsNone(xm4['firmware'])
        self.assertIsNone(other['battery'])
        self.assertIsNone(other['model'])

        self.assertEqual(len(self.devices('--all')), 3)

    def test_devices_text(self):
        self.add_adapter()
        self.add_xm4(battery=45)
        result = self.budctl('devices')
        self.assertEqual(result.returncode, 0, result.stderr)
        # One "Label: value" line each, only for what is known: no columns.
        self.assertEqual(result.stdout.splitlines(), [
            f'WF-1000XM4 ({XM4}), connected',
            '  Battery: 45 %',
            '  Model: sony-wf-1000xm4',
        ])

    def test_devices_bad_catalogue(self):
        self.add_adapter()
        result = self.budctl('devices', '--firmware-db', '/nonexistent/firmware.json')
        self.assertEqual(result.returncode, 2)
        self.assertIn('/nonexistent/firmware.json', result.stderr)

    def test_many_devices(self):
        self.add_adapter()
        for i in range(500):
            self.add_device(f'AA:BB:CC:00:{i // 256:02X}:{i % 256:02X}', f'Buds {i}')
        devices = self.devices()
        self.assertEqual(len(devices), 500)
        self.assertEqual(devices[0]['address'], 'AA:BB:CC:00:00:00')
        self.assertEqual(devices[-1]['name'], 'Buds 499')

    # no Bluetooth

    def test_no_bluez(self):
        self.stop_bluez()
        self.assert_unavailable(self.budctl('devices'), 'org.bluez')
        self.assert_unavailable(self.budctl('watch', '--json'), 'org.bluez')

    def test_no_adapter(self):
        self.assert_unavailable(self.budctl('devices', '--json'), 'adapter')

    def test_no_system_bus(self):
        env = dict(os.environ, DBUS_SYSTEM_BUS_ADDRESS='unix:path=/nonexistent/bus')
        self.assert_unavailable(self.budctl('devices', env=env), 'system bus')

    def test_bluez_not_answering(self):
        """A bluetoothd that owns its name but never answers must not hang
        budctl: it gives up after about five seconds."""
        self.stop_bluez()
        stuck = subprocess.Popen(
            ['/usr/bin/python3', '-c',
             'import dbus, sys, time\n'
             'bus = dbus.SystemBus()\n'
             'bus.request_name("org.bluez")\n'
             'print("ready", flush=True)\n'
             'time.sleep(60)\n'],
            stdout=subprocess.PIPE, text=True)
        self.addCleanup(stuck.wait)
        self.addCleanup(stuck.kill)
        self.addCleanup(stuck.stdout.close)
        self.assertEqual(stuck.stdout.readline().strip(), 'ready')

        result = self.budctl('devices', '--json')
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn('did not answer', result.stderr)
        self.assertLess(result.elapsed, 8)

    # firmware ADDRESS

    def test_firmware_unknown_device(self):
        self.add_adapter()
        self.add_xm4()
        result = self.budctl('firmware', 'AA:BB:CC:DD:EE:99')
        self.assert_unavailable(result, 'AA:BB:CC:DD:EE:99')

    def test_firmware_version_not_known(self):
        self.add_adapter()
        self.add_xm4(battery=50)
        self.add_device(OTHER, 'Speaker')
        # BlueZ alone doesn't give the version: say how to supply it.
        result = self.budctl('firmware', XM4.lower())
        self.assert_unavailable(result, '--model sony-wf-1000xm4 --version')
        result = self.budctl('firmware', OTHER)
        self.assert_unavailable(result, 'budctl models')

    def test_firmware_no_bluez(self):
        self.stop_bluez()
        self.assert_unavailable(self.budctl('firmware', XM4), 'org.bluez')
        # Without an address, Bluetooth isn't needed.
        result = self.budctl('firmware', '--model', 'sony-wf-1000xm4', '--version', '1.0.0')
        self.assertEqual(result.returncode, 0, result.stderr)

    # watch

    def test_watch_events(self):
        self.add_adapter()
        xm4 = self.add_xm4(battery=50)
        watch = self.start_watch()
        self.wait_ready(watch, xm4)

        self.set_battery(xm4, 42)
        self.assertEqual(self.read_event(watch),
                         {**self.read_event_template('battery', XM4), 'battery': 42})

        # A device whose Battery1 appears while we watch.
        other = self.add_device(OTHER, 'Speaker')
        event = self.read_event(watch)
        self.assertEqual((event['event'], event['address'], event['battery']),
                         ('added', OTHER, None))
        self.add_battery(other, 90)
        event = self.read_event(watch)
        self.assertEqual((event['event'], event['address'], event['battery']),
                         ('battery', OTHER, 90))

        self.mock.DisconnectDevice('hci0', XM4)
        self.assertEqual(self.read_event(watch)['event'], 'disconnected')
        self.mock.ConnectDevice('hci0', XM4)
        self.assertEqual(self.read_event(watch)['event'], 'connected')

        dbus.Interface(self.object('/org/bluez/hci0'), 'org.bluez.Adapter1').RemoveDevice(
            dbus.ObjectPath(other))
        event = self.read_event(watch)
        self.assertEqual((event['event'], event['address']), ('removed', OTHER))

        # The adapter going takes its devices with it.
        self.mock.RemoveAdapter('hci0')
        event = self.read_event(watch)
        self.assertEqual((event['event'], event['address']), ('removed', XM4))

    def read_event_template(self, event, address):
        return {'event': event, 'address': address, 'name': 'WF-1000XM4',
                'left': None, 'right': None, 'case': None, 'timestamp': mock.ANY}

    def test_watch_bluez_restart(self):
        self.add_adapter()
        xm4 = self.add_xm4(battery=70)
        watch = self.start_watch()
        self.wait_ready(watch, xm4)

        self.stop_bluez()
        self.assertEqual(self.read_event(watch)['event'], 'bluez-lost')
        event = self.read_event(watch)
        self.assertEqual((event['event'], event['address']), ('removed', XM4))

        self.start_bluez()
        self.assertEqual(self.read_event(watch)['event'], 'bluez-back')
        self.add_adapter()
        xm4 = self.add_xm4()
        event = self.read_event(watch)
        self.assertEqual((event['event'], event['address']), ('added', XM4))
        self.add_battery(xm4, 65)
        event = self.read_event(watch)
        self.assertEqual((event['event'], event['battery']), ('battery', 65))
        self.assertIsNone(watch.poll(), 'budctl watch stopped when BlueZ restarted')

    def test_watch_count(self):
        self.add_adapter()
        xm4 = self.add_xm4(battery=10)
        watch = self.start_watch('--count', '3')
        self.wait_ready(watch, xm4)
        # wait_ready used one or two of the three events.
        for level in range(80, 90):
            self.set_battery(xm4, level)
            if watch.poll() is not None:
                break
            time.sleep(0.05)
        self.assertEqual(watch.wait(timeout=5), 0)

    def test_watch_timeout(self):
        self.add_adapter()
        self.add_xm4()
        started = time.monotonic()
        result = self.budctl('watch', '--json', '--timeout', '0.5')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, '')
        self.assertLess(time.monotonic() - started, 5)

    def test_watch_bad_arguments(self):
        self.assertEqual(self.budctl('watch', '--count', 'many').returncode, 2)
        self.assertEqual(self.budctl('watch', '--timeout', '-1').returncode, 2)



class SystemBusGoneTest(BudctlTestCase):
    """The system bus itself going away (its own class: it takes the bus)."""

    def test_watch_bus_gone(self):
        self.add_adapter()
        xm4 = self.add_xm4(battery=30)
        watch = self.start_watch()
        self.wait_ready(watch, xm4)

        os.kill(type(self).system_bus_pid, signal.SIGTERM)
        type(self).system_bus_pid = None
        self.assertEqual(watch.wait(timeout=5), 3)
        self.assertIn(b'system bus', watch.stderr.read())
        # No bus left to watch the mock go on.
        bluezmock.BluezTestCase.stop_bluez(self)


if __name__ == '__main__':
    unittest.main(verbosity=2)
