"""The room's Wi-Fi as a second code: the exact payload, both codes decoded from screenshots, and
the password never reaching the session file.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.conftest import needs_tmux
from tests.tui.conftest import INFO, MakeApp, screen_text, settle, until
from tests.tui.test_qr import decode_screenshot
from tests.tui.test_tmux import ROOT, decode_pane, tmux, wait_for
from workshop_tui.catalogue import t
from workshop_tui.export import export_session
from workshop_tui.participant_server import WifiNetwork
from workshop_tui.tui.app import ProjectorApp
from workshop_tui.tui.qr import QRCode, side_by_side, wifi_payload

HOTSPOT = WifiNetwork("Konferens-Gäst", "sommar;2026")
HOTSPOT_PAYLOAD = "WIFI:T:WPA;S:Konferens-Gäst;P:sommar\\;2026;;"
# As long as a network can be: 32-byte name, 63-character password.
LONGEST = WifiNetwork("n" * 32, "p" * 63)


def wifi_app(make_app: MakeApp, wifi: WifiNetwork) -> ProjectorApp:
    app = make_app()
    app.wifi = wifi
    return app


def test_payload_escapes_the_reserved_characters() -> None:
    network = WifiNetwork('a;b,c:d"e\\f', 'p;w,d:"x\\y')
    assert wifi_payload(network) == 'WIFI:T:WPA;S:a\\;b\\,c\\:d\\"e\\\\f;P:p\\;w\\,d\\:\\"x\\\\y;;'
    assert wifi_payload(WifiNetwork("Open Café")) == "WIFI:T:nopass;S:Open Café;;"


@pytest.mark.parametrize(
    ("ssid", "password"),
    [("", "long enough"), ("n" * 33, "long enough"), ("net", "short"), ("net", "p" * 64)],
)
def test_a_network_no_phone_could_join_is_refused(ssid: str, password: str) -> None:
    with pytest.raises(ValueError, match="Wi-Fi"):
        WifiNetwork(ssid, password)


def test_the_password_stays_out_of_repr() -> None:
    assert "sommar" not in repr(HOTSPOT) and "Konferens" in repr(HOTSPOT)
    assert WifiNetwork("net", "ab" * 32).password == "ab" * 32  # a 64-hex-digit key is valid


def test_side_by_side_keeps_both_scannable() -> None:
    # Join code 33 modules, Wi-Fi 41, one label row each; too narrow for both at 80 columns
    # beside the names, both fit at 160, and the smaller one grows first at 240.
    assert side_by_side((33, 1), (41, 1), 50, 22, 2) == (0, 0)
    assert side_by_side((33, 1), (41, 1), 130, 43, 2) == (2, 1)
    assert side_by_side((33, 1), (41, 1), 210, 68, 2) == (3, 2)


@pytest.mark.parametrize("size", [(160, 45), (240, 70)])
async def test_lobby_shows_both_codes(make_app: MakeApp, size: tuple[int, int]) -> None:
    app = wifi_app(make_app, HOTSPOT)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        # The codes are sized once the lobby has its size: wait for it, on a busy machine too.
        wifi = app.query_one("#lobby-wifi-qr", QRCode)
        await until(pilot, lambda: wifi.scale >= 1, "the Wi-Fi code drawn")
        assert sorted(decode_screenshot(app)) == sorted([INFO.join_url, HOTSPOT_PAYLOAD])
        text = screen_text(app)
        assert "1. Wi-Fi: Konferens-Gäst" in text and "2. Join" in text
        assert "Wi-Fi password: sommar;2026" in text


async def test_small_lobby_writes_the_network_out_and_full_screen_shows_both(
    make_app: MakeApp,
) -> None:
    app = wifi_app(make_app, HOTSPOT)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.query_one("#lobby-qr", QRCode).scale == 1
        assert decode_screenshot(app) == [INFO.join_url]
        text = screen_text(app)
        assert "1. Wi-Fi: Konferens-Gäst" in text and "Wi-Fi password: sommar;2026" in text
        assert "F shows the Wi-Fi code" in text

        await pilot.press("f")
        await settle(pilot)
        assert app.screen.query_one("#qr-full", QRCode).scale == 1
        assert sorted(decode_screenshot(app)) == sorted([INFO.join_url, HOTSPOT_PAYLOAD])
        assert "Wi-Fi password: sommar;2026" in screen_text(app)


async def test_join_code_wins_when_both_do_not_fit(make_app: MakeApp) -> None:
    app = wifi_app(make_app, LONGEST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        # Never a cut join code: it has the screen, the network is written out instead.
        assert app.screen.query_one("#qr-full", QRCode).scale == 1
        assert decode_screenshot(app) == [INFO.join_url]
        assert "A larger window shows the Wi-Fi code too" in screen_text(app)


async def test_open_network(make_app: MakeApp) -> None:
    app = wifi_app(make_app, WifiNetwork("Open Café"))
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        assert "WIFI:T:nopass;S:Open Café;;" in decode_screenshot(app)
        assert "Open network, no password" in screen_text(app)


def test_labels_speak_the_session_language() -> None:
    assert t("sv", "wifi_step", name="Gäst") == "1. Wifi: Gäst"
    assert t("fi", "join_step") == "2. Liity"
    assert t("sv", "wifi_password", password="x") == "Wifi-lösenord: x"


def _free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
    return port


@needs_tmux
def test_password_asked_for_shown_and_never_saved(tmp_path: Path) -> None:
    """The real CLI in tmux: the password typed at the prompt reaches the projector only."""
    password = "hemligt-" + uuid.uuid4().hex[:8]
    host = "127.0.0.61"
    sessions = tmp_path / "sessions"
    session = f"wifi-{uuid.uuid4().hex[:8]}"
    run = (
        f"{sys.executable} -m workshop_tui demo {ROOT / 'tests/data/mini.toml'} --phones 3 "
        f"--wifi Hotspot --sessions-dir {sessions} --host {host} --port {_free_port(host)}"
    )
    tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "45",
         f"cd {ROOT} && {run}; echo EXITED $?; sleep 30")  # fmt: skip
    try:
        wait_for(session, lambda s: "Password for the Wi-Fi 'Hotspot'" in s)
        tmux("send-keys", "-t", session, "-l", password)
        tmux("send-keys", "-t", session, "Enter")
        lobby = wait_for(session, lambda s: "3 joined" in s)
        assert f"Wi-Fi password: {password}" in lobby
        room = re.search(rf"{re.escape(host)}:\d+/([A-Z]{{4}})", lobby)
        assert room is not None
        expected = [f"http://{room.group(0)}", f"WIFI:T:WPA;S:Hotspot;P:{password};;"]
        # The full-screen QR has both codes at any terminal size from 80x24 up.
        tmux("send-keys", "-t", session, "f")
        wait_for(session, lambda s: "Step 1/11" not in s)
        assert sorted(decode_pane(session)) == sorted(expected)
        tmux("send-keys", "-t", session, "Escape")
        wait_for(session, lambda s: "Step 1/11" in s)
        tmux("send-keys", "-t", session, "q")
        wait_for(session, lambda s: "Quit the workshop?" in s)
        tmux("send-keys", "-t", session, "y")
        assert "EXITED 0" in wait_for(session, lambda s: "EXITED" in s)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)

    (saved,) = sessions.glob("*.json")
    exports = export_session(saved, "json", tmp_path / "out")
    written = [*sessions.iterdir(), *exports]
    assert saved.with_name(saved.name + ".wal") in written
    for path in written:
        assert password.encode() not in path.read_bytes(), path
    assert "Hotspot" not in saved.read_text()  # the network's name is not kept either
