"""How a patient's answers become the provider summary's lines: one line per label.

A provider scans the summary in seconds, so questions staff gave the same ``summary_label``
(a list of danger signs asked in two parts, both "Danger signs") make one line, never the
label twice. The words are the answers' ``summary`` phrases as staff wrote them, joined with the
kiosk's "and" (and its "not sure", "skipped"); nothing is added or guessed here.

Pure, and in the content layer because two users need the same rule: the visit's summary
(:mod:`kiosk.visit.flow`, on screen and on the slip) and ``kiosk validate``'s worst-case count of
a summary's screens (:mod:`kiosk.content.screen_count`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.content.model import Choice, Flow, Question, QuestionKind
from kiosk.words import ui_words as W
from kiosk.words.i18n import tr


@dataclass(frozen=True)
class SummaryLine:
    """One line of the review and the provider summary: "Where: calf, foot and toes"."""

    label: str
    text: str


@dataclass(frozen=True)
class AnswerWords:
    """One confirmed answer in summary words: its question's label, the phrases it gives
    (each chosen answer's ``summary``, or the kiosk's "not sure"...), and whether it chose only
    "exclusive" answers ("None of these"), which say nothing once another part of the same line
    names something."""

    label: str
    phrases: tuple[str, ...]
    only_exclusive: bool = False
    named_something: bool = False  # chose at least one answer that is not exclusive


def join_phrases(phrases: Sequence[str], language: str = "en") -> str:
    """``["calf", "foot", "toes"]`` -> ``"calf, foot and toes"`` (``"y"`` in Spanish)."""
    phrases = list(phrases)
    if not phrases:
        return ""
    if len(phrases) == 1:
        return phrases[0]
    return tr(language, W.AND_JOIN, first=", ".join(phrases[:-1]), last=phrases[-1])


def line_of(words: AnswerWords, language: str = "en") -> SummaryLine:
    """One answer's own line, as the review lists it (one per question, each changeable)."""
    return SummaryLine(words.label, join_phrases(words.phrases, language))


def merged_lines(answers: Sequence[AnswerWords], language: str = "en") -> list[SummaryLine]:
    """The provider's lines: one per label, where that label first comes, in answer order.

    Within a label, an answer that chose only "None of these" is left out when another answer
    under it named something ("Danger signs: dark urine", not "none and dark urine"); phrases
    said twice are said once ("Danger signs: none").
    """
    groups: dict[str, list[AnswerWords]] = {}
    for words in answers:
        groups.setdefault(words.label, []).append(words)
    out = []
    for label, members in groups.items():
        if any(m.named_something for m in members):
            members = [m for m in members if not m.only_exclusive]
        phrases: list[str] = []
        for member in members:
            phrases += [p for p in member.phrases if p not in phrases]
        out.append(SummaryLine(label, join_phrases(phrases, language)))
    return out


def chosen_words(question: Question, chosen: Sequence[Choice]) -> AnswerWords:
    """The words of ``chosen`` answers (in the question's order) to ``question``."""
    return AnswerWords(question.summary_label, tuple(c.summary for c in chosen),
                       only_exclusive=all(c.exclusive for c in chosen),
                       named_something=any(not c.exclusive for c in chosen))


def worst_case_choices(flow: Flow) -> list[tuple[Question, tuple[Choice, ...]]]:
    """Every question answered with its longest answer, for counting a summary's screens: on a
    single-choice question the answer with the longest summary, on a multi-choice question every
    answer but the exclusive ones. Emergency answers end the questions, so they are never in a
    summary and are left out (a question with no other answer is left out too)."""
    out = []
    for question in flow.questions:
        choices = [c for c in question.choices if not c.emergency]
        if not choices:
            continue
        if question.kind is QuestionKind.MULTI:
            picked = [c for c in choices if not c.exclusive] or choices[:1]
        else:
            picked = [max(choices, key=lambda c: len(c.summary))]
        out.append((question, tuple(picked)))
    return out


def worst_case_answers(flow: Flow) -> list[AnswerWords]:
    """:func:`worst_case_choices` in summary words."""
    return [chosen_words(question, chosen) for question, chosen in worst_case_choices(flow)]
