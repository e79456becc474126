"""A notebook's parameters: read from its cell tagged 'parameters', checked before anything runs.

The parameters cell is read the way papermill's ``inspect_notebook`` reads it (annotated assignments), without
importing papermill, so planning a build that reuses everything stays fast. A build passes only the
parameters a notebook declares, each of the declared type: a typo is an error before any kernel starts.
"""
from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

from ..errors import BegrotingslabError

TYPE_NAMES = {"int": int, "str": str, "float": float, "bool": bool}


def notebook_parameters(notebook: Path) -> dict[str, dict[str, Any]]:
    """The notebook's declared parameters: name -> {'type': 'int'|'str'|..., 'default': source text}.

    Reads the cell tagged 'parameters' the way papermill's inspect_notebook does (annotated assignments),
    without importing papermill, so planning a build that reuses everything stays fast.
    """
    try:
        nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BegrotingslabError(f"{notebook}: not a readable notebook ({exc})") from None
    cells = [c for c in nb.get("cells", []) if "parameters" in c.get("metadata", {}).get("tags", [])]
    if not cells:
        return {}
    source = cells[0]["source"]
    source = "".join(source) if isinstance(source, list) else source
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise BegrotingslabError(f"{notebook}: the parameters cell is not valid Python (line {exc.lineno})") from None
    declared: dict[str, dict[str, Any]] = {}
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            declared[node.target.id] = {"type": ast.unparse(node.annotation),
                                        "default": ast.unparse(node.value) if node.value else None}
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    declared[target.id] = {"type": None, "default": ast.unparse(node.value)}
    return declared


def validate_parameters(notebook: Path, parameters: dict[str, Any],
                        declared: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """Check parameters against the annotated parameters cell: unknown names and wrong types are errors."""
    declared = notebook_parameters(notebook) if declared is None else declared
    if not declared:
        raise BegrotingslabError(f"{notebook}: has no cell tagged 'parameters'")
    unknown = sorted(set(parameters) - set(declared))
    if unknown:
        raise BegrotingslabError(f"{notebook}: unknown parameter(s) {', '.join(unknown)} "
                                 f"(the notebook declares: {', '.join(sorted(declared))})")
    for name, value in parameters.items():
        expected = TYPE_NAMES.get(str(declared[name]["type"]).replace("typing.", ""))
        if expected is None:
            continue  # not annotated, or a type we do not check
        ok = isinstance(value, expected) and not (expected is int and isinstance(value, bool))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            ok = True
        if not ok:
            raise BegrotingslabError(f"{notebook}: parameter '{name}' must be {expected.__name__}, "
                                     f"got {type(value).__name__} {value!r}")
    return parameters
