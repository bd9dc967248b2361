"""Does a translated topic ask, warn and branch exactly as its original?

A translation (``topics/<id>.<lang>.yaml``) may word everything its own way, but the patient
must meet the same questions, answers and red flags in every language, and the provider's
summary must mean the same thing: so the flow's question ids and answer ids, where each
answer leads, which answers open the emergency page, and the number of red flags must match
the original (``topics/<id>.yaml``). Pure functions over two :class:`~kiosk.content.model.Topic`; each
problem comes back with its field path inside the translation, so the loader can name the
file and line staff must change.
"""

from __future__ import annotations

from collections.abc import Iterator

from kiosk.content.model import Choice, Flow, Question, Severity, Topic

Path = tuple[str | int, ...]
Found = tuple[Path, str, Severity]
ERROR, WARNING = Severity.ERROR, Severity.WARNING


def translation_problems(original: Topic, translation: Topic, original_name: str) -> Iterator[Found]:
    """Yield ``(path in the translation, message, severity)`` for each way it differs in meaning.

    ``original_name`` is how messages name the original, e.g. ``demo.yaml``.
    """
    if len(translation.red_flags) != len(original.red_flags):
        yield (
            ("red_flags",),
            f"has {len(translation.red_flags)} red flag(s), but the original {original_name} has "
            f"{len(original.red_flags)}; give every red flag of the original, in the same order",
            ERROR,
        )
    if original.flow is None and translation.flow is None:
        return
    if translation.flow is None:
        yield (
            ("flow",),
            f"is missing, but the original {original_name} has questions; translate them, keeping every id",
            ERROR,
        )
        return
    if original.flow is None:
        yield (("flow",), f"the original {original_name} has no questions; remove them or add them there first", ERROR)
        return
    yield from _questions(original.flow, translation.flow, original_name)


def _questions(original: Flow, translation: Flow, name: str) -> Iterator[Found]:
    mine = [q.id for q in translation.questions]
    theirs = [q.id for q in original.questions]
    for missing in (qid for qid in theirs if qid not in mine):
        yield (
            ("flow", "questions"),
            f"has no question '{missing}' of the original {name}; ask every question, with the same id",
            ERROR,
        )
    for qi, qid in enumerate(mine):
        if qid not in theirs:
            yield (
                ("flow", "questions", qi, "id"),
                f"'{qid}' is not a question of the original {name}; use the id the original gives it",
                ERROR,
            )
    common = [qid for qid in mine if qid in theirs]
    if common != [qid for qid in theirs if qid in mine]:
        yield (
            ("flow", "questions"),
            f"asks the questions in another order than the original {name} ({', '.join(theirs)}); "
            f"the next question depends on the order, so keep it",
            ERROR,
        )
    for qi, q in enumerate(translation.questions):
        if q.id in theirs:
            yield from _question(original.question(q.id), q, ("flow", "questions", qi), name)


def _same_fields(original: object, translated: object, fields: tuple[str, ...], at: Path,
                 name: str) -> Iterator[Found]:
    """Fields that steer the flow must be the same in a translation as in its original."""
    for field in fields:
        want, got = getattr(original, field), getattr(translated, field)
        if want != got:
            yield (
                (*at, field),
                f"is {_shown(got)}, but {_shown(want)} in the original {name}; "
                f"a translation changes the words, not the flow",
                ERROR,
            )


def _question(original: Question, q: Question, at: Path, name: str) -> Iterator[Found]:
    yield from _same_fields(original, q, ("kind", "next", "allow_not_sure", "allow_skip", "required"), at, name)
    mine = [c.id for c in q.choices]
    theirs = [c.id for c in original.choices]
    for missing in (cid for cid in theirs if cid not in mine):
        yield (
            (*at, "choices"),
            f"has no answer '{missing}' of question '{q.id}' in the original {name}; "
            f"give every answer, with the same id",
            ERROR,
        )
    for ci, cid in enumerate(mine):
        if cid not in theirs:
            yield (
                (*at, "choices", ci, "id"),
                f"'{cid}' is not an answer of question '{q.id}' in the original {name}; use the original's id",
                ERROR,
            )
    common = [cid for cid in mine if cid in theirs]
    if common != [cid for cid in theirs if cid in mine]:
        yield (
            (*at, "choices"),
            f"lists the answers in another order than the original {name} ({', '.join(theirs)}), "
            f"so they are on other keys; keep the order unless the language needs it",
            WARNING,
        )
    by_id = {c.id: c for c in original.choices}
    for ci, c in enumerate(q.choices):
        if c.id in by_id:
            yield from _choice(by_id[c.id], c, (*at, "choices", ci), q.id, name)


def _choice(original: Choice, c: Choice, at: Path, question_id: str, name: str) -> Iterator[Found]:
    if original.emergency != c.emergency:
        said = (
            "opens the emergency page in the original {name}; write 'emergency: true' here too"
            if original.emergency
            else "does not open the emergency page in the original {name}; remove 'emergency: true' or add it there"
        )
        yield ((*at, "emergency"), f"answer '{c.id}' of question '{question_id}' " + said.format(name=name), ERROR)
    yield from _same_fields(original, c, ("next", "exclusive"), at, name)


def _shown(value: object) -> str:
    if value is None:
        return "not written"
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"'{value}'"
