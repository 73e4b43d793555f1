"""The command line speaks the catalogue's languages: `doctor`, `check`, `decks` and the options'
help in the language of `--lang`, else of the system; none of the English catalogue's words in
Swedish or Finnish output."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

from tests.e2e.test_no_english import leaks
from workshop_tui import decks
from workshop_tui.catalogue import catalogue
from workshop_tui.cli import language_asked, main
from workshop_tui.web import doctor
from workshop_tui.web.doctor import Diagnosis, Words

DATA = Path(__file__).parents[1] / "data"
LAN = "127.0.0.71"
LANGUAGES = ["sv", "fi"]
COMMANDS = ["run", "demo", "check", "decks", "export", "campaigns", "doctor"]


def said(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    return captured.out + captured.err


def words_only(text: str) -> str:
    """`text` without what is typed as written: the commands and the options."""
    return re.sub(rf"--[a-z-]+|\b(?:{'|'.join(COMMANDS)})\b", "", text)


def free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
    return port


def every_finding() -> Diagnosis:
    """A diagnosis that says everything the doctor can say, once."""
    diagnosis = Diagnosis()
    diagnosis.addresses = [
        ("lo", "127.0.0.1", "doctor_loopback_kind"),
        ("wlan0", "192.168.1.20", "doctor_qr_uses"),
        ("eth0", "169.254.3.4", "doctor_link_local_kind"),
        ("docker0", "172.17.0.1", "doctor_virtual_kind"),
        ("eth1", "10.0.0.2", ""),
    ]
    values = {
        "address": "127.0.0.1",
        "lan": "192.168.1.20",
        "url": "https://room.example",
        "listen": "0.0.0.0",
        "port": 8765,
        "fallback": 8766,
        "last": 8784,
        "checked": "ufw, firewalld",
        "error": Words("doctor_no_answer", {"seconds": 3}),
    }
    findings = {
        key.removeprefix("doctor_")
        for key in catalogue("en").texts
        if key.startswith("doctor_") and "{" in str(catalogue("en").texts[key])
    } - {"no_answer"}
    findings |= {"isolation", "mac_firewall", "verdict_problem"}
    for key in sorted(findings):
        diagnosis.add("warning", key, **values)
    diagnosis.add("problem", "not_reached", **{**values, "error": Words("doctor_someone_else")})
    diagnosis.add("ok", "port_free", **values)
    return diagnosis


@pytest.mark.parametrize("language", LANGUAGES)
def test_everything_the_doctor_says_is_in_the_language(language: str) -> None:
    text = doctor.render(every_finding(), language) + doctor.render(Diagnosis(), language)
    assert leaks(text, language) == [], text
    english = doctor.render(every_finding(), "en")
    assert "the QR code uses this" in english and "another program answered" in english


@pytest.mark.parametrize("language", LANGUAGES)
def test_doctor_lang_runs_in_the_language(
    language: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(doctor, "loopback", lambda host: host != LAN and host.startswith("127."))
    port = free_port(LAN)
    assert main(["doctor", "--lang", language, "--host", LAN, "--port", str(port)]) == 0
    out = " ".join(said(capsys).split())
    assert leaks(out, language) == [], out
    assert {"sv": "Telefonerna bör komma in", "fi": "Puhelimien pitäisi"}[language] in out


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        ("en", "1 file OK", "2 files OK"),
        ("sv", "1 fil OK", "2 filer OK"),
        ("fi", "1 tiedosto kunnossa", "2 tiedostoa kunnossa"),
    ],
)
def test_check_counts_files_with_the_languages_plurals(
    language: str, one: str, two: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--lang", language, str(DATA / "mini-cards.toml")]) == 0
    assert said(capsys).strip() == one
    files = [str(DATA / "mini.toml"), str(DATA / "mini-cards.toml")]
    assert main(["check", "--lang", language, *files]) == 0
    assert said(capsys).strip() == two


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        ("en", "1 problem in 1 file", "2 problems in 2 files"),
        ("sv", "1 problem i 1 fil", "2 problem i 2 filer"),
        ("fi", "1 ongelma 1 tiedostossa", "2 ongelmaa 2 tiedostossa"),
    ],
)
def test_check_counts_problems_with_the_languages_plurals(
    language: str, one: str, two: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = []
    for name in ("a.toml", "b.toml"):
        (tmp_path / name).write_text("[workshop\n")  # one TOML syntax error each
        broken.append(str(tmp_path / name))
    assert main(["check", "--lang", language, broken[0]]) == 1
    assert said(capsys).splitlines()[-1] == one
    assert main(["check", "--lang", language, *broken]) == 1
    assert said(capsys).splitlines()[-1] == two


@pytest.mark.parametrize("language", LANGUAGES)
def test_decks_lists_in_the_language_and_keeps_the_decks_titles(
    language: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["decks", "--lang", language]) == 0
    out = said(capsys)
    steps = next(deck.size for deck in decks.bundled() if deck.kind == "workshop")
    assert f"{steps} {'steg' if language == 'sv' else 'vaihetta'}" in out
    titles = [deck.title for deck in decks.bundled()]
    assert "The Service Promise" in titles  # a deck's title is the deck's own text
    for title in titles:
        assert title in out
        out = out.replace(title, "")
    assert leaks(out, language) == [], out


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("command", [[], ["run"], ["demo"], ["doctor"], ["campaigns"], ["export"]])
def test_help_is_in_the_language(
    language: str, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--lang", language, "--help"])
    assert exit_.value.code == 0
    out = said(capsys)
    assert leaks(words_only(out), language) == [], out
    assert "usage:" not in out and "options:" not in out and "show this help" not in out


def test_the_language_is_lang_else_the_systems(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LC_ALL", "fi_FI.UTF-8")
    assert language_asked(["decks"]) == "fi"
    assert language_asked(["decks", "--lang", "sv"]) == "sv"
    assert language_asked(["decks", "--lang=en"]) == "en"
    assert main(["decks"]) == 0
    assert "työpaja" in said(capsys)
    # --lang before the command counts too.
    assert main(["--lang", "sv", "check", str(DATA / "mini-cards.toml")]) == 0
    assert said(capsys).strip() == "1 fil OK"
