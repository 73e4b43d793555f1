"""Fixtures of the export tests; the sessions themselves are built by `export_sessions`."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def sessions(tmp_path: Path) -> Path:
    """The sessions folder of one test."""
    return tmp_path / "sessions"
