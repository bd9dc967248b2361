"""What staff mode tells staff, as plain text built from the controller's state.

Owns the words of the staff screen's reports: the one content status (exactly one of "live",
"waiting" and "refused", never two at once), drafts, reading grades, warnings, kiosk errors, speech
status and usage counts. Pure: no Textual, tested without an event loop. Never shows a PIN or
anything of a patient; usage is the per-day counters only (K-P2).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from kiosk.content.library import Library, TopicGrade
from kiosk.content.model import Problem, Topic
from kiosk.content.release_record import ReleaseRecord
from kiosk.content.settings import KioskSettings

SPEECH_TEST = "This is a speech test."


class ContentState(StrEnum):
    LIVE = "live"
    WAITING = "waiting"
    REFUSED = "refused"


@dataclass(frozen=True)
class ContentStatus:
    """The one content status staff see; see :func:`content_status`."""

    state: ContentState
    headline: str
    details: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        return [self.headline, *self.details]


def content_status(shown: Library, pending: Library | None, refused: Sequence[Problem]) -> ContentStatus:
    """Refused beats waiting beats live: what staff must act on comes first, and alone."""
    if refused:
        errors = [p for p in refused if p.severity == "error"]
        return ContentStatus(
            ContentState.REFUSED,
            f"Last reload refused: {len(errors)} error(s). Patients still see the last good content "
            f"({shown.summary_line()}). Fix these, then reload:",
            tuple(str(p) for p in refused),
        )
    if pending is not None:
        return ContentStatus(
            ContentState.WAITING,
            f"New content is good and waits: {pending.summary_line()}. "
            "It shows when you leave staff mode (6).",
            tuple(str(p) for p in pending.warnings),
        )
    return ContentStatus(ContentState.LIVE, f"Content now shown: {shown.summary_line()}",
                         tuple(str(p) for p in shown.warnings))


def grade_lines(grades: Sequence[TopicGrade], settings: KioskSettings) -> list[str]:
    """Each topic's reading level in its own language, worded as ``kiosk validate`` words it."""
    if not grades:
        return []
    lines = [f"Reading levels (English: grade {settings.max_reading_grade:g} or below; "
             f"Spanish: INFLESZ ease {settings.min_reading_ease_es:g} or above):"]
    lines += [f"  {grade.line(settings)}" for grade in grades]
    return lines


def release_lines(record: ReleaseRecord) -> list[str]:
    """The release on show and the last one refused (by the update script or this kiosk), with
    its ``file:line`` errors; times in the kiosk's own time zone."""
    def when(at) -> str:
        return at.astimezone().strftime("%Y-%m-%d %H:%M")

    lines = [f"Live release: {record.live.name}, since {when(record.live.at)}" if record.live
             else "Live release: not recorded yet."]
    refused = record.refused
    if refused is None:
        return [*lines, "No release refused."]
    lines.append(f"Last refused release: {refused.name}, at {when(refused.at)}, {len(refused.errors)} error(s) "
                 "(patients never saw it):")
    return lines + [f"  {error}" for error in refused.errors]


def draft_lines(topics: Sequence[Topic]) -> list[str]:
    """The topics no clinician has reviewed yet (``review.status: draft``), each with who wrote it:
    staff see at a glance what still needs a sign-off, beside the warnings that locate it."""
    drafts = [t for t in topics if t.review.is_draft]
    if not drafts:
        return []
    lines = [f"Drafts no clinician has reviewed yet ({len(drafts)}; patients are told so on About this topic):"]
    lines += [f"  {t.id} ({t.language}): {t.title}, by {t.review.by} on {t.review.on.isoformat()}" for t in drafts]
    return lines


def topic_marks(topics: Sequence[Topic], languages: Sequence[str] = ()) -> dict[str, list[str]]:
    """Per topic id, what staff should know beside its name on "Topics on or off": "draft"
    while any language version of it awaits a clinician's review, and "no 'es' version" for each
    of the kiosk's ``languages`` it is not written in (those patients read it in another)."""
    marks: dict[str, list[str]] = {}
    written: dict[str, set[str]] = {}
    for topic in topics:
        mine = marks.setdefault(topic.id, [])
        written.setdefault(topic.id, set()).add(topic.language)
        if topic.review.is_draft and "draft" not in mine:
            mine.append("draft")
    for topic_id, mine in marks.items():
        mine += [f"no '{code}' version" for code in languages if code not in written[topic_id]]
    return marks


def warnings_report(status: ContentStatus, *, grades: Sequence[TopicGrade] = (), settings: KioskSettings | None = None,
                    errors: Sequence[str] = (), usage_error: str | None = None, grading: bool = False,
                    drafts: Sequence[str] = (), release: Sequence[str] = ()) -> str:
    """The "Content warnings" report: the one status, the releases, drafts, reading levels
    (``settings`` gives their limits; none given, none shown), kiosk errors."""
    lines = status.lines()
    if status.state is not ContentState.REFUSED and not status.details:
        lines.append("No content warnings.")
    lines += release
    lines += drafts
    if grading:
        lines.append("Checking reading levels...")
    if settings is not None:
        lines += grade_lines(grades, settings)
    if errors:
        lines.append(f"{len(errors)} kiosk error(s) since start (details in the log):")
        lines += list(errors[-10:])
    if usage_error:
        lines.append(f"Usage counts: {usage_error}")
    return "\n".join(lines)


def reload_report(status: ContentStatus) -> str:
    """After "Reload now": the same one status."""
    return "\n".join(status.lines())


def installed_voices_line(ids: list[str]) -> str:
    """How many voices the engine has, and those for the languages a clinic is likely to set."""
    if not ids:
        return "Installed voices: not known yet (the engine has not started, or there is none)."
    wanted = [i for i in ids if i.split("/")[-1].split("-")[0] in ("en", "es")]
    return f"Installed voices: {len(ids)}, e.g. {', '.join(sorted(wanted)[:8])}"


def speech_report(*, status: str, voices: dict[str, str], installed: list[str], enabled: bool,
                  failures: Sequence[str] = ()) -> str:
    configured = ", ".join(f"{lang}: {voice}" for lang, voice in sorted(voices.items())) or "none"
    lines = [
        f"Speech test: said \"{SPEECH_TEST}\"",
        f"Engine: {status}",
        f"Voices set in kiosk.yaml: {configured}",
        installed_voices_line(installed),
        f"Speech for patients is {'on' if enabled else 'off'} now (press / to switch).",
    ]
    if failures:
        lines.append(f"Speech failures since start: {len(failures)}; the last: {failures[-1]}")
    return "\n".join(lines)


def printing_report(*, printer: str | None, queue_text: str | None, last_error: str | None,
                    alert_command: list[str] | None, purged: Sequence[str] = ()) -> str:
    """Printer queue state, the last print fault, the slips cancelled and purged from the print
    spool since start (``purged``: a job not seen finished never prints later), and whether the
    front desk can be called."""
    if printer:
        lines = [f"Printer queue {printer}: {queue_text or 'checking...'}"]
    else:
        lines = ["No printer set (printing.printer in kiosk.yaml): the summary offers no printing."]
    lines.append(f"Last print error: {last_error}" if last_error else "No print error since start.")
    if purged:
        lines.append("Slips not seen finished, so not printed later:")
        lines += [f"  {line}" for line in purged]
    if alert_command:
        lines.append(f"Front desk call: {' '.join(alert_command)} (try it with `kiosk alert-test`).")
    else:
        lines.append("No front desk call set (alert.command in kiosk.yaml).")
    return "\n".join(lines)


def usage_report(rows: Sequence[tuple[str, str, str | None, int]], days: int = 7) -> str:
    if not rows:
        return f"No usage counted in the last {days} days."
    totals: Counter[str] = Counter()
    for _day, event, _topic, n in rows:
        totals[event] += n
    lines = [f"Last {days} days, totals:"]
    lines += [f"  {event.replace('_', ' ')}: {n}" for event, n in sorted(totals.items())]
    lines.append("By day:")
    lines += [f"  {day}  {event.replace('_', ' ')}{' ' + topic if topic else ''}: {n}"
              for day, event, topic, n in rows]
    return "\n".join(lines)
