# Shared helpers for tests that need a BlueZ: a private system bus with
# python-dbusmock's bluez5 template, plus the Battery1 interface that the
# template lacks. Import from tests run with /usr/bin/python3.

import subprocess

import dbus
import dbusmock

BLUEZ = 'org.bluez'
MOCK_IFACE = 'org.bluez.Mock'
BATTERY_IFACE = 'org.bluez.Battery1'
DEVICE_IFACE = 'org.bluez.Device1'
OBJECT_MANAGER_IFACE = 'org.freedesktop.DBus.ObjectManager'

# The Device ID that a real WF-1000XM4 reports.
XM4_MODALIAS = 'usb:v054Cp0DE1d0201'
XM4_UUIDS = [
    '0000110b-0000-1000-8000-00805f9b34fb',  # Audio Sink
    '0000111e-0000-1000-8000-00805f9b34fb',  # Handsfree
    '956c7b26-d49a-4ba8-b03f-b17d393cb6e2',  # Sony vendor service, v2
]


class BluezTestCase(dbusmock.DBusTestCase):
    """A test case with its own system bus and a mock bluetoothd on it."""

    @classmethod
    def setUpClass(cls):
        cls.start_system_bus()
        cls.system_bus = cls.get_dbus(system_bus=True)

    def setUp(self):
        self.start_bluez()

    def tearDown(self):
        self.stop_bluez()

    def start_bluez(self):
        self.bluez_process, self.bluez = self.spawn_server_template(
            'bluez5', {}, stdout=subprocess.DEVNULL)
        self.mock = dbus.Interface(self.bluez, MOCK_IFACE)

    def stop_bluez(self):
        if self.bluez_process is not None:
            self.bluez_process.terminate()
            self.bluez_process.wait()
            self.bluez_process = None

    def object(self, path):
        return self.system_bus.get_object(BLUEZ, path)

    def add_adapter(self, name='hci0', alias='earbud-test'):
        return self.mock.AddAdapter(name, alias)

    def add_device(self, address, alias, adapter='hci0', modalias=None, uuids=None,
                   connected=True):
        path = self.mock.AddDevice(adapter, address, alias)
        props = {'Connected': dbus.Boolean(connected, variant_level=1),
                 'Icon': dbus.String('audio-headphones', variant_level=1)}
        if modalias is not None:
            props['Modalias'] = dbus.String(modalias, variant_level=1)
        if uuids is not None:
            props['UUIDs'] = dbus.Array(uuids, signature='s', variant_level=1)
        mock = dbus.Interface(self.object(path), dbusmock.MOCK_IFACE)
        for name, value in props.items():
            mock.UpdateProperties(DEVICE_IFACE, {name: value})
        return path

    def add_battery(self, path, percentage):
        """Adds org.bluez.Battery1 to a device, as bluetoothd does once the
        headset reports a level, and announces it with InterfacesAdded."""
        props = {'Percentage': dbus.Byte(percentage, variant_level=1),
                 'Source': dbus.String('HFP', variant_level=1)}
        device = dbus.Interface(self.object(path), dbusmock.MOCK_IFACE)
        device.AddProperties(BATTERY_IFACE, props)
        root = dbus.Interface(self.object('/'), dbusmock.MOCK_IFACE)
        root.EmitSignal(OBJECT_MANAGER_IFACE, 'InterfacesAdded', 'oa{sa{sv}}',
                        [dbus.ObjectPath(path), {BATTERY_IFACE: props}])

    def set_battery(self, path, percentage):
        device = dbus.Interface(self.object(path), dbusmock.MOCK_IFACE)
        device.UpdateProperties(BATTERY_IFACE,
                                {'Percentage': dbus.Byte(percentage, variant_level=1)})
