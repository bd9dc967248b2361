"""A whole library on the real screens: a topic's first screen, contents, words to know, about, the
flow's intro, the emergency page from home and from a topic, groups, and a home with no topic on."""

from __future__ import annotations

import dataclasses

import pytest

from kiosk.content.library_nav import OTHER_GROUP, keys_to_entry
from kiosk.ui.screens.contents import ContentsScreen
from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.flow_intro import FlowIntroScreen
from kiosk.ui.screens.group import GroupScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.topic import TopicScreen
from kiosk.ui.screens.topic_notes import AboutScreen, WordsScreen
from kiosk.ui.screens.topic_start import TopicStartScreen
from kiosk.words.ui_words import NO_TOPICS
from tests.app.screen_text import screen_text
from tests.app.test_speech_ui import go, unspoken_lines

SIZE = (80, 24)


def whole_text(app) -> str:
    """Every part of a paged screen, as drawn (turning with Next until the end)."""
    return " ".join(screen_text(app).split())


@pytest.mark.parametrize("size", [(40, 12), (80, 24)], ids=["40x12", "80x24"])
async def test_the_new_screens_speak_all_their_visible_text(make_app, size):
    """K-S1: first screen, contents, words to know, about, the flow's intro."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await go(pilot, "slash")
        for keys, kind in ((["1"], TopicStartScreen), (["2"], ContentsScreen), (["0", "5"], WordsScreen),
                           (["0", "6"], AboutScreen), (["0", "3"], FlowIntroScreen)):
            await go(pilot, *keys)
            assert isinstance(app.screen, kind)
            assert unspoken_lines(app) == [], kind.__name__


async def test_first_screen_shows_title_summary_and_every_part_one_key_away(make_app, library):
    """Done when: danger signs, words to know and about are one key from the topic's first screen."""
    topic = library.topics[0]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, "1")
        text = whole_text(app)
        assert topic.title in text and topic.summary in text
        for key, kind in (("1", TopicScreen), ("2", ContentsScreen), ("3", FlowIntroScreen),
                          ("4", EmergencyScreen), ("5", WordsScreen), ("6", AboutScreen)):
            await go(pilot, key)
            assert isinstance(app.screen, kind), key
            app.pop_screen()
            await pilot.pause()
            assert isinstance(app.screen, TopicStartScreen)


async def test_contents_picks_a_page_deep_in_the_topic(make_app, library):
    """A 22-page topic: page 21 is 2 (contents), 8, 8, 8, 3 from its first screen. The bundled
    topic's core is short, so its pages are repeated under numbered headings to make 22."""
    short = library.topics[0]
    pages = [page.model_copy(update={"heading": f"{n + 1}. {page.heading}"})
             for n, page in enumerate((short.pages * 22)[:22])]
    topic = short.model_copy(update={"pages": pages, "more": []})
    app = make_app(dataclasses.replace(library, topics=(topic, *library.topics[1:])))
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, "1", "2")
        assert f"Pages 1 to 6 of {len(topic.pages)}" in screen_text(app)
        await go(pilot, "8", "8", "8")
        assert "Pages 19 to 22 of 22" in screen_text(app)
        await go(pilot, "3")
        assert isinstance(app.screen, TopicScreen) and app.screen.page == 20
        assert topic.pages[20].heading in screen_text(app)


async def test_flow_intro_is_shown_before_question_one(make_app, library):
    """The intro staff wrote is shown, not only validated, then "Start the questions"."""
    flow = library.topics[0].flow
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, "1", "3")
        assert isinstance(app.screen, FlowIntroScreen)
        assert " ".join(flow.intro.split()) in whole_text(app)
        assert app.visit.flow is None  # nothing started yet
        await go(pilot, "1")
        assert app.visit.flow is not None and app.visit.flow.position.number == 1


async def test_words_to_know_and_about_show_what_staff_wrote(make_app, library):
    topic = library.topics[0]
    app = make_app()
    async with app.run_test(size=(200, 60)) as pilot:
        await go(pilot, "1", "6")
        text = whole_text(app)
        assert topic.review.by in text and str(topic.review.on.year) in text
        for source in topic.sources:
            assert source.title in text and source.publisher in text
        await go(pilot, "0", "5")
        screen = app.screen
        seen = whole_text(app)
        while any(item.value == "=next" for item in screen.choices.items):
            await go(pilot, "1")
            seen += " " + whole_text(app)
        for entry in topic.glossary:
            assert entry.term in seen


async def test_a_page_that_uses_a_glossary_word_offers_words_to_know(make_app, library):
    topic = library.topics[0]
    terms = [g.term.lower() for g in topic.glossary]
    page = next(n for n, p in enumerate(topic.pages) if any(t in (p.heading + p.body).lower() for t in terms))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot, "1", "2", *keys_to_entry(len(topic.pages), page))  # through the contents
        assert isinstance(app.screen, TopicScreen) and app.screen.page == page
        assert any(item.key == "6" for item in app.screen.choices.items)
        await go(pilot, "6")
        assert isinstance(app.screen, WordsScreen)


async def test_emergency_from_home_shows_the_kiosk_danger_signs_not_every_topics(make_app, library):
    """From home, the steps and kiosk.yaml's short danger_signs list: the union of every topic's
    red flags would take several screens."""
    signs = library.settings.emergency.danger_signs
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await go(pilot, "asterisk", "1")
        text = whole_text(app)
        for sign in signs:
            assert sign in text
        assert library.topics[0].red_flags[-1].symptom not in text


async def test_emergency_from_a_topic_lists_its_red_flags_with_actions_in_staff_order(make_app, library):
    """From a topic, that topic's red flags, each with its action, in the order written."""
    topic = library.topics[0]
    app = make_app()
    async with app.run_test(size=(200, 60)) as pilot:
        await go(pilot, "1", "4")
        screen = app.screen
        assert isinstance(screen, EmergencyScreen) and screen.topic is topic
        seen = ""
        while True:
            seen += " " + whole_text(app)
            if not any(item.value == "=next" for item in screen.choices.items):
                break
            await go(pilot, "1")
        positions = [seen.find(flag.symptom) for flag in topic.red_flags]
        assert all(p >= 0 for p in positions) and positions == sorted(positions)
        assert topic.red_flags[0].action in seen


async def test_home_says_so_when_staff_switched_every_topic_off(make_app, library):
    """An empty list is never shown; Finish still works."""
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        app.controller.disabled_topics.update(t.id for t in library.topics)
        await app.reset_visit(count=False)
        await go(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert NO_TOPICS in whole_text(app)
        # the language key stays: the other language may have topics
        assert [item.key for item in app.screen.choices.items] == ["8", "9"]


async def test_a_library_of_twelve_in_groups_lists_groups_then_topics(make_app, library):
    """More than one page of topics and groups set: home lists the groups, so any topic stays a
    few keys away."""
    many = [topic.model_copy(update={"id": f"t{i}", "title": f"Topic {i}", "group": ("Skin" if i < 6 else None)})
            for i in range(12) for topic in library.topics[:1]]
    app = make_app(dataclasses.replace(library, topics=tuple(many)))
    async with app.run_test(size=SIZE) as pilot:
        await go(pilot)
        labels = [item.label for item in app.screen.choices.items]
        assert labels[:2] == ["Skin", OTHER_GROUP]
        await go(pilot, "2")
        assert isinstance(app.screen, GroupScreen) and "Topics 1 to 6 of 6" not in screen_text(app)
        assert [item.label for item in app.screen.choices.items][:6] == [f"Topic {i}" for i in range(6, 12)]


def test_staff_topic_list_says_how_home_lists_the_topics_that_are_on(library):
    """Staff see the same count and grouping as patients: a topic shown as on is reachable."""
    from kiosk.ui.screens.staff_topics import home_words

    many = [library.topics[0].model_copy(update={"id": f"t{i}", "group": f"G{i % 3}"}) for i in range(40)]
    assert home_words(many) == "Home: 40 topic(s) in 3 groups, 1 page(s)."
    assert home_words(many[:5]) == "Home: 5 topic(s) listed one by one, 1 page(s)."
