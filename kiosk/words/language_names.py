"""Each language's name in its own words, for home's language key.

A Spanish reader looks for "Español", not "Spanish": home offers every other language in its own
name and its own words ("Español: oprima 8"). This table covers the languages clinics in the US
most often serve; a clinic adds any other under ``language_names`` in ``kiosk.yaml``, and
validation refuses a second language that has a name in neither place. Pure, no Textual.
"""

from __future__ import annotations

from collections.abc import Mapping

#: Names as each language writes itself (Latin script only where the terminal fonts of a kiosk
#: are sure to have the glyphs; other scripts come from ``language_names`` in kiosk.yaml).
OWN_NAMES: Mapping[str, str] = {
    "en": "English",
    "es": "Español",
    "fr": "Français",
    "ht": "Kreyòl ayisyen",
    "pt": "Português",
    "vi": "Tiếng Việt",
    "tl": "Tagalog",
    "de": "Deutsch",
    "it": "Italiano",
    "pl": "Polski",
    "so": "Soomaali",
    "sw": "Kiswahili",
}


def own_name(code: str, extra: Mapping[str, str] | None = None) -> str | None:
    """``code``'s name in its own language: kiosk.yaml's ``language_names`` first, then the
    table, then the base language of a regional code ("es-MX" → "Español"); None if unknown."""
    for table in (extra or {}, OWN_NAMES):
        if code in table:
            return table[code]
        base = code.split("-")[0]
        if base in table:
            return table[base]
    return None
