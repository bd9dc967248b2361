"""Pilot tests of every studio screen: what staff see and what each key does."""

from __future__ import annotations

import datetime as dt
import re

from textual.widgets import DataTable, Input, OptionList, TextArea

from kiosk.content import release_record, staff_report
from kiosk.content.model import Problem
from kiosk.studio.screens.editor import EditorScreen
from kiosk.studio.screens.library import LibraryScreen
from kiosk.studio.screens.new_topic import NewTopicScreen
from kiosk.studio.screens.pin import PinScreen
from kiosk.studio.screens.preview import PreviewScreen
from kiosk.studio.skeleton import new_topic_text
from kiosk.visit.staff import hash_pin
from tests.app.screen_text import screen_text
from tests.conftest import ROOT
from tests.studio.conftest import TODAY
from tests.studio.pilot import make_studio, preview_drawn, preview_press, settle, until

#: The bundled topic's title as staff wrote it (the preview and the speech show it).
BUNDLED_TITLE = re.search(r"^title: (.+)$", (ROOT / "content" / "topics" / "muscle-spasms.yaml")
                          .read_text(encoding="utf-8"), re.M).group(1).strip()

SIZE = (120, 40)


async def type_text(pilot, text: str) -> None:
    for ch in text:
        await pilot.press("minus" if ch == "-" else "space" if ch == " " else ch)


def problem_texts(app) -> list[str]:
    problems = app.screen.query_one("#problems", OptionList)
    return [str(problems.get_option_at_index(i).prompt) for i in range(problems.option_count)]


def add_leg_cramps(space):
    space.create("leg-cramps.yaml", new_topic_text("leg-cramps", "Leg cramps", group=None, language="en",
                                                   today=TODAY))


async def test_the_library_lists_each_topic_with_its_state(space):
    add_leg_cramps(space)
    app = make_studio(space)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        text = screen_text(app)
        assert "leg-cramps" in text and "muscle-spasms" in text
        assert "needs review (draft)" in text
        assert "Saved but not published: leg-cramps.yaml" in text


async def test_enter_on_a_topic_opens_it_in_the_editor(space):
    app = make_studio(space)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert "id: muscle-spasms" in app.screen.query_one("#editor", TextArea).text
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_the_new_topic_form_refuses_an_id_with_capitals_and_says_how(space):
    app = make_studio(space)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NewTopicScreen)
        app.screen.query_one("#new-id", Input).value = "muscle-spasms"
        app.screen.query_one("#new-title", Input).value = "Again"
        await pilot.click("#create")
        assert "already a topic 'muscle-spasms'" in screen_text(app)
        app.screen.query_one("#new-id", Input).value = ""
        await pilot.click("#create")
        assert "lower-case words joined by hyphens" in screen_text(app)


async def test_a_new_topic_is_written_and_opened_in_the_editor(space):
    app = make_studio(space)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await type_text(pilot, "leg-cramps")
        await pilot.press("tab")
        await type_text(pilot, "Leg cramps")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert space.path("leg-cramps.yaml").is_file()
        await until(pilot, lambda: "0 error(s)" in screen_text(app), "the first check")
        assert "grade" in screen_text(app)  # how hard the page reads


async def test_a_mistake_is_listed_by_line_and_choosing_it_moves_the_cursor_there(space):
    add_leg_cramps(space)
    app = make_studio(space)
    async with app.run_test(size=SIZE) as pilot:
        app.open_editor("leg-cramps.yaml")
        await settle(pilot)
        area = app.screen.query_one("#editor", TextArea)
        line = area.text.splitlines().index("summary: What this topic is about, in one short sentence.")
        area.replace("sumary", (line, 0), (line, 7))
        await until(pilot, lambda: any("did you mean 'summary'" in p for p in problem_texts(app)),
                    "the check after typing")
        problems = app.screen.query_one("#problems", OptionList)
        wanted = next(i for i in range(problems.option_count)
                      if "did you mean" in str(problems.get_option_at_index(i).prompt))
        assert str(problems.get_option_at_index(wanted).prompt).startswith(f"{line + 1}: sumary: ")
        area.cursor_location = (0, 0)
        problems.focus()
        problems.highlighted = wanted
        await pilot.press("enter")
        await pilot.pause()
        assert area.cursor_location[0] == line and area.has_focus
        area.cursor_location = (line - 2, 0)  # on "title:": the field's own words are shown
        await pilot.pause()
        assert "title: The topic's name" in str(app.screen.query_one("#field-help").render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert space.has_draft("leg-cramps.yaml")
        assert "sumary" not in space.path("leg-cramps.yaml").read_text(encoding="utf-8")
        assert "(draft)" in area.border_title


async def test_adding_spanish_opens_the_two_languages_side_by_side(space):
    add_leg_cramps(space)
    app = make_studio(space)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")  # the cursor is on leg-cramps, the first row
        await settle(pilot)
        await pilot.click("#add")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.query_one("#original", TextArea).read_only
        assert "language: es" in app.screen.query_one("#editor", TextArea).text
        await until(pilot, lambda: any("still marked [untranslated]" in p for p in problem_texts(app)),
                    "the untranslated list")


async def test_the_preview_is_the_kiosk_walked_with_its_keys_and_heard(space):
    app = make_studio(space)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, PreviewScreen)
        preview = await preview_drawn(pilot)
        assert preview.kiosk is not None and preview.kiosk.size == (40, 12)
        assert BUNDLED_TITLE in screen_text(app)
        await preview_press(pilot, "1")
        assert type(preview.kiosk.screen).__name__ == "TopicStartScreen"
        await until(pilot, lambda: "Read from the start" in str(app.screen.query_one("#heard").render()),
                    "the words the listener hears")
        await preview_press(pilot, "asterisk")  # the emergency page: its title and first step first
        assert type(preview.kiosk.screen).__name__ == "EmergencyScreen"
        title = preview.kiosk.library.settings.emergency.title
        await until(pilot, lambda: str(app.screen.query_one("#heard").render()).startswith(f"- {title}\n"),
                    "the emergency page's title, heard first")
        # At 40x12 the steps take two screenfuls: the number is in the second, as the listener hears it
        heard = str(app.screen.query_one("#heard").render())
        more = re.search(r"More of this page: press (\d)\.", heard)
        assert more is not None, heard
        await preview_press(pilot, more.group(1))
        number = preview.kiosk.library.settings.emergency.number
        await until(pilot, lambda: " ".join(number) in str(app.screen.query_one("#heard").render()),
                    "the emergency number read digit by digit")
        assert number not in str(app.screen.query_one("#heard").render())
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_publish_puts_the_saved_topic_into_the_live_folder(space, live):
    add_leg_cramps(space)
    app = make_studio(space)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert "Published leg-cramps.yaml" in screen_text(app)
        assert (live / "topics" / "leg-cramps.yaml").is_file()


async def test_the_served_studio_asks_for_the_pin_and_locks_after_too_many_wrong_ones(space, live):
    from kiosk.content.content_path import load_content
    from kiosk.studio.pin_gate import StudioGate

    settings = load_content(live).library.settings
    settings = settings.model_copy(update={"staff": settings.staff.model_copy(
        update={"pin_hash": hash_pin("73915428", n=2**8), "max_attempts": 2})})
    app = make_studio(space, gate=StudioGate(settings, live))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PinScreen)
        await type_text(pilot, "1111")
        await pilot.press("enter")
        await settle(pilot)
        assert "Wrong PIN. 1 try left." in screen_text(app)
        await type_text(pilot, "2222")
        await pilot.press("enter")
        await settle(pilot)
        assert "locked after too many wrong PINs" in screen_text(app)
        await type_text(pilot, "73915428")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PinScreen)  # even the right PIN waits out the lock


async def test_the_right_pin_opens_the_library(space, live):
    from kiosk.content.content_path import load_content
    from kiosk.studio.pin_gate import StudioGate

    settings = load_content(live).library.settings
    settings = settings.model_copy(update={"staff": settings.staff.model_copy(
        update={"pin_hash": hash_pin("73915428", n=2**8)})})
    app = make_studio(space, gate=StudioGate(settings, live))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, "73915428")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)


async def test_play_reads_the_screens_words_with_the_kiosks_speech_service(space, monkeypatch):
    import kiosk.speech.engine
    import kiosk.speech.service
    from kiosk.speech.recording import RecordingSpeech

    played: list[RecordingSpeech] = []

    class Service(RecordingSpeech):  # the service's interface, with a log for a sound device
        available = True

    def service(settings, *, language):
        speech = Service(settings, language=language)
        played.append(speech)
        return speech

    monkeypatch.setattr(kiosk.speech.engine, "library_problem", lambda: None)
    monkeypatch.setattr(kiosk.speech.service, "SpeechService", service)
    app = make_studio(space)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        await preview_drawn(pilot)
        await preview_press(pilot, "1")
        await until(pilot, lambda: bool(app.screen._heard), "the words of the topic's first screen")
        await pilot.press("f8")
        assert played and played[0].texts[0] == BUNDLED_TITLE
        assert played[0].texts == [u.text for u in app.screen._heard]


async def test_play_without_a_speech_engine_says_why(space, monkeypatch):
    import kiosk.speech.engine

    monkeypatch.setattr(kiosk.speech.engine, "library_problem", lambda: "libespeak-ng is not installed")
    app = make_studio(space)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        await preview_drawn(pilot)
        await preview_press(pilot, "1")
        await until(pilot, lambda: bool(app.screen._heard), "the words of the topic's first screen")
        await pilot.press("f8")
        await pilot.pause()
        assert any("Cannot play here: libespeak-ng is not installed" in n.message for n in app._notifications)


async def test_the_preview_can_fill_the_window_as_a_full_screen_kiosk_would(space):
    from textual.widgets import Select

    from kiosk.studio.screens.preview import FILL

    app = make_studio(space)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        preview = await preview_drawn(pilot)
        app.screen.query_one("#preview-size", Select).value = FILL
        frame = app.screen.query_one("#preview-frame")

        def fills_the_frame() -> bool:
            return (preview.kiosk is not None
                    and preview.kiosk.size == (frame.size.width - 2, frame.size.height - 2))

        # On a loaded machine the kiosk can be resized in more than one step: wait for the last.
        await until(pilot, fills_the_frame, "a kiosk the size of the frame inside its border")
        assert preview.kiosk.size.width > 40


# --- what is live and what was refused, from the record staff mode reads ---------------------
LIVE_AT = dt.datetime(2026, 12, 3, 8, 15, tzinfo=dt.UTC)


def refused_release(live):
    """The kiosk shows one release; the update service refused the next one, on a line."""
    release_record.record_live(live, "git-1a2b3c4d5e6f", now=LIVE_AT)
    problem = Problem(file=str(live / "topics" / "muscle-spasms.yaml"), line=14, field="sumary",
                      message="is not a known field; did you mean 'summary'?")
    release_record.record_refused(live, "git-9f8e7d6c5b4a", [problem], now=LIVE_AT + dt.timedelta(hours=2))


async def test_the_library_shows_the_live_release_and_the_last_refused_one_with_its_errors(space, live):
    refused_release(live)
    app = make_studio(space)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        for line in staff_report.release_lines(release_record.read(live)):  # staff mode's own words
            assert line.strip() in text
        assert "git-1a2b3c4d5e6f" in text
        assert "topics/muscle-spasms.yaml:14: sumary: is not a known field" in text


async def test_a_refused_publish_shows_the_release_still_live_and_is_not_recorded_as_refused(space, live):
    """A publish the studio refuses never left the studio: the kiosk's record keeps the release
    the update service refused, which staff still need to see."""
    refused_release(live)
    before = release_record.record_path(live).read_bytes()
    add_leg_cramps(space)
    (live / "topics" / "cramps.yaml").write_text(space.read("leg-cramps.yaml"), encoding="utf-8")  # refused
    app = make_studio(space)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        text = screen_text(app)
        assert "Nothing was changed" in text
        assert "Live release: git-1a2b3c4d5e6f" in text
        assert "Last refused release: git-9f8e7d6c5b4a" in text
    assert release_record.record_path(live).read_bytes() == before


async def test_with_no_record_yet_the_library_says_so(space):
    app = make_studio(space)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Live release: not recorded yet." in text and "No release refused." in text
