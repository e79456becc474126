"""Errors a user can act on: they name the file and what is wrong with it."""
from __future__ import annotations

from pathlib import Path


class BegrotingslabError(Exception):
    """Base class for errors reported to the user as one line, without a traceback."""


class InputError(BegrotingslabError):
    """A source document (or other input file) cannot be read or makes no sense."""

    def __init__(self, path: str | Path, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class InputWarning(UserWarning):
    """A problem with part of a document that was read anyway (an empty page of an online edition, say)."""

    def __init__(self, path: str | Path, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
