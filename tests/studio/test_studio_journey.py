"""A nurse's afternoon in the studio, by keys: a new topic, a mistake the studio names and the
nurse fixes, its Spanish version, a look at it on the smallest kiosk screen, and publishing it;
then the kiosk, started on the live folder, offers it on its home screen."""

from __future__ import annotations

from textual.widgets import OptionList, Select, TextArea

from kiosk.content.content_path import load_content
from kiosk.studio.preview import KioskPreview
from kiosk.studio.screens.editor import EditorScreen
from kiosk.studio.screens.library import LibraryScreen
from kiosk.studio.screens.preview import PreviewScreen
from kiosk.studio.skeleton import UNTRANSLATED
from tests.app.screen_text import screen_text
from tests.studio.pilot import make_studio, preview_drawn, preview_press, settle, until
from tests.studio.test_studio_ui import problem_texts, type_text

SPANISH = {
    "Leg cramps": "Calambres en las piernas",
    "What this topic is about, in one short sentence.": "Qué son los calambres y qué ayuda.",
}


async def test_a_nurse_writes_translates_previews_and_publishes_a_topic(space, live, make_app):
    app = make_studio(space)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # 1. A new topic from the form.
        await pilot.press("n")
        await settle(pilot)
        await type_text(pilot, "leg-cramps")
        await pilot.press("tab")
        await type_text(pilot, "Leg cramps")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        area = app.screen.query_one("#editor", TextArea)

        # 2. The nurse switches it on and misspells a field; the studio names it on its line.
        text = area.text.replace("enabled: false", "enabled: true").replace("summary: What", "sumary: What")
        area.load_text(text)
        await until(pilot, lambda: any("did you mean 'summary'" in p for p in problem_texts(app)), "the mistake")
        problems = app.screen.query_one("#problems", OptionList)
        problems.focus()
        problems.highlighted = next(i for i, p in enumerate(problem_texts(app)) if "did you mean" in p)
        await pilot.press("enter")
        row = area.cursor_location[0]
        assert area.document.get_line(row).startswith("sumary:")
        # ... and fixes it where the cursor is.
        area.replace("summary", (row, 0), (row, 6))
        await until(pilot, lambda: "0 error(s)" in screen_text(app), "the fixed file to check clean")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not space.has_draft("leg-cramps.yaml")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)

        # 3. Its Spanish version: every text marked until the nurse translates it.
        await pilot.press("t")
        await settle(pilot)
        await pilot.click("#add")
        await settle(pilot)
        area = app.screen.query_one("#editor", TextArea)
        spanish = area.text
        for english, words in SPANISH.items():
            spanish = spanish.replace(UNTRANSLATED + english, words)
        assert UNTRANSLATED in spanish  # still some left: publish must refuse them
        area.load_text(spanish)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert "still marked untranslated" in screen_text(app)
        assert not (live / "topics" / "leg-cramps.yaml").exists()
        app.open_editor("leg-cramps.es.yaml")
        await settle(pilot)
        area = app.screen.query_one("#editor", TextArea)
        area.load_text(area.text.replace(UNTRANSLATED, ""))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert space.unpublished() == ["leg-cramps.es.yaml", "leg-cramps.yaml"]

        # 4. Preview in Spanish on the smallest kiosk screen, walked with the kiosk's keys.
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, PreviewScreen)
        await preview_drawn(pilot)
        app.screen.query_one("#preview-language", Select).value = "es"
        preview = app.screen.query_one(KioskPreview)
        await until(pilot, lambda: preview.kiosk is not None and preview.kiosk.visit.language == "es",
                    "the preview to start again in Spanish")
        await preview_drawn(pilot)
        preview = await preview_press(pilot, "1")
        assert preview.kiosk.size == (40, 12)
        assert "Calambres en las piernas" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("escape")
        await settle(pilot)

        # 5. Publish: the kiosk's folder gets both files, and they load whole.
        await pilot.press("p")
        await settle(pilot)
        assert "Published leg-cramps.yaml, leg-cramps.es.yaml" in screen_text(app)
    result = load_content(live)
    assert result.ok and result.library.topic("leg-cramps", "es").title == "Calambres en las piernas"

    # 6. A kiosk started on the live folder offers the new topic at home.
    kiosk = make_app(result.library)
    async with kiosk.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Leg cramps" in screen_text(kiosk)
