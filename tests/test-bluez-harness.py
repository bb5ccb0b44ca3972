#!/usr/bin/python3
# Checks the BlueZ test harness itself: the other D-Bus tests rely on the mock
# publishing devices with Battery1 exactly the way bluetoothd does.

import unittest

import dbus

import bluezmock


class HarnessTest(bluezmock.BluezTestCase):
    def managed_objects(self):
        manager = dbus.Interface(self.object('/'), bluezmock.OBJECT_MANAGER_IFACE)
        return manager.GetManagedObjects()

    def test_device_with_battery(self):
        self.add_adapter()
        path = self.add_device('AA:BB:CC:DD:EE:01', 'WF-1000XM4',
                               modalias=bluezmock.XM4_MODALIAS, uuids=bluezmock.XM4_UUIDS)
        self.add_battery(path, 60)

        objects = self.managed_objects()
        self.assertIn(path, objects)
        device = objects[path][bluezmock.DEVICE_IFACE]
        self.assertEqual(device['Address'], 'AA:BB:CC:DD:EE:01')
        self.assertEqual(device['Modalias'], bluezmock.XM4_MODALIAS)
        self.assertTrue(device['Connected'])
        self.assertEqual(objects[path][bluezmock.BATTERY_IFACE]['Percentage'], 60)

        self.set_battery(path, 70)
        props = dbus.Interface(self.object(path), 'org.freedesktop.DBus.Properties')
        self.assertEqual(props.Get(bluezmock.BATTERY_IFACE, 'Percentage'), 70)

    def test_restart(self):
        self.add_adapter()
        self.stop_bluez()
        self.assertFalse(self.system_bus.name_has_owner(bluezmock.BLUEZ))
        self.start_bluez()
        self.assertTrue(self.system_bus.name_has_owner(bluezmock.BLUEZ))
        adapters = [p for p, ifaces in self.managed_objects().items()
                    if 'org.bluez.Adapter1' in ifaces]
        self.assertEqual(adapters, [])


if __name__ == '__main__':
    unittest.main(verbosity=2)
