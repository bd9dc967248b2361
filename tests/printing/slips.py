"""A finished muscle-spasms visit and its slip, shared by the printing tests."""

from __future__ import annotations

import datetime as dt

from kiosk.flow import FlowSession, Outcome, SummaryLine
from kiosk.model import QuestionKind, RedFlag
from kiosk.printing import Slip, SlipWords, slip_words

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
    language="es",
)
