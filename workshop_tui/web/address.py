"""Finding the address phones can reach, and a free port, without sending any traffic."""

from __future__ import annotations

import errno
import ipaddress
import socket

import ifaddr

# Interfaces that exist on the laptop but lead nowhere a phone is.
_VIRTUAL_PREFIXES = ("docker", "br-", "veth", "virbr", "vmnet", "vboxnet", "tun", "tap")
PORT_ATTEMPTS = 20


def usable(address: str) -> bool:
    """True for an IPv4 address another device on the network could use."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return (
        ip.version == 4
        and not ip.is_loopback
        and not ip.is_link_local
        and not ip.is_unspecified
        and not ip.is_multicast
    )


def _routed_address() -> str | None:
    """The source address the kernel would use for the default route.

    Connecting a UDP socket only chooses a route; no packet leaves the machine.
    """
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("8.8.8.8", 80))
            address: str = probe.getsockname()[0]
    except OSError:
        return None
    return address


def virtual(interface: str) -> bool:
    """True for an interface name that belongs to containers, VMs or VPNs, not the room."""
    return interface.lower().startswith(_VIRTUAL_PREFIXES)


def interfaces() -> list[tuple[str, str]]:
    """Every IPv4 address of the machine as (interface name, address), loopback included."""
    return [
        (adapter.nice_name, ip.ip)
        for adapter in ifaddr.get_adapters()
        for ip in adapter.ips
        if isinstance(ip.ip, str)
    ]


def _interface_addresses() -> list[str]:
    """Usable IPv4 addresses of the machine's interfaces, physical-looking ones first."""
    found = [
        (virtual(name), not ipaddress.ip_address(address).is_private, address)
        for name, address in interfaces()
        if usable(address)
    ]
    return [address for *_, address in sorted(found)]


def lan_address() -> str | None:
    """The machine's LAN address, or None when it has only loopback/link-local addresses."""
    routed = _routed_address()
    if routed and usable(routed):
        return routed
    candidates = _interface_addresses()
    return candidates[0] if candidates else None


def listen_address(host: str | None) -> str:
    """Where the server listens: the given host, else the LAN address, else loopback."""
    return host if host is not None else lan_address() or "127.0.0.1"


def shown_address(listen: str) -> str:
    """The address the QR code names for a server listening on `listen`."""
    if listen in ("0.0.0.0", "::"):
        return lan_address() or "127.0.0.1"
    return listen


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening-ready socket bound to `port` or the next free one (up to 20 tries)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    last: OSError | None = None
    for candidate in range(port, port + PORT_ATTEMPTS):
        sock = socket.socket(family, socket.SOCK_STREAM)
        # Same as aiohttp's own sites: a restarted app must not wait out TIME_WAIT.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, candidate))
        except OSError as exc:
            sock.close()
            if exc.errno != errno.EADDRINUSE or port == 0:
                raise
            last = exc
            continue
        sock.set_inheritable(False)
        return sock
    raise OSError(
        errno.EADDRINUSE,
        f"ports {port}-{port + PORT_ATTEMPTS - 1} on {host} are all in use; choose one with --port",
    ) from last


def url_host(host: str) -> str:
    """The host as it is written in a URL (IPv6 in brackets)."""
    return f"[{host}]" if ":" in host else host
