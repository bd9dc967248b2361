"""KioskSettings: what a clinic changes in ``content/kiosk.yaml``, as the kiosk runs on it.

Plain frozen objects with no pydantic (:mod:`kiosk.content.frozen` says why); their pydantic
twins in :mod:`kiosk.content.settings_schema` own the shape, the defaults and the rules, and
building one here (``KioskSettings()``, ``KioskSettings.model_validate(...)``) goes through
them. It never holds a PIN, only its scrypt hash (see ``kiosk.visit.staff``).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kiosk.content.frozen import Frozen
from kiosk.words.language_names import own_name

#: Keys the home screen gives to patients: 1-8 pick a topic or flow, 9 is Finish.
HOME_CHOICE_KEYS = frozenset("123456789")

MAX_EMERGENCY_STEPS = 10
"""Steps on the emergency page: it must stay one short screen; the default has 3."""

MAX_LANGUAGES = 20
"""Languages the kiosk offers: each needs its own topic files and voice."""

#: The settings file's name inside a content folder.
SETTINGS_FILE = "kiosk.yaml"


def data_folder(content: Path | str, data_dir: Path | str | None, *, dev: bool = False) -> Path:
    """Where the kiosk keeps its own files (usage counts, log, staff choices, the last good copy).

    The one function every command asks (``kiosk run``, ``kiosk serve``, ``kiosk stats``, the
    controller and :mod:`kiosk.content.last_good`), so they all agree for the same content folder,
    ``data_dir`` and environment; see :func:`kiosk.host.data_place.data_place` for the order of
    choice (never inside the content folder unless staff say so). The content folder is made
    absolute first, so ``--content content`` and ``--content /srv/kiosk/content`` name one folder.
    """
    from kiosk.host.data_place import data_place

    return data_place(Path(content).absolute(), data_dir, dev=dev)


class Paper(StrEnum):
    """Paper the slip is laid out for: a long page on an 80 mm receipt roll, or a sheet."""

    RECEIPT_80MM = "receipt-80mm"
    LETTER = "letter"
    A4 = "a4"


# ---- behaviour shared by the plain classes and their schema twins


class EmergencyBehaviour:
    __slots__ = ()
    if TYPE_CHECKING:  # the schema's twin holds its own classes
        number: str
        language: str
        translations: Mapping[str, Any]

    def fill(self, text: str) -> str:
        return text.replace("{number}", self.number)

    @property
    def languages(self) -> list[str]:
        """Every language these settings have emergency words for, ``language`` first."""
        return [self.language, *self.translations]

    def in_language(self, language: str) -> EmergencySettings:
        """These settings with the words of ``language`` in place of the ones written directly.

        The result has the same number and symbol, ``language`` set and no translations, so the
        screens draw and speak it exactly as before. ``KeyError`` when there are no words in
        ``language``: :meth:`KioskSettings.emergency_for` is the call that never fails.
        """
        settings: Any = self  # a plain EmergencySettings or its schema twin: each has model_copy
        if language == self.language:
            return settings.model_copy(update={"translations": {}})
        words = self.translations[language]
        return settings.model_copy(update={**dict(words), "language": language, "translations": {}})


class KioskSettingsBehaviour:
    __slots__ = ()
    if TYPE_CHECKING:  # the schema's twin holds its own EmergencySettings
        emergency: Any
        language_names: Mapping[str, str]

    def emergency_for(self, language: str) -> EmergencySettings:
        """The emergency settings in ``language``, for the banner and the emergency page.

        Never fails for a language in ``languages`` (loading refuses settings without its
        words); any other language gets the words of ``emergency.language``, because the
        emergency page must always say something.
        """
        try:
            return self.emergency.in_language(language)
        except KeyError:
            return self.emergency.in_language(self.emergency.language)

    def language_name(self, code: str) -> str:
        """``code``'s name in its own words ("Español"); the code itself if none is known
        (validation refuses that for a kiosk of more than one language)."""
        return own_name(code, self.language_names) or code


# ---- the plain classes: the same fields, in the same order, as kiosk.content.settings_schema's


class EmergencyWords(Frozen):
    """The emergency words in one more language, under ``emergency.translations.<code>``."""

    banner: str
    outside: str
    title: str
    steps: list[str]
    danger_signs: list[str]


class EmergencySettings(EmergencyBehaviour, Frozen):
    """Emergency guidance shown on every screen (K-V6) and on the emergency page (K-C2)."""

    number: str
    symbol: str
    language: str
    banner: str
    outside: str
    title: str
    steps: list[str]
    danger_signs: list[str]
    translations: dict[str, EmergencyWords]


class IdleSettings(Frozen):
    """When the kiosk clears itself for the next person."""

    timeout_seconds: float
    warning_seconds: float
    speech_factor: float


class SpeechSettings(Frozen):
    """Reading the screens aloud, for patients who turn speech on."""

    enabled_at_start: bool
    rate_steps: list[int]
    default_rate_step: int
    volume_steps: list[float]
    default_volume_step: int
    voices: dict[str, str]
    player: list[str] | None


class StaffSettings(Frozen):
    """Staff mode: who may open it, and how it locks."""

    pin_hash: str | None
    max_attempts: int
    lockout_seconds: float
    idle_seconds: float
    entry_keys: str


class PrintingSettings(Frozen):
    """The provider slip, printed through CUPS. Nothing is printed unless 'printer' is set."""

    printer: str | None
    paper: Paper
    font_size: float
    submit_timeout_seconds: float
    finish_timeout_seconds: float
    status_timeout_seconds: float


class AlertSettings(Frozen):
    """Calling the front desk: a command run with the kiosk's name and the time, never an answer."""

    command: list[str] | None
    kiosk_name: str
    timeout_seconds: float


class DisplaySettings(Frozen):
    """How the kiosk is drawn when it runs in a browser ('kiosk serve')."""

    font_size: int


class KioskSettings(KioskSettingsBehaviour, Frozen):
    clinic_name: str
    languages: list[str]
    language_names: dict[str, str]
    emergency: EmergencySettings
    idle: IdleSettings
    speech: SpeechSettings
    staff: StaffSettings
    printing: PrintingSettings
    alert: AlertSettings
    display: DisplaySettings
    debounce_seconds: float
    max_review_age_days: int
    max_review_gap_days: int
    max_reading_grade: float
    min_reading_ease_es: float
    data_dir: Path | None
    metrics_dir: Path | None
