"""The ``kiosk`` command: run the kiosk, and the staff tools around it.

Owns argument parsing and exit codes only; each sub-command's work lives in its own module,
imported when that command runs so ``kiosk validate`` never loads Textual or the speech engine.
Exit codes are named in :mod:`kiosk.host.exit_codes`.
With no command, or options only (``kiosk --dev``), the command is ``run``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kiosk import __version__
from kiosk.host import exit_codes

DEFAULT_CONTENT = Path(os.environ.get("KIOSK_CONTENT", "content"))
SCHEMA_DIR = "schema"


def _content_arg(parser: argparse.ArgumentParser, default: Path | None = DEFAULT_CONTENT) -> None:
    parser.add_argument(
        "--content", type=Path, default=default, metavar="DIR",
        help="content folder (default: $KIOSK_CONTENT or ./content)",
    )


def _command(sub, name: str, summary: str, examples: str) -> argparse.ArgumentParser:
    """A sub-command whose ``--help`` starts with its one-line summary and ends with examples."""
    return sub.add_parser(name, help=summary, description=summary[0].upper() + summary[1:] + ".",
                          epilog="Examples:\n" + examples.strip("\n"),
                          formatter_class=argparse.RawDescriptionHelpFormatter)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk", description="Clinic waiting-room kiosk.",
        epilog="With no COMMAND, or options only, runs `kiosk run` with them; "
               "`kiosk COMMAND --help` shows its examples.\n"
               f"Exit codes: {exit_codes.OK} fine, {exit_codes.FAILED} a check failed unexpectedly, "
               f"{exit_codes.CONTENT} content or input problem, {exit_codes.SPEECH_UNAVAILABLE} speech engine "
               f"unavailable,\n{exit_codes.MAINTENANCE} staff quit the kiosk for maintenance, "
               f"{exit_codes.UNAVAILABLE} a part is not installed.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = _command(sub, "run", "run the kiosk full screen (locked unless --dev)", """
  kiosk run --content /srv/kiosk/content      the locked kiosk, as systemd starts it
  kiosk run --dev                             a staff preview of ./content: quitting allowed
  kiosk run --dev --idle-timeout 10 --warning 5 --speech none
""")
    _content_arg(run)
    run.add_argument("--dev", action="store_true", help="staff preview: quitting allowed, errors shown")
    run.add_argument("--idle-timeout", type=float, metavar="S",
                     help="seconds of quiet before the warning (trial value)")
    run.add_argument("--warning", type=float, metavar="S", help="seconds the warning counts down (trial value)")
    run.add_argument("--speech", choices=["auto", "on", "off", "none"], default="auto",
                     help="auto: settings decide; on/off: start state; none: no engine at all")
    run.add_argument("--speech-log", type=Path, metavar="FILE",
                     help="with --dev only: append each sentence handed to the synthesiser to FILE")

    validate = _command(sub, "validate", "check a content folder and report every problem", """
  kiosk validate --content /srv/kiosk/content
  kiosk validate content                      the folder may also be given on its own
  kiosk validate --record --release git-1a2b3c4d5e6f /srv/kiosk/releases/new
                                              a release for this kiosk: a refusal is kept for staff mode
""")
    _content_arg(validate, default=None)  # None: so giving the folder twice is told apart
    # The folder on its own is kept as a synonym of --content: `kiosk validate content` and
    # `make validate` were written that way before every command took --content.
    validate.add_argument("dir", nargs="?", type=Path, metavar="DIR", help="the same as --content DIR")
    validate.add_argument("--record", action="store_true",
                          help="a release for this kiosk: refuse a data_dir inside it, and keep a refusal "
                               "in the kiosk's data folder for staff mode")
    validate.add_argument("--release", metavar="NAME",
                          help="the release's name for --record (default: the folder's fingerprint)")

    schema = _command(sub, "schema", "write JSON Schemas for editors into CONTENT/schema", """
  kiosk schema --content /srv/kiosk/content   editors then check kiosk.yaml and topics as staff type
""")
    _content_arg(schema)

    say = _command(sub, "say", "write the whole spoken text of a topic to a WAV file", """
  kiosk say muscle-spasms --out spasms.wav
  kiosk say muscle-spasms --language es --rate 140 --out espasmos.wav --content /srv/kiosk/content
""")
    say.add_argument("topic", help="topic id, e.g. muscle-spasms")
    say.add_argument("--out", type=Path, required=True, metavar="FILE.wav")
    say.add_argument("--rate", type=int, metavar="WPM")
    say.add_argument("--language", "--lang", dest="lang", default="en", metavar="LANG",
                     help="which translation of the topic, read with that language's voice (default: en)")
    _content_arg(say)

    set_pin = _command(sub, "set-pin", "set the staff PIN (stores only a salted hash)", """
  kiosk set-pin --content /srv/kiosk/content  asks for the PIN twice; it is never shown or stored
""")
    _content_arg(set_pin)

    stats = _command(sub, "stats", "print the anonymous per-day usage counts", """
  kiosk stats --content /srv/kiosk/content
  kiosk stats --days 7 --csv > last-week.csv
""")
    _content_arg(stats)
    stats.add_argument("--days", type=int, metavar="N", help="only the last N days")
    stats.add_argument("--csv", action="store_true", help="CSV instead of a table")

    metrics = _command(sub, "metrics", "print the kiosk's metrics for Prometheus (OpenMetrics text) once", """
  kiosk metrics --content /srv/kiosk/content
  kiosk metrics --content content > clinic_kiosk.prom    what a fresh kiosk would write, counters at 0
""")
    _content_arg(metrics)

    print_test = _command(sub, "print-test", "print a slip of made-up answers on the kiosk's printer", """
  kiosk print-test --content /srv/kiosk/content
  kiosk print-test --printer Front_Desk        another CUPS queue than printing.printer
""")
    _content_arg(print_test)
    print_test.add_argument("--printer", metavar="QUEUE", help="CUPS queue (default: printing.printer)")

    alert_test = _command(sub, "alert-test", "run alert.command once, as a patient's call would", """
  kiosk alert-test --content /srv/kiosk/content
""")
    _content_arg(alert_test)

    # Loopback only unless --host is spelled out: a kiosk on the clinic's network is a choice.
    serve = _command(sub, "serve", "serve the kiosk to a browser on this machine (one kiosk per page)", """
  kiosk serve --content /srv/kiosk/content    then open http://127.0.0.1:8088/ on this machine
  kiosk serve --dev --port 8090               a staff preview in the browser
  kiosk serve --host 192.168.1.20 --allowed-host kiosk-tablet.clinic.lan
                                              a tablet on the clinic's network opens it by that name
Needs the web extra: pip install 'clinic-kiosk[web]'
""")
    _content_arg(serve)
    serve.add_argument("--port", type=int, default=8088, metavar="N", help="TCP port (default: 8088)")
    serve.add_argument("--host", default="127.0.0.1", metavar="H",
                       help="address to listen on (default 127.0.0.1; anything else lets that network in)")
    serve.add_argument("--allowed-host", action="append", default=[], metavar="NAME", dest="allowed_hosts",
                       help="a name (or NAME:PORT) pages may use to reach this server, besides the --host "
                            "address itself; repeat for each (any other Host header is refused)")
    serve.add_argument("--dev", action="store_true", help="each page gets the staff preview, not the locked kiosk")

    studio = _command(sub, "studio", "the staff studio: write, check, preview, hear and publish topics", """
  kiosk studio --content /srv/kiosk/content   in this terminal; publishes into that folder
  kiosk studio --serve                        in a browser on this machine: http://127.0.0.1:8089/
  kiosk studio --serve --host 192.168.1.20    on the clinic network (staff PIN asked on every page)
See docs/STUDIO.md.
""")
    _content_arg(studio)
    studio.add_argument("--work", type=Path, metavar="DIR",
                        help="the studio's working copy (default: studio-work in the kiosk's data folder)")
    studio.add_argument("--serve", action="store_true", help="serve the studio to a browser (needs the web extra)")
    studio.add_argument("--port", type=int, default=8089, metavar="N", help="TCP port with --serve (default: 8089)")
    studio.add_argument("--host", default=None, metavar="H",
                        help="with --serve: address to listen on (default 127.0.0.1, this machine only)")
    studio.add_argument("--pin", action="store_true", help="ask for the staff PIN first (always, with --serve)")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        argv = ["run", *argv]  # `kiosk` and `kiosk --dev` mean `kiosk run` and `kiosk run --dev`
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command
    if command == "validate":
        if args.dir is not None and args.content is not None:
            parser.error("give the content folder once: either --content DIR or DIR")
        args.content = args.dir or args.content or DEFAULT_CONTENT
    if command == "run":
        _check_trial_values(parser, args)
    if command == "validate":
        if args.release is not None and not args.record:
            parser.error("--release names the release for --record; give --record too")
        return validate_command(args.content, record=args.record, release=args.release)
    if command == "schema":
        return schema_command(args.content)
    if command == "run":
        from kiosk.host import collector

        collector.pause_for_start()  # before the app's imports; on again at its first screen
        from kiosk.ui.launch import run_command

        return run_command(args)
    if command == "say":
        from kiosk.speech.say import say_command

        return say_command(args)
    if command == "set-pin":
        from kiosk.visit.staff import set_pin_command

        return set_pin_command(args)
    if command == "stats":
        from kiosk.visit.usage import stats_command

        return stats_command(args)
    if command == "metrics":
        from kiosk.visit.fleet_metrics import metrics_command

        return metrics_command(args)
    if command == "print-test":
        from kiosk.desk.staff_tools import print_test_command

        return print_test_command(args)
    if command == "alert-test":
        from kiosk.desk.staff_tools import alert_test_command

        return alert_test_command(args)
    if command == "serve":
        from kiosk.web.serve import serve_command

        return serve_command(args)
    if command == "studio":
        from kiosk.studio.launch import studio_command

        return studio_command(args)
    raise AssertionError(command)  # pragma: no cover - argparse limits the choices


#: K-T1: the warning before a reset lasts at least this long on a kiosk patients use.
MIN_WARNING_SECONDS = 20


def _check_trial_values(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """``--idle-timeout`` and ``--warning`` are for trials; a short warning only with --dev."""
    if args.idle_timeout is not None and not args.idle_timeout > 0:
        parser.error("--idle-timeout must be more than 0 seconds")
    if args.warning is not None and not args.warning > 0:
        parser.error("--warning must be more than 0 seconds")
    if args.warning is not None and args.warning < MIN_WARNING_SECONDS and not args.dev:
        parser.error(f"--warning must be at least {MIN_WARNING_SECONDS} seconds (K-T1); "
                     "shorter values are for trials with --dev")


def validate_command(folder: Path, *, record: bool = False, release: str | None = None) -> int:
    """Print every problem as ``file:line: field: message``, then a one-line summary.

    Exit 0 when the kiosk can use the content (warnings allowed), 2 when it has errors, and 1,
    with one line and no traceback, if the checker itself fails. ``record``: ``folder`` is a
    release for this kiosk (``deploy/update-content.sh``): a data folder inside it is an error
    too (a content update would lose the usage counts), and a refusal is kept in the kiosk's
    data folder (:mod:`kiosk.content.release_record`) for staff mode to show.
    """
    from kiosk.content.content_path import CHECKER_FAILED, load_content
    from kiosk.content.pin_note import no_pin_note

    result = load_content(folder, grade=True)  # the same path as the running kiosk's
    failed = [p for p in result.problems if p.field == CHECKER_FAILED]
    if failed:  # staff never see a traceback; the one line says what to report
        print(f"kiosk validate could not check {folder}: {failed[0].message.removeprefix('could not be checked: ')}."
              " Please report this.", file=sys.stderr)
        return exit_codes.FAILED
    problems = list(result.problems)
    if record and result.library is not None:
        problems += _data_inside_release(folder, result.library.settings.data_dir)
    errors = [p for p in problems if p.severity == "error"]
    if record:  # a release is checked in a temporary folder: name its files inside it
        from kiosk.content.release_record import named_inside

        problems = [named_inside(folder, p) for p in problems]
    for problem in problems:
        print(problem, file=sys.stderr if problem.severity == "error" else sys.stdout)
    if errors or result.library is None:
        where = release if record and release else folder  # a release's folder is temporary
        print(f"{len(errors)} error(s), {len(problems) - len(errors)} warning(s) in {where}: "
              f"the kiosk will keep its last good content.", file=sys.stderr)
        if record:
            _record_refusal(folder, release, problems)
        return exit_codes.CONTENT
    library = result.library
    for grade in library.grades:
        print(grade.line(library.settings))
    for line in screens_report(library):
        print(line)
    for line in home_report(library):
        print(line)
    if not library.settings.staff.pin_hash:
        print(no_pin_note(folder))
    print(f"OK: {library.summary_line()}")
    return exit_codes.OK


def _data_inside_release(folder: Path, data_dir: Path | None) -> list:
    """A data folder inside a release goes with the release at the next update."""
    from kiosk.content.model import Problem
    from kiosk.content.settings import SETTINGS_FILE, data_folder

    root = folder.absolute()
    if not data_folder(root, data_dir).absolute().is_relative_to(root):
        return []
    settings = root / SETTINGS_FILE
    line = next((n for n, text in enumerate(settings.read_text(encoding="utf-8").splitlines(), 1)
                 if text.startswith("data_dir:")), None)
    return [Problem(file=str(settings), line=line, field="data_dir",
                    message=f"{data_dir} is inside the content folder, so usage counts would be lost at the next "
                            "update; write data_dir: /var/lib/clinic-kiosk, or leave it out")]


def _record_refusal(folder: Path, release: str | None, problems: list) -> None:
    from kiosk.content import release_record

    name = release or release_record.release_name(folder)
    why = release_record.record_refused(folder, name, problems)
    if why is None:
        print(f"refusal recorded for staff mode: {name} in {release_record.record_path(folder)}", file=sys.stderr)
    else:
        print(f"could not record the refusal for staff mode: {why}", file=sys.stderr)


def screens_report(library) -> list[str]:
    """Per topic, the screens its core and its worst-case provider summary take at 40x12, the
    smallest kiosk (:mod:`kiosk.content.screen_count`), against the limits validate warns above."""
    from kiosk.content.screen_count import MAX_CORE_SCREENS, MAX_SUMMARY_SCREENS

    lines = []
    for count in library.screens:
        line = (f"{count.topic_id} ({count.language}): core {count.core} screen(s) at 40x12 "
                f"(aim for {MAX_CORE_SCREENS} or fewer)")
        if count.summary is not None:
            line += (f"; provider summary up to {count.summary} screen(s) at 40x12, every question answered "
                     f"with its longest answers (aim for {MAX_SUMMARY_SCREENS} or fewer)")
        lines.append(line)
    return lines


def home_report(library) -> list[str]:
    """What a patient meets, per topic: its pages and the key presses from home to its deepest
    page, counted as home counts them (:mod:`kiosk.content.library_nav`; topics staff switched off in
    staff mode are not known here, so they are counted as on)."""
    from kiosk.content.library_nav import (
        deepest_page_keys,
        home_entries,
        home_layout,
        keys_to_every_topic,
        offered_languages,
        page_count,
        uses_groups,
    )

    lines = []
    languages = len(offered_languages(library.settings.languages, library.topics))
    for language in library.settings.languages:
        topics = library.shown_in(language)  # as home lists them: an untranslated topic too
        entries = home_entries(topics, languages)
        what = "group(s)" if uses_groups(topics, languages) else "topic(s)"
        lines.append(f"home ({language}): {len(topics)} topic(s) as {len(entries)} {what} on "
                     f"{page_count(len(entries), home_layout(languages))} page(s)")
        deepest = 0
        every = keys_to_every_topic(topics, languages)
        for topic in topics:
            keys = deepest_page_keys(topics, topic, every[topic.id], languages)
            deepest = max(deepest, len(keys))
            lines.append(f"{topic.id} ({language}): {len(topic.pages)} page(s); last page {len(keys)} key(s) "
                         f"from home: {' '.join(keys)}")
        if topics:
            lines.append(f"home ({language}): the deepest page takes {deepest} key(s) from home")
    return lines


def schema_command(content: Path) -> int:
    """Write JSON Schemas so an editor completes and checks the YAML as staff type.

    The shipped YAML files name them on their first line (``# yaml-language-server: $schema=...``).
    Exit 0 when both are written, 2 when the folder cannot be written.
    """
    from kiosk.content.field_docs import SCHEMAS, schema_text

    out = content / SCHEMA_DIR
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name in SCHEMAS:
            path = out / f"{name}.schema.json"
            path.write_text(schema_text(name), encoding="utf-8")
            print(f"wrote {path}")
    except OSError as exc:
        print(f"cannot write the schemas into {out}: {exc.strerror or exc}", file=sys.stderr)
        return exit_codes.CONTENT
    return exit_codes.OK
