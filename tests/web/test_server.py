"""Running the server for the projector: where it listens, what it reports, how fast it stops."""

from __future__ import annotations

import asyncio
import socket
import time

import aiohttp
import ifaddr
import pytest

from workshop_tui.participant_server import ParticipantServer
from workshop_tui.session.hub import Hub
from workshop_tui.web import WebServer, address
from workshop_tui.web.limits import TokenBucket


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


async def test_the_server_reports_its_short_link_and_warns_on_loopback(hub: Hub) -> None:
    port = free_port()
    server: ParticipantServer = WebServer(hub, host="127.0.0.1", port=port)
    info = await server.start()
    try:
        assert info.join_url == f"http://127.0.0.1:{port}/{hub.state.room}"
        assert info.base_url == f"http://127.0.0.1:{port}"
        assert (info.room, info.host, info.port) == (hub.state.room, "127.0.0.1", port)
        assert info.loopback_only is True
        async with aiohttp.ClientSession() as session, session.get(info.join_url) as response:
            assert response.status == 200
    finally:
        await server.stop()


async def test_a_taken_port_moves_the_server_to_the_next_one(hub: Hub) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = WebServer(hub, host="127.0.0.1", port=port)
        info = await server.start()
        try:
            assert port < info.port <= port + address.PORT_ATTEMPTS
        finally:
            await server.stop()


async def test_a_public_url_goes_into_the_link_and_scopes_the_cookie(hub: Hub) -> None:
    server = WebServer(
        hub, host="127.0.0.1", port=free_port(), public_url="https://example.org/ws/"
    )
    info = await server.start()
    try:
        assert info.join_url == f"https://example.org/ws/{hub.state.room}"
        assert info.loopback_only is False
        async with aiohttp.ClientSession() as session:
            url = f"http://127.0.0.1:{info.port}/api/{hub.state.room}/join"
            async with session.post(url) as response:
                cookie = response.headers["Set-Cookie"]
        assert f"Path=/ws/api/{hub.state.room}" in cookie
        assert "Secure" in cookie
    finally:
        await server.stop()


async def test_stopping_ends_open_streams_at_once(hub: Hub) -> None:
    server = WebServer(hub, host="127.0.0.1", port=free_port())
    info = await server.start()
    room = hub.state.room
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{info.base_url}/api/{room}/join") as response:
            assert response.status == 201
        stream = await session.get(f"{info.base_url}/api/{room}/stream")
        await asyncio.wait_for(stream.content.readline(), 5)
        started = time.monotonic()
        await asyncio.wait_for(server.stop(), 10)
        assert time.monotonic() - started < 3
        stream.close()


async def test_the_default_listens_on_the_lan_address(
    hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 127.0.0.2 stands in for a LAN address: it is bindable here and not 127.0.0.1.
    monkeypatch.setattr("workshop_tui.web.address.lan_address", lambda: "127.0.0.2")
    server = WebServer(hub, port=free_port())
    info = await server.start()
    try:
        assert info.host == "127.0.0.2"
        assert info.join_url.startswith("http://127.0.0.2:")
    finally:
        await server.stop()


def test_usable_addresses_exclude_loopback_and_link_local() -> None:
    assert address.usable("192.168.1.20")
    assert address.usable("10.0.0.5")
    assert not address.usable("127.0.0.1")
    assert not address.usable("169.254.3.4")
    assert not address.usable("0.0.0.0")
    assert not address.usable("fe80::1")
    assert not address.usable("not an address")


class FakeIP:
    def __init__(self, ip: str) -> None:
        self.ip = ip


class FakeAdapter:
    def __init__(self, name: str, *ips: str) -> None:
        self.nice_name = name
        self.ips = [FakeIP(ip) for ip in ips]


def test_without_a_route_the_interfaces_are_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(address, "_routed_address", lambda: None)
    adapters = [
        FakeAdapter("lo", "127.0.0.1"),
        FakeAdapter("docker0", "172.17.0.1"),
        FakeAdapter("wlan0", "169.254.10.10", "192.168.43.7"),
    ]
    monkeypatch.setattr(ifaddr, "get_adapters", lambda: adapters)
    assert address.lan_address() == "192.168.43.7"


def test_with_only_loopback_there_is_no_lan_address(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(address, "_routed_address", lambda: None)
    monkeypatch.setattr(ifaddr, "get_adapters", lambda: [FakeAdapter("lo", "127.0.0.1")])
    assert address.lan_address() is None


def test_the_lan_address_is_found_without_sending_anything() -> None:
    found = address.lan_address()
    assert found is None or address.usable(found)


def test_the_submission_bucket_refills_over_time() -> None:
    bucket = TokenBucket(rate=2.0, burst=2, now=0.0)
    assert bucket.take(0.0) == 0
    assert bucket.take(0.0) == 0
    assert bucket.take(0.0) == pytest.approx(0.5)
    assert bucket.take(0.5) == 0


def test_ipv6_hosts_are_bracketed_in_urls() -> None:
    assert address.url_host("::1") == "[::1]"
    assert address.url_host("192.168.1.2") == "192.168.1.2"
