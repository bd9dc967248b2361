"""A generated content folder of N valid topics, for measuring the kiosk with a big library.

Owns writing ``kiosk.yaml`` (copied from the shipped content) and ``topics/*.yaml`` into a
folder. Every topic is valid and passes ``kiosk validate`` without errors: ids and titles vary,
each has a few short pages in plain words (one page runs long enough to need two screenfuls on
80x24), three or four red flags drawn from a shared pool (real red flags repeat across topics,
so the emergency page from home lists a few dozen, not thousands), a small question flow with a
red-flag question, a multi-choice question and a plain one, a glossary entry and a source.

The text is deliberately simple, so the readability lint stays quiet; it is still graded, as
staff content would be, because grading is part of load + validate.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "content"

_PARTS = [
    "knee",
    "back",
    "neck",
    "skin",
    "ear",
    "eye",
    "foot",
    "hand",
    "chest",
    "belly",
    "head",
    "hip",
    "throat",
    "tooth",
    "nose",
    "wrist",
    "ankle",
    "shoulder",
    "elbow",
    "leg",
]
_PROBLEMS = [
    "pain",
    "rash",
    "itch",
    "swelling",
    "cough",
    "stiffness",
    "numbness",
    "bruise",
    "cut",
    "burn",
    "infection",
    "ache",
    "cramp",
    "sprain",
    "spots",
    "bump",
    "weakness",
    "soreness",
]
_RED_FLAGS = [
    "Chest pain",
    "Trouble breathing",
    "Fainting",
    "A seizure",
    "Sudden confusion",
    "Coughing up blood",
    "Throwing up blood",
    "Black or bloody stool",
    "A very high fever",
    "Stiff neck with a fever",
    "Sudden weakness on one side",
    "Face drooping",
    "Trouble speaking",
    "Loss of sight",
    "Severe belly pain",
    "A bad headache that came on fast",
    "Lips or face turning blue",
    "Swelling of the lips or tongue",
    "Bleeding that will not stop",
    "A cold, pale arm or leg",
    "Thoughts of hurting yourself",
    "No urine all day",
    "Cannot wake up fully",
    "A rash that spreads fast",
    "Pain that wakes you and will not ease",
    "Cannot move a part of the body",
    "Sudden bad dizziness",
    "Heart racing and will not slow",
    "Swelling in one leg with pain",
    "A fall with a head injury",
    "Cannot keep any fluids down",
    "Very fast breathing",
    "Skin that peels or blisters",
    "Neck pain after a fall",
    "Sudden loss of hearing",
    "Eye pain with a red eye",
    "A deep cut or wound",
    "Burn bigger than your hand",
    "Sudden back pain with weak legs",
    "Yellow skin or eyes",
]
_ACTIONS = ["Tell the front desk now.", "Tell the front desk now. Say it is urgent."]

_PAGE_TEXTS = [
    "A {x} can come on fast or slow. It can hurt a lot or just a bit. Most of the time it gets better "
    "in a few days.\n\nIt can help to rest. It can help to keep the {part} still for a while.",
    "Many things can cause a {x}:\n\n- using the {part} too much\n- a fall or a bump\n- a germ\n- a long day on "
    "your feet\n\nYour provider can help you find the cause.",
    "Here are some things you can do at home:\n\n- Rest the {part}.\n- Put a cold pack on it for a short time.\n"
    "- Drink enough water.\n- Take it slow when you start to move again.\n\n**Ask your provider** before you take "
    "a new medicine.",
    "Tell your provider if the {x} does not get better in a week. Tell them if it gets worse, or if it comes "
    "back again and again.\n\n**In an emergency,** tell the front desk right away.",
]
_LONG_PAGE = "This page is long on purpose. It needs two screens when the kiosk is small.\n\n" + "\n\n".join(
    f"- Tip {i}: Keep the {{part}} warm. Move it a bit each hour. Stop if it hurts more." for i in range(1, 15)
)


def _words(rng: random.Random, i: int) -> tuple[str, str, str]:
    part = _PARTS[i % len(_PARTS)]
    problem = _PROBLEMS[(i // len(_PARTS)) % len(_PROBLEMS)]
    return part, problem, f"{part} {problem}"


#: Group names for a grouped library (``groups=N`` uses the first N, cycling for more).
GROUP_NAMES = ["Muscles and bones", "Skin", "Breathing", "Belly", "Head and nerves", "Heart", "Eyes and ears",
               "Mouth and teeth", "Children", "Everyday care", "Sleep", "Feet"]


def group_of(i: int, count: int, groups: int) -> str:
    """Topic i (1-based) of ``count`` in ``groups`` groups of about equal size, in order."""
    n = (i - 1) * groups // count
    name = GROUP_NAMES[n % len(GROUP_NAMES)]
    return name if n < len(GROUP_NAMES) else f"{name} {n // len(GROUP_NAMES) + 1}"


def topic_yaml(i: int, rng: random.Random, reviewed_on: dt.date, group: str | None = None) -> tuple[str, str]:
    """(topic id, YAML text) of the i-th generated topic."""
    part, problem, x = _words(rng, i)
    topic_id = f"t{i:04d}-{part}-{problem}"
    title = f"{x.capitalize()} ({i})"
    pages = []
    count = rng.randint(3, 6)
    for n in range(count):
        text = _PAGE_TEXTS[n % len(_PAGE_TEXTS)] if n != 1 else _LONG_PAGE
        body = text.format(x=x, part=part)
        pages.append(
            f"  - heading: {x.capitalize()}, part {n + 1}\n    body: |\n"
            + "".join(f"      {line}\n" if line else "\n" for line in body.split("\n"))
        )
    flags = rng.sample(_RED_FLAGS, rng.randint(3, 4))
    red = "".join(f"  - symptom: {flag}\n    action: {rng.choice(_ACTIONS)}\n" for flag in flags)
    danger = "".join(
        f"        - id: flag-{k}\n          label: {flag}\n"
        f"          summary: {flag.lower()}\n          emergency: true\n"
        for k, flag in enumerate(flags)
    )
    text = f"""id: {topic_id}
language: en
title: {title}
summary: What a {x} is, what helps, and when to get help.
{f"group: {group}" if group else ""}

pages:
{"".join(pages)}
red_flags:
{red}
flow:
  title: Questions about your {x}
  intro: Answer a few questions. At the end, you can show the answers to your provider.
  questions:
    - id: danger
      prompt: Do you have any of these right now?
      summary_label: Danger signs
      choices:
{danger}        - id: none
          label: No, none of these
          summary: no danger signs
    - id: where
      prompt: Where is the {problem}?
      help: Pick all that fit.
      kind: multi
      summary_label: Where
      choices:
        - id: left
          label: Left side
          summary: left
        - id: right
          label: Right side
          summary: right
        - id: both
          label: Both sides
          summary: both sides
    - id: how-long
      prompt: How long have you had it?
      summary_label: How long
      allow_not_sure: true
      choices:
        - id: days
          label: A few days
          summary: a few days
        - id: weeks
          label: A few weeks or more
          summary: weeks or more

glossary:
  - term: {x.capitalize()}
    meaning: A {problem} in or on the {part}.

sources:
  - title: {x.capitalize()} facts
    publisher: Generated for the kiosk benchmark

review:
  status: reviewed
  by: Benchmark generator
  on: {reviewed_on.isoformat()}
"""
    return topic_id, text


def generate_library(dest: Path | str, count: int = 1000, *, seed: int = 1, groups: int = 0) -> Path:
    """Write a content folder with ``count`` topics into ``dest`` (created); returns ``dest``.
    ``groups``: that many groups of about equal size, in topic order (0: no groups)."""
    dest = Path(dest)
    topics = dest / "topics"
    topics.mkdir(parents=True, exist_ok=True)
    shutil.copy(SHIPPED / "kiosk.yaml", dest / "kiosk.yaml")
    rng = random.Random(seed)
    reviewed_on = dt.date.today() - dt.timedelta(days=30)
    for i in range(1, count + 1):
        topic_id, text = topic_yaml(i, rng, reviewed_on, group_of(i, count, groups) if groups else None)
        (topics / f"{topic_id}.yaml").write_text(text, encoding="utf-8")
    return dest


if __name__ == "__main__":  # python -m bench.library_gen DIR [COUNT]
    import sys

    out = generate_library(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
    print(out)
