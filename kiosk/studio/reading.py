"""Readability of a topic, page by page, in the topic's own language.

English pages get the Flesch-Kincaid grade (lower is easier); Spanish pages the
Szigriszt-Pazos score on the INFLESZ scale (higher is easier), exactly the formulas
``kiosk validate`` uses. A language with no formula here says so rather than being
graded on the English scale. Pure; never imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.content import readability, readability_es
from kiosk.content.model import Topic
from kiosk.words.plain_text import strip_markdown


@dataclass(frozen=True)
class PageReading:
    page: int  # from 1, as staff count pages
    heading: str
    words: int
    #: e.g. "grade 6.1" or "71.3 INFLESZ, bastante fácil"
    score: str


def score_text(text: str, language: str) -> tuple[str, float | None]:
    """How hard ``text`` reads, in words for staff, and the number (None: no formula)."""
    if language == "es":
        report = readability_es.lectura_report(text)
        return f"{report.szigriszt_pazos:.1f} INFLESZ, {report.inflesz}", report.szigriszt_pazos
    if language == "en":
        grade = readability.reading_report(text).grade
        return f"grade {grade:.1f}", grade
    return f"no reading formula for '{language}'", None


def page_readings(topic: Topic) -> list[PageReading]:
    out = []
    for number, page in enumerate(topic.pages, start=1):
        text = strip_markdown(page.body)
        words = readability.word_count(text)
        out.append(PageReading(number, page.heading, words, score_text(text, topic.language)[0]))
    return out


def topic_score(topic: Topic) -> str:
    """The whole topic's score: its pages and questions read as one text."""
    parts = [page.body for page in topic.pages]
    if topic.flow is not None:
        parts += [q.prompt for q in topic.flow.questions]
    return score_text(strip_markdown("\n\n".join(parts)), topic.language)[0]
