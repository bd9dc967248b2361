"""What clinic IT sees of a kiosk in Prometheus: its health, its release and its counters, as
OpenMetrics text (:mod:`kiosk.host.metrics_file` writes it for node_exporter).

The same privacy rules as the usage counts (:mod:`kiosk.visit.usage`, K-P2), stated in
docs/DEPLOYMENT.md: only counters of events since the kiosk started and states of the kiosk
itself. The only words in the file are fixed metric names, topic ids (the Identifier pattern,
anything else is dropped), language codes and release names from the content folder; never an
answer, an answer or choice id, a question, free text or the time of anything a person did (the
only times are the kiosk's start, when its release went live or was refused, and the scrape's own).

Samples carry no timestamp and only gauge and counter types: node_exporter's textfile collector
(1.5, Debian 12) refuses both, and reads a counter's ``_total`` sample as an untyped series of the
same name, which ``rate()`` and ``increase()`` take as they are.

:class:`FleetMetrics` is shared by the UI thread and worker threads (printing, the release
record, the front-desk call): every change takes its lock and marks it changed, so the writer
knows a write is due.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from kiosk import __version__
from kiosk.content.library import Library
from kiosk.visit.usage import UsageEvent, clean_topic

if TYPE_CHECKING:
    from prometheus_client.core import Metric

    from kiosk.content.release_record import ReleaseRecord

__all__ = ["Event", "FleetMetrics", "KioskState", "ReleaseState", "kiosk_state", "release_state"]

PREFIX = "clinic_kiosk"
_LANGUAGE_RE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
_RELEASE_MAX = 80


class Event(StrEnum):
    """One kind of thing that happened, counted (never when or to whom)."""

    VISITS_STARTED = "visits_started"
    VISITS_FINISHED = "visits_finished"
    VISITS_RESET_IDLE = "visits_reset_idle"
    EMERGENCY_PAGES = "emergency_pages"
    ALERT_CALLS = "alert_calls"
    ALERT_CALLS_FAILED = "alert_calls_failed"
    SLIPS_PRINTED = "slips_printed"
    SLIPS_FAILED = "slips_failed"
    SPEECH_FAILURES = "speech_failures"


_HELP: dict[Event, str] = {
    Event.VISITS_STARTED: "Visits begun (the first key after a reset or start).",
    Event.VISITS_FINISHED: "Visits the patient ended with Finish.",
    Event.VISITS_RESET_IDLE: "Visits cleared by the inactivity reset.",
    Event.EMERGENCY_PAGES: "Emergency pages opened (the * key or a red-flag answer).",
    Event.ALERT_CALLS: "Front-desk calls run (finished, whether or not they worked).",
    Event.ALERT_CALLS_FAILED: "Front-desk calls that failed.",
    Event.SLIPS_PRINTED: "Provider slips printed.",
    Event.SLIPS_FAILED: "Provider slips that failed to print.",
    Event.SPEECH_FAILURES: "Speech failures (synthesis, playback, or / pressed with no speech).",
}


@dataclass(frozen=True)
class ReleaseState:
    """The release record (:mod:`kiosk.content.release_record`) as numbers: names and times only."""

    live_name: str | None = None
    live_since: float | None = None  # seconds since the epoch
    refused_name: str | None = None
    refused_at: float | None = None
    refused_errors: int = 0


@dataclass(frozen=True)
class KioskState:
    """What the kiosk is, read when the file is written (counters are kept by :class:`FleetMetrics`)."""

    up: bool = True
    version: str = ""
    content_hash: str = ""
    #: Per language: (topics a patient can open, topics switched off in the file or by staff).
    topics: dict[str, tuple[int, int]] = field(default_factory=dict)
    topic_ids: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    speech_up: bool = False
    keys_dropped: int = 0
    watchdog_seconds: float | None = None  # systemd's ping interval, None when no watchdog
    systemd_notify: bool = False


def release_state(record: ReleaseRecord) -> ReleaseState:
    """The release record's names, times and the number of errors (never the errors' words)."""
    live, refused = record.live, record.refused
    return ReleaseState(
        live_name=live.name if live else None,
        live_since=live.at.timestamp() if live else None,
        refused_name=refused.name if refused else None,
        refused_at=refused.at.timestamp() if refused else None,
        refused_errors=len(refused.errors) if refused else 0,
    )


def kiosk_state(library: Library, disabled_topics: Iterable[str], *, up: bool = True, speech_up: bool = False,
                keys_dropped: int = 0, watchdog_seconds: float | None = None,
                systemd_notify: bool = False) -> KioskState:
    """The kiosk's state from its content and the topics staff switched off, plus what the app knows."""
    disabled = set(disabled_topics)
    languages = tuple(library.settings.languages)
    topics: dict[str, tuple[int, int]] = {}
    for language in languages:
        mine = [t for t in library.topics if t.language == language]
        on = sum(1 for t in mine if t.enabled and t.id not in disabled)
        topics[language] = (on, len(mine) - on)
    return KioskState(
        up=up, version=__version__, content_hash=library.fingerprint, topics=topics,
        topic_ids=tuple(sorted({t.id for t in library.topics})), languages=languages, speech_up=speech_up,
        keys_dropped=keys_dropped, watchdog_seconds=watchdog_seconds, systemd_notify=systemd_notify,
    )


class FleetMetrics:
    """The counters of one kiosk process, and the text of its metrics file."""

    def __init__(self, wall_clock: Callable[[], float] = time.time) -> None:
        self._wall_clock = wall_clock
        self.start_time = wall_clock()
        self._lock = threading.Lock()
        self._events: Counter[Event] = Counter()
        self._topic_views: Counter[str] = Counter()
        self._language_switches: Counter[str] = Counter()
        self._release = ReleaseState()
        self._changed = True

    # ------------------------------------------------------------------ changes

    def count(self, event: Event) -> None:
        with self._lock:
            self._events[Event(event)] += 1
            self._changed = True

    def count_usage(self, event: UsageEvent | str, topic_id: str | None = None) -> None:
        """The usage counts' events that are also fleet counters: topic views, emergency pages."""
        if event == UsageEvent.TOPIC_VIEW:
            topic = clean_topic(topic_id)
            if topic is not None:
                with self._lock:
                    self._topic_views[topic] += 1
                    self._changed = True
        elif event == UsageEvent.EMERGENCY_PAGE:
            self.count(Event.EMERGENCY_PAGES)

    def language_switch(self, language: str) -> None:
        """A patient switched the visit to ``language`` (a language code; anything else is dropped)."""
        if isinstance(language, str) and _LANGUAGE_RE.fullmatch(language):
            with self._lock:
                self._language_switches[language] += 1
                self._changed = True

    def set_release(self, release: ReleaseState) -> None:
        with self._lock:
            if release != self._release:
                self._release = release
                self._changed = True

    def mark_changed(self) -> None:
        """A state outside the counters changed (speech, topics switched): write soon."""
        with self._lock:
            self._changed = True

    @property
    def changed(self) -> bool:
        return self._changed

    def take_changed(self) -> bool:
        """Whether anything changed since the last call (which clears it)."""
        with self._lock:
            changed, self._changed = self._changed, False
            return changed

    def events(self) -> dict[Event, int]:
        with self._lock:
            return dict(self._events)

    # ------------------------------------------------------------------ the text

    def render(self, state: KioskState) -> str:
        """The OpenMetrics text of the file, ending ``# EOF``. (prometheus_client is imported at
        the first write, a second after start: its 80 ms stay out of the kiosk's first paint.)"""
        from prometheus_client.openmetrics.exposition import generate_latest
        from prometheus_client.registry import CollectorRegistry

        families = list(self._families(state))

        class Snapshot:
            def collect(self) -> list[Metric]:
                return families

        registry = CollectorRegistry(auto_describe=False)
        registry.register(Snapshot())  # a Collector in all but name: collect() is all it asks
        return generate_latest(registry).decode("utf-8")

    def _families(self, state: KioskState) -> Iterator[Metric]:
        from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

        now = self._wall_clock()
        with self._lock:
            events = Counter(self._events)
            views = Counter(self._topic_views)
            switches = Counter(self._language_switches)
            release = self._release

        yield _gauge("up", "1 while the kiosk runs; 0 written as it stops.", 1 if state.up else 0)
        yield _gauge("start_time_seconds", "When this kiosk process started (seconds since the epoch).",
                     self.start_time)
        yield _gauge("build_info", "The kiosk program's version.", 1, {"version": state.version or "unknown"})

        info = GaugeMetricFamily(f"{PREFIX}_release_live_info", "The content release on show.",
                                 labels=["release", "content_hash"])
        if release.live_name is not None:
            info.add_metric([_release_label(release.live_name), state.content_hash[:12]], 1)
        yield info
        yield _gauge("release_live_since_seconds", "When the release on show went live (seconds since the epoch).",
                     release.live_since)
        yield _gauge("release_live_age_seconds", "How long the release on show has been live.",
                     None if release.live_since is None else max(0.0, now - release.live_since))
        refused = GaugeMetricFamily(f"{PREFIX}_release_refused_info", "The release this kiosk last refused.",
                                    labels=["release"])
        if release.refused_name is not None:
            refused.add_metric([_release_label(release.refused_name)], 1)
        yield refused
        yield _gauge("release_refused_time_seconds", "When the last refused release was refused (seconds since "
                     "the epoch).", release.refused_at)
        yield _gauge("release_refused_errors", "Errors in the last refused release (up to 40 are kept).",
                     release.refused_errors if release.refused_name is not None else None)
        yield _gauge("release_refused_pending", "1 when the last refused release is newer than the one on show: "
                     "content staff meant to publish is not showing.",
                     1 if _refused_is_newer(release) else 0)

        topics = GaugeMetricFamily(f"{PREFIX}_topics", "Topics per language: on (patients can open them) or off "
                                   "(switched off in the file or by staff).", labels=["language", "state"])
        for language, (on, off) in sorted(state.topics.items()):
            topics.add_metric([language, "on"], on)
            topics.add_metric([language, "off"], off)
        yield topics

        for event in Event:
            yield _counter(event.value, _HELP[event], events[event])
        views_family = CounterMetricFamily(f"{PREFIX}_topic_views", "Topics opened, per topic id.", labels=["topic"])
        for topic in sorted(set(state.topic_ids) | set(views)):
            if clean_topic(topic) is not None:
                views_family.add_metric([topic], views[topic])
        yield views_family
        switch_family = CounterMetricFamily(f"{PREFIX}_language_switches", "Visits switched to a language on home.",
                                            labels=["language"])
        for language in sorted(set(state.languages[1:]) | set(switches)):
            switch_family.add_metric([language], switches[language])
        yield switch_family

        yield _gauge("speech_up", "1 when the speech engine and sound output can speak.", 1 if state.speech_up else 0)
        yield _counter("keys_dropped", "Keys the key governor dropped (a flood or a stuck key).", state.keys_dropped)
        yield _gauge("watchdog_enabled", "1 when systemd's watchdog watches the kiosk's UI loop.",
                     1 if state.watchdog_seconds else 0)
        yield _gauge("watchdog_interval_seconds", "How often the kiosk pings systemd's watchdog.",
                     state.watchdog_seconds)
        yield _gauge("systemd_notify", "1 when the kiosk reports to systemd (Type=notify).",
                     1 if state.systemd_notify else 0)


def _gauge(name: str, help_text: str, value: float | None, labels: dict[str, str] | None = None) -> Metric:
    from prometheus_client.core import GaugeMetricFamily

    family = GaugeMetricFamily(f"{PREFIX}_{name}", help_text, labels=sorted(labels) if labels else None)
    if value is not None:
        family.add_metric([labels[k] for k in sorted(labels)] if labels else [], value)
    return family


def _counter(name: str, help_text: str, value: float) -> Metric:
    from prometheus_client.core import CounterMetricFamily

    return CounterMetricFamily(f"{PREFIX}_{name}", help_text, value=value)


def _release_label(name: str) -> str:
    """A release name as a label: one line, printable, short (it is a folder name, never a patient's)."""
    return "".join(c if c.isprintable() else "?" for c in name)[:_RELEASE_MAX]


def _refused_is_newer(release: ReleaseState) -> bool:
    if release.refused_name is None or release.refused_at is None:
        return False
    return release.live_since is None or release.refused_at >= release.live_since


# ---------------------------------------------------------------------- CLI


def metrics_command(args) -> int:
    """``kiosk metrics``: the metrics file's text, once, as a kiosk starting now on this content would
    write it (counters at 0; the running kiosk's own file has its counters). 0 printed, 2 content broken."""
    import sys

    from kiosk.content import release_record
    from kiosk.content.content_path import load_content
    from kiosk.content.settings import data_folder
    from kiosk.host import exit_codes
    from kiosk.visit.topic_switches import load_disabled_topics

    result = load_content(args.content)
    if result.library is None:
        for problem in result.errors:
            print(str(problem), file=sys.stderr)
        print(f"{args.content}: the content does not load (run kiosk validate)", file=sys.stderr)
        return exit_codes.CONTENT
    library = result.library
    metrics = FleetMetrics()
    metrics.set_release(release_state(release_record.read(library.root)))
    disabled = load_disabled_topics(data_folder(library.root, library.settings.data_dir))
    sys.stdout.write(metrics.render(kiosk_state(library, disabled)))
    return exit_codes.OK
