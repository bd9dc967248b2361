"""A finished muscle-spasms visit and its slip, shared by the printing tests."""

from __future__ import annotations

import dataclasses
import datetime as dt

from kiosk.content.model import QuestionKind, RedFlag
from kiosk.desk.slip import Slip, SlipWords, slip_words
from kiosk.visit.flow import FlowSession, Outcome, SummaryLine

WHEN = dt.datetime(2026, 11, 25, 14, 5)


def finished_session(topic) -> FlowSession:
    """Answer every question without a red flag, taking as many answers as a question allows."""
    session = FlowSession(topic.flow)
    for _ in range(100):
        if session.outcome is Outcome.DONE:
            return session
        question = session.current
        safe = [c for c in question.choices if not c.emergency]
        if question.kind is QuestionKind.MULTI:
            for choice in [c for c in safe if not c.exclusive] or safe[-1:]:
                session.toggle(choice.id)
            session.done()
        else:
            session.choose(safe[-1].id)
    raise AssertionError("the flow did not end")


def english_slip(topic, clinic="Riverside Family Clinic") -> tuple[Slip, FlowSession]:
    session = finished_session(topic)
    words = slip_words(topic.title, session.summary_lines(), topic.red_flags, WHEN)
    return Slip(clinic, (words,)), session


SPANISH = SlipWords(
    title="Espasmos musculares",
    when="miércoles, 25 de noviembre de 2026, 14:05",
    answers=(SummaryLine("¿Dónde?", "pantorrilla, pie y dedos"), SummaryLine("¿Desde cuándo?", "más de una semana")),
    danger_signs=(RedFlag(symptom="Dolor en el pecho", action="Dígalo en la recepción ahora."),),
    heading="Muestre esto a su médico",
    danger_heading="Pida ayuda ahora si tiene",
    what_to_do="Qué hacer",
    language="es",
)


class FileWrites:
    """Every file the code under test opens for writing while ``with`` is active (an audit hook:
    it sees reportlab, subprocess and logging alike), from the thread that entered or from any
    thread started meanwhile. Threads already running when the block began (one an earlier test
    left behind, say) are not the code under test. Hooks cannot be removed; this one is
    installed once and only records while some FileWrites is active."""

    _active: list[FileWrites] = []
    _installed = False

    def __init__(self) -> None:
        self.paths: list[str] = []
        self.other_threads: tuple[object, ...] = ()  # the Thread objects: an ident is reused

    @classmethod
    def _hook(cls, event: str, args: tuple) -> None:
        if event == "open" and cls._active and not isinstance(args[0], int):  # an int is a pipe's fd
            import threading

            me = threading.current_thread()
            if any(me is thread for thread in cls._active[-1].other_threads):
                return
            path, mode = args[0], args[1]
            if isinstance(mode, str) and any(c in mode for c in "wax+"):
                cls._active[-1].paths.append(str(path))
            elif isinstance(mode, int) or mode is None:
                flags = args[2] if len(args) > 2 and isinstance(args[2], int) else 0
                import os

                if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
                    cls._active[-1].paths.append(str(path))

    def __enter__(self) -> FileWrites:
        import sys
        import threading

        me = threading.current_thread()
        self.other_threads = tuple(t for t in threading.enumerate() if t is not me)

        if not FileWrites._installed:
            sys.addaudithook(FileWrites._hook)
            FileWrites._installed = True
        FileWrites._active.append(self)
        return self

    def __exit__(self, *exc) -> None:
        FileWrites._active.remove(self)


def nobody_slip(slip: Slip) -> Slip:
    """The same slip for nobody: no title, no answers. What CUPS writes for it is CUPS's own."""
    return Slip(slip.clinic_name, tuple(dataclasses.replace(words, title="-", answers=()) for words in slip.words))


def answer_lines(session: FlowSession) -> list[str]:
    """Each answer as the slip prints it, ``label: answer``: only the slip writes these."""
    return [f"{line.label}: {line.text}" for line in session.summary_lines()]
