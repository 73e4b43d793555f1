"""`workshop-tui doctor` against real sockets on loopback addresses (127.x).

Linux routes all of 127.0.0.0/8 to this machine, so a test address such as 127.0.0.71 stands in
for a LAN address once the doctor is told it is not loopback.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from workshop_tui.cli import main
from workshop_tui.web import address, doctor

LAN = "127.0.0.71"


def said(capsys: pytest.CaptureFixture[str]) -> str:
    """What the doctor printed, with its line wrapping undone."""
    return " ".join(capsys.readouterr().out.split())


def free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.fixture
def as_lan(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat 127.0.0.71 as a network address and leave the real firewall out of it."""
    monkeypatch.setattr(doctor, "loopback", lambda host: host != LAN and host.startswith("127."))
    monkeypatch.setattr(doctor, "firewall_findings", lambda port, root=None: [])


@pytest.fixture
def taken() -> Iterator[int]:
    """A port on the test address that another program is listening on."""
    with socket.socket() as other:
        other.bind((LAN, 0))
        other.listen()
        yield other.getsockname()[1]


@pytest.mark.usefixtures("as_lan")
def test_free_port_exits_0_with_the_url(capsys: pytest.CaptureFixture[str]) -> None:
    port = free_port(LAN)
    assert main(["doctor", "--lang", "en", "--host", LAN, "--port", str(port)]) == 0
    out = said(capsys)
    assert f"Port {port} on {LAN} is free." in out
    assert f"http://{LAN}:{port} answered a real HTTP request" in out
    assert f"Phones should get in at http://{LAN}:{port}/<ROOM>" in out
    assert "guest and hotel Wi-Fi" in out  # what this machine cannot test, said plainly


@pytest.mark.usefixtures("as_lan")
def test_taken_port_exits_1_and_names_the_way_out(
    taken: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["doctor", "--lang", "en", "--host", LAN, "--port", str(taken)]) == 1
    out = said(capsys)
    assert f"Port {taken} on {LAN} is already in use" in out
    assert "--port" in out and "Phones will not get in" in out


def test_only_loopback_exits_1_with_the_hotspot_advice(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(address, "lan_address", lambda: None)
    monkeypatch.setattr(doctor, "lan_address", lambda: None)
    monkeypatch.setattr(doctor, "interfaces", lambda: [("lo", "127.0.0.1")])
    monkeypatch.setattr(doctor, "firewall_findings", lambda port, root=None: [])
    assert main(["doctor", "--lang", "en", "--port", str(free_port("127.0.0.1"))]) == 1
    out = said(capsys)
    assert "lo 127.0.0.1 the QR code uses this" in out
    assert "no network address phones could use" in out and "hotspot" in out
    assert "--public-url" in out


@pytest.mark.usefixtures("as_lan")
async def test_public_url_is_followed_back_to_this_machine() -> None:
    # The "tunnel" here is the address itself: the request must reach the self-test's socket.
    port = free_port(LAN)
    found = await doctor.diagnose(LAN, port, f"http://{LAN}:{port}/")
    assert found.phones_get_in, found.findings
    assert any("through your proxy or tunnel" in f.text() for f in found.findings)

    dead = free_port("127.0.0.72")
    found = await doctor.diagnose(LAN, free_port(LAN), f"http://127.0.0.72:{dead}")
    assert not found.phones_get_in
    assert any("could not be reached from this machine" in f.text() for f in found.findings)


@pytest.mark.usefixtures("as_lan")
async def test_a_host_that_is_not_this_machine() -> None:
    found = await doctor.diagnose("192.0.2.254", 8765, None)  # TEST-NET-1: never assigned here
    assert not found.phones_get_in
    assert any("is not an address of this machine" in f.text() for f in found.findings)


def _ufw(root: Path, rules: str | None, policy: str = "DROP") -> Path:
    (root / "etc/ufw").mkdir(parents=True)
    (root / "etc/default").mkdir(parents=True)
    (root / "etc/ufw/ufw.conf").write_text("# managed by ufw\nENABLED=yes\nLOGLEVEL=low\n")
    (root / "etc/default/ufw").write_text(f'DEFAULT_INPUT_POLICY="{policy}"\n')
    if rules is not None:
        (root / "etc/ufw/user.rules").write_text(rules)
    return root


@pytest.mark.skipif(
    not sys.platform.startswith("linux") and not os.environ.get("CI"),
    reason="reads Linux firewall files",
)
@pytest.mark.parametrize(
    ("rules", "policy", "level", "words"),
    [
        ("### tuple ### allow tcp 22 0.0.0.0/0 any 0.0.0.0/0 in\n", "DROP", "problem", "ufw allow"),
        ("### tuple ### allow tcp 8765 0.0.0.0/0 any 0.0.0.0/0 in\n", "DROP", "ok", "lets port"),
        ("### tuple ### allow any 8000:9000 0.0.0.0/0 any 0.0.0.0/0 in\n", "DROP", "ok", "lets"),
        (None, "DROP", "warning", "need root to read"),
        (None, "ACCEPT", "ok", "lets port"),
    ],
)
def test_ufw_state_is_read_without_root(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    rules: str | None,
    policy: str,
    level: str,
    words: str,
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)  # no nft to ask
    (finding,) = doctor.firewall_findings(8765, _ufw(tmp_path, rules, policy))
    assert finding.level == level and words in finding.text()


@pytest.mark.skipif(
    not sys.platform.startswith("linux") and not os.environ.get("CI"),
    reason="reads Linux firewall files",
)
def test_firewalld_running_or_nothing_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    (nothing,) = doctor.firewall_findings(8765, tmp_path)
    assert nothing.level == "ok" and "could not be told" in nothing.text()
    (tmp_path / "proc/412").mkdir(parents=True)
    (tmp_path / "proc/412/comm").write_text("firewalld\n")
    (running,) = doctor.firewall_findings(8765, tmp_path)
    assert running.level == "warning" and "firewall-cmd --add-port=8765/tcp" in running.text()
