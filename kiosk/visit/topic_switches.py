"""Topics staff switched off in staff mode, kept in ``<data folder>/disabled-topics.txt``.

A missing or unreadable file means every topic is on: the kiosk goes on either way. Written
atomically, so a power cut never leaves half a list.
"""

from __future__ import annotations

import re
from pathlib import Path

from kiosk.host.atomic_file import write_atomic

DISABLED_TOPICS_FILE = "disabled-topics.txt"
_TOPIC_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def disabled_topics_path(data_dir: Path) -> Path:
    return Path(data_dir) / DISABLED_TOPICS_FILE


def load_disabled_topics(data_dir: Path) -> set[str]:
    """Topic ids staff switched off, one per line."""
    try:
        text = disabled_topics_path(data_dir).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set()
    ids = (line.strip() for line in text.splitlines())
    return {i for i in ids if i and not i.startswith("#") and _TOPIC_ID.fullmatch(i)}


def save_disabled_topics(data_dir: Path, topic_ids: set[str]) -> str | None:
    """Write the list atomically; None when saved, else why not."""
    path = disabled_topics_path(data_dir)
    text = "# Topics switched off in staff mode, one id a line. Written by the kiosk.\n"
    text += "".join(f"{i}\n" for i in sorted(topic_ids))
    return write_atomic(path, text)
