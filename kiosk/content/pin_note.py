"""The note staff get when no staff PIN is set (from ``kiosk validate`` and in the running kiosk's log),
and the command to set it again that a damaged PIN hash's error names.

A patient pressing 0-0-0 is told nothing, so staff learn here why staff mode does not open.
It lives in the content layer (it is about ``kiosk.yaml``) so the command line and the launcher
both use it without importing each other.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.content.settings import SETTINGS_FILE


def set_pin_words(folder: Path | str) -> str:
    """The command that sets the PIN for this content folder, quoted as staff type it."""
    return f"'kiosk set-pin --content {folder}'"


def no_pin_note(folder: Path | str) -> str:
    """One ``file: field: note`` line naming the command that sets a PIN for this folder."""
    return (f"{Path(folder) / SETTINGS_FILE}: staff.pin_hash: note: no staff PIN is set, so staff mode cannot be "
            f"opened; set one with {set_pin_words(folder)}")
