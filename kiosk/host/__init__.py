"""The machine under the kiosk: the clock, atomic file writes, the data folder, the journal and
systemd's notify socket.

Imports nothing else of the kiosk, so content, visit and the services can all stand on it.
"""
