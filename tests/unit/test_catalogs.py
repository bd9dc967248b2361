"""The interface catalogs: every marked word translated, the shipped .mo up to date.

The words come from the code itself, extracted here the way `make messages` does, so a word
marked in kiosk/ and never translated fails this test even if nobody ran `make messages`.
Babel is a dev dependency (the i18n group); the kiosk reads the .mo with the standard gettext.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from kiosk.content.settings import KioskSettings
from kiosk.words import i18n, ui_words
from kiosk.words.i18n import translator

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "kiosk" / "locale"
#: The same keywords as `make messages` (checked against the Makefile below).
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "Nn_": (1, 2), "Np_": ((1, "c"), 2)}
#: Languages the bundled content is written in besides English: each needs a full catalog.
REQUIRED = ["es"]
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def extracted_with_context() -> dict[tuple[str | None, str | tuple[str, ...]], str]:
    """Every marked message in kiosk/, as `make messages` finds it: (context, msgid) -> first file."""
    found: dict[tuple[str | None, str | tuple[str, ...]], str] = {}
    for filename, _line, message, _comments, context in extract_from_dir(
        ROOT / "kiosk", method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    ):
        found.setdefault((context, message), filename)
    return found


def extracted() -> dict[str | tuple[str, ...], str]:
    """Every marked message in kiosk/: msgid -> first file."""
    return {message: filename for (_context, message), filename in extracted_with_context().items()}


def catalog_languages() -> list[str]:
    return sorted(p.parent.parent.name for p in LOCALE.glob("*/LC_MESSAGES/kiosk.po"))


def read_catalog(path: Path, language: str | None = None):
    with path.open("rb") as f:
        return read_po(f, locale=language)


def listed_languages() -> list[str]:
    """Languages content/kiosk.yaml lists (the kiosk offers them), besides the source language."""
    import yaml

    data = yaml.safe_load((ROOT / "content" / "kiosk.yaml").read_text(encoding="utf-8"))
    languages = KioskSettings.model_validate(data).languages
    return [lang for lang in languages if lang.split("-")[0] != i18n.SOURCE_LANGUAGE]


def test_the_source_marks_the_interface_words():
    messages = extracted()
    assert ui_words.BACK in messages and ui_words.CLEARS_IN_SECONDS in messages
    assert len(messages) >= 100


def test_every_required_or_listed_language_has_a_catalog():
    wanted = sorted({*REQUIRED, *(lang.split("-")[0] for lang in listed_languages())})
    missing = [lang for lang in wanted if lang not in catalog_languages()]
    assert not missing, f"no kiosk/locale/<lang>/LC_MESSAGES/kiosk.po for {missing}: add the language to " \
                        f"LOCALES in the Makefile and run `make messages`"


@pytest.mark.parametrize("language", catalog_languages())
def test_every_marked_message_is_translated(language):
    """A patient-facing word with no translation (missing, empty or fuzzy) fails here, by name."""
    catalog = read_catalog(LOCALE / language / "LC_MESSAGES" / "kiosk.po", language)
    problems = []
    for (context, msgid), filename in extracted_with_context().items():
        key = msgid[0] if isinstance(msgid, tuple) else msgid
        message = catalog.get(key, context=context)
        if message is None:
            problems.append(f"{filename}: {msgid!r} is not in the {language} catalog: run `make messages`")
        elif message.fuzzy:
            problems.append(f"{filename}: {msgid!r} is fuzzy (a guess) in {language}: check it, drop the flag")
        elif not all(message.string if isinstance(message.string, tuple) else (message.string,)):
            problems.append(f"{filename}: {msgid!r} has no {language} translation")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", catalog_languages())
def test_translations_keep_every_placeholder(language):
    """``{n}`` dropped or misspelt in a translation would show as a crash or a wrong number."""
    catalog = read_catalog(LOCALE / language / "LC_MESSAGES" / "kiosk.po", language)
    problems = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        want = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            if set(PLACEHOLDER.findall(string)) != want:
                problems.append(f"{ids[0]!r} -> {string!r}: placeholders {sorted(want)} expected")
    assert not problems, "\n".join(problems)


def test_the_template_is_up_to_date():
    """kiosk.pot holds exactly the marked messages: `make messages` was run after the last change."""
    with (LOCALE / "kiosk.pot").open("rb") as f:
        template = {m.id for m in read_po(f) if m.id}
    marked = set(extracted())
    assert marked - template == set(), "marked in kiosk/ but not in kiosk.pot: run `make messages`"
    assert template - marked == set(), "in kiosk.pot but no longer marked: run `make messages`"


@pytest.mark.parametrize("language", catalog_languages())
def test_the_shipped_mo_is_compiled_from_the_po(language):
    """The kiosk reads the .mo: it must be the .po as it is now (`make compile-messages`)."""
    folder = LOCALE / language / "LC_MESSAGES"
    buffer = io.BytesIO()
    write_mo(buffer, read_catalog(folder / "kiosk.po", language), use_fuzzy=False)
    assert (folder / "kiosk.mo").exists(), f"run `make compile-messages`: {folder / 'kiosk.mo'} is missing"
    assert (folder / "kiosk.mo").read_bytes() == buffer.getvalue(), \
        f"run `make compile-messages`: {folder / 'kiosk.mo'} is older than its kiosk.po"


def test_the_makefile_extracts_with_the_same_keywords():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "-k N_ -k Nn_:1,2" in makefile


def test_the_mo_files_are_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["kiosk"]
    for mo in LOCALE.glob("*/LC_MESSAGES/kiosk.mo"):
        assert any(mo.relative_to(ROOT / "kiosk").match(p) for p in patterns), mo


# ------------------------------------------------------------------------------------- kiosk.words.i18n


def test_spanish_words_from_the_compiled_catalog():
    t = translator("es")
    assert t.gettext(ui_words.BACK) == "Atrás"
    assert t.gettext(ui_words.PAGE_OF).format(n=2, total=6) == "Página 2 de 6"
    assert t.ngettext(*ui_words.CLEARS_IN_SECONDS, 1).format(n=1) == "La pantalla se borrará en 1 segundo."
    assert t.ngettext(*ui_words.CLEARS_IN_SECONDS, 5).format(n=5) == "La pantalla se borrará en 5 segundos."
    assert t.gettext(ui_words.key_name("*")) == "asterisco"
    assert [t.gettext(ui_words.key_name(k)) for k in "/-+.#"] == ["barra", "menos", "más", "punto", "numeral"]
    assert ui_words.key_name("7") == "7"
    assert i18n.tr("es", ui_words.PRESS_KEY, key=3) == "Oprima 3."
    assert i18n.ntr("es", ui_words.SECONDS, 5) == "5 segundos"
    assert i18n.tr("es", ui_words.SPEECH_ON_SIGN) == "Voz encendida"  # a context: not the "Speech on" choice
    assert i18n.tr("es", ui_words.SPEECH_ON) == "Encender voz"


def test_english_and_unknown_languages_keep_the_english_words():
    for language in ("en", "en-US", "fr", "", "xx-YY"):
        t = translator(language)
        assert t.gettext(ui_words.BACK) == "Back"
        assert t.ngettext(*ui_words.SECONDS, 1).format(n=1) == "1 second"
        assert i18n.tr(language, ui_words.SPEECH_ON_SIGN) == "Speech on"  # the context never shows
        assert i18n.tr(language, ui_words.PAGE_OF, n=2, total=6) == "Page 2 of 6"


def test_a_regional_code_falls_back_to_its_language():
    assert translator("es-MX").gettext(ui_words.BACK) == "Atrás"
    assert i18n.catalog_path("es-MX") == LOCALE / "es" / "LC_MESSAGES" / "kiosk.mo"
    assert "es" in i18n.languages_with_catalogs()


@pytest.mark.parametrize("language", catalog_languages())
def test_key_guides_fit_the_same_widths_as_the_english(language):
    """K-V1: the narrow guide, after "0 Atrás " or "0 Inicio ", fits 40 columns."""
    rests = [ui_words.KEY_GUIDE_REST_WIDE, ui_words.KEY_GUIDE_REST_MIDDLE, ui_words.KEY_GUIDE_REST_NARROW]
    widths = [len(rest) for rest in rests]
    for rest, width in zip(rests, widths, strict=True):
        assert len(i18n.tr(language, rest)) <= width, i18n.tr(language, rest)
    for zero in (ui_words.BACK, ui_words.HOME):
        narrow = f"0 {i18n.tr(language, zero)} {i18n.tr(language, ui_words.KEY_GUIDE_REST_NARROW)}"
        assert len(narrow) <= 40, narrow


def test_every_phrase_in_ui_words_is_used():
    """No dead phrases. Each phrase of kiosk.words.ui_words is named somewhere else in kiosk/,
    and every marked message comes from ui_words (no word marked inline, out of its sight)."""
    names = [name for name in vars(ui_words) if name.isupper()]
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "kiosk").rglob("*.py")
                     if p.name != "ui_words.py")
    unused = [name for name in names if not re.search(rf"\b{name}\b", code)]
    assert not unused, f"phrases no code uses (remove them, then `make messages`): {unused}"
    elsewhere = {msgid: filename for msgid, filename in extracted().items() if not filename.endswith("ui_words.py")}
    assert not elsewhere, f"marked outside kiosk/words/ui_words.py: {elsewhere}"


def test_i18n_and_ui_words_are_pure():
    """Pure code (controller, speech) imports them: no Textual, no Babel at run time."""
    code = "import sys, kiosk.words.i18n, kiosk.words.ui_words; " \
           "print(sorted(m for m in sys.modules if m.split('.')[0] in " \
           "('textual', 'babel')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
