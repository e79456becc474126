"""The command-line contract that other tools rely on: JSON shape, nulls, one-line errors, exit codes."""
import json
import subprocess
import sys

import pytest

from begrotingslab.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_parse_prints_the_json_contract(capsys, seed_path):
    code, out, err = run(capsys, "parse", str(seed_path))
    assert code == 0 and err == ""
    data = json.loads(out)
    assert set(data) == {"document", "programmes", "unplaced_headings"}
    assert all(isinstance(h, str) for h in data["unplaced_headings"])
    assert set(data["document"]) == {"municipality", "kind", "year", "title", "status", "date", "source"}
    programme = data["programmes"][0]
    assert {"name", "portfolio_holders", "sections"} <= set(programme)
    section = programme["sections"][0]
    assert {"heading", "kind", "paragraphs"} <= set(section)
    sentence = section["paragraphs"][0]["sentences"][0]
    assert {"id", "text"} <= set(sentence)
    assert data["document"]["year"] == 2024 and data["document"]["date"] == "2023-11-09"


def test_parse_overrides(capsys, seed_path):
    code, out, _ = run(capsys, "parse", str(seed_path), "--municipality", "Ouder-Amstel", "--year", "2025")
    assert code == 0
    assert json.loads(out)["document"]["municipality"] == "Ouder-Amstel"
    assert json.loads(out)["document"]["year"] == 2025


def test_unknown_values_are_json_null(capsys, tmp_path):
    path = tmp_path / "los.md"
    path.write_text("# Wat gaan we doen?\n\nWe schilderen de raadszaal.\n", encoding="utf-8")
    code, out, _ = run(capsys, "parse", str(path))
    document = json.loads(out)["document"]
    assert code == 0 and document["municipality"] is None and document["year"] is None and document["date"] is None


@pytest.mark.parametrize("name, content, problem", [
    ("leeg.txt", b"", "empty"),
    ("binair.txt", bytes(range(256)) * 4, "binary"),
    ("kapot.txt", b"Begroting \x81\x8d\x8f\x90 2024\n", "neither UTF-8 nor cp1252"),
    ("plaatje.png", b"\x89PNG\r\n\x1a\n", "unsupported file type"),
])
def test_unreadable_files_give_one_line_and_exit_2(capsys, tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = run(capsys, "parse", str(path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and str(path) in err and problem in err


def test_missing_file_exit_2(capsys, tmp_path):
    code, _, err = run(capsys, "parse", str(tmp_path / "weg.txt"))
    assert code == 2 and "no such file" in err and "Traceback" not in err


def test_console_script_runs_without_traceback(tmp_path):
    """The installed command, as a user runs it."""
    result = subprocess.run([sys.executable, "-m", "begrotingslab.cli", "parse", str(tmp_path / "x.txt")],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr and "x.txt" in result.stderr


def test_every_option_is_read_by_its_command():
    """An option that is accepted and never read (a single-choice --format did that) is a promise not kept:
    every option's value is read by the command's code (``args.<name>``) or is an input limit."""
    import argparse
    import inspect

    from begrotingslab import cli, limits

    source = inspect.getsource(cli)
    for name, sub in next(a for a in cli.make_parser()._actions if isinstance(a, argparse._SubParsersAction)).choices.items():
        for action in sub._actions:
            if action.dest in ("help", "func") or action.dest in limits.OPTIONS:
                continue
            assert f"args.{action.dest}" in source, f"begrotingslab {name}: {action.option_strings} is never read"


def test_format_is_not_an_option_any_more(capsys, seed_path):
    with pytest.raises(SystemExit):
        main(["parse", str(seed_path), "--format", "json"])
    assert "unrecognized arguments: --format" in capsys.readouterr().err


def test_clean_removes_only_what_builds_wrote(tmp_path, capsys):
    """`make clean`: the files the manifest lists and the caches go; a file no build wrote stays."""
    from begrotingslab.build import manifest

    out, data = tmp_path / "reports", tmp_path / "data"
    ours = [out / "index.html", out / "diemen" / "2024" / "01_overzicht.html"]
    for path in ours:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("rapport")
    manifest.record(out, ours)
    theirs = out / "notities" / "mijn.txt"
    theirs.parent.mkdir()
    theirs.write_text("van iemand anders")
    for cache in ("processed/parsed/abc/documents.parquet", "processed/corpus/def/documents.parquet",
                  "processed/lemmas-123.json"):
        (data / cache).parent.mkdir(parents=True, exist_ok=True)
        (data / cache).write_text("cache")
    (data / "raw" / "diemen").mkdir(parents=True)
    (data / "raw" / "diemen" / "begroting.txt").write_text("document")
    assert main(["clean", "--out", str(out), "--data", str(data)]) == 2  # says what to remove
    assert main(["clean", "--reports", "--cache", "--out", str(out), "--data", str(data)]) == 0
    assert not any(p.exists() for p in ours) and not (out / "diemen").exists()
    assert theirs.read_text() == "van iemand anders"
    assert [p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file()] == ["raw/diemen/begroting.txt"]
