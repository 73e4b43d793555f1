"""The `workshop-tui` command."""

from __future__ import annotations

import argparse
import getpass
import locale
import os
import shlex
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from workshop_tui import decks
from workshop_tui.catalogue import FALLBACK, t
from workshop_tui.decks import parallel
from workshop_tui.domain.deck import LANGUAGES, ROLE_IDS, Workshop
from workshop_tui.domain.state import PreviousResults, Settings
from workshop_tui.export import FORMATS, NamesNotAnnounced, export_session
from workshop_tui.group import campaigns
from workshop_tui.participant_server import ParticipantServer, RemoteControl, WifiNetwork
from workshop_tui.session.address import Address
from workshop_tui.session.hub import Hub
from workshop_tui.session.rebuild import StoreError
from workshop_tui.tui.fit.screen_size import BadSize, Size, parse_size

# Where phones reach a new session when --port does not say.
DEFAULT_PORT = 8765


def system_language() -> str:
    """The session language from the system locale (LC_ALL, LANG, …), English if unknown."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable, "")
        code = value[:2].lower()
        if code in LANGUAGES:
            return code
    code = (locale.getlocale()[0] or "")[:2].lower()
    return code if code in LANGUAGES else "en"


def language_asked(argv: Sequence[str]) -> str:
    """The language of `--lang` in `argv`, else the system's: the command line's help and
    messages speak it, so it is read before argparse has parsed anything."""
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        value = arg.removeprefix("--lang=") if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        if value in LANGUAGES:
            return value
    return system_language()


def _formatter(language: str) -> type[argparse.HelpFormatter]:
    """argparse's help layout with its headings in `language` (its error messages stay English)."""
    headings = {
        "options": t(language, "cli_options"),
        "positional arguments": t(language, "cli_positionals"),
    }
    usage_prefix = t(language, "cli_usage") + " "

    class Formatter(argparse.HelpFormatter):
        def start_section(self, heading: str | None) -> None:
            super().start_section(headings.get(heading, heading) if heading else heading)

        def add_usage(
            self,
            usage: str | None,
            actions: Iterable[argparse.Action],
            groups: Iterable[argparse._MutuallyExclusiveGroup],
            prefix: str | None = None,
        ) -> None:
            super().add_usage(usage, actions, groups, usage_prefix if prefix is None else prefix)

    return Formatter


def _parser(language: str = FALLBACK) -> argparse.ArgumentParser:
    """The command line, its help texts in `language`."""
    formatter = _formatter(language)
    parser = argparse.ArgumentParser(
        prog="workshop-tui",
        description=t(language, "cli_description"),
        formatter_class=formatter,
        add_help=False,
    )
    _help_option(parser, language)
    sub = parser.add_subparsers(dest="command")

    def command(name: str) -> argparse.ArgumentParser:
        found = sub.add_parser(
            name, help=t(language, f"cli_help_{name}"), formatter_class=formatter, add_help=False
        )
        _help_option(found, language)
        return found

    _run_arguments(command("run"), language)
    demo = command("demo")
    _run_arguments(demo, language)
    demo.add_argument(
        "--phones", type=int, default=12, metavar="N", help=t(language, "cli_help_phones")
    )

    check = command("check")
    check.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help=t(language, "cli_help_paths")
    )
    check.add_argument(
        "--fit",
        type=_screen_size(language),
        action="append",
        metavar="COLSxROWS",
        help=t(language, "cli_help_fit"),
    )
    _lang_option(check, language)

    _lang_option(command("decks"), language)

    export = command("export")
    export.add_argument(
        "session", type=Path, metavar="SESSION", help=t(language, "cli_help_session")
    )
    export.add_argument(
        "--format", dest="fmt", choices=FORMATS, default="card", help=t(language, "cli_help_format")
    )
    export.add_argument("--out", type=Path, metavar="DIR", help=t(language, "cli_help_out"))
    who = export.add_mutually_exclusive_group()
    who.add_argument("--names", action="store_true", help=t(language, "cli_help_names"))
    # Anonymous is the default now; the old flag is still accepted so scripts keep working.
    who.add_argument("--anonymous", action="store_true", help=argparse.SUPPRESS)
    export.add_argument(
        "--include-hidden", action="store_true", help=t(language, "cli_help_include_hidden")
    )

    campaigns_ = command("campaigns")
    campaigns_.add_argument("--group", metavar="NAME", help=t(language, "cli_help_group_only"))
    campaigns_.add_argument(
        "--sessions-dir",
        type=Path,
        default=Path("sessions"),
        metavar="DIR",
        help=t(language, "cli_help_sessions_dir"),
    )
    campaigns_.add_argument("--ics", action="store_true", help=t(language, "cli_help_ics"))
    campaigns_.add_argument(
        "--out", type=Path, metavar="FILE", help=t(language, "cli_help_ics_out")
    )
    _lang_option(campaigns_, language)

    report = command("report")
    scope = report.add_mutually_exclusive_group(required=True)
    scope.add_argument("--group", metavar="NAME", help=t(language, "cli_help_report_group"))
    scope.add_argument("--all", action="store_true", help=t(language, "cli_help_report_all"))
    _sessions_dirs_option(report, language)
    report.add_argument(
        "--out", type=Path, metavar="DIR", required=True, help=t(language, "cli_help_report_out")
    )
    _lang_option(report, language)

    group = command("group")
    group.add_argument("name", metavar="NAME", help=t(language, "cli_help_group_name"))
    _sessions_dirs_option(group, language)
    group.add_argument(
        "--out", type=Path, metavar="DIR", required=True, help=t(language, "cli_help_brief_out")
    )
    _lang_option(group, language)

    console = command("console")
    console.add_argument(
        "session",
        nargs="?",
        type=Path,
        metavar="SESSION",
        help=t(language, "cli_help_console_session"),
    )
    console.add_argument(
        "--sessions-dir",
        type=Path,
        default=Path("sessions"),
        metavar="DIR",
        help=t(language, "cli_help_sessions_dir"),
    )
    _lang_option(console, language)

    doctor = command("doctor")
    _address_options(doctor, language)
    _lang_option(doctor, language)

    _run_options(parser, language)
    # The top level holds --lang's default; a command's own --lang only sets it when given, so
    # `workshop-tui --lang sv doctor` keeps Swedish.
    _lang_option(parser, language, default=None)
    return parser


def _sessions_dirs_option(parser: argparse.ArgumentParser, language: str) -> None:
    parser.add_argument(
        "--sessions-dir",
        dest="sessions_dirs",
        type=Path,
        action="append",
        metavar="DIR",
        help=t(language, "cli_help_report_sessions_dir"),
    )


def _help_option(parser: argparse.ArgumentParser, language: str) -> None:
    parser.add_argument("-h", "--help", action="help", help=t(language, "cli_help_help"))


def _lang_option(
    parser: argparse.ArgumentParser, language: str, default: str | None = argparse.SUPPRESS
) -> None:
    parser.add_argument(
        "--lang", choices=LANGUAGES, default=default, help=t(language, "cli_help_lang")
    )


def _run_arguments(parser: argparse.ArgumentParser, language: str) -> None:
    parser.add_argument("deck", nargs="?", help=t(language, "cli_help_deck"))
    parser.add_argument(
        "--also-in",
        action="append",
        metavar="LANGUAGES",
        help=t(language, "cli_help_also_in"),
    )
    _run_options(parser, language)
    _lang_option(parser, language)


def _run_options(parser: argparse.ArgumentParser, language: str) -> None:
    parser.add_argument(
        "--resume", type=Path, metavar="SESSION", help=t(language, "cli_help_resume")
    )
    parser.add_argument(
        "--sessions-dir",
        type=Path,
        default=Path("sessions"),
        metavar="DIR",
        help=t(language, "cli_help_sessions_dir"),
    )
    # No default port: a resumed session comes up on its own unless --port says otherwise.
    _address_options(parser, language, port=None)
    parser.add_argument("--wifi", metavar="NAME", help=t(language, "cli_help_wifi"))
    parser.add_argument(
        "--wifi-password", metavar="PASSWORD", help=t(language, "cli_help_wifi_password")
    )
    parser.add_argument(
        "--max-participants",
        type=int,
        default=300,
        metavar="N",
        help=t(language, "cli_help_max_participants"),
    )
    parser.add_argument(
        "--joins-per-minute",
        type=_positive(language),
        metavar="N",
        help=t(language, "cli_help_joins_per_minute"),
    )
    parser.add_argument("--no-filter", action="store_true", help=t(language, "cli_help_no_filter"))
    parser.add_argument("--names", action="store_true", help=t(language, "cli_help_run_names"))
    parser.add_argument("--role", choices=ROLE_IDS, help=t(language, "cli_help_role"))
    parser.add_argument("--group", metavar="NAME", help=t(language, "cli_help_group"))
    parser.add_argument("--remote", action="store_true", help=t(language, "cli_help_remote"))
    parser.add_argument(
        "--theme", choices=("dark", "light"), default="dark", help=t(language, "cli_help_theme")
    )


def _positive(language: str) -> Callable[[str], int]:
    """argparse's reader of a whole number of at least 1, refusing in `language`."""

    def whole_number(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = 0
        if value < 1:
            raise argparse.ArgumentTypeError(t(language, "cli_positive", text=repr(text)))
        return value

    return whole_number


def _address_options(
    parser: argparse.ArgumentParser, language: str, port: int | None = DEFAULT_PORT
) -> None:
    parser.add_argument("--host", help=t(language, "cli_help_host"))
    parser.add_argument("--port", type=int, default=port, help=t(language, "cli_help_port"))
    parser.add_argument("--public-url", metavar="URL", help=t(language, "cli_help_public_url"))


def _wifi(args: argparse.Namespace, language: str) -> WifiNetwork | None:
    """The room's Wi-Fi from --wifi, asking for the password when it was not given.

    Raises ValueError for a network no phone could join (a typo is caught before the room is).
    """
    if args.wifi is None:
        if args.wifi_password is not None:
            raise ValueError(t(language, "cli_wifi_password_alone"))
        return None
    password = args.wifi_password
    if password is None:
        password = getpass.getpass(t(language, "cli_wifi_prompt", name=repr(args.wifi)) + " ")
    return WifiNetwork(args.wifi, password)


def _screen_size(language: str) -> Callable[[str], Size]:
    """argparse's reader of `--fit 80x24`, refusing in `language`."""

    def size(text: str) -> Size:
        try:
            return parse_size(text, language)
        except BadSize as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return size


def _deck_paths(named: Sequence[Path]) -> list[Path]:
    """The files `check` reads: a path as given, or a bundled deck's id (`followup-sv`, as
    `run` takes it and the projector's resize notice names it) as its bundled file; anything
    else stays as given, so that the check says there is no such file."""
    folder = decks.bundled_dir()
    return [
        folder / f"{name}.toml"
        if not name.exists() and name.suffix != ".toml" and (folder / f"{name}.toml").is_file()
        else name
        for name in named
    ]


def _check(paths: Sequence[Path], asked: str | None, sizes: Sequence[Size] = ()) -> int:
    """Check the deck files at `paths` (and lay out their workshops at `sizes`). Its own words
    are in `asked` (--lang), else in the language the decks share, else the system's; what it
    finds on a workshop's screens is in that workshop's language, as the screens are."""
    problems = decks.check(paths)
    # A deck file with problems may not say its language.
    language = asked or (system_language() if problems else _decks_language(paths))
    for problem in problems:
        print(problem)
    # Only a workshop that reads cleanly has a plan worth adding up.
    late = [] if problems else decks.over_time(paths)
    for path, planned, minutes in late:
        print(f"{path}: {t(language, 'check_over_time', planned=planned, minutes=minutes)}")
    if problems or late:
        count = len(problems) + len(late)
        found = t(language, "check_problem_count", count=count)
        where = t(language, "check_in_files", count=len(paths))
        print(t(language, "check_problems", problems=found, files=where), file=sys.stderr)
        return 1
    print(t(language, "check_files_ok", count=len(paths)))
    if not sizes:
        return 0
    # Imported when asked for: the layout check needs the projector, plain `check` does not.
    from workshop_tui.tui.fit.check import check_fit

    workshops = [path for path in paths if isinstance(decks.load(path), Workshop)]
    cut = 0
    for size in sizes:
        for path in workshops:
            workshop, card_decks = decks.load_workshop(path)
            # The views name what they leave out in the workshop's language; the sentence
            # around it is in the same language, whatever --lang says.
            own = workshop.workshop.language
            for misfit in check_fit(workshop, card_decks, size, own):
                cut += 1
                print(f"{path}: {misfit.describe(own, size)}")
    shown = ", ".join(str(size) for size in sizes)
    if cut:
        print(t(language, "fit_cut_count", count=cut, size=shown), file=sys.stderr)
        return 1
    print(t(language, "fit_ok", count=len(workshops), size=shown))
    return 0


def _decks_language(paths: Sequence[Path]) -> str:
    """The language the (valid) deck files at `paths` are written in when they share one,
    else the system's."""
    found = set()
    for path in paths:
        deck = decks.load(path)
        found.add(deck.workshop.language if isinstance(deck, Workshop) else deck.deck.language)
    return found.pop() if len(found) == 1 else system_language()


def _list_decks(language: str) -> int:
    found = decks.bundled()
    kinds = {"workshop": t(language, "decks_workshop"), "cards": t(language, "decks_cards")}
    sizes = [
        t(
            language,
            "decks_steps" if deck.kind == "workshop" else "decks_card_count",
            count=deck.size,
        )
        for deck in found
    ]
    kind_width = max(len(kind) for kind in kinds.values())
    size_width = max((len(size) for size in sizes), default=0)
    for deck, size in zip(found, sizes, strict=True):
        print(
            f"{deck.id:<18} {kinds[deck.kind]:<{kind_width}} {deck.language}  "
            f"{size:<{size_width}} {deck.title}"
        )
    return 0


def _open_hub(args: argparse.Namespace) -> Hub:
    from workshop_tui.group.history import previous_results

    also_in = parallel.entries(getattr(args, "also_in", None))
    if args.resume is not None:
        if also_in:
            raise parallel.ParallelError("parallel_with_resume")
        return Hub.resume(args.resume)
    path = decks.resolve_workshop(getattr(args, "deck", None), args.lang or system_language())
    workshop, card_decks = decks.load_workshop(path)
    # Checked before the session file is made: a mismatched pair starts nothing.
    also = parallel.load_parallel(path, workshop, card_decks, also_in)
    if args.names:
        # Kept in the session's own copy of the workshop: its lobby says so, and its exports
        # (from `e` or `workshop-tui export --names`) may then name the participants.
        info = workshop.workshop.model_copy(update={"names": True})
        workshop = workshop.model_copy(update={"workshop": info})
    # The group's role and its own earlier areas shape the session's copy of the workshop (and
    # of every parallel one, so the phones read the same ladders); the areas' names come from
    # the history, so it is read again for the scale items that now ask about them.
    role = args.role or workshop.workshop.role
    earlier = previous_results([args.sessions_dir], args.group, workshop)
    areas = _locked_area_names(earlier)
    workshop = workshop.for_group(role, areas)
    also = {
        language: replace(found, workshop=found.workshop.for_group(role, areas))
        for language, found in also.items()
    }
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
        # Kept in the session's header, so that it shows the same on resume.
        previous=previous_results([args.sessions_dir], args.group, workshop),
        translations=also,
    )


def _locked_area_names(earlier: PreviousResults | None) -> list[str]:
    """The names of the areas the group locked a rung of in its latest earlier session."""
    if earlier is None:
        return []
    return [level.name for level in earlier.levels.values() if level.text is not None]


def _run(args: argparse.Namespace) -> int:
    # Imported here so that `check` and `decks` start fast and work without a terminal.
    from workshop_tui.tui.app import ProjectorApp
    from workshop_tui.web.limits import Limits
    from workshop_tui.web.server import WebServer

    try:
        wifi = _wifi(args, args.lang or system_language())
    except ValueError as exc:
        print(f"workshop-tui: --wifi: {exc}", file=sys.stderr)
        return 1
    # The password goes to the projector only: the hub, and so the session file, never sees it.
    hub = _open_hub(args)
    # Before the projector takes the terminal, so it is also there when the projector closes.
    notice = campaigns.not_started_notice(hub.state.earlier_campaign, date.today(), hub.language)
    if notice is not None:
        print(notice)
    demo = args.command == "demo"
    remote = RemoteControl() if args.remote else None
    asked = _asked_address(args, hub.address)
    web_server = WebServer(
        hub,
        host=asked.host,
        port=asked.port,
        public_url=asked.public_url,
        limits=Limits(joins_per_minute=args.joins_per_minute),
        remote_control=remote,
    )
    server: ParticipantServer = web_server
    # The port is taken before the projector takes the terminal: what went wrong, and the
    # remote's secret link, are printed where the facilitator reads them (the projector
    # never shows that link), and the session's header learns the port phones will hold.
    try:
        base = web_server.bind()
    except OSError as exc:
        print(f"workshop-tui: {exc}", file=sys.stderr)
        return 1
    served = _served_address(asked, base)
    if hub.address is not None and args.port is None and served.port != hub.address.port:
        # Phones hold links to the session's port: coming up on another would strand every one
        # of them without a word on the projector. The facilitator decides, with the command.
        again = _resume_command(args, hub.path, served)
        print(
            t(hub.language, "cli_port_taken", port=asked.port, free=served.port, command=again),
            file=sys.stderr,
        )
        return 1
    hub.remember_address(served)
    if remote is not None:
        print(t(hub.language, "cli_remote_link", url=remote.url))
    if demo:
        from workshop_tui.demo.with_phones import WithDemoPhones

        server = WithDemoPhones(server, args.phones, hub.language)
    from workshop_tui.tui.session_process import SessionProcess

    # The session in a process of its own, forked before the projector starts a thread: the
    # phones are answered on the other core while the projector paints (docs/performance.md).
    session = SessionProcess.fork(hub, server, remote)
    app = ProjectorApp(hub, server, wifi=wifi, theme=args.theme, session=session)
    app.run()
    print(t(hub.language, "cli_saved", path=hub.path))
    print(t(hub.language, "cli_resume", command=_resume_command(args, hub.path, served)))
    return 0


def _asked_address(args: argparse.Namespace, stored: Address | None) -> Address:
    """Where to serve: --host, --port and --public-url when given, else where the resumed
    session was served (`stored`), else this laptop's LAN address on the default port."""
    if stored is None:
        stored = Address(None, DEFAULT_PORT)
    return Address(
        host=stored.host if args.host is None else args.host,
        port=stored.port if args.port is None else args.port,
        public_url=stored.public_url if args.public_url is None else args.public_url,
    )


def _served_address(asked: Address, base: str) -> Address:
    """The address phones are given, from the server's bound `base` URL: the port it took
    (the next free one when the asked one was taken). Behind a public URL the port stays as
    asked: the tunnel or proxy in front was set up to forward to it."""
    if asked.public_url is not None:
        return asked
    return replace(asked, port=urlsplit(base).port or asked.port)


def _resume_command(args: argparse.Namespace, path: Path, address: Address) -> str:
    """The command that continues the session at `path` on `address`, quoted for a shell so
    that it can be copied as it is; a demo continues as a demo, with as many phones."""
    words = ["workshop-tui", args.command or "run", "--resume", str(path)]
    if address.host is not None:
        words += ["--host", address.host]
    words += ["--port", str(address.port)]
    if address.public_url is not None:
        words += ["--public-url", address.public_url]
    words += ["--sessions-dir", str(path.parent)]
    if args.command == "demo":
        words += ["--phones", str(args.phones)]
    return shlex.join(words)


def _console(session: Path | None, sessions_dir: Path, language: str) -> int:
    """Attach the facilitator's console to the projector running `session` (or the one
    running in `sessions_dir`), in a terminal of its own."""
    import asyncio

    from workshop_tui.tui.console_app import ConsoleApp
    from workshop_tui.tui.console_link import ConsoleError, connect, find_running

    async def attach(path: Path) -> ConsoleApp:
        reader, writer, state = await connect(path)
        app = ConsoleApp(reader, writer, state)
        try:
            await app.run_async()
        finally:
            writer.close()
        return app

    try:
        path = session if session is not None else find_running(sessions_dir)
        app = asyncio.run(attach(path))
    except ConsoleError as exc:
        found = ", ".join(str(p) for p in exc.found)
        said = t(language, f"console_{exc.code}", session=exc.path, folder=exc.path, found=found)
        print(f"workshop-tui: {said}", file=sys.stderr)
        return 1
    if app.projector_closed:
        # The console spoke the session's language, so its last line does too.
        print(t(app.language, "console_projector_closed"))
    return 0


def _export(args: argparse.Namespace, language: str) -> int:
    try:
        written = export_session(args.session, args.fmt, args.out, args.names, args.include_hidden)
    except NamesNotAnnounced:
        print(
            "workshop-tui: " + t(language, "cli_names_not_announced", session=args.session),
            file=sys.stderr,
        )
        return 1
    if not written:  # only the calendar has nothing to write: a session without a campaign
        said = t(language, "cli_export_no_campaign", session=args.session)
        print(f"workshop-tui: {said}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


def _report(args: argparse.Namespace, language: str) -> int:
    # Imported when asked for, like the exports: the projector never needs it.
    from workshop_tui.group.history import gather
    from workshop_tui.group.report import write_report

    folders = args.sessions_dirs or [Path("sessions")]
    if args.all:
        return _organisation(folders, args.out, language)
    history = gather(folders, args.group, date.today())
    if history is None:
        folders_text = ", ".join(str(folder) for folder in folders)
        said = t(language, "cli_report_none", group=repr(args.group), folders=folders_text)
        print(f"workshop-tui: {said}", file=sys.stderr)
        return 1
    for skipped in history.skipped:
        print(f"workshop-tui: {t(language, 'campaigns_skipped')} {skipped}", file=sys.stderr)
    if args.lang:
        history = replace(history, written_in=args.lang)
    print(write_report(history, args.out))
    return 0


def _organisation(folders: Sequence[Path], out: Path, language: str) -> int:
    """`report --all`: every group in the folders, as HTML and CSV in `language`."""
    from workshop_tui.group.org_report import write_org_report
    from workshop_tui.group.organisation import gather_all

    org = gather_all(folders, date.today())
    for skipped in org.skipped:
        print(f"workshop-tui: {t(language, 'campaigns_skipped')} {skipped}", file=sys.stderr)
    if not org.groups:
        folders_text = ", ".join(str(folder) for folder in folders)
        said = t(language, "cli_report_all_none", folders=folders_text)
        print(f"workshop-tui: {said}", file=sys.stderr)
        return 1
    for written in write_org_report(org, language, out):
        print(written)
    return 0


def _group_brief(args: argparse.Namespace, language: str) -> int:
    """`group NAME`: the one-page brief for the coach who takes the group over."""
    from workshop_tui.group.group_brief import write_brief
    from workshop_tui.group.organisation import gather_all

    folders = args.sessions_dirs or [Path("sessions")]
    found = gather_all(folders, date.today()).group(args.name)
    if found is None:
        folders_text = ", ".join(str(folder) for folder in folders)
        said = t(language, "cli_report_none", group=repr(args.name), folders=folders_text)
        print(f"workshop-tui: {said}", file=sys.stderr)
        return 1
    print(write_brief(found, language, args.out))
    return 0


def _campaigns(args: argparse.Namespace, language: str) -> int:
    today = date.today()
    if not args.ics:
        print(campaigns.report(args.sessions_dir, today, args.group, language))
        return 0
    if not args.group or not args.group.strip():
        print(f"workshop-tui: {t(language, 'cli_ics_needs_group')}", file=sys.stderr)
        return 2
    calendar = campaigns.year_calendar(args.sessions_dir, args.group, today, language)
    if calendar is None:
        said = t(
            language,
            "campaigns_ics_none",
            group=repr(args.group),
            today=today,
            until=today + campaigns.YEAR,
            folder=args.sessions_dir,
        )
        print(f"workshop-tui: {said}", file=sys.stderr)
        return 1
    target = args.out or campaigns.calendar_path(args.sessions_dir, args.group)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(calendar)
    print(target)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `workshop-tui`; returns the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    args = _parser(language_asked(argv)).parse_args(argv)
    # A command's words are in its --lang, else the system's (a session's own words are in the
    # session's language, whatever this says).
    language: str = args.lang or system_language()
    try:
        if args.command == "check":
            return _check(_deck_paths(args.paths), args.lang, args.fit or ())
        if args.command == "decks":
            return _list_decks(language)
        if args.command == "export":
            return _export(args, language)
        if args.command == "doctor":
            from workshop_tui.web.doctor import doctor

            return doctor(args.host, args.port, args.public_url, language)
        if args.command == "console":
            return _console(args.session, args.sessions_dir, language)
        if args.command == "campaigns":
            return _campaigns(args, language)
        if args.command == "report":
            return _report(args, language)
        if args.command == "group":
            return _group_brief(args, language)
        return _run(args)
    except decks.DeckError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    except StoreError as exc:
        print(f"workshop-tui: {exc}", file=sys.stderr)
        return 1
    except parallel.ParallelError as exc:
        print(f"workshop-tui: {exc.message(language)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
