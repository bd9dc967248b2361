"""The staff studio (``kiosk studio``): write, check, preview, hear and publish topics.

A separate Textual app for clinic staff, never reachable from the patient kiosk: nothing under
``kiosk/`` outside this package imports it (tests/unit/test_import_contract.py). It reuses the
kiosk's own content path to check files and the kiosk's own screens to preview them.
"""
