'''python-dbusmock template: the bluez5 template, plus the profile API through
which bluetoothd hands an app the Sony vendor link.

ProfileManager1.RegisterProfile remembers which bus name registered which
service UUID at which path. Device1.ConnectProfile(uuid) starts
fake-earbud-tool on one end of a socketpair and calls the registered
Profile1.NewConnection(device, fd, {}) with the other end, before it answers,
as bluetoothd does.

Parameters: "tool" (path of fake-earbud-tool) and "tool_args" (a list of its
options). org.bluez.Mock gains SetToolArgs(as), SetConnectError(s) ('' for
none) and GetSonyEvents() -> as, a log of what happened.
'''

import os
import socket
import subprocess

import dbus

from dbusmock import mockobject
# Everything, so that dbusmock finds bluez5's methods in this module too.
from dbusmock.templates.bluez5 import *  # noqa: F401,F403 pylint: disable=wildcard-import
from dbusmock.templates import bluez5

PROFILE_IFACE = 'org.bluez.Profile1'


def manager():
    return mockobject.objects['/org/bluez']


def log(event):
    manager().sony_events.append(event)


# Built in a function: dbusmock would put module-level methods on '/' too.
def profile_methods():
    @dbus.service.method(bluez5.PROFILE_MANAGER_IFACE, in_signature='osa{sv}', out_signature='',
                         sender_keyword='sender')
    def register_profile(_self, path, uuid, options, sender=None):
        role = str(options.get('Role', ''))
        manager().sony_profiles[str(uuid)] = (str(sender), str(path))
        log(f'register {uuid} {role}')

    @dbus.service.method(bluez5.PROFILE_MANAGER_IFACE, in_signature='o', out_signature='')
    def unregister_profile(_self, path):
        profiles = manager().sony_profiles
        for uuid, (_, registered_path) in list(profiles.items()):
            if registered_path == str(path):
                del profiles[uuid]
                log(f'unregister {uuid}')

    @dbus.service.method(bluez5.DEVICE_IFACE, in_signature='s', out_signature='',
                         path_keyword='object_path')
    def connect_profile(device, uuid, object_path=None):
        bluez = manager()
        log(f'connect {object_path} {uuid}')
        if bluez.sony_connect_error:
            raise dbus.exceptions.DBusException('Connection refused',
                                                name=bluez.sony_connect_error)
        if str(uuid) not in bluez.sony_profiles:
            raise dbus.exceptions.DBusException('No profile for ' + uuid,
                                                name='org.bluez.Error.InvalidArguments')

        sender, profile_path = bluez.sony_profiles[str(uuid)]
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            # The tool dies when the app closes its end (or after a minute).
            command = [bluez.sony_tool, '--fd', str(theirs.fileno()), *bluez.sony_tool_args]
            subprocess.Popen(command, pass_fds=[theirs.fileno()],  # pylint: disable=R1732
                             stdin=subprocess.DEVNULL)
            profile = dbus.Interface(device.connection.get_object(sender, profile_path,
                                                                  introspect=False),
                                     PROFILE_IFACE)
            # Asynchronous: the app is busy waiting for our answer to ConnectProfile.
            profile.NewConnection(dbus.ObjectPath(object_path), dbus.types.UnixFd(ours),
                                  dbus.Dictionary({}, signature='sv'),
                                  reply_handler=lambda: log('new-connection ok'),
                                  error_handler=lambda e: log(f'new-connection error {e}'))
        finally:
            ours.close()
            theirs.close()

    return register_profile, unregister_profile, connect_profile


def install_profile_api(obj, iface, name, in_sig, method):
    obj.methods.setdefault(iface, {})[name] = (in_sig, '', None, method)


@dbus.service.method(bluez5.BLUEZ_MOCK_IFACE, in_signature='sss', out_signature='s')
def AddDevice(self, adapter_device_name, device_address, alias):
    path = bluez5.AddDevice(self, adapter_device_name, device_address, alias)
    install_profile_api(mockobject.objects[path], bluez5.DEVICE_IFACE, 'ConnectProfile', 's',
                        manager().sony_methods[2])
    return path


@dbus.service.method(bluez5.BLUEZ_MOCK_IFACE, in_signature='as', out_signature='')
def SetToolArgs(_self, args):
    manager().sony_tool_args = [str(a) for a in args]


@dbus.service.method(bluez5.BLUEZ_MOCK_IFACE, in_signature='s', out_signature='')
def SetConnectError(_self, name):
    manager().sony_connect_error = str(name)


@dbus.service.method(bluez5.BLUEZ_MOCK_IFACE, in_signature='', out_signature='as')
def GetSonyEvents(_self):
    return dbus.Array(manager().sony_events, signature='s')


def load(mock, parameters):
    bluez5.load(mock, parameters)
    bluez = manager()
    bluez.sony_tool = os.fspath(parameters['tool'])
    bluez.sony_tool_args = [str(a) for a in parameters.get('tool_args', [])]
    bluez.sony_connect_error = ''
    bluez.sony_profiles = {}
    bluez.sony_events = []
    bluez.sony_methods = profile_methods()
    install_profile_api(bluez, bluez5.PROFILE_MANAGER_IFACE, 'RegisterProfile', 'osa{sv}',
                        bluez.sony_methods[0])
    install_profile_api(bluez, bluez5.PROFILE_MANAGER_IFACE, 'UnregisterProfile', 'o',
                        bluez.sony_methods[1])
