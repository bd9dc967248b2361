"""The text of a new topic file, and of a new translation made from an original.

Owns only text: a skeleton that loads as it is (every field present, each with a comment saying
what to write), and a translation copied line by line from its original so the page, question
and answer ids stay the same and every text a patient reads is marked :data:`UNTRANSLATED`.
Comments and layout of the original are kept, so ``git diff`` of the two files lines up.
Reads and writes no file; never imports Textual.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

#: Put before every text of a new translation; the studio lists each one left and refuses to
#: publish while any remains, so no patient reads a mix of two languages.
UNTRANSLATED = "[untranslated] "

#: Fields whose value is words a patient reads or hears (and so must be translated).
TEXT_FIELDS = frozenset({
    "title", "summary", "group", "heading", "body", "symptom", "action", "intro", "prompt", "help",
    "summary_label", "label", "term", "meaning",
})


def new_topic_text(topic_id: str, title: str, *, group: str | None, language: str, today: dt.date) -> str:
    """A topic file that loads as written; staff replace each placeholder sentence."""
    group_line = f"group: {_quoted(group)}" if group else "# group: Muscles and bones"
    return f"""\
# yaml-language-server: $schema=../schema/topic.schema.json
#
# {_comment(title)}: a new topic, written in the staff studio.
# Replace every sentence below with your own. Lines that start with # are notes for people.
# Keep the spacing at the start of each line: it shows which part a line belongs to.

# The topic's name in files: lower-case words joined by hyphens. Never change it once published.
id: {topic_id}
# The language of this file: en = English, es = Spanish.
language: {language}
# The name patients see on the home screen.
title: {_quoted(title)}
# One line under the title on the topic's first screen.
summary: What this topic is about, in one short sentence.
# The group this topic is listed under on home, in this file's language.
{group_line}

# The pages a patient reads, in order. Each has a heading and a short body:
# paragraphs, and lists of lines that start with "- ". **Bold** marks the key words.
pages:
  - heading: What this is
    body: |
      Write a few short sentences here.

      - One idea on each line.
      - Use the words a patient would use.

# Optional "More about..." sections, listed in the topic's contents after the pages above,
# for what only some patients want to read. Each has a title and its own pages.
more:
  - title: More about this topic
    pages:
      - heading: More to know
        body: |
          Write what only some patients will want to read.

# Signs that need help now. They all go on the topic's emergency page.
red_flags:
  - symptom: Chest pain
    action: Tell the front desk now.

# Questions a patient may answer for the provider. Remove this whole part (down to
# "glossary") if the topic asks nothing.
flow:
  # The heading of the questions, and one line before the first one.
  title: Questions for your visit
  intro: Your answers help your provider. You can skip any question.
  questions:
    # Each question needs an id (lower-case words joined by hyphens) and its answers.
    - id: how-long
      prompt: How long have you had this?
      # One more line under the question, or leave it empty.
      help: ""
      # single = one answer; multi = any number of answers, then Done.
      kind: single
      # The words before the answer on the provider's summary.
      summary_label: How long
      choices:
        - id: days
          label: A few days
          summary: a few days
        - id: weeks
          label: A few weeks or more
          summary: weeks or more
      # Offer "Not sure" and "Skip" as extra answers.
      allow_not_sure: true
      allow_skip: true

# Hard words used in the pages, and what they mean in plain words.
glossary:
  - term: Example
    meaning: A word a patient might not know, and what it means.

# Where the facts come from. Every topic needs at least one source.
sources:
  - title: The name of the page or leaflet
    publisher: Who published it
    link: ""

# Who checked this topic for the kiosk. status: draft until a clinician has reviewed it,
# then reviewed. by: a named role or person. on: the day of that check, as YYYY-MM-DD.
review:
  status: draft
  by: Clinic nurse educator
  on: {today.isoformat()}

# false keeps the topic off the kiosk. Write "true" when it is written and reviewed.
enabled: false
"""


def translation_text(original: str, language: str) -> str:
    """The original's text with ``language`` set and every patient text marked untranslated.

    Line by line: a ``field: value`` of :data:`TEXT_FIELDS` gets the mark before its value (inside
    its quotes when quoted); a block (``body: |``) gets it on its first line. Ids, numbers,
    switches, comments and spacing are copied as they are.
    """
    out: list[str] = []
    mark_block_at: int | None = None  # indent of a block whose first line still needs the mark
    language_set = False
    for line in original.splitlines():
        indent = len(line) - len(line.lstrip(" "))
        if mark_block_at is not None and line.strip() and indent > mark_block_at:
            out.append(" " * indent + UNTRANSLATED + line.strip())
            mark_block_at = None
            continue
        if line.strip():
            mark_block_at = None
        match = _FIELD.match(line)
        if match is None:
            out.append(line)
            continue
        lead, key, value = match.group("lead"), match.group("key"), match.group("value")
        if key == "language" and not lead.strip(" -"):
            out.append(f"{lead}language: {language}")
            language_set = True
        elif key not in TEXT_FIELDS or not value or value.startswith("#"):
            out.append(line)
        elif value in ("|", ">", "|-", ">-", "|+", ">+"):
            out.append(line)
            mark_block_at = indent
        elif value[0] in "\"'":
            out.append(f"{lead}{key}: {value[0]}{UNTRANSLATED}{value[1:]}")
        elif value in ('""', "''"):
            out.append(line)
        else:
            out.append(f"{lead}{key}: {_quoted(UNTRANSLATED + value)}")
    text = "\n".join(out) + "\n"
    if not language_set:
        text = re.sub(r"^(id: .*)$", rf"\1\nlanguage: {language}", text, count=1, flags=re.MULTILINE)
    return text


@dataclass(frozen=True)
class Untranslated:
    """A line of a translation that still carries the untranslated mark."""

    line: int
    field: str


def untranslated_lines(text: str) -> list[Untranslated]:
    """Every line still marked :data:`UNTRANSLATED`, with the field it belongs to."""
    found = []
    field = "(text)"
    for number, line in enumerate(text.splitlines(), start=1):
        match = _FIELD.match(line)
        if match is not None:
            field = match.group("key")
        if UNTRANSLATED.strip() in line and not line.lstrip().startswith("#"):
            found.append(Untranslated(number, field))
    return found


_FIELD = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[a-z_]+):(?:\s+(?P<value>.*?))?\s*$")


def _quoted(text: str) -> str:
    """``text`` as one YAML scalar on a line: double-quoted, with quotes and backslashes escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _comment(text: str) -> str:
    return " ".join(text.split())
