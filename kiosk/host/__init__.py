"""The machine under the kiosk: the clock, atomic file writes, the data folder, the journal,
systemd's notify socket and the exit codes systemd and staff read.

Imports nothing else of the kiosk, so content, visit and the services can all stand on it.
"""
