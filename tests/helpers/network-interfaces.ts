import type { NetworkInterfaceInfo } from 'node:os';
import type { NetworkInterfaces } from '../../server/http/join-urls';

function ipv4(address: string, internal = false): NetworkInterfaceInfo {
  return {
    address,
    family: 'IPv4',
    internal,
    netmask: '255.255.255.0',
    mac: '00:00:00:00:00:00',
    cidr: null,
  };
}
function ipv6(address: string, internal = false): NetworkInterfaceInfo {
  return {
    address,
    family: 'IPv6',
    internal,
    netmask: 'ffff:ffff:ffff:ffff::',
    mac: '00:00:00:00:00:00',
    cidr: null,
    scopeid: 0,
  };
}

/**
 * A classroom laptop's interfaces, in the order a Linux machine lists them: loopback, a Docker
 * bridge before the Wi-Fi, wired, a link-local address. Phones are on the Wi-Fi (192.168.1.23).
 */
export const CLASSROOM_LAPTOP = (): NetworkInterfaces => ({
  lo: [ipv4('127.0.0.1', true), ipv6('::1', true)],
  docker0: [ipv4('172.17.0.1')],
  wlan0: [ipv4('192.168.1.23'), ipv6('fe80::1c2d:3e4f:5a6b:7c8d')],
  eth0: [ipv4('10.0.0.5')],
  usb0: [ipv4('169.254.10.20')],
});

/** The LAN addresses of CLASSROOM_LAPTOP in the order they are offered (likeliest room network first). */
export const CLASSROOM_LAN = ['192.168.1.23', '10.0.0.5', '172.17.0.1', '169.254.10.20'];
