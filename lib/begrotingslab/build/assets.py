"""The files every report page shares, written once per site under ``OUT/_static/`` and loaded by a relative
link (reports open from a file share: nothing comes from the network, and no page carries its own copy).

They ship in ``begrotingslab/static/`` (its README.md says where each comes from): DataTables, which makes the
long tables of a report sortable, searchable and paged, its styles, and ``tabellen.js``, which starts it on
every ``table.bl-interactive`` with Dutch labels.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..files import atomic_write
from ..fingerprint import bytes_hash
from ..paths import PACKAGE_DIR

FOLDER = "_static"
FROM_REPORT = f"../../{FOLDER}"  # as a report page (OUT/<gemeente>/<jaar>/NN_name.html) links to them
SOURCE = PACKAGE_DIR / "static"
NAMES = ("datatables.js", "datatables.css", "tabellen.js")
# the third-party files as they were copied from their release (static/README.md); a test holds them to it
VENDORED = {"datatables.js": "2050bcff007823d21472681c2e74b1eaf96893830a92acf9f6bb961a58f5c617",
            "datatables.css": "156624d53bf9385a37f857fbc290361d4104d3536d30930fb86bce5cc0f19387"}


def paths(out_dir: Path) -> list[Path]:
    """Where the shared files go in OUT (so the build records them before writing)."""
    return [Path(out_dir) / FOLDER / name for name in NAMES]


@lru_cache(maxsize=1)
def contents() -> dict[str, bytes]:
    """The shared files by name."""
    return {name: (SOURCE / name).read_bytes() for name in NAMES}


def write(out_dir: Path) -> None:
    """Write the shared files into OUT, each only when its content changed (a rebuild leaves them alone)."""
    for path, data in zip(paths(out_dir), contents().values()):
        try:
            if path.read_bytes() == data:
                continue
        except OSError:
            pass
        atomic_write(path, data)


def vendored_intact() -> dict[str, bool]:
    """Per third-party file: still the release it was copied from (static/README.md)."""
    return {name: bytes_hash(contents()[name]) == digest for name, digest in VENDORED.items()}
