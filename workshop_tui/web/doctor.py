"""`workshop-tui doctor`: will the phones get in? Checked before the room fills.

It looks at what can be known from this machine without root: the addresses it has and the one
the QR code will name, whether the port can be bound there, whether a real HTTP request to that
address is answered, and whether a firewall is likely to be in the way. What it cannot know (a
guest Wi-Fi that keeps devices apart) it says plainly, with what to do about it.

Findings hold catalogue keys (`doctor_*`), not sentences: they are put into words when shown, in
the language of `--lang` or of the system.
"""

from __future__ import annotations

import asyncio
import errno
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import aiohttp

from workshop_tui.catalogue import FALLBACK, t
from workshop_tui.web.address import (
    bind_socket,
    interfaces,
    lan_address,
    listen_address,
    shown_address,
    url_host,
    virtual,
)

Level = Literal["ok", "warning", "problem"]

# Seconds the self-test waits for an answer: on a working machine it takes milliseconds.
TIMEOUT = 3
# Where the systems this checks keep their firewall's state (read relative to a root, for tests).
_UFW_CONF = Path("etc/ufw/ufw.conf")
_UFW_DEFAULTS = Path("etc/default/ufw")
_UFW_RULES = (Path("etc/ufw/user.rules"), Path("lib/ufw/user.rules"))
_MAC_FIREWALL = Path("usr/libexec/ApplicationFirewall/socketfilterfw")


@dataclass(frozen=True)
class Words:
    """A catalogue text and its values, put into words when shown; a value may be Words too."""

    key: str
    values: Mapping[str, object] = field(default_factory=dict)

    def say(self, language: str) -> str:
        """The text in `language`."""
        shown = {k: v.say(language) if isinstance(v, Words) else v for k, v in self.values.items()}
        return t(language, self.key, **shown)


@dataclass(frozen=True)
class Finding:
    """One thing the doctor found, with what to do about it when it is not fine."""

    level: Level
    words: Words

    def text(self, language: str = FALLBACK) -> str:
        """What was found, in `language`."""
        return self.words.say(language)


def _finding(level: Level, key: str, **values: object) -> Finding:
    return Finding(level, Words(f"doctor_{key}", values))


@dataclass
class Diagnosis:
    """Everything found: the addresses, the findings in order, and the URL phones would use."""

    # (interface, address, catalogue key of what the address is for, or "")
    addresses: list[tuple[str, str, str]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    url: str | None = None

    def add(self, level: Level, key: str, **values: object) -> None:
        """Record a finding worded by the catalogue's `doctor_{key}`."""
        self.findings.append(_finding(level, key, **values))

    @property
    def phones_get_in(self) -> bool:
        """False when any finding is a problem (phones will not get in)."""
        return not any(finding.level == "problem" for finding in self.findings)


def loopback(address: str) -> bool:
    """True when only this machine can reach `address` (the rule the server warns by)."""
    return address.startswith("127.") or address in ("::1", "localhost")


def _kind(name: str, address: str, chosen: str) -> str:
    if address == chosen:
        return "doctor_qr_uses"
    if loopback(address):
        return "doctor_loopback_kind"
    if address.startswith("169.254."):
        return "doctor_link_local_kind"
    if virtual(name):
        return "doctor_virtual_kind"
    return ""


async def _responder(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, token: str
) -> None:
    """Answer one HTTP request with `token`, whatever its path (a proxy may add a prefix)."""
    try:
        while (await reader.readline()).strip():
            pass  # the request line and headers; only the answer matters
        body = f"workshop-tui doctor {token}\n".encode()
        writer.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        await writer.drain()
    except (ConnectionError, asyncio.LimitOverrunError, ValueError):
        pass  # a client that went away or sent nonsense: nothing to answer
    finally:
        writer.close()


async def _fetch(url: str) -> str:
    """The body of a GET to `url` (raises OSError, aiohttp.ClientError or TimeoutError)."""
    timeout = aiohttp.ClientTimeout(total=TIMEOUT)
    # trust_env off: an HTTP proxy from the environment would answer in the machine's place.
    async with (
        aiohttp.ClientSession(timeout=timeout, trust_env=False) as session,
        session.get(url, allow_redirects=False) as response,
    ):
        response.raise_for_status()
        return await response.text()


def _bind(diagnosis: Diagnosis, listen: str, port: int) -> tuple[int, socket.socket] | None:
    """Bind like `run` does; records what happened and returns (port, socket) or None."""
    try:
        sock = bind_socket(listen, port)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            last = port + 19
            diagnosis.add("problem", "ports_all_taken", port=port, last=last, listen=listen)
        elif exc.errno == errno.EACCES:
            diagnosis.add("problem", "port_privileged", port=port)
        elif exc.errno == errno.EADDRNOTAVAIL:
            diagnosis.add("problem", "not_this_machine", listen=listen)
        else:
            diagnosis.add("problem", "bind_failed", listen=listen, port=port, error=exc.strerror)
        return None
    bound: int = sock.getsockname()[1]
    if port and bound != port:
        diagnosis.add("problem", "port_taken", port=port, listen=listen, fallback=bound)
    else:
        diagnosis.add("ok", "port_free", port=bound, listen=listen)
    return bound, sock


async def diagnose(
    host: str | None, port: int, public_url: str | None, *, root: Path = Path("/")
) -> Diagnosis:
    """Check, as `run` would be started with these options, whether phones can get in."""
    diagnosis = Diagnosis()
    listen = listen_address(host)
    shown = shown_address(listen)
    diagnosis.addresses = [(name, ip, _kind(name, ip, shown)) for name, ip in interfaces()]
    public_url = public_url.rstrip("/") if public_url else None
    # A tunnel or proxy can stand in for a network address; without one, loopback is a dead end.
    if public_url is None and loopback(shown):
        lan = lan_address()
        if lan is not None and host is not None:
            diagnosis.add("problem", "host_loopback", address=shown, lan=lan)
        else:
            diagnosis.add("problem", "loopback_only", address=shown)

    bound = _bind(diagnosis, listen, port)
    if bound is None:
        return diagnosis
    actual, sock = bound
    if public_url:
        diagnosis.add("ok", "public_url", url=public_url, listen=listen, port=actual)
    base = f"http://{url_host(shown)}:{actual}"
    token = secrets.token_hex(8)

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await _responder(reader, writer, token)

    server = await asyncio.start_server(answer, sock=sock)
    try:
        try:
            body = await _fetch(base + "/doctor")
        except (OSError, aiohttp.ClientError, TimeoutError) as exc:
            diagnosis.add("problem", "not_reached", url=base, error=_reason(exc))
        else:
            if token in body:
                diagnosis.add("ok", "reached", url=base)
            else:
                diagnosis.add(
                    "problem", "not_reached", url=base, error=Words("doctor_someone_else")
                )
        if public_url:
            await _check_public(diagnosis, public_url, token, listen, actual)
    finally:
        server.close()
        await server.wait_closed()

    diagnosis.findings.extend(firewall_findings(actual, root))
    if not loopback(shown) and not public_url:
        diagnosis.add("warning", "isolation")
    diagnosis.url = public_url or base
    return diagnosis


async def _check_public(diagnosis: Diagnosis, url: str, token: str, listen: str, port: int) -> None:
    """Follow --public-url through the proxy or tunnel back to the self-test's port."""
    try:
        body = await _fetch(url + "/")
    except (OSError, aiohttp.ClientError, TimeoutError) as exc:
        diagnosis.add(
            "problem", "public_not_reached", url=url, error=_reason(exc), listen=listen, port=port
        )
        return
    if token in body:
        diagnosis.add("ok", "public_reached", url=url)
    else:
        diagnosis.add("problem", "public_other", url=url, port=port, listen=listen)


def _reason(exc: BaseException) -> Words | str:
    """A short reason for a failed request, without a traceback (the system's words if any)."""
    if isinstance(exc, TimeoutError):
        return Words("doctor_no_answer", {"seconds": TIMEOUT})
    return str(exc) or type(exc).__name__


def _read(path: Path) -> str | None:
    """The file's text, or None when it is missing or needs rights this process lacks."""
    try:
        return path.read_text(errors="replace")
    except OSError:
        return None


def _setting(text: str, name: str) -> str:
    """The value of `NAME=value` (quotes dropped) in a shell-style settings file."""
    found = re.search(rf"^\s*{name}\s*=\s*\"?([^\"\n]*)\"?", text, re.MULTILINE)
    return found.group(1).strip().lower() if found else ""


def _ufw_allows(rules: str, port: int) -> bool:
    """True when a ufw rule (`### tuple ### allow tcp 8765 ...`) lets `port` in over TCP."""
    for match in re.finditer(r"^### tuple ### (allow|limit) (\S+) (\S+)", rules, re.MULTILINE):
        protocol, ports = match.group(2), match.group(3)
        if protocol not in ("tcp", "any"):
            continue
        for part in ports.split(","):
            low, _, high = part.partition(":")
            if part == "any" or (low.isdigit() and int(low) <= port <= int(high or low)):
                return True
    return False


def _ufw(port: int, root: Path) -> Finding | None:
    conf = _read(root / _UFW_CONF)
    if conf is None or _setting(conf, "ENABLED") != "yes":
        return None
    policy = _setting(_read(root / _UFW_DEFAULTS) or "", "DEFAULT_INPUT_POLICY") or "drop"
    rules = [text for path in _UFW_RULES if (text := _read(root / path)) is not None]
    if policy == "accept" or (rules and any(_ufw_allows(text, port) for text in rules)):
        return _finding("ok", "ufw_allows", port=port)
    if not rules:
        return _finding("warning", "ufw_unreadable", port=port)
    return _finding("problem", "ufw_blocks", port=port)


def _running(name: str, root: Path) -> bool:
    """True when a process called `name` runs (/proc is readable without root)."""
    return any(_read(comm) == name + "\n" for comm in (root / "proc").glob("[0-9]*/comm"))


def _output(command: list[str]) -> str | None:
    """A short command's output, or None when it cannot run or fails."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout


def _nftables(port: int) -> Finding | None:
    """Read the nftables ruleset when allowed (as root): an input chain that drops by default."""
    nft = shutil.which("nft")
    if nft is None or os.geteuid() != 0:
        return None
    ruleset = _output([nft, "list", "ruleset"]) or ""
    drops = re.search(r"hook input[^;]*;\s*policy drop", ruleset)
    if drops and not re.search(rf"dport[^\n]*\b{port}\b", ruleset):
        return _finding("warning", "nft_drops", port=port)
    return None


def firewall_findings(port: int, root: Path = Path("/")) -> list[Finding]:
    """What can be told without root about a firewall in front of `port` ("could not tell" too).

    `root` is where the system's files are read from (tests point it at a folder).
    """
    if sys.platform == "darwin":
        state = _output([str(root / _MAC_FIREWALL), "--getglobalstate"])
        if state is None:
            return [_finding("warning", "firewall_unknown", port=port)]
        if "enabled" in state.lower():
            return [_finding("warning", "mac_firewall")]
        return []
    if not sys.platform.startswith("linux"):
        return [_finding("warning", "firewall_unknown", port=port)]
    found = [
        finding
        for finding in (
            _ufw(port, root),
            _finding("warning", "firewalld", port=port) if _running("firewalld", root) else None,
            _nftables(port),
        )
        if finding is not None
    ]
    if found:
        return found
    checked = ["ufw", "firewalld"] + (
        ["nftables"] if os.geteuid() == 0 and shutil.which("nft") else []
    )
    return [_finding("ok", "no_firewall", checked=", ".join(checked))]


def render(diagnosis: Diagnosis, language: str = FALLBACK) -> str:
    """The diagnosis as the facilitator reads it in the terminal, in `language`."""
    lines = [t(language, "doctor_title"), "", t(language, "doctor_addresses")]
    for name, address, kind in diagnosis.addresses:
        said = t(language, kind) if kind else ""
        lines.append(f"  {name:<12} {address:<16} {said}".rstrip())
    if not diagnosis.addresses:
        lines.append("  " + t(language, "doctor_no_addresses"))
    lines.append("")
    levels = {level: t(language, f"doctor_{level}") for level in ("ok", "warning", "problem")}
    margin = max(len(word) for word in levels.values()) + 2
    width = max(60, min(100, shutil.get_terminal_size().columns))
    for finding in diagnosis.findings:
        lines += textwrap.wrap(
            finding.text(language),
            width,
            initial_indent=levels[finding.level].ljust(margin),
            subsequent_indent=" " * margin,
            break_on_hyphens=False,
        )
    lines.append("")
    if diagnosis.phones_get_in and diagnosis.url:
        lines.append(t(language, "doctor_verdict_ok", url=diagnosis.url))
    else:
        lines.append(t(language, "doctor_verdict_problem"))
    return "\n".join(lines)


def doctor(host: str | None, port: int, public_url: str | None, language: str = FALLBACK) -> int:
    """Run the checks, print what was found in `language`; 0 when phones should get in, 1 when
    they won't."""
    diagnosis = asyncio.run(diagnose(host, port, public_url))
    print(render(diagnosis, language))
    return 0 if diagnosis.phones_get_in else 1
