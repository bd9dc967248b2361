"""Every answer of every question can be seen, or is named on screen, at
40x12 and 80x24, by a keypad with Num Lock on (digits and Enter, no arrows) as well as by arrows.

K-V1 (complete at 40x12), K-V6 (the highlight never hidden), K-I1 (keypad alone).
"""

from __future__ import annotations

import re

import pytest

from kiosk.ui.screens.question import QuestionScreen
from tests.app.screen_text import screen_lines
from tests.app.test_question_keypad import open_flow


async def test_a_wrapped_answer_hangs_under_its_words_not_its_key_K_V1(make_app):
    """At 40 columns the second danger answer ("2 Trouble breathing or swallowing, or wheezing")
    takes two lines; the second starts under "Trouble", so the key column holds keys only."""
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        screen = await open_flow(app, pilot)
        await pilot.pause()
        lines = screen_lines(app)
        first = next(n for n, line in enumerate(lines) if re.match(r"^\s*2  Trouble breathing", line))
        words_at = lines[first].index("Trouble")
        follow = lines[first + 1]
        assert follow[:words_at].strip() == "", follow
        label = screen.session.current.choices[1].label
        rest = SCROLLBAR.sub("", follow[words_at:]).strip()  # the list may scroll: its thumb ends the row
        assert rest and label.endswith(rest), follow
        assert screen.choices is not None


# ---- every answer in view or named, at every highlight position ------------------------------
ROW_START = re.compile(r"^\s*(?:▶\s+)?(\d)  ")
MORE_LINE = re.compile(r"^\s*([▲▼]+)\s(.*)$")


SCROLLBAR = re.compile("[\u2581-\u2588]")  # the list's scrollbar thumb, drawn at the row ends


def flat(text: str) -> str:
    text = SCROLLBAR.sub(" ", text).replace("▶", " ").replace("[x]", " ").replace("[ ]", " ")
    return " ".join(text.split())


def shown_whole(app, item) -> bool:
    """The row's key and all of its words are drawn (a row cut off at the bottom is not)."""
    return f" {item.key} {flat(item.label)} " in f" {flat(' '.join(screen_lines(app)))} "


def named_on_more_line(app) -> set[str]:
    """The keys the "▼ More below: 7 8 0." line names, if that line is drawn."""
    for line in screen_lines(app):
        found = MORE_LINE.match(line)
        if found:
            keys_part = found.group(2).split(".")[0].split(":")[-1]
            return set(re.findall(r"\b\d\b", keys_part))
    return set()


def check_every_key_shown_or_named(app, screen, where: str) -> set[str]:
    """Every choice's key is in a whole row on screen or on the "More" line; returns the keys
    whose rows are shown whole."""
    items = screen.choices.items
    whole = {item.key for item in items if shown_whole(app, item)}
    named = named_on_more_line(app)
    missing = [item.key for item in items if item.key not in whole | named]
    assert not missing, f"{where}: keys {missing} neither shown nor named:\n" + "\n".join(screen_lines(app))
    return whole


def check_highlight_in_view(app, screen, where: str) -> None:
    choices = screen.choices
    if choices.highlighted < 0:
        return
    item = choices.items[choices.highlighted]
    assert shown_whole(app, item), f"{where}: highlight on {item.key} not shown whole:\n" + "\n".join(screen_lines(app))
    row = next(r for r in choices.query(".choice") if r.has_class("-highlighted"))
    banner = screen.query_one("#emergency-banner")
    assert screen.region.contains_region(row.region) and not row.region.overlaps(banner.region), where
    more = choices.query_one(".more-line")
    assert not (more.display and row.region.overlaps(more.region)), f"{where}: the More line covers the highlight"


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def questions(app, pilot):
    """Every question of the bundled flow once, answered safely to move on."""
    from tests.app.flow_driver import safe_choice_keys

    await open_flow(app, pilot)
    seen = set()
    while isinstance(app.screen, QuestionScreen) and app.screen.session.current is not None:
        screen = app.screen
        if screen.session.current.id in seen:
            return
        seen.add(screen.session.current.id)
        await settle(pilot)
        yield screen
        await pilot.press(*safe_choice_keys(screen))
        await settle(pilot)


@pytest.mark.exhaustive  # make check keeps the keypad walk below and test_question_keypad's 40x12 sweep
@pytest.mark.parametrize("size", [(40, 12), (80, 24)], ids=["40x12", "80x24"])
async def test_every_answer_is_shown_or_named_at_every_highlight_position_K_V1_K_V6(make_app, size):
    """For every question of the flow: with nothing highlighted, and with the highlight on each
    answer in turn (arrows), the highlighted row is whole on screen, clear of the banner and of
    the "More" line, and every answer's key is either in a row on screen or named on the
    "More" line."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        count = 0
        async for screen in questions(app, pilot):
            count += 1
            qid = screen.session.current.id
            choices = screen.choices
            assert choices.highlighted < 0
            check_every_key_shown_or_named(app, screen, f"{qid} (nothing highlighted)")
            for index in range(len(choices.items)):
                await pilot.press("down")
                await settle(pilot)
                assert choices.highlighted == index
                where = f"{qid} (highlight on {choices.items[index].key})"
                check_highlight_in_view(app, screen, where)
                check_every_key_shown_or_named(app, screen, where)
            for index in reversed(range(len(choices.items) - 1)):  # and back up again
                await pilot.press("up")
                await settle(pilot)
                assert choices.highlighted == index
                check_highlight_in_view(app, screen, f"{qid} (up to {choices.items[index].key})")
        assert count == len(app.library.topics[0].flow.questions)


@pytest.mark.parametrize("size", [(40, 12), (80, 24)], ids=["40x12", "80x24"])
async def test_num_lock_keypad_sees_every_answer_by_enter_alone_K_I1(make_app, size):
    """With Num Lock on a keypad has digits and Enter, no arrows. With nothing highlighted,
    Enter (the keypad's Enter arrives as a line feed) shows the answers out of view, page by
    page and round to the first again, so every answer's words are seen without arrows."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        paged = 0
        async for screen in questions(app, pilot):
            qid = screen.session.current.id
            items = screen.choices.items
            seen = check_every_key_shown_or_named(app, screen, qid)
            first = set(seen)
            for _ in range(len(items)):
                if seen >= {item.key for item in items}:
                    break
                await pilot.press("ctrl+j")
                await settle(pilot)
                assert app.screen is screen and screen.session.current.id == qid, f"{qid}: Enter answered"
                assert screen.choices.highlighted < 0
                seen |= check_every_key_shown_or_named(app, screen, f"{qid} after Enter")
            assert seen >= {item.key for item in items}, f"{qid}: never shown: {sorted({i.key for i in items} - seen)}"
            if first != seen:  # paged: Enter goes on round to the first answers
                paged += 1
                for _ in range(len(items)):
                    await pilot.press("ctrl+j")
                    await settle(pilot)
                    if shown_whole(app, items[0]):
                        break
                assert shown_whole(app, items[0]), f"{qid}: Enter never came back to the first answers"
        assert paged >= (5 if size == (40, 12) else 0)


CHOICE_SCREENS = {"topic-start": ["1"], "contents": ["1", "2"], "sound": ["full_stop"], "home": []}


@pytest.mark.parametrize("size", [(40, 12), (80, 24)], ids=["40x12", "80x24"])
@pytest.mark.parametrize("name", list(CHOICE_SCREENS))
async def test_every_choice_is_shown_or_named_on_choice_screens_K_V1_K_V6(make_app, size, name):
    """A topic's first screen, its contents and the sound menu at 40x12: a list taller than its
    room scrolls inside the body (it no longer runs on under the banner, where "0 Back" could
    be highlighted out of sight), and the "More" line names the keys out of view."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)  # home is drawn before any key: let its layout finish first
        for key in CHOICE_SCREENS[name]:
            await pilot.press(key)
            await settle(pilot)
        screen = app.screen
        choices = screen.choices
        check_every_key_shown_or_named(app, screen, name)
        for index in range(len(choices.items)):
            if index:
                await pilot.press("down")
                await settle(pilot)
            assert choices.highlighted == index
            where = f"{name} (highlight on {choices.items[index].key})"
            check_highlight_in_view(app, screen, where)
            check_every_key_shown_or_named(app, screen, where)


async def test_the_more_line_is_said_after_the_screen_without_cutting_it_K_S1(make_app):
    """K-S1: the line is drawn once the layout shows the answers do not fit; its words are then
    said after the screen's script (which goes on playing) and kept for "read the screen
    again". Enter then says the answers it brought into view, and the line under them."""
    from kiosk.speech.recording import RecordingSpeech

    speech = RecordingSpeech(hold=True)
    app = make_app(speech=speech)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("slash")
        await settle(pilot)
        screen = await open_flow(app, pilot)
        await settle(pilot)
        line = screen.choices.more_spoken
        assert line.startswith("More below: ") and line.endswith(", 8 and 0. Tap here or press Enter to see them.")
        spoken_keys = line.split(":")[1].split(".")[0].replace(",", " ").replace("and", " ").split()
        assert set(spoken_keys) == named_on_more_line(app)
        pending = [u.text for u in speech._pending]
        assert pending[-1] == line and "No, none of these. Press 8." in pending  # after, not instead
        assert pending.count(line) == 1
        assert [u.text for u in speech.last_screen][-1] == line
        before = len(speech.texts)
        await pilot.press("ctrl+j")
        await settle(pilot)
        said = speech.texts[before:]
        whole = [item for item in screen.choices.items if shown_whole(app, item)]
        assert said[:-1] == [f"{item.label}. Press {item.key}." for item in whole]
        assert said[-1] == screen.choices.more_spoken and said[-1].startswith("More above")


async def test_num_lock_ticks_boxes_then_enter_still_shows_done_K_I1(make_app):
    """A box ticked by its digit leaves nothing highlighted, so Enter goes on showing the answers
    out of view (it never unticks a box); "9 Done" is then seen and pressed. Back on that
    question later, the ticked boxes show the earlier answers and nothing is highlighted."""
    from tests.app.flow_driver import walk_to_first_multi_choice

    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await open_flow(app, pilot)
        screen = await walk_to_first_multi_choice(pilot)
        await settle(pilot)
        question = screen.session.current
        done = next(item for item in screen.choices.items if item.value == "=done")
        assert not shown_whole(app, done) and done.key in named_on_more_line(app)
        await pilot.press("1")
        await settle(pilot)
        assert screen.choices.highlighted < 0 and "[x]" in "\n".join(screen_lines(app))
        for _ in range(3):
            if shown_whole(app, done):
                break
            await pilot.press("ctrl+j")
            await settle(pilot)
        assert shown_whole(app, done) and screen.session.current is question
        assert question.choices[0].id in screen.session.selected  # still ticked
        await pilot.press(done.key)
        await settle(pilot)
        assert screen.session.current is not question
        await pilot.press("escape")  # back to it
        await settle(pilot)
        assert screen.session.current is question and screen.choices.highlighted < 0
        assert "[x]" in "\n".join(screen_lines(app))
