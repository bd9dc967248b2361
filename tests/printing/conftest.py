"""Fixtures for the printing tests: a private cupsd with a cups-pdf queue (see cupsd.py)."""

from __future__ import annotations

import pytest

from tests.printing.cupsd import PrivateCups, why_not_here


def _need_cups() -> None:
    reason = why_not_here()
    if reason:
        pytest.skip(reason)


@pytest.fixture(scope="session")
def private_cups():
    """One private scheduler for the session, with the KioskPDF queue; stopped and removed after."""
    _need_cups()
    cups = PrivateCups.create()
    try:
        cups.start()
        cups.add_pdf_queue("KioskPDF")
        yield cups
    finally:
        cups.close()


@pytest.fixture
def fresh_cups():
    """A scheduler of the test's own, for tests that stop it or change its settings."""
    _need_cups()
    made: list[PrivateCups] = []

    def factory(**kwargs) -> PrivateCups:
        cups = PrivateCups.create(**kwargs)
        made.append(cups)
        cups.start()
        return cups

    yield factory
    for cups in made:
        cups.close()


@pytest.fixture
def topic(shipped_library):
    return next(t for t in shipped_library.topics if t.flow is not None and t.language == "en")
