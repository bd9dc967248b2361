"""Drive the muscle-spasms flow through the real screens, by keypad digits or by touch."""

from __future__ import annotations

from kiosk.content.model import QuestionKind
from kiosk.ui.screens.question import DONE, QuestionScreen


def safe_choice_keys(screen: QuestionScreen) -> list[str]:
    """Keys that answer the current question without a red flag: the last content choice,
    plus Done on multi-choice questions."""
    question = screen.session.current
    items = screen.choices.items
    safe = [i for i, c in enumerate(question.choices) if not c.emergency]
    keys = [items[safe[-1]].key]
    if question.kind is QuestionKind.MULTI:
        keys.append(next(item.key for item in items if item.value == DONE))
    return keys


async def walk_to_first_multi_choice(pilot, limit: int = 20) -> QuestionScreen:
    """Answer single-choice questions safely until a multi-choice question is on screen."""
    for _ in range(limit):
        await pilot.pause()
        screen = pilot.app.screen
        if screen.session.current.kind is QuestionKind.MULTI:
            return screen
        await pilot.press(*safe_choice_keys(screen))
    raise AssertionError("no multi-choice question in the flow")


async def answer_all_by_keypad(pilot, limit: int = 60) -> None:
    """Answer every question by digits until the flow leaves the question screen."""
    app = pilot.app
    for _ in range(limit):
        screen = app.screen
        if not isinstance(screen, QuestionScreen) or screen.session.current is None:
            return
        await pilot.press(*safe_choice_keys(screen))
        await pilot.pause()
    raise AssertionError("the flow did not end")


async def answer_all_by_touch(pilot, limit: int = 60) -> None:
    app = pilot.app
    for _ in range(limit):
        screen = app.screen
        if not isinstance(screen, QuestionScreen) or screen.session.current is None:
            return
        rows = {row.item.key: row for row in screen.query(".choice")}
        for key in safe_choice_keys(screen):
            assert await pilot.click(rows[key])
            await pilot.pause()
            rows = {row.item.key: row for row in app.screen.query(".choice")}
    raise AssertionError("the flow did not end")
