"""Begrotingslab: load Dutch municipal programme budgets, analyse them, and report on them."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("begrotingslab")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"
