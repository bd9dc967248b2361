"""How a patient finds a topic in a library of any size, by keypad digits alone.

Owns the arithmetic of choice pages (home, a group, a topic's contents), the group listing of
home, and the key presses from home to a topic and to its deepest page, so the screens, the
tests and ``kiosk validate`` all count the same way. Nothing here imports Textual (a test
enforces it) or touches the screen.

The keys are fixed so a keypad user can learn them (K-I1, K-I2), and each key means one thing
on every list (home, a group, a topic's contents): on a list that fits one page the digits 1-8
pick; on a list of several pages 1-5 pick, **6** is "Previous", **7** is "More", **8** is left
for home's language key, **9** stays "Finish" on home and **0** is Back. Arrows move the
highlight and go on to the next or previous page past the ends of a page.

On a kiosk of more than one language, home keeps **8** for the language key ("Español: oprima 8")
on every page, so a home list that fits one page is 1-7 (:data:`MULTILINGUAL_HOME`); its paging
keys are the same 6 and 7 as every other list's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kiosk.words import ui_words as W
from kiosk.words.i18n import tr
from kiosk.words.language_names import own_name
from kiosk.content.model import Topic

#: Entries on a list that needs no paging: digits 1-8 (9 is Finish on home, 0 is Back).
ONE_PAGE_MAX = 8
#: Entries per page when a list needs paging: 1-5, with 6 Previous and 7 More, on every list,
#: so 7 never means "More" on home and "Previous" inside a group.
PER_PAGE = 5
PREVIOUS_KEY, MORE_KEY, FINISH_KEY, BACK_KEY = "6", "7", "9", "0"
#: Home's language key when the kiosk offers more than one language.
LANGUAGE_KEY = "8"


@dataclass(frozen=True)
class Layout:
    """How many entries a list shows per page, and which digits turn its pages."""

    one_page_max: int = ONE_PAGE_MAX
    per_page: int = PER_PAGE
    previous_key: str = PREVIOUS_KEY
    more_key: str = MORE_KEY


#: Every list: 1-8 on one page, or 1-5 with 6 Previous and 7 More.
LISTS = Layout()
#: Home on a kiosk of more than one language, whose 8 is the language key: one page is 1-7.
MULTILINGUAL_HOME = Layout(one_page_max=7)


def offered_languages(listed: Sequence[str], topics: Sequence[Topic]) -> list[str]:
    """The languages home offers: those listed in kiosk.yaml that have an enabled topic (one
    without would lead a patient to an empty home; validation warns of it), and always the
    first, where every visit starts."""
    have = {t.language for t in topics if t.enabled}
    return [code for code in listed if code == listed[0] or code in have]


def home_layout(languages: int = 1) -> Layout:
    """Home's layout for a kiosk that offers ``languages`` languages."""
    return MULTILINGUAL_HOME if languages > 1 else LISTS


#: Home lists groups of a topic without one under this heading (last); drawn in the visit's
#: language (:func:`group_label`), kept in English as the group's name inside the kiosk.
OTHER_GROUP = W.OTHER_TOPICS

#: What a list of choices lists; each has its words for "Previous topics" and "More topics"
#: (whole phrases, so every language can say them its way).
TOPICS, GROUPS, PAGES = "Topics", "Groups", "Pages"
LIST_WORDS = {
    TOPICS: (W.PREVIOUS_TOPICS, W.MORE_TOPICS),
    GROUPS: (W.PREVIOUS_GROUPS, W.MORE_GROUPS),
    PAGES: (W.PREVIOUS_PAGES, W.MORE_PAGES),
}

# Keys on a topic's first screen, fixed whether or not the topic has each part (K-I2).
START_READ, START_CONTENTS, START_QUESTIONS, START_DANGER, START_WORDS, START_ABOUT = "1", "2", "3", "4", "5", "6"


@dataclass(frozen=True)
class ChoicePage:
    """One page of a long list: ``entries[start:stop]`` show, with digits 1.. from ``start``."""

    page: int
    page_count: int
    start: int
    stop: int
    total: int

    @property
    def paged(self) -> bool:
        return self.page_count > 1

    @property
    def has_previous(self) -> bool:
        return self.page > 0

    @property
    def has_more(self) -> bool:
        return self.page + 1 < self.page_count

    def key_of(self, index: int) -> str:
        """The digit of entry ``index`` (an index into the whole list) on this page."""
        return str(index - self.start + 1)

    def where(self, language: str = "en") -> str:
        """ "Page 2 of 5", in ``language``: where the person is, in words ("Groups 1 to 5 of 10"
        read as a count); empty on a list of one page."""
        if not self.paged:
            return ""
        return tr(language, W.PAGE_OF, n=self.page + 1, total=self.page_count)


def previous_words(noun: str, language: str = "en") -> str:
    """ "Previous topics": the choice that turns a long list back a page."""
    return tr(language, LIST_WORDS[noun][0])


def more_words(noun: str, language: str = "en") -> str:
    """ "More topics": the choice that turns a long list on a page."""
    return tr(language, LIST_WORDS[noun][1])


def page_count(total: int, layout: Layout = LISTS) -> int:
    return 1 if total <= layout.one_page_max else -(-total // layout.per_page)


def choice_page(total: int, page: int, layout: Layout = LISTS) -> ChoicePage:
    """Page ``page`` (clamped) of a list of ``total`` entries."""
    count = page_count(total, layout)
    page = max(0, min(page, count - 1))
    if count == 1:
        return ChoicePage(0, 1, 0, total, total)
    start = page * layout.per_page
    return ChoicePage(page, count, start, min(total, start + layout.per_page), total)


def page_of_entry(total: int, index: int, layout: Layout = LISTS) -> int:
    """The page that shows entry ``index``."""
    return 0 if page_count(total, layout) == 1 else index // layout.per_page


def keys_to_entry(total: int, index: int, layout: Layout = LISTS) -> list[str]:
    """Digits from the first page of a list to picking entry ``index``: "More" per page, then its digit."""
    page = page_of_entry(total, index, layout)
    return [layout.more_key] * page + [choice_page(total, page, layout).key_of(index)]


# ---- home: groups or topics ---------------------------------------------------------------

@dataclass(frozen=True)
class HomeEntry:
    """One choice on home: a group (``topic_ids`` its topics, in library order) or one topic."""

    label: str
    topic_ids: tuple[str, ...]
    is_group: bool
    #: The group's name as :func:`group_name` gives it (``label`` may be its translation).
    group: str = ""

    @property
    def value(self) -> str:
        return f"group:{self.group or self.label}" if self.is_group else f"topic:{self.topic_ids[0]}"


def shown_in(topics: Sequence[Topic], language: str, languages: Sequence[str] = ()) -> list[Topic]:
    """Every enabled topic once, in file order, in ``language`` where it is written in it, else
    in the first of ``languages`` (the kiosk's, in order) it has, else its first file: a topic not
    yet translated is listed in the language it has, marked (:func:`listed_title`), not hidden."""
    versions: dict[str, dict[str, Topic]] = {}
    for topic in topics:
        if topic.enabled:
            versions.setdefault(topic.id, {}).setdefault(topic.language, topic)
    out = []
    for written in versions.values():
        found = next((written[code] for code in (language, *languages) if code in written), None)
        out.append(found or next(iter(written.values())))
    return out


def listed_title(topic: Topic, language: str, names: Mapping[str, str] | None = None) -> str:
    """A topic's title as a list in ``language`` shows it: as written, or, for a topic with no
    version in ``language`` (shown in another), marked with the language it opens in:
    "Hiccups (en inglés)". ``names``: kiosk.yaml's ``language_names``."""
    if topic.language == language:
        return topic.title
    return f"{topic.title} ({in_language_words(topic.language, language, names)})"


def in_language_words(code: str, language: str, names: Mapping[str, str] | None = None) -> str:
    """ "in English", said in ``language`` ("en inglés"): the words for what language a thing is
    in, for a language the kiosk has a phrase for, else "in" and the language's own name."""
    phrase = W.IN_LANGUAGE.get(code.split("-")[0])
    return (tr(language, phrase) if phrase
            else tr(language, W.IN_LANGUAGE_NAMED, name=own_name(code, names) or code))


def group_name(topic: Topic) -> str:
    return topic.group or OTHER_GROUP


def group_label(name: str, language: str = "en") -> str:
    """A group's name as drawn: staff's own words, or "Other topics" in ``language``."""
    return tr(language, OTHER_GROUP) if name == OTHER_GROUP else name


def title_key(title: str) -> tuple[str, str]:
    """How titles sort for a reader, in any of the kiosk's languages: letters without their
    accents and case first ("Él" with "el", "Úlcera" among the u's, as a Spanish reader looks
    for them), numbers by their value ("Step 9" before "Step 10"), then the title itself so the
    order is always the same."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", title) if not unicodedata.combining(c))
    return re.sub(r"\d+", lambda m: m.group().zfill(12), bare.casefold()), title


def groups_of(topics: Sequence[Topic]) -> dict[str, list[Topic]]:
    """Topics by group, groups in the order of their first topic; "Other topics" last. Inside
    a group the topics are in the order of their titles (:func:`title_key`), as a reader looks
    for them, not in the order of their ids."""
    groups: dict[str, list[Topic]] = {}
    for topic in topics:
        groups.setdefault(group_name(topic), []).append(topic)
    if OTHER_GROUP in groups:
        groups[OTHER_GROUP] = groups.pop(OTHER_GROUP)
    return {name: sorted(members, key=lambda t: title_key(t.title)) for name, members in groups.items()}


def uses_groups(topics: Sequence[Topic], languages: int = 1) -> bool:
    """Home lists groups first when the topics need more than one page and groups are set."""
    # Counting the group names is enough: sorting each group (groups_of) cost 10 ms a call with
    # 1,000 topics, and home asks on every page turn.
    return page_count(len(topics), home_layout(languages)) > 1 and len({group_name(t) for t in topics}) > 1


def home_entries(topics: Sequence[Topic], languages: int = 1, *, language: str = "en") -> list[HomeEntry]:
    """Home's choices, group names in ``language`` (``languages``: how many the kiosk offers,
    which sets home's layout)."""
    if uses_groups(topics, languages):
        return [HomeEntry(group_label(name, language), tuple(t.id for t in members), True, name)
                for name, members in groups_of(topics).items()]
    return [HomeEntry(listed_title(t, language), (t.id,), False) for t in topics]


def keys_to_topic(topics: Sequence[Topic], topic_id: str, languages: int = 1) -> list[str]:
    """Digits a keypad user presses on home to reach the first screen of ``topic_id``."""
    return _keys_in(home_entries(topics, languages), topic_id, home_layout(languages))


def keys_to_every_topic(topics: Sequence[Topic], languages: int = 1) -> dict[str, list[str]]:
    """:func:`keys_to_topic` of every topic, with home's entries worked out once (1,000 topics)."""
    entries = home_entries(topics, languages)
    layout = home_layout(languages)
    out: dict[str, list[str]] = {}
    for index, entry in enumerate(entries):
        first = keys_to_entry(len(entries), index, layout)
        for position, topic_id in enumerate(entry.topic_ids):
            inner = keys_to_entry(len(entry.topic_ids), position) if entry.is_group else []
            out[topic_id] = first + inner
    return out


def _keys_in(entries: list[HomeEntry], topic_id: str, layout: Layout) -> list[str]:
    for index, entry in enumerate(entries):
        if topic_id in entry.topic_ids:
            keys = keys_to_entry(len(entries), index, layout)
            if entry.is_group:
                keys += keys_to_entry(len(entry.topic_ids), entry.topic_ids.index(topic_id))
            return keys
    raise KeyError(topic_id)


def keys_to_page(page_total: int, page: int) -> list[str]:
    """From a topic's first screen to its page ``page``: "Read from the start" for the first
    page, else "Contents" and the page's entry there."""
    if page == 0:
        return [START_READ]
    return [START_CONTENTS, *keys_to_entry(page_total, page)]


def deepest_page_keys(topics: Sequence[Topic], topic: Topic, to_topic: list[str] | None = None,
                      languages: int = 1) -> list[str]:
    """Key presses from home to the last page of ``topic`` (whole pages; a page split into
    screenfuls on a small screen adds its Next presses). ``to_topic``: its keys from home,
    when already known (:func:`keys_to_every_topic`)."""
    keys = to_topic if to_topic is not None else keys_to_topic(topics, topic.id, languages)
    return keys + keys_to_page(contents_length(topic), len(topic.pages) - 1)


def contents_length(topic: Topic) -> int:
    """Entries in a topic's contents: its core pages, then one per "More about..." section."""
    return len(topic.pages) + len(topic.more)


def deepest_in_library(topics: Sequence[Topic], languages: int = 1) -> tuple[Topic | None, list[str]]:
    """The topic whose last page takes the most key presses from home, and those keys."""
    every = keys_to_every_topic(topics, languages)
    best: tuple[Topic | None, list[str]] = (None, [])
    for topic in topics:
        keys = deepest_page_keys(topics, topic, every[topic.id])
        if len(keys) > len(best[1]):
            best = (topic, keys)
    return best


def _word_char(char: str) -> bool:
    """What ``\\w`` matches in a ``str`` pattern: a letter or digit of any script, or ``_``."""
    return char.isalnum() or char == "_"


def _has_whole_word(text: str, word: str) -> bool:
    """``word`` stands in ``text`` with no word character on either side. String search, not
    a regular expression per term: compiling a topic's 34 terms took 4 ms of its first page
    turn, and ``re`` keeps only 512 patterns, fewer than a library's glossaries hold."""
    start = text.find(word)
    while start != -1:
        end = start + len(word)
        if (start == 0 or not _word_char(text[start - 1])) and (end == len(text) or not _word_char(text[end])):
            return True
        start = text.find(word, start + 1)
    return False


def glossary_terms_in(text: str, terms: Sequence[str]) -> list[str]:
    """The glossary terms a page's text uses (whole words, any case), in glossary order."""
    lowered = text.lower()
    return [t for t in terms if t and _has_whole_word(lowered, t.lower())]
