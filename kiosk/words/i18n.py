"""The interface's own words in other languages: gettext catalogs.

The kiosk's screen words and spoken phrases are written in English in the code and marked for
translation (see :mod:`kiosk.words.ui_words`). ``make messages`` extracts them with Babel into
``kiosk/locale/kiosk.pot`` and updates each language's ``kiosk/locale/<lang>/LC_MESSAGES/kiosk.po``;
``make compile-messages`` compiles those into the ``kiosk.mo`` files this module reads. The .mo
files are committed and shipped as package data, so a fresh clone and an installed kiosk need
neither Babel nor a build step: at run time only the standard library's :mod:`gettext` is used.

Pure: no Textual, no settings. A language with no catalog (English, the source language, or a
language not translated yet) gets a :class:`gettext.NullTranslations`, which gives back the
English words: the kiosk still works, and ``tests/unit/test_catalogs.py`` says what is missing.

Usage::

    t = translator("es")
    t.gettext(ui_words.BACK)                                  # "Atrás"
    t.gettext(ui_words.PAGE_OF).format(n=2, total=6)         # "Página 2 de 6"
    t.ngettext(*ui_words.SECONDS, 5).format(n=5)              # "5 segundos"

or, in one call, from pure code and widgets (screens have ``self._`` and ``self.n_``)::

    tr("es", ui_words.PAGE_OF, n=2, total=6)                  # "Página 2 de 6"
    ntr("es", ui_words.SECONDS, 5)                            # "5 segundos"
"""

from __future__ import annotations

import datetime
import functools
import gettext
from pathlib import Path

__all__ = ["DOMAIN", "LOCALE_DIR", "SOURCE_LANGUAGE", "catalog_path", "date_words", "has_catalog",
           "languages_with_catalogs", "ntr", "tr", "translator"]

#: The gettext domain: the catalogs are ``kiosk.pot``, ``kiosk.po`` and ``kiosk.mo``.
DOMAIN = "kiosk"
#: Where the catalogs live, inside the package (shipped as package data).
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
#: The language the code's own words are written in; it has no catalog.
SOURCE_LANGUAGE = "en"


def _gettext_names(language: str) -> list[str]:
    """Catalog names to try for a kiosk language code, most specific first.

    Content uses ``es`` or ``es-MX`` (model.LanguageCode); gettext folders use ``es_MX``.
    A regional code falls back to its language: ``es-MX`` reads ``es_MX``, then ``es``.
    """
    code = language.strip().replace("-", "_")
    base = code.split("_")[0].lower()
    return [code, base] if code != base else [base]


def catalog_path(language: str) -> Path:
    """Where the compiled catalog of ``language`` is (whether or not it exists)."""
    return LOCALE_DIR / _gettext_names(language)[-1] / "LC_MESSAGES" / f"{DOMAIN}.mo"


@functools.lru_cache(maxsize=16)
def translator(language: str) -> gettext.NullTranslations:
    """The catalog of ``language`` (``"es"``, ``"es-MX"``), read once and cached.

    English, and any language without a compiled catalog, get a ``NullTranslations`` that returns
    the English words unchanged. Never raises for a missing or unknown language: a patient must
    never meet a crash because a catalog is missing (the catalog tests catch that before release).
    """
    if not language or language.split("-")[0].lower() == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=_gettext_names(language), fallback=True)


def has_catalog(language: str) -> bool:
    """True for the source language and for any language with a compiled catalog (a regional
    code such as ``es-MX`` is covered by its language's catalog)."""
    if language.split("-")[0].lower() == SOURCE_LANGUAGE:
        return True
    return any((LOCALE_DIR / name / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file() for name in _gettext_names(language))


def languages_with_catalogs() -> list[str]:
    """Language folders that hold a compiled catalog, e.g. ``["es"]`` (sorted)."""
    if not LOCALE_DIR.is_dir():
        return []
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))


#: Separates a message's context from its words, as gettext stores ``pgettext`` messages.
CONTEXT_SEPARATOR = "\x04"


def tr(language: str, message: str, **fields: object) -> str:
    """``message`` in ``language``, then ``str.format(**fields)`` when fields are given.

    ``message`` is a marked phrase of :mod:`kiosk.words.ui_words` (``N_``, or ``Np_`` with a context);
    a phrase with no translation comes back in English. Without fields nothing is formatted,
    so braces in a phrase are left alone.
    """
    translated = translator(language).gettext(message)
    if CONTEXT_SEPARATOR in translated:  # a context phrase with no translation: its English words
        translated = translated.split(CONTEXT_SEPARATOR, 1)[1]
    return translated.format(**fields) if fields else translated


def ntr(language: str, pair: tuple[str, str], n: int, **fields: object) -> str:
    """The singular or plural of ``pair`` (``Nn_``) for ``n`` in ``language``, formatted with
    ``n`` and ``fields``: ``ntr("es", SECONDS, 5)`` is "5 segundos"."""
    return translator(language).ngettext(pair[0], pair[1], n).format(n=n, **fields)


def date_words(day: datetime.date, language: str = "en") -> str:
    """A date as the kiosk writes it: "November 25, 2026", "25 de noviembre de 2026"; month
    names from the catalog, never from the process locale."""
    from kiosk.words import ui_words

    month = tr(language, ui_words.MONTHS[day.month - 1])
    return tr(language, ui_words.DATE, month=month, day=day.day, year=day.year)
