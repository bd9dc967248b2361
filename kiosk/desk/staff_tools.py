"""``kiosk print-test`` and ``kiosk alert-test``: staff check the printer and the desk call.

The test slip carries made-up answers (each question's first answer that is not a danger sign)
under the title "TEST PRINT", so staff can see the real layout and then check the CUPS spool
as docs/DEPLOYMENT.md says, without any patient's answers.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

from kiosk.desk.slip import Slip, slip_words
from kiosk.host import exit_codes

TEST_TITLE = "TEST PRINT"


def sample_slip(library, when: dt.datetime | None = None) -> Slip:
    """A slip of made-up answers from the first topic with questions."""
    from kiosk.content.model import QuestionKind
    from kiosk.visit.flow import FlowSession, Outcome

    when = when or dt.datetime.now()
    topic = next((t for t in library.topics if t.flow is not None), None)
    if topic is None:
        words = slip_words(TEST_TITLE, [], [], when)
        return Slip(library.settings.clinic_name, (words,))
    session = FlowSession(topic.flow)
    for _ in range(200):
        if session.outcome is Outcome.DONE:
            break
        question = session.current
        if question is None:
            break
        safe = [c for c in question.choices if not c.emergency]
        if question.kind is QuestionKind.MULTI:
            if safe:
                session.toggle(safe[0].id)
            session.done()
        elif safe:
            session.choose(safe[0].id)
        elif question.allow_not_sure:
            session.not_sure()
        else:
            session.skip()
    words = slip_words(f"{TEST_TITLE}: {topic.title}", session.summary_lines(), topic.red_flags, when)
    return Slip(library.settings.clinic_name, (words,))


def _library(content: Path):
    import logging

    from kiosk.content.loader import load_library

    logging.getLogger("kiosk").addHandler(logging.NullHandler())  # the command prints its own words

    result = load_library(content)
    if not result.ok:
        print(f"{content}: the content has errors; run `kiosk validate {content}`", file=sys.stderr)
        return None
    return result.library


def print_test_command(args) -> int:
    """Print a test slip on ``printing.printer`` (or ``--printer``); 0 printed, 2 not."""
    from kiosk.desk.cups import Cups, print_slip

    library = _library(args.content)
    if library is None:
        return exit_codes.CONTENT
    settings = library.settings.printing
    if args.printer:
        settings = settings.model_copy(update={"printer": args.printer})
    if not settings.printer:
        print("No printer is set: add printing.printer to kiosk.yaml (or pass --printer).", file=sys.stderr)
        return exit_codes.CONTENT
    cups = Cups(status_timeout=settings.status_timeout_seconds)
    state = cups.state(settings.printer)
    print(f"Queue {settings.printer}: {state.staff_text()}")
    start = time.monotonic()
    result = print_slip(sample_slip(library), settings, cups)
    took = time.monotonic() - start
    if result.ok:
        print(f"{result.staff_message} {result.pdf_bytes} bytes of PDF, {took:.1f} s in all, "
              f"{settings.paper.value} at {settings.font_size:g} pt.")
        return exit_codes.OK
    print(f"Printing failed: {result.staff_message}", file=sys.stderr)
    print(f"A patient would read: {result.patient_message}", file=sys.stderr)
    return exit_codes.CONTENT


def alert_test_command(args) -> int:
    """Run ``alert.command`` once, as the kiosk would; 0 when it worked, 2 when not."""
    from kiosk.desk.alert import call_front_desk

    library = _library(args.content)
    if library is None:
        return exit_codes.CONTENT
    alert = library.settings.alert
    if not alert.command:
        print("No alert command is set: add alert.command to kiosk.yaml.", file=sys.stderr)
        return exit_codes.CONTENT
    result = call_front_desk(alert)
    if result.ok:
        print(f"The alert command worked ({result.seconds:.1f} s).")
        return exit_codes.OK
    print(f"The alert command failed: {result.reason}", file=sys.stderr)
    return exit_codes.CONTENT
