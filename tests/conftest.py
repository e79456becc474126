"""Shared fixtures: the real seed document and synthetic budgets written for the tests."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from seed import SEED
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def synthetic_md() -> Path:
    return FIXTURES / "synthetic_programmabegroting_2025.md"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh data folder holding the seed, laid out as users do: data/raw/<gemeente>/<file>."""
    target = tmp_path / "data" / "raw" / "diemen"
    target.mkdir(parents=True)
    shutil.copy(SEED, target / SEED.name)
    return tmp_path / "data"
