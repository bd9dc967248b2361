"""Inside a group the topics are listed by title, as a reader looks for them (accents and case
aside, numbers by value), not by the ids staff gave the files; the keys ``kiosk validate``
reports are the keys that reach them. K-I1, K-I2.
"""

from __future__ import annotations

import dataclasses

from kiosk.content.library_nav import keys_to_topic
from kiosk.ui.screens.group import GroupScreen
from kiosk.ui.screens.topic_start import TopicStartScreen


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def test_a_group_lists_topics_by_title_and_its_keys_reach_them_K_I1(make_app, library):
    titles = ["Zinc", "Úlceras", "asma", "Espalda", "Estómago", "Éczema", "Topic 10", "Topic 9", "Back"]
    many = [library.topics[0].model_copy(update={"id": f"a{i:02d}", "title": title, "group": "Skin"})
            for i, title in enumerate(titles)]
    many += [library.topics[0].model_copy(update={"id": f"z{i}", "title": f"Other {i}", "group": None})
             for i in range(3)]
    lib = dataclasses.replace(library, topics=tuple(many),
                              settings=library.settings.model_copy(update={"debounce_seconds": 0}))
    app = make_app(lib)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, GroupScreen)
        shown = [item.label for item in app.screen.choices.items if item.value.startswith("topic:")]
        assert shown == ["asma", "Back", "Éczema", "Espalda", "Estómago"]  # page 1 of 2
        target = next(t for t in many if t.title == "Topic 10")
        keys = keys_to_topic(lib.topics, target.id)
        await pilot.press("0")
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        assert isinstance(app.screen, TopicStartScreen) and app.screen.topic.id == target.id
