"""The build's record of what it wrote in the output folder: it removes only what this record lists.

``OUT/.begrotingslab-manifest.json`` lists every file a build wrote (or was about to write: a file is
recorded before it is written, so a killed build leaves nothing unlisted), and how many documents the
last full build read. Pruning removes listed files that the current plan no longer makes, and nothing
else; a folder holding files the build did not write is refused unless the user allows it, and a corpus
that shrinks to nothing or by more than half is refused unless the user says it should.

Reports written before the manifest existed are recognised by their build state files and adopted.
Updates take a lock, so two builds into one folder at once do not lose each other's records.
"""
from __future__ import annotations

import fcntl
import json
import re
from contextlib import contextmanager
from pathlib import Path

from ..errors import BegrotingslabError
from ..files import atomic_write
from . import assets
from .exports import EXPORT_TABLES

NAME = ".begrotingslab-manifest.json"
LOCK = ".begrotingslab.lock"
STATE_SUFFIX = ".build.json"
ALWAYS_ALLOWED = {NAME, LOCK, "README.md", ".gitkeep"}  # at the top of OUT (reports/README.md ships in git)
TEMPORARY = re.compile(r"^\..+\.tmp$")  # atomic_write's temporary files, left by a killed build
# the files of a stamped export folder (exports.export_paths), recognised in an --out without a manifest
LEGACY_EXPORTS = re.compile(rf"^(?:(?:{'|'.join(EXPORT_TABLES)})\.(?:csv|parquet)"
                            r"|[a-z0-9-]+-\d{4}\.xlsx|headlines\.json|\.export\.sha256)$")


@contextmanager
def locked(out_dir: Path):
    """Hold the output folder's lock (other builds wait) while the manifest is read and written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / LOCK, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def read(out_dir: Path) -> dict:
    """The manifest ({'files': [...], 'documents': N}); an empty one when there is none yet."""
    try:
        data = json.loads((out_dir / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"files": [], "documents": None}
    if not isinstance(data, dict) or not isinstance(data.get("files"), list):
        raise BegrotingslabError(f"{out_dir / NAME}: damaged; move it away only if nothing else is in "
                                 f"{out_dir}, then build again")
    # only names inside the output folder: an edited manifest never makes a build delete anything elsewhere
    data["files"] = [name for name in data["files"] if _inside(name)]
    return data


def _inside(name) -> bool:
    """A relative name below the output folder ('diemen/2024/01_overzicht.html'), not '../x' or '/etc/x'."""
    if not isinstance(name, str) or not name:
        return False
    return not Path(name).is_absolute() and ".." not in Path(name).parts


def _write(out_dir: Path, files: set[str], documents: int | None) -> None:
    atomic_write(out_dir / NAME, json.dumps({"files": sorted(files), "documents": documents}, indent=0))


def _relative(out_dir: Path, path: Path) -> str:
    return Path(path).relative_to(out_dir).as_posix()


def legacy_files(out_dir: Path) -> set[str]:
    """Files a build wrote without a manifest (before manifests existed, or the manifest was lost): index pages,
    reports with a state file and the page of their municipality, stamped exports, the site's shared files."""
    found = {name for name in ("index.html", "index.json") if (out_dir / name).is_file()}
    found |= {f"{assets.FOLDER}/{name}" for name in assets.NAMES if _own_file(out_dir / assets.FOLDER / name)}
    for state in out_dir.glob(f"*/*/.*{STATE_SUFFIX}"):
        if _own_file(state.parent.parent / "index.html"):
            found.add(_relative(out_dir, state.parent.parent / "index.html"))
        stem = state.name[1:-len(STATE_SUFFIX)]
        for path in (state, state.with_name(f"{stem}.html"), state.with_name(f"{stem}.ipynb")):
            if _own_file(path):
                found.add(_relative(out_dir, path))
    for stamp in out_dir.glob("*/*/data/.export.sha256"):
        for path in stamp.parent.iterdir():
            if _own_file(path) and LEGACY_EXPORTS.match(path.name):
                found.add(_relative(out_dir, path))
    return found


def _own_file(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def foreign_files(out_dir: Path, known: set[str]) -> list[str]:
    """Files under OUT that no build of ours wrote (links and folders' contents included)."""
    if not out_dir.is_dir():
        return []
    foreign = []
    for path in sorted(out_dir.rglob("*")):
        if path.is_dir() and not path.is_symlink():
            continue
        name = _relative(out_dir, path)
        if name in known or (name in ALWAYS_ALLOWED) or TEMPORARY.match(path.name):
            continue
        foreign.append(name)
    return foreign


def check_out(out_dir: Path, allow_other_files: bool) -> set[str]:
    """The files of ours in OUT (manifest and adopted older reports); refuses a folder with other files."""
    known = set(read(out_dir)["files"]) | legacy_files(out_dir)
    foreign = foreign_files(out_dir, known)
    if foreign and not allow_other_files:
        more = f" and {len(foreign) - 1} more" if len(foreign) > 1 else ""
        raise BegrotingslabError(f"{out_dir}: holds files this build did not write ({foreign[0]}{more}); choose an "
                                 f"empty or new --out, or pass --allow-other-files to build beside them "
                                 f"(they are never removed)")
    return known


def check_shrink(out_dir: Path, documents: int, allow_shrink: bool, data_dir: Path) -> None:
    """Refuse a corpus that shrank to nothing or by more than half since the last full build."""
    before = read(out_dir).get("documents")
    if allow_shrink:
        return
    if documents == 0:
        raise BegrotingslabError(f"{data_dir}: no documents found (is the folder mounted?); nothing is built or "
                                 f"removed. Pass --allow-shrink if the data folder is meant to be empty")
    if isinstance(before, int) and documents * 2 < before:
        raise BegrotingslabError(f"{data_dir}: {documents} document(s), against {before} in the last full build "
                                 f"into {out_dir}; nothing is built or removed. Pass --allow-shrink if that is "
                                 f"meant to be")


def record(out_dir: Path, paths, documents: int | None = None) -> None:
    """Add files (written, or about to be) to the manifest; with ``documents``, also the corpus size."""
    with locked(out_dir):
        data = read(out_dir)
        files = set(data["files"]) | {_relative(out_dir, Path(p)) for p in paths}
        _write(out_dir, files, data.get("documents") if documents is None else documents)


def remove_all(out_dir: Path) -> list[str]:
    """Remove every file the manifest lists, the folders they leave empty, and the manifest itself (``make clean``).
    Files no build wrote stay."""
    if not (out_dir / NAME).exists():
        return []
    removed = prune(out_dir, keep=[])
    for name in (NAME, LOCK):
        (out_dir / name).unlink(missing_ok=True)
    return removed


def prune(out_dir: Path, keep, documents: int | None = None) -> list[str]:
    """Remove the listed files that are not in ``keep``, then the folders they leave empty.

    Returns what was removed. Files not in the manifest are never touched, nor are folders holding them.
    """
    keep = {_relative(out_dir, Path(p)) for p in keep}
    removed = []
    with locked(out_dir):
        data = read(out_dir)
        listed = set(data["files"])
        for name in sorted(listed - keep):
            path = out_dir / name
            if path.is_symlink() or path.is_file():
                path.unlink()
                removed.append(name)
        for name in sorted(removed, key=lambda n: -n.count("/")):
            folder = (out_dir / name).parent
            while folder != out_dir and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
        _write(out_dir, listed & keep, data.get("documents") if documents is None else documents)
    return removed
