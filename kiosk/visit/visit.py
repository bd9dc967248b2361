"""Visit: everything one person did at the kiosk, held in one object.

A reset replaces the Visit with a new one instead of clearing fields (K-P1), so nothing of the
last person can survive in a field someone forgot to clear. Holds no Textual objects and is
never written anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.content.model import Topic
from kiosk.visit.flow import FlowSession


@dataclass
class Visit:
    """One person's use of the kiosk, from the home screen to the next reset."""

    language: str = "en"
    topic_views: list[str] = field(default_factory=list)
    page_positions: dict[str, int] = field(default_factory=dict)
    flow: FlowSession | None = None
    flow_topic: Topic | None = None
    #: The last few keys pressed on home, only to spot the staff entry sequence (K-P2).
    recent_keys: str = ""

    def in_progress(self, first_language: str) -> bool:
        """Something a reset would take from this person: answers begun, or a language of
        their own. Pages read do not count: a topic opens at its first page again."""
        return self.language != first_language or (self.flow is not None and self.flow.begun)

    def start_flow(self, topic: Topic) -> FlowSession:
        """A fresh question session for ``topic``; an earlier one is dropped, not reused."""
        assert topic.flow is not None, f"{topic.id} has no flow"
        self.flow = FlowSession(topic.flow)
        self.flow_topic = topic
        return self.flow

    def end_flow(self) -> None:
        self.flow = None
        self.flow_topic = None
