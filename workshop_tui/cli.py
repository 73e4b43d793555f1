"""The `workshop-tui` command."""

from __future__ import annotations

import argparse
import getpass
import locale
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from workshop_tui import campaigns, decks
from workshop_tui.domain.deck import LANGUAGES
from workshop_tui.domain.state import Settings
from workshop_tui.export import FORMATS, export_session
from workshop_tui.hub import Hub
from workshop_tui.participant_server import ParticipantServer, WifiNetwork
from workshop_tui.rebuild import StoreError


def system_language() -> str:
    """The session language from the system locale (LC_ALL, LANG, …), English if unknown."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable, "")
        code = value[:2].lower()
        if code in LANGUAGES:
            return code
    code = (locale.getlocale()[0] or "")[:2].lower()
    return code if code in LANGUAGES else "en"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workshop-tui",
        description="Run a service-culture workshop: a projector in the terminal, "
        "answers from phones.",
    )
    sub = parser.add_subparsers(dest="command")

    run = sub.add_parser("run", help="run a workshop (the default when no command is given)")
    _run_arguments(run)

    demo = sub.add_parser(
        "demo", help="run a workshop with simulated phones (real phones can join too)"
    )
    _run_arguments(demo)
    demo.add_argument("--phones", type=int, default=12, help="simulated phones (default 12)")

    check = sub.add_parser("check", help="validate workshop and card deck files")
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    sub.add_parser("decks", help="list the bundled workshops and card decks")

    export = sub.add_parser(
        "export", help="export a session: service card, outcome or answers (any time, read-only)"
    )
    export.add_argument("session", type=Path, metavar="SESSION")
    export.add_argument("--format", dest="fmt", choices=FORMATS, default="card")
    export.add_argument("--out", type=Path, default=Path("."), metavar="DIR")
    export.add_argument("--anonymous", action="store_true", help="leave participants' names out")

    campaigns_ = sub.add_parser("campaigns", help="list a group's campaigns and due follow-ups")
    campaigns_.add_argument("--group", metavar="NAME", help="only this group")
    campaigns_.add_argument("--sessions-dir", type=Path, default=Path("sessions"), metavar="DIR")

    doctor = sub.add_parser(
        "doctor", help="check, before the room fills, that phones can reach this machine"
    )
    _address_options(doctor)
    _run_options(parser)
    return parser


def _run_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "deck",
        nargs="?",
        help="a workshop file or a bundled workshop id (default: the bundled 'stjarnklass')",
    )
    _run_options(parser)


def _run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, help="language (default: system locale)")
    parser.add_argument("--resume", type=Path, metavar="SESSION", help="continue a saved session")
    parser.add_argument(
        "--sessions-dir",
        type=Path,
        default=Path("sessions"),
        metavar="DIR",
        help="where sessions are saved (default: sessions/)",
    )
    _address_options(parser)
    parser.add_argument(
        "--wifi",
        metavar="NAME",
        help="the room's Wi-Fi or your hotspot: the lobby shows a second code that joins "
        "phones to it (the password is asked for and never saved)",
    )
    parser.add_argument(
        "--wifi-password",
        metavar="PASSWORD",
        help="the Wi-Fi password, '' for an open network (asking for it instead keeps it out "
        "of the shell history and the process list)",
    )
    parser.add_argument(
        "--max-participants", type=int, default=300, help="phones allowed in (default 300)"
    )
    parser.add_argument(
        "--joins-per-minute",
        type=_positive,
        metavar="N",
        help="new phones one address may add a minute, all at once if they come together; "
        "the rest wait their turn in a queue (default: --max-participants, so a whole room "
        "behind one tunnel, proxy or NAT gets in at once)",
    )
    parser.add_argument(
        "--no-filter",
        action="store_true",
        help="turn off the word filter that holds back answers with slurs or profanity "
        "(a new session only; a resumed one keeps its setting)",
    )
    parser.add_argument(
        "--group", metavar="NAME", help="the team's name; campaigns are followed up per group"
    )


def _positive(text: str) -> int:
    """A whole number of at least 1, for argparse."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value


def _address_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", help="address to listen on (default: this machine's LAN address)")
    parser.add_argument("--port", type=int, default=8765, help="port (default 8765 or next free)")
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="the address phones use when a reverse proxy or tunnel is in front",
    )


def _wifi(args: argparse.Namespace) -> WifiNetwork | None:
    """The room's Wi-Fi from --wifi, asking for the password when it was not given.

    Raises ValueError for a network no phone could join (a typo is caught before the room is).
    """
    if args.wifi is None:
        if args.wifi_password is not None:
            raise ValueError("--wifi-password needs --wifi NAME")
        return None
    password = args.wifi_password
    if password is None:
        password = getpass.getpass(
            f"Password for the Wi-Fi {args.wifi!r} (leave empty for an open network): "
        )
    return WifiNetwork(args.wifi, password)


def _check(paths: Sequence[Path]) -> int:
    problems = decks.check(paths)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {len(paths)} file(s)", file=sys.stderr)
        return 1
    print(f"{len(paths)} file(s) OK")
    return 0


def _list_decks() -> int:
    for deck in decks.bundled():
        size = f"{deck.size} steps" if deck.kind == "workshop" else f"{deck.size} cards"
        print(f"{deck.id:<18} {deck.kind:<9} {deck.language}  {size:<9} {deck.title}")
    return 0


def _open_hub(args: argparse.Namespace) -> Hub:
    if args.resume is not None:
        return Hub.resume(args.resume)
    path = decks.resolve_workshop(getattr(args, "deck", None), args.lang or system_language())
    workshop, card_decks = decks.load_workshop(path)
    return Hub.create(
        workshop,
        card_decks,
        args.sessions_dir,
        Settings(
            max_participants=args.max_participants,
            word_filter=workshop.workshop.moderation and not args.no_filter,
        ),
        group=args.group,
        followup_of=campaigns.to_follow_up(workshop, args.sessions_dir, args.group),
    )


def _run(args: argparse.Namespace) -> int:
    # Imported here so that `check` and `decks` start fast and work without a terminal.
    from workshop_tui.tui.app import ProjectorApp
    from workshop_tui.web.limits import Limits
    from workshop_tui.web.server import WebServer

    try:
        wifi = _wifi(args)
    except ValueError as exc:
        print(f"workshop-tui: --wifi: {exc}", file=sys.stderr)
        return 1
    # The password goes to the projector only: the hub, and so the session file, never sees it.
    hub = _open_hub(args)
    demo = args.command == "demo"
    server: ParticipantServer = WebServer(
        hub,
        host=args.host,
        port=args.port,
        public_url=args.public_url,
        limits=Limits(joins_per_minute=args.joins_per_minute),
    )
    if demo:
        from workshop_tui.demo.with_phones import WithDemoPhones

        server = WithDemoPhones(server, args.phones, hub.language)
    app = ProjectorApp(hub, server, wifi=wifi)
    app.run()
    print(f"Session saved: {hub.path}")
    print(f"Continue it with: workshop-tui run --resume {hub.path}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `workshop-tui`; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return _check(args.paths)
        if args.command == "decks":
            return _list_decks()
        if args.command == "export":
            for path in export_session(args.session, args.fmt, args.out, args.anonymous):
                print(path)
            return 0
        if args.command == "doctor":
            from workshop_tui.doctor import doctor

            return doctor(args.host, args.port, args.public_url)
        if args.command == "campaigns":
            print(campaigns.report(args.sessions_dir, date.today(), args.group))
            return 0
        return _run(args)
    except decks.DeckError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    except StoreError as exc:
        print(f"workshop-tui: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
