"""``kiosk run``: load the content, pick the speech engine, and keep the kiosk running.

In locked kiosk mode the app is restarted if its own loop ever fails (with an apology, never a
traceback); systemd restarts the whole process if that fails too. Errors go to a log file in
the journal (or a rotated file in the data folder) for staff, never to the patient's terminal.
"""

from __future__ import annotations

import logging
import sys

from kiosk.content.content_path import load_for_start
from kiosk.content.settings import data_folder
from kiosk.host import collector, exit_codes
from kiosk.host.journal_log import configure_logging
from kiosk.host.systemd_notify import from_environ
from kiosk.visit.key_governor import KeyGovernor

#: A kiosk whose app loop keeps failing this often in a row exits for systemd to restart it.
MAX_RESTARTS = 20


def make_speech(settings, mode: str):
    """The speech backend for ``--speech``: auto/on/off use the real engine, none uses none."""
    from kiosk.speech.service import SpeechService

    speech_settings = settings.speech
    if mode in ("on", "off"):
        speech_settings = speech_settings.model_copy(update={"enabled_at_start": mode == "on"})
    # Its thread and engine begin once the first screen is drawn (KioskApp._after_first_screen).
    return SpeechService(speech_settings, engine=mode != "none", start=False)


def run_command(args) -> int:
    """``kiosk run``; the collector, paused for the start by the command line before this
    module's imports, is on again once the first screen is drawn (KioskApp, ``freeze_gc``) or,
    whatever happened before it, when this returns."""
    try:
        return _run(args)
    finally:
        collector.settle_after_start()  # whatever happened before the first screen


def _run(args) -> int:
    from kiosk.ui.app import KioskApp

    speech_log = getattr(args, "speech_log", None)
    if speech_log is not None and not args.dev:
        # A kiosk in a waiting room never writes down what it says (K-P2).
        print("--speech-log needs --dev: a kiosk in use never writes what it says.", file=sys.stderr)
        return exit_codes.CONTENT
    library = load_for_start(args.content, stream=sys.stderr, dev=args.dev)
    if library is None:
        return exit_codes.CONTENT
    configure_logging(data_folder(library.root, library.settings.data_dir, dev=args.dev))
    if not library.settings.staff.pin_hash:
        from kiosk.content.pin_note import no_pin_note

        logging.getLogger("kiosk").warning(no_pin_note(library.root))
    notifier = from_environ(unset_environment=True)  # before the speech worker: it must not inherit it
    speech = make_speech(library.settings, args.speech)
    transcript = None
    if speech_log is not None:
        transcript = open(speech_log, "a", encoding="utf-8", buffering=1)  # closed below
        speech.transcript = transcript
    restarts = 0
    try:
        while True:
            app = KioskApp(
                library, speech=speech, dev=args.dev, apology=restarts > 0, watch_content=True,
                freeze_gc=True,
                idle_timeout=args.idle_timeout, warning_seconds=args.warning, notifier=notifier,
                governor=KeyGovernor(), headphones=args.speech != "none",
            )
            try:
                app.run()
            finally:
                app.controller.usage.close()
                blank_terminal()
            code = app.return_code or exit_codes.OK
            library = app.library  # keep content reloaded while running
            if args.dev or code != exit_codes.RESTART or restarts >= MAX_RESTARTS:
                return exit_codes.OK if code == exit_codes.RESTART and args.dev else code
            restarts += 1
            logging.getLogger("kiosk").warning("restarting the kiosk after an error (%d)", restarts)
    finally:
        speech.close()
        notifier.close()
        if transcript is not None:
            transcript.close()


def blank_terminal() -> None:
    """Nothing of a patient may stay on the terminal after the kiosk has gone: a
    console without an alternate screen (the Linux VT) would still show the last frame."""
    from kiosk.ui.app import TERMINAL_RESET

    stream = sys.__stderr__
    try:
        if stream is not None and stream.isatty():
            stream.write(TERMINAL_RESET)
            stream.flush()
    except (OSError, ValueError):
        pass  # the terminal is gone: nothing is shown on it either
