"""The kiosk's own words and how text is laid out: gettext catalogs (``i18n``), the interface's
words (``ui_words``), language names, plain text from Markdown, and splitting text into pages.

Imports nothing else of the kiosk: every other layer may use it.
"""
