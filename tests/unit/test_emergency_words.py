"""Emergency words per language in kiosk.yaml.

The words written directly under ``emergency:`` are in ``emergency.language`` ("en" unless
written); each other language repeats them under ``emergency.translations.<code>``. Every
language in ``languages`` must have them, and a translation must give every step and danger
sign and the emergency number.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from kiosk.content.loader import load_library
from kiosk.content.settings import EmergencySettings, KioskSettings

ROOT = Path(__file__).resolve().parents[2]
VALID = ROOT / "tests" / "fixtures" / "content" / "valid"
SHIPPED = ROOT / "content"
TODAY = dt.date(2026, 1, 1)

ES = {
    "banner": "¿Dolor en el pecho? Avise en la recepción ahora.",
    "outside": "¿No está en la clínica? Llame al {number}.",
    "title": "Pida ayuda ahora",
    "steps": ["Avise en la recepción ahora.", "Si no está en la clínica, llame al {number}."],
    "danger_signs": ["Dolor en el pecho"],
}
EN = {
    "banner": "Chest pain? Tell the front desk now.",
    "steps": ["Tell the front desk now.", "If you are not in the clinic, call {number}."],
    "danger_signs": ["Chest pain"],
}


def settings(**emergency) -> KioskSettings:
    return KioskSettings.model_validate({"languages": ["en", "es"], "emergency": {**EN, **emergency}})


def test_old_english_only_settings_still_load_unchanged():
    """A kiosk.yaml written before translations keeps loading, its words are English."""
    old = KioskSettings.model_validate(
        {"emergency": {"number": "112", "banner": "Chest pain? Tell us.", "steps": ["Tell us."]}}
    )
    assert old.emergency.language == "en" and old.emergency.translations == {}
    english = old.emergency_for("en")
    assert (english.banner, english.steps, english.number, english.danger_signs) == (
        "Chest pain? Tell us.",
        ["Tell us."],
        "112",
        [],
    )


def test_words_in_each_language_keep_the_number_and_symbol():
    """Emergency_for('es') is the same settings object shape with the Spanish words."""
    s = settings(number="112", symbol="!!", translations={"es": ES})
    spanish = s.emergency_for("es")
    assert isinstance(spanish, EmergencySettings)
    assert (spanish.language, spanish.banner, spanish.title) == ("es", ES["banner"], "Pida ayuda ahora")
    assert spanish.fill(spanish.outside) == "¿No está en la clínica? Llame al 112."
    assert [spanish.fill(step) for step in spanish.steps][-1] == "Si no está en la clínica, llame al 112."
    assert spanish.danger_signs == ["Dolor en el pecho"]
    assert (spanish.number, spanish.symbol, spanish.translations) == ("112", "!!", {})
    english = s.emergency_for("en")
    assert (english.language, english.banner, english.translations) == ("en", EN["banner"], {})
    assert s.emergency.languages == ["en", "es"]


def test_a_language_with_no_words_falls_back_to_the_main_words_at_run_time():
    """The emergency page always says something; only listed languages are guaranteed their own words."""
    s = settings(translations={"es": ES})
    assert s.emergency_for("fr").banner == EN["banner"]
    with pytest.raises(KeyError):
        s.emergency.in_language("fr")


def test_the_main_words_may_be_in_another_language():
    """A clinic whose first language is Spanish writes Spanish directly and English under translations."""
    s = KioskSettings.model_validate(
        {
            "languages": ["es", "en"],
            "emergency": {
                **{k: v for k, v in ES.items()},
                "language": "es",
                "translations": {"en": {**EN, "outside": "Not here? Call {number}.", "title": "Get help now"}},
            },
        }
    )
    assert s.emergency_for("es").banner == ES["banner"]
    assert s.emergency_for("en").title == "Get help now"


def _problems(tmp_path, monkeypatch, old: str, new: str) -> list[str]:
    shutil.copytree(VALID, tmp_path / "c")
    path = tmp_path / "c" / "kiosk.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    monkeypatch.chdir(tmp_path / "c")
    return [str(p) for p in load_library(Path("."), today=TODAY).problems]


SPANISH_BLOCK = """  translations:
    es:
      banner: ¿Dolor en el pecho? Avise en la recepción ahora.
      outside: ¿No está en la clínica? Llame al {number}.
      title: Pida ayuda ahora
      steps:
        - Avise en la recepción ahora.
        - Si no está en la clínica, llame al {number}.
"""
LAST_STEP = "    - If you are not in the clinic, call {number}.\n"


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            "  - en\n",
            "  - en\n  - es\n  - fr\n",
            "kiosk.yaml:6: languages[2]: 'es' has no emergency words; add 'emergency.translations.es' with banner, "
            "outside, title, steps and danger_signs in that language ('fr' has none either)",
        ),
        (
            LAST_STEP,
            LAST_STEP + SPANISH_BLOCK.replace("      title: Pida ayuda ahora\n", ""),
            "kiosk.yaml:13: emergency.translations.es.title: is required but missing",
        ),
        (
            LAST_STEP,
            LAST_STEP + "  danger_signs:\n    - Chest pain\n" + SPANISH_BLOCK,
            "kiosk.yaml:15: emergency.translations.es.danger_signs: has 0 danger sign(s), "
            "but the 'en' words above have 1; "
            "every language must give each of them, in the same order",
        ),
        (
            LAST_STEP,
            LAST_STEP + SPANISH_BLOCK.replace("{number}", "la recepción"),
            "kiosk.yaml:17: emergency.translations.es.steps: never gives the emergency number; "
            "write {number} where the "
            "'en' words do",
        ),
        (
            LAST_STEP,
            LAST_STEP + SPANISH_BLOCK.replace("    es:\n", "    en:\n"),
            "kiosk.yaml:13: emergency.translations.en: 'en' is the language of the emergency words above "
            "(language: en); "
            "remove this block or change 'language'",
        ),
        (
            LAST_STEP,
            LAST_STEP + SPANISH_BLOCK.replace("    es:\n", "    Spanish:\n"),
            "kiosk.yaml:13: emergency.translations.Spanish: must be a language code"
            " such as 'en' or 'es', not 'Spanish'",
        ),
    ],
)
def test_validation_says_what_is_missing(tmp_path, monkeypatch, old, new, problem):
    """Validation refuses a listed language without emergency words, or with some missing, at file:line."""
    assert _problems(tmp_path, monkeypatch, old, new) == [problem]


def test_spanish_words_need_not_be_listed_to_be_checked(tmp_path, monkeypatch):
    """Words for a language not yet in `languages` load fine (the shipped kiosk.yaml does this)."""
    assert _problems(tmp_path, monkeypatch, LAST_STEP, LAST_STEP + SPANISH_BLOCK) == []


def test_shipped_settings_offer_english_then_spanish_with_spanish_emergency_words():
    """The shipped kiosk is bilingual, English first; the Spanish emergency words
    match the English ones step for step."""
    result = load_library(SHIPPED, grade=False)
    assert result.ok, "\n".join(map(str, result.problems))
    s = result.library.settings
    assert s.languages == ["en", "es"]
    spanish = s.emergency_for("es")
    assert spanish.language == "es" and spanish.banner.startswith("¿Dolor en el pecho")
    assert len(spanish.steps) == len(s.emergency.steps) and len(spanish.danger_signs) == len(s.emergency.danger_signs)
