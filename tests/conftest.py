"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from project_helpers import Project, copy_project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """The default project, events included."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def empty_project(tmp_path: Path) -> Project:
    """The default project with content/events/ empty (articles, outlets, gazetteer kept)."""
    return copy_project(tmp_path / "project", with_events=False)
