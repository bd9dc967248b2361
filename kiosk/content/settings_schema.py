"""The rules of ``content/kiosk.yaml``: pydantic models that check what a clinic wrote and
give every setting its default.

Each model has a plain twin of the same name and fields in :mod:`kiosk.content.settings`, which
the kiosk runs on (:mod:`kiosk.content.frozen` says why). It never holds a PIN, only its scrypt
hash (see ``kiosk.visit.staff``). Unknown keys are refused so a misspelt setting is reported,
not ignored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from kiosk.content.model import FieldError
from kiosk.content.pin_hash import PIN_HASH_PATTERN, pin_hash_problem
from kiosk.content.schema import LanguageCode, Strict, Text
from kiosk.content.settings import (
    HOME_CHOICE_KEYS,
    MAX_EMERGENCY_STEPS,
    MAX_LANGUAGES,
    EmergencyBehaviour,
    KioskSettingsBehaviour,
    Paper,
)
from kiosk.words.i18n import has_catalog
from kiosk.words.language_names import own_name


def _readable_pin_hash(text: str) -> str:
    """The PIN check's own reader (:mod:`kiosk.content.pin_hash`): a hash it cannot use is an error here."""
    problem = pin_hash_problem(text)
    if problem:
        raise ValueError(problem)
    return text


#: Read by the same parser as the PIN check; editors get the pattern of its shape.
PinHash = Annotated[
    str, AfterValidator(_readable_pin_hash), WithJsonSchema({"pattern": PIN_HASH_PATTERN, "type": "string"})
]


class EmergencyWords(Strict):
    """The emergency words in one more language, under ``emergency.translations.<code>``.

    Every field is required: a missing one must be an error, never English words left on a
    Spanish screen. The number and the symbol are the same in every language, so they are
    written once, above.
    """

    model_config = ConfigDict(json_schema_extra={
        "description": "The emergency words in one more language: every one of them, so no English word "
        "is left on that language's screens. The number and the symbol are written once, above."})

    banner: Text = Field(description="Banner words on every screen, in this language.")
    outside: Text = Field(description="Second banner line; {number} is replaced by the emergency number.")
    title: Text = Field(description="Heading of the emergency page.")
    steps: list[Text] = Field(
        min_length=1, description="The same steps as above, in this language; {number} is replaced."
    )
    danger_signs: list[Text] = Field(
        default_factory=list, description="The same danger signs as above, in this language, in the same order."
    )


class EmergencySettings(EmergencyBehaviour, Strict):
    """Emergency guidance shown on every screen (K-V6) and on the emergency page (K-C2).

    The words written directly here (banner, outside, title, steps, danger_signs) are in
    ``language`` ("en" unless written), so a settings file from before translations still
    loads unchanged. Each other language gives the same words under ``translations``, keyed
    by its code; :meth:`in_language` hands the screens the words of one language.
    """

    model_config = ConfigDict(json_schema_extra={
        "description": "The emergency banner on every screen and the emergency page. The words written here "
        "are in 'language'; each other language gives the same words under 'translations'."})

    number: Annotated[str, StringConstraints(pattern=r"^[0-9]{2,6}$")] = Field(
        default="911", description="The emergency number to call from outside the clinic, e.g. 911."
    )
    symbol: Text = Field(
        default="!!", description="Shown before the banner words, so the banner does not rely on its colour alone."
    )
    language: LanguageCode = Field(
        default="en", description="Language of the words written here, not under translations."
    )
    banner: Text = Field(
        default="Chest pain or trouble breathing? Tell the front desk now.",
        description="Short words of the banner shown on every screen.",
    )
    outside: Text = Field(
        default="Not in the clinic? Call {number}.",
        description="Second banner line; {number} is replaced by the emergency number.",
    )
    title: Text = Field(default="Get help now", description="Heading of the emergency page.")
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
    danger_signs: list[Text] = Field(
        default_factory=list,
        description="Signs that need help now whatever the topic, for the emergency page "
        "(the topics add their red flags).",
    )
    translations: dict[LanguageCode, EmergencyWords] = Field(
        default_factory=dict,
        description="The same words in each other language, keyed by language code, e.g. 'es:'.",
    )

    @model_validator(mode="after")
    def _translations_say_the_same(self) -> EmergencySettings:
        says_number = "{number}" in self.outside or any("{number}" in step for step in self.steps)
        for code, words in self.translations.items():
            if code == self.language:
                raise FieldError(
                    ("translations", code),
                    f"'{code}' is the language of the emergency words above (language: {self.language}); "
                    f"remove this block or change 'language'",
                )
            for name, what in (("steps", "step(s)"), ("danger_signs", "danger sign(s)")):
                mine, theirs = getattr(self, name), getattr(words, name)
                if len(theirs) != len(mine):
                    raise FieldError(
                        ("translations", code, name),
                        f"has {len(theirs)} {what}, but the '{self.language}' words above have {len(mine)}; "
                        f"every language must give each of them, in the same order",
                    )
            texts = [words.outside, *words.steps]
            if says_number and not any("{number}" in t or self.number in t for t in texts):
                raise FieldError(
                    ("translations", code, "steps"),
                    f"never gives the emergency number; write {{number}} where the '{self.language}' words do",
                )
        return self


class IdleSettings(Strict):
    """When the kiosk clears itself for the next person."""

    timeout_seconds: float = Field(
        default=90, gt=0, description="Seconds without a key press before 'Are you still there?' shows."
    )
    warning_seconds: float = Field(
        default=30, ge=20,
        description="Seconds the 'Are you still there?' countdown lasts before the kiosk clears itself; "
        "at least 20, so a slow reader can answer it.",
    )
    speech_factor: float = Field(
        default=2.0, ge=1,
        description="With speech on, the quiet time is this many times longer: listening takes longer than reading.",
    )


class SpeechSettings(Strict):
    """Reading the screens aloud, for patients who turn speech on."""

    enabled_at_start: bool = Field(
        default=False,
        description="true: speech is on as every visit starts. false (usual): patients turn it on with the / key, "
        "and an empty kiosk stays quiet.",
    )
    rate_steps: list[int] = Field(
        default=[120, 150, 175, 200, 240], min_length=3,
        description="The speaking speeds patients can step through, in words per minute, slow to fast.",
    )
    default_rate_step: int = Field(
        default=2, ge=0,
        description="The speed each visit starts at: its place in rate_steps, counting from 0 (2 is the third).",
    )
    volume_steps: list[float] = Field(
        default=[0.4, 0.6, 0.8, 1.0], min_length=3,
        description="The loudness steps patients can step through, quiet to loud: each above 0 and up to 1 "
        "(full volume).",
    )
    default_volume_step: int = Field(
        default=2, ge=0,
        description="The loudness each visit starts at: its place in volume_steps, counting from 0.",
    )
    voices: dict[LanguageCode, str] = Field(
        default_factory=lambda: {"en": "gmw/en-us", "es": "roa/es-419"},
        description="The voice for each language, e.g. 'es: roa/es-419' (an espeak-ng voice name); "
        "staff mode's Test speech lists the voices installed.",
    )
    player: list[str] | None = Field(
        default=None,
        description="The program that plays the sound, with its arguments; leave it out to use paplay, "
        "pw-play or aplay, whichever is installed.",
    )

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
                f"{self.default_volume_step} is past the last of the {len(self.volume_steps)} volume_steps "
                "(counting from 0)",
            )
        for index, volume in enumerate(self.volume_steps):
            if not 0 < volume <= 1:
                raise FieldError(
                    ("volume_steps", index), f"{volume:g} is not a volume; use a number above 0 and up to 1"
                )
        return self


class StaffSettings(Strict):
    """Staff mode: who may open it, and how it locks."""

    pin_hash: PinHash | None = Field(
        default=None,
        description="Written by 'kiosk set-pin' (or 'make set-pin'): a scrambled form of the staff PIN, never the "
        "PIN itself. Do not edit it by hand; with none, staff mode cannot be opened.",
    )
    max_attempts: int = Field(default=5, ge=1, description="Wrong PINs in a row before the PIN pad locks.")
    lockout_seconds: float = Field(
        default=300, gt=0, description="Seconds the PIN pad stays locked after too many wrong PINs (300 = 5 minutes)."
    )
    idle_seconds: float = Field(
        default=120, gt=0, description="Seconds without a key press after which staff mode closes by itself."
    )
    entry_keys: Annotated[str, StringConstraints(pattern=r"^[0-9-]{4,12}$")] = Field(
        default="0-0-0",
        description="Keys pressed in a row on the home screen to open the PIN pad: 0 and '-' only, the keys "
        "that do nothing there for patients (1-9 choose topics and Finish); shown nowhere to patients.",
    )

    @field_validator("entry_keys")
    @classmethod
    def _keys_home_leaves_alone(cls, keys: str) -> str:
        """Only 0 and '-' can make the sequence: on home, 1-8 open a topic or flow and 9 is Finish,
        so the screen changes before a sequence holding them could be finished.
        Home notes each 0 and '-' (see ``HomeScreen.action_digit`` and ``KioskApp.note_home_key``)."""
        used = sorted({key for key in keys if key in HOME_CHOICE_KEYS})
        if used:
            raise ValueError(
                f"'{keys}' can never open staff mode: on the home screen {' and '.join(used)} "
                f"{'choose' if len(used) > 1 else 'chooses'} a topic or Finish, so use only 0 and - (like '0-0-0')"
            )
        return keys


#: A CUPS queue name as ``lpadmin -p`` accepts it: printable, no space, '/', '#' or quote.
QueueName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.@+-][A-Za-z0-9_.@+-]{0,126}$")]


class PrintingSettings(Strict):
    """The provider slip, printed through CUPS. Nothing is printed unless 'printer' is set."""

    printer: QueueName | None = Field(
        default=None, description="CUPS queue name (as in `lpstat -p`); null = no printing, the summary offers none."
    )
    paper: Paper = Field(default=Paper.LETTER, description="The paper the slip is printed on: receipt-80mm (one long page on a receipt roll), letter or a4.")
    font_size: float = Field(default=16, ge=14, le=36, description="Size of the printed letters, in points; at least 14 (large print).")
    submit_timeout_seconds: float = Field(default=10, gt=0, le=60, description="Longest wait, in seconds, for the printing system (CUPS) to take the slip.")
    finish_timeout_seconds: float = Field(
        default=60, gt=0, le=600, description="Longest wait, in seconds, for the printer to finish the slip; after it the print is cancelled."
    )
    status_timeout_seconds: float = Field(default=5, gt=0, le=30, description="Longest wait, in seconds, for the printing system (CUPS) to say how the printer is.")


class AlertSettings(Strict):
    """Calling the front desk: a command run with the kiosk's name and the time, never an answer."""

    command: list[Text] | None = Field(
        default=None,
        min_length=1,
        description="Program and its arguments, e.g. ['/usr/local/bin/desk-chime']. The kiosk's name and the time "
        "replace {kiosk} and {time} in the arguments, or are added as two more arguments when neither is there. "
        "null = no call button.",
    )
    kiosk_name: Text = Field(default="kiosk", description="Which kiosk is calling, as the desk should hear it.")
    timeout_seconds: float = Field(default=10, gt=0, le=120, description="Seconds after which the command is stopped if it has not finished.")


class DisplaySettings(Strict):
    """How the kiosk is drawn when it runs in a browser ('kiosk serve')."""

    font_size: int = Field(
        default=40,
        ge=16,
        le=96,
        description="Browser font size in CSS pixels. 40 makes a terminal row about 47 px tall (DejaVu Sans Mono), "
        "so every one-row choice is a touch target of at least 44 CSS px (about 9 mm); a console or terminal "
        "sets its own font instead (docs/DEPLOYMENT.md).",
    )


class KioskSettings(KioskSettingsBehaviour, Strict):
    clinic_name: Text = Field(default="Our clinic", description="The clinic's name, at the top of the home screen.")
    languages: list[LanguageCode] = Field(
        default=["en"], min_length=1, max_length=MAX_LANGUAGES,
        description="The languages patients can choose on home, e.g. [en, es]; every visit starts in the first.",
    )
    language_names: dict[LanguageCode, Text] = Field(
        default_factory=dict,
        description="Each language's name in its own words for home's language key, e.g. 'fr: Français'; "
        "only needed for a language the kiosk does not know the name of (validation says so).",
    )
    emergency: EmergencySettings = Field(
        default_factory=EmergencySettings,
        description="The emergency banner on every screen, and the emergency page: its number, words and steps.",
    )
    idle: IdleSettings = Field(default_factory=IdleSettings, description="When the kiosk clears itself for the next person.")
    speech: SpeechSettings = Field(
        default_factory=SpeechSettings, description="Reading the screens aloud: voices, speeds and loudness."
    )
    staff: StaffSettings = Field(
        default_factory=StaffSettings, description="Staff mode: the PIN, its lockout and the hidden keys that open it."
    )
    printing: PrintingSettings = Field(
        default_factory=PrintingSettings, description="Printing the patient's answers for their provider, on a CUPS printer."
    )
    alert: AlertSettings = Field(
        default_factory=AlertSettings, description="Calling the front desk from the emergency page."
    )
    display: DisplaySettings = Field(
        default_factory=DisplaySettings, description="How the kiosk is drawn in a web browser ('kiosk serve')."
    )
    debounce_seconds: float = Field(
        default=0.3, ge=0, le=2,
        description="A second key press within this many seconds is ignored, so a shaky or held press "
        "does not answer twice.",
    )
    max_review_age_days: int = Field(
        default=365, gt=0, description="A topic whose review is older than this many days gets a warning."
    )
    max_review_gap_days: int = Field(
        default=180,
        gt=0,
        description="A translated topic reviewed this many days before or after its original gives a warning.",
    )
    max_reading_grade: float = Field(
        default=8.0, gt=0,
        description="English pages that read above this school grade (Flesch-Kincaid) get a warning; "
        "8 or below is plain language.",
    )
    min_reading_ease_es: float = Field(
        default=65.0,
        ge=0,
        le=100,
        description="Spanish pages scoring below this on the INFLESZ reading-ease scale (higher is easier) "
        "get a warning; 65 is 'bastante fácil', about the same as max_reading_grade 8.",
    )
    data_dir: Path | None = Field(
        default=None,
        description="Where usage counts and the kiosk's own files are kept; relative to the content folder unless "
        "absolute. Unset: $STATE_DIRECTORY under systemd, else the user's data folder (never the content folder).",
    )
    metrics_dir: Path | None = Field(
        default=None,
        description="Folder where the kiosk writes clinic_kiosk.prom, its health and counters for node_exporter's "
        "textfile collector (Prometheus); relative to the content folder unless absolute. Unset: "
        "$KIOSK_METRICS_DIR (the systemd unit sets it), else no file. Counts of events only, never an answer.",
    )

    @model_validator(mode="after")
    def _each_language_listed_once(self) -> KioskSettings:
        """A language listed twice would be offered twice on home, and the language key would
        pass through it twice."""
        for index, code in enumerate(self.languages):
            first = self.languages.index(code)
            if first != index:
                raise FieldError(
                    ("languages", index),
                    f"'{code}' is listed twice (it is already languages[{first + 1}]); list each language once",
                )
        return self

    @model_validator(mode="after")
    def _every_language_has_a_name(self) -> KioskSettings:
        if len(self.languages) > 1:
            for index, code in enumerate(self.languages):
                if own_name(code, self.language_names) is None:
                    raise FieldError(
                        ("languages", index),
                        f"'{code}' has no name for home's language key; add it under 'language_names', "
                        f"in its own words (e.g. 'language_names: {{{code}: ...}}')",
                    )
        return self

    @model_validator(mode="after")
    def _every_language_has_emergency_words(self) -> KioskSettings:
        missing = [(i, code) for i, code in enumerate(self.languages) if code not in self.emergency.languages]
        if missing:
            index, code = missing[0]
            others = [repr(c) for _, c in missing[1:]]
            more = f" ({', '.join(others)} {'has' if len(others) == 1 else 'have'} none either)" if others else ""
            raise FieldError(
                ("languages", index),
                f"'{code}' has no emergency words; add 'emergency.translations.{code}' with banner, outside, "
                f"title, steps and danger_signs in that language{more}",
            )
        return self

    @model_validator(mode="after")
    def _every_language_has_a_catalog(self) -> KioskSettings:
        """The screens' own words come from a gettext catalog shipped with the kiosk: a language
        without one would show a Spanish (or any) patient English buttons."""
        for index, code in enumerate(self.languages):
            if not has_catalog(code):
                raise FieldError(
                    ("languages", index),
                    f"'{code}' has no translation of the kiosk's own words (buttons, key guide, speech): "
                    f"kiosk/locale/{code.split('-')[0]}/LC_MESSAGES/kiosk.mo is missing; ask for the catalog "
                    f"(docs/TRANSLATING.md) or remove '{code}'",
                )
        return self
