"""The second wall against escapes in content: control characters that reach a screen are never drawn.

The loader refuses them (tests/unit); here they are put into a loaded library directly, as a
bug or a new field might, and the screen must still carry no escape to the terminal and keep
the emergency banner.
"""

from __future__ import annotations

import dataclasses

from tests.app.screen_text import screen_text

HOSTILE = "Muscle \x1b[2J\x1b[H\x1b[31mcramps\x1b]0;pwned\x07 \u202eevil"


def hostile(library):
    topic = library.topics[0]
    pages = [topic.pages[0].model_copy(update={"heading": HOSTILE, "body": HOSTILE + "\n\nMore words."}),
             *topic.pages[1:]]
    bad = topic.model_copy(update={"title": HOSTILE, "pages": pages})
    return dataclasses.replace(library, topics=(bad, *library.topics[1:]))


async def test_escape_codes_in_content_never_reach_the_terminal(make_app, library):
    app = make_app(hostile(library))
    async with app.run_test(size=(80, 24)) as pilot:
        for keys in ((), ("1",)):
            await pilot.press(*keys)
            await pilot.pause()
            svg = app.export_screenshot()
            assert "\x1b" not in svg and "\x07" not in svg and "\u202e" not in svg
            text = screen_text(app)
            assert "Tell the front desk now" in text  # the banner is still drawn
            assert "cramps" in text
