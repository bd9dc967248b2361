"""The kiosk's screens: each draws part of the Library or a session and speaks what it draws."""
