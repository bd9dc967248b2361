"""Paging, groups and key-press depth of a library of any size (K-I1, K-I2)."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.content.library_nav import (
    MORE_KEY,
    ONE_PAGE_MAX,
    OTHER_GROUP,
    PER_PAGE,
    choice_page,
    deepest_in_library,
    deepest_page_keys,
    glossary_terms_in,
    groups_of,
    home_entries,
    keys_to_entry,
    keys_to_every_topic,
    keys_to_page,
    keys_to_topic,
    page_count,
    uses_groups,
)
from kiosk.content.model import Review, ReviewStatus, Topic


def topic(i: int, group: str | None = None, pages: int = 3) -> Topic:
    return Topic(
        id=f"t{i}", title=f"Topic {i}", summary="s", group=group,
        pages=[{"heading": f"P{n}", "body": "b"} for n in range(pages)],
        red_flags=[{"symptom": "x", "action": "y"}], sources=[{"title": "a", "publisher": "b"}],
        review=Review(status=ReviewStatus.REVIEWED, by="r", on=dt.date(2026, 1, 1)),
    )


def library(count: int, groups: int = 0) -> list[Topic]:
    return [topic(i, f"G{(i - 1) * groups // count}" if groups else None) for i in range(1, count + 1)]


def test_a_short_list_is_one_page_with_digits_1_to_8():
    page = choice_page(ONE_PAGE_MAX, 0)
    assert (page.page_count, page.start, page.stop, page.paged) == (1, 0, 8, False)
    assert page.key_of(7) == "8" and page.where() == ""


def test_a_long_list_pages_by_five_and_says_which_page():
    """"Page 2 of 8" (a place, not a count), and the last page holds the rest."""
    assert page_count(40) == 8
    page = choice_page(40, 1)
    assert page.where() == "Page 2 of 8"
    assert page.has_previous and page.has_more and page.key_of(5) == "1"
    last = choice_page(40, 99)  # clamped
    assert (last.page, last.start, last.stop, last.has_more) == (7, 35, 40, False)
    assert last.where("es") == "Página 8 de 8"


@pytest.mark.parametrize("total", [1, 8, 9, 40, 1000])
def test_every_entry_has_one_page_and_a_digit_from_1_to_5_or_8(total):
    """K-I1: every entry of any list is reached by 7s then one digit; 9 and 0 are never used."""
    for index in range(total):
        keys = keys_to_entry(total, index)
        assert keys[:-1] == [MORE_KEY] * (len(keys) - 1)
        assert keys[-1] in ("12345678" if total <= ONE_PAGE_MAX else "12345"[:PER_PAGE])


def test_home_lists_groups_only_when_the_topics_need_more_than_one_page():
    assert not uses_groups(library(8, groups=2))
    assert uses_groups(library(9, groups=2))
    assert not uses_groups(library(100))  # no groups set
    entries = home_entries(library(100, groups=10))
    assert len(entries) == 10 and all(e.is_group and len(e.topic_ids) == 10 for e in entries)


def test_topics_without_a_group_go_last_under_other_topics():
    topics = [topic(1), topic(2, "Skin"), *library(10, groups=2)]
    assert [e.label for e in home_entries(topics)][-1] == OTHER_GROUP


def test_100_topics_in_10_groups_any_topic_within_10_keys():
    """100 topics in 10 groups, every topic at most 10 key presses from home."""
    topics = library(100, groups=10)
    worst = max(len(keys_to_topic(topics, t.id)) for t in topics)
    assert worst <= 10
    assert keys_to_topic(topics, "t37") == ["4", "7", "2"]  # group 4, More, 7th topic
    assert keys_to_topic(topics, "t100") == ["7", "5", "7", "5"]


def test_without_groups_the_last_of_100_topics_takes_19_mores_and_a_digit():
    assert keys_to_topic(library(100), "t100") == [MORE_KEY] * 19 + ["5"]


def test_deepest_page_goes_through_contents():
    topics = [topic(1, pages=22)]
    assert keys_to_page(22, 0) == ["1"]
    assert deepest_page_keys(topics, topics[0]) == ["1", "2", "7", "7", "7", "7", "2"]


def test_glossary_terms_found_as_whole_words_in_any_case():
    assert glossary_terms_in("A Cramp is a spasm. Cramping too.", ["cramp", "spasm", "tendon"]) == ["cramp", "spasm"]
    assert glossary_terms_in("cramping", ["cramp"]) == []


def test_glossary_words_end_where_a_regular_expression_word_ends():
    """Found by string search now: a word's edge is what ``\\w`` means, in any script."""
    assert glossary_terms_in("Calambre: dolor.", ["calambre", "dolor", "olor"]) == ["calambre", "dolor"]
    assert glossary_terms_in("dolorés médico_2 2cramp cramp", ["dolor", "médico", "cramp"]) == ["cramp"]
    assert glossary_terms_in("heat cramp, heat", ["heat cramp", "heat", "cramp"]) == ["heat cramp", "heat", "cramp"]
    assert glossary_terms_in("(RICE)", ["rice", ""]) == ["rice"]


@pytest.mark.parametrize("groups", [0, 3])
def test_keys_to_every_topic_agrees_with_keys_to_topic(groups):
    topics = library(40, groups)
    every = keys_to_every_topic(topics)
    assert every == {t.id: keys_to_topic(topics, t.id) for t in topics}
    topic, keys = deepest_in_library(topics)
    assert keys == deepest_page_keys(topics, topic) and len(keys) == max(
        len(deepest_page_keys(topics, t)) for t in topics)


def test_a_bilingual_home_pages_by_five_with_6_previous_and_7_more():
    """Home's 8 is the language key on every page of a two-language kiosk (K-I2)."""
    from kiosk.content.library_nav import LANGUAGE_KEY, MULTILINGUAL_HOME, home_layout

    assert home_layout(1) != MULTILINGUAL_HOME and home_layout(2) == MULTILINGUAL_HOME
    assert page_count(7, MULTILINGUAL_HOME) == 1 and page_count(8, MULTILINGUAL_HOME) == 2
    page = choice_page(40, 1, MULTILINGUAL_HOME)
    assert (page.start, page.stop) == (5, 10)
    topics = library(40)
    for t in topics:
        keys = keys_to_topic(topics, t.id, languages=2)
        assert LANGUAGE_KEY not in keys and set(keys[:-1]) <= {"7"} and keys[-1] in "12345"
    assert keys_to_topic(topics, "t40", languages=2) == ["7"] * 7 + ["5"]


def test_only_languages_with_a_topic_are_offered_and_the_first_always():
    """Home's language key never leads to an empty home."""
    from kiosk.content.library_nav import offered_languages

    english = library(3)
    spanish = [t.model_copy(update={"language": "es"}) for t in english[:1]]
    assert offered_languages(["en", "es"], english) == ["en"]
    assert offered_languages(["en", "es"], english + spanish) == ["en", "es"]
    assert offered_languages(["es", "en"], spanish) == ["es"]
    hidden = [t.model_copy(update={"enabled": False}) for t in spanish]
    assert offered_languages(["en", "es"], english + hidden) == ["en"]


def test_a_topic_in_another_language_than_the_list_is_marked_with_the_language_it_opens_in():
    from kiosk.content.library_nav import listed_title

    english = topic(1).model_copy(update={"title": "Hiccups"})
    assert listed_title(english, "en") == "Hiccups"
    assert listed_title(english, "es") == "Hiccups (en inglés)"
    spanish = english.model_copy(update={"language": "es", "title": "Hipo"})
    assert listed_title(spanish, "en") == "Hipo (in Spanish)"
    vietnamese = english.model_copy(update={"language": "vi", "title": "Nấc cụt"})
    assert listed_title(vietnamese, "es") == "Nấc cụt (en Tiếng Việt)"


def test_a_group_lists_its_topics_by_title_accents_and_case_aside():
    """A reader looks for "Úlceras" among the u's and "asma" with "Asma": titles, not ids."""
    titles = {"t1": "Zinc", "t2": "Úlceras", "t3": "asma", "t4": "Espalda", "t5": "Estómago", "t6": "Éczema"}
    topics = [topic(int(tid[1:]), "G").model_copy(update={"title": title}) for tid, title in titles.items()]
    ordered = [t.title for t in groups_of(topics)["G"]]
    assert ordered == ["asma", "Éczema", "Espalda", "Estómago", "Úlceras", "Zinc"]
    assert [t.title for t in groups_of(list(reversed(topics)))["G"]] == ordered  # whatever the order of ids


def test_numbers_in_titles_sort_by_value():
    topics = [topic(i, "G") for i in (10, 9, 100, 1)]
    assert [t.title for t in groups_of(topics)["G"]] == ["Topic 1", "Topic 9", "Topic 10", "Topic 100"]
