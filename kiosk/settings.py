"""KioskSettings: what a clinic changes in ``content/kiosk.yaml``.

Owns the shape and defaults of the settings file. It never holds a PIN, only its scrypt hash
(see ``kiosk.staff``). Unknown keys are refused so a misspelt setting is reported, not ignored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints, field_validator, model_validator

from kiosk.model import FieldError, LanguageCode, Strict, Text

#: Keys the home screen gives to patients: 1-8 pick a topic or flow, 9 is Finish.
HOME_CHOICE_KEYS = frozenset("123456789")

MAX_EMERGENCY_STEPS = 10
"""Steps on the emergency page: it must stay one short screen; the default has 3."""

MAX_LANGUAGES = 20
"""Languages the kiosk offers: each needs its own topic files and voice."""

#: The settings file's name inside a content folder.
SETTINGS_FILE = "kiosk.yaml"


def data_folder(content: Path, data_dir: Path) -> Path:
    """Where the kiosk keeps its own files (usage counts, log, staff choices): ``data_dir`` is
    relative to the content folder unless it is absolute."""
    data_dir = Path(data_dir)
    return data_dir if data_dir.is_absolute() else Path(content) / data_dir


PinHash = Annotated[str, StringConstraints(pattern=r"^scrypt\$\d+\$\d+\$\d+\$[0-9a-f]+\$[0-9a-f]+$")]


class EmergencySettings(Strict):
    """Emergency guidance shown on every screen (K-V6) and on the emergency page (K-C2)."""

    number: Annotated[str, StringConstraints(pattern=r"^[0-9]{2,6}$")] = Field(
        default="911", description="Number to call outside the clinic."
    )
    symbol: Text = Field(default="!!", description="Shown before the banner words, so colour is never the only sign (K-V3).")
    banner: Text = Field(
        default="Chest pain or trouble breathing? Tell the front desk now.",
        description="Short words of the banner shown on every screen.",
    )
    outside: Text = Field(
        default="Not in the clinic? Call {number}.",
        description="Second banner line; {number} is replaced by the emergency number.",
    )
    title: Text = Field(default="Get help now")
    steps: list[Text] = Field(
        default_factory=lambda: [
            "Tell the front desk now. Say it is urgent.",
            "If you are alone and cannot walk, call out or wave for help.",
            "If you are not in the clinic, call {number} now.",
        ],
        min_length=1,
        max_length=MAX_EMERGENCY_STEPS,
        description="What to do, in order, on the emergency page; {number} is replaced.",
    )

    def fill(self, text: str) -> str:
        return text.replace("{number}", self.number)


class IdleSettings(Strict):
    timeout_seconds: float = Field(default=90, gt=0, description="Quiet time before the 'Are you still there?' warning.")
    warning_seconds: float = Field(default=30, ge=20, description="Countdown before the reset (K-T1: at least 20 s).")
    speech_factor: float = Field(default=2.0, ge=1, description="Timeout multiplier while speech mode is on.")


class SpeechSettings(Strict):
    enabled_at_start: bool = Field(default=False, description="Speech on after every reset (K-S11 keeps the attract screen quiet).")
    rate_steps: list[int] = Field(default=[120, 150, 175, 200, 240], min_length=3, description="Words per minute, slow to fast (K-S12).")
    default_rate_step: int = Field(default=2, ge=0)
    volume_steps: list[float] = Field(default=[0.4, 0.6, 0.8, 1.0], min_length=3, description="0.0-1.0, quiet to loud (K-S6).")
    default_volume_step: int = Field(default=2, ge=0)
    voices: dict[LanguageCode, str] = Field(
        default_factory=lambda: {"en": "gmw/en-us", "es": "roa/es-419"},
        description="espeak-ng voice id for each language; checked against the engine's list before use.",
    )
    player: list[str] | None = Field(default=None, description="Audio player command; default: paplay, pw-play or aplay, whichever exists.")

    @model_validator(mode="after")
    def _steps_in_range(self) -> SpeechSettings:
        if self.default_rate_step >= len(self.rate_steps):
            raise FieldError(
                ("default_rate_step",),
                f"{self.default_rate_step} is past the last of the {len(self.rate_steps)} rate_steps (counting from 0)",
            )
        if self.default_volume_step >= len(self.volume_steps):
            raise FieldError(
                ("default_volume_step",),
                f"{self.default_volume_step} is past the last of the {len(self.volume_steps)} volume_steps (counting from 0)",
            )
        for index, volume in enumerate(self.volume_steps):
            if not 0 < volume <= 1:
                raise FieldError(("volume_steps", index), f"{volume:g} is not a volume; use a number above 0 and up to 1")
        return self


class StaffSettings(Strict):
    pin_hash: PinHash | None = Field(default=None, description="Written by `kiosk set-pin`; never a PIN.")
    max_attempts: int = Field(default=5, ge=1)
    lockout_seconds: float = Field(default=300, gt=0)
    idle_seconds: float = Field(default=120, gt=0, description="Staff mode closes by itself after this long.")
    entry_keys: Annotated[str, StringConstraints(pattern=r"^[0-9-]{4,12}$")] = Field(
        default="0-0-0",
        description="Keys pressed in a row on the home screen to open the PIN pad: 0 and '-' only, the keys "
        "that do nothing there for patients (1-9 choose topics and Finish); shown nowhere to patients.",
    )

    @field_validator("entry_keys")
    @classmethod
    def _keys_home_leaves_alone(cls, keys: str) -> str:
        """Only 0 and '-' can make the sequence: on home, 1-8 open a topic or flow and 9 is Finish,
        so the screen changes before a sequence holding them could be finished (issue 11 item 4).
        Home notes each 0 and '-' (see ``HomeScreen.action_digit`` and ``KioskApp.note_home_key``)."""
        used = sorted({key for key in keys if key in HOME_CHOICE_KEYS})
        if used:
            raise ValueError(
                f"'{keys}' can never open staff mode: on the home screen {' and '.join(used)} "
                f"{'choose' if len(used) > 1 else 'chooses'} a topic or Finish, so use only 0 and - (like '0-0-0')"
            )
        return keys


class KioskSettings(Strict):
    clinic_name: Text = "Our clinic"
    languages: list[LanguageCode] = Field(default=["en"], min_length=1, max_length=MAX_LANGUAGES)
    emergency: EmergencySettings = EmergencySettings()
    idle: IdleSettings = IdleSettings()
    speech: SpeechSettings = SpeechSettings()
    staff: StaffSettings = StaffSettings()
    debounce_seconds: float = Field(default=0.3, ge=0, le=2, description="A second press within this time is ignored (K-I3).")
    max_review_age_days: int = Field(default=365, gt=0, description="Older reviews give a warning in `kiosk validate`.")
    max_reading_grade: float = Field(default=8.0, gt=0, description="Pages above this Flesch-Kincaid grade give a warning (K-C1).")
    data_dir: Path = Field(default=Path("var"), description="Where usage counts are kept; relative to the content folder.")
