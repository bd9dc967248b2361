"""What ``kiosk serve`` relays from a kiosk to its page's live region: the screen's words only,
bounded, and nothing else it does not know."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("textual_serve")

from kiosk.web.serve import PAGE_TEXT_MAX, page_text


def test_screen_words_go_to_the_page_bounded():
    packet = json.dumps({"type": "kiosk_text", "text": "Choose a topic.\n" * 2000, "more": False}).encode()
    relayed = page_text(packet)
    assert relayed is not None and len(relayed["text"]) == PAGE_TEXT_MAX and relayed["more"] is False


@pytest.mark.parametrize("packet", [b'{"type": "exit"}', b"not json", b'["kiosk_text"]',
                                    b'{"type": "kiosk_text", "text": 5}'])
def test_anything_else_is_left_to_textual_serve(packet):
    assert page_text(packet) is None
