"""The studio's screens: PIN, library, new topic, add translation, editor, preview."""
