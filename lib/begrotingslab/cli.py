"""The ``begrotingslab`` command: parse documents, build reports.

Errors a user can act on are printed as one line (file and problem) with exit code 2; they never
show a traceback.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from pathlib import Path

from . import __version__, limits
from .errors import BegrotingslabError, InputWarning

EXIT_INPUT = 2  # bad input: a file that cannot be read, an unknown option value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of 1 or more, not {text!r}")
    return value


def _add_limit_args(parser: argparse.ArgumentParser) -> None:
    """The input limits (see `begrotingslab limits`), changeable for one run."""
    defaults = limits.current()
    for name, option in limits.OPTIONS.items():
        parser.add_argument(option, dest=name, type=float if name == "max_file_mb" else _positive_int,
                            metavar="N", help=f"limit: {limits.DESCRIPTIONS[name]} (now {getattr(defaults, name):g})")


def _add_document_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", help="a document: .txt, .md, .pdf, .html/.htm, .docx, or a folder of HTML pages")
    parser.add_argument("--municipality", help="municipality name (default: front matter, else the folder under data/raw/)")
    parser.add_argument("--year", type=int, help="budget year (default: from the title, e.g. 'Programmabegroting 2024')")
    _add_limit_args(parser)


def cmd_limits(args: argparse.Namespace) -> int:
    """Print the input limits in force and how to change them."""
    print(limits.describe())
    return 0


def cmd_parse(args: argparse.Namespace) -> int:
    from .structure import parse_document

    document = parse_document(args.path, municipality=args.municipality, year=args.year)
    _print_json(document.to_dict())
    return 0


def sentence_annotations(sentences, args: argparse.Namespace) -> dict[str, dict]:
    """sentence_id -> the extra JSON fields every analysis adds to that sentence."""
    extra: dict[str, dict] = {sid: {} for sid in sentences["sentence_id"]}
    from .themes import tag_sentences  # themes per sentence, with the words that matched
    tagged = tag_sentences(sentences, _taxonomy(args))
    for sid, ids, evidence in zip(tagged["sentence_id"], tagged["themes"], tagged["theme_evidence"]):
        extra.setdefault(sid, {}).update(themes=list(ids), theme_evidence={k: list(v) for k, v in evidence.items()})
    from .ambitions import annotations as ambition_annotations  # issue 5: statement, smart, deadline, ...
    for sid, fields in ambition_annotations(sentences).items():
        extra.setdefault(sid, {}).update(fields)
    return extra


def cmd_analyse(args: argparse.Namespace) -> int:
    from .corpus import document_tables
    from .structure import parse_document

    document = parse_document(args.path, municipality=args.municipality, year=args.year)
    extra = sentence_annotations(document_tables(document)["sentences"], args)
    out = document.to_dict()
    for programme in out["programmes"]:
        for section in programme["sections"]:
            for paragraph in section["paragraphs"]:
                for sentence in paragraph["sentences"]:
                    sentence.update(extra.get(sentence["id"], {}))
    _print_json(out)
    return 0


def cmd_ambitions(args: argparse.Namespace) -> int:
    """One CSV row per ambition or commitment of one document, for use in a spreadsheet."""
    from .ambitions import ambitions_table, classify_sentences
    from .corpus import document_tables
    from .structure import parse_document

    document = parse_document(args.path, municipality=args.municipality, year=args.year)
    from .spreadsheet import to_csv

    table = ambitions_table(classify_sentences(document_tables(document)["sentences"]))
    to_csv(table, sys.stdout, lineterminator="\n")  # document text never becomes a formula
    return 0


MONEY_TABLE_FIELDS = ["programme", "title", "unit", "consistent"]
MONEY_AMOUNT_FIELDS = ["programme", "table", "row", "kind", "total", "column", "year", "column_kind", "value", "unit",
                       "euros"]


def cmd_money(args: argparse.Namespace) -> int:
    """The money tables of one document: per table its unit and whether it adds up; per amount what it is."""
    from .money import money_tables
    from .structure import parse_document

    document = parse_document(args.path, municipality=args.municipality, year=args.year)
    found = money_tables(document)
    if args.format == "csv":
        from .spreadsheet import to_csv

        titles = found["tables"].set_index("table")["title"]
        amounts = found["amounts"].assign(title=found["amounts"]["table"].map(titles))
        to_csv(amounts[MONEY_AMOUNT_FIELDS[:2] + ["title"] + MONEY_AMOUNT_FIELDS[2:]], sys.stdout,
               lineterminator="\n")  # row labels never become formulas
        return 0
    _print_json({"tables": _records(found["tables"], MONEY_TABLE_FIELDS),
                 "amounts": _records(found["amounts"], MONEY_AMOUNT_FIELDS)})
    return 0


INDICATOR_FIELDS = ["programme", "number", "name", "unit", "source", "bbv", "canonical"]
INDICATOR_VALUE_FIELDS = ["year", "kind", "value", "comparison"]


def cmd_indicators(args: argparse.Namespace) -> int:
    """The beleidsindicatoren of one document: per indicator its name, number, unit and source, per value its
    year, kind and comparison; a value is a number, or text where the table prints no number ('behaald')."""
    from .money import indicator_tables
    from .structure import parse_document

    document = parse_document(args.path, municipality=args.municipality, year=args.year)
    found = indicator_tables(document)
    values = found["values"].astype(object)
    values["value"] = values["value"].where(values["value"].notna(), values["text"])
    if args.format == "csv":
        from .spreadsheet import to_csv

        rows = found["indicators"].merge(values, on=["doc_id", "indicator"])
        to_csv(rows[INDICATOR_FIELDS + INDICATOR_VALUE_FIELDS], sys.stdout, lineterminator="\n")
        return 0
    per_indicator = {}
    for number, value in zip(values["indicator"], _records(values, INDICATOR_VALUE_FIELDS)):
        per_indicator.setdefault(number, []).append(value)
    indicators = zip(found["indicators"]["indicator"], _records(found["indicators"], INDICATOR_FIELDS))
    _print_json({"indicators": [{**fields, "values": per_indicator.get(number, [])} for number, fields in indicators]})
    return 0


def _records(frame, columns: list[str]) -> list[dict]:
    """A frame's rows as plain dicts (pandas' NA and NaN become None)."""
    return [dict(zip(columns, row)) for row in frame[columns].astype(object).itertuples(index=False)]


def cmd_compare(args: argparse.Namespace) -> int:
    """Promises of two years of one municipality: continued, changed, new, dropped; and theme shifts."""
    from .compare import compare_years, pairs_to_json
    from .corpus import load_corpus

    corpus = load_corpus(args.data)
    for error in corpus.errors:
        print(f"begrotingslab: warning: {error}", file=sys.stderr)
    result = compare_years(corpus, args.municipality, args.from_year, args.to_year, taxonomy=_taxonomy(args))
    _print_json({
        "municipality": args.municipality, "from": args.from_year, "to": args.to_year,
        "pairs": pairs_to_json(result["pairs"]),
        "themes": result["themes"].to_dict("records"),
        "programmes": result["programmes"].to_dict("records"),
        "follow_up": json.loads(result["follow_up"].to_json(orient="records", force_ascii=False)),
    })
    return 0


ACCOUNTABILITY_FIELDS = ["id", "text", "programme", "status", "new_year"]


def cmd_accountability(args: argparse.Namespace) -> int:
    """Every promise of the begroting of one year with what the jaarstukken of that year say became of it."""
    from .accountability import accountability
    from .corpus import load_corpus

    corpus = load_corpus(args.data)
    for error in corpus.errors:
        print(f"begrotingslab: warning: {error}", file=sys.stderr)
    result = accountability(corpus, args.municipality, args.year).rename(columns={"promise_id": "id"})
    if args.format == "csv":
        from .spreadsheet import to_csv

        flat = result.assign(evidence_ids=result["evidence"].map(lambda ev: "; ".join(e["id"] for e in ev)),
                             evidence_text=result["decided_text"])
        to_csv(flat[ACCOUNTABILITY_FIELDS + ["similarity", "evidence_text", "evidence_ids"]], sys.stdout,
               lineterminator="\n")  # document text never becomes a formula
        return 0
    promises = [{**fields, "evidence": evidence}
                for fields, evidence in zip(_records(result, ACCOUNTABILITY_FIELDS), result["evidence"])]
    _print_json({"municipality": args.municipality, "year": args.year, "promises": promises})
    return 0


def _taxonomy(args: argparse.Namespace):
    from .themes import load_taxonomy

    return load_taxonomy(getattr(args, "taxonomy", None) or None)


def cmd_build(args: argparse.Namespace) -> int:
    from .build.pipeline import build

    summary = build(data_dir=Path(args.data), out_dir=Path(args.out), municipalities=args.municipality,
                    years=args.year, notebooks=args.notebook, jobs=args.jobs, force=args.force,
                    notebooks_dir=Path(args.notebooks) if args.notebooks else None, timeout=args.timeout,
                    dask_address=args.dask, taxonomy=Path(args.taxonomy) if args.taxonomy else None,
                    allow_other_files=args.allow_other_files, allow_shrink=args.allow_shrink)
    return summary.exit_code


def cmd_clean(args: argparse.Namespace) -> int:
    """Remove what builds wrote: the reports the manifest of --out lists, and/or the caches under --data."""
    import shutil

    from . import paths
    from .build.manifest import remove_all

    if not (args.reports or args.cache):
        raise BegrotingslabError("clean: say what to remove: --reports, --cache or both")
    removed = len(remove_all(Path(args.out))) if args.reports else 0
    for path in paths.caches(Path(args.data)) if args.cache else []:
        shutil.rmtree(path) if path.is_dir() else path.unlink()
        removed += 1
    print(f"removed {removed} report file(s) and cache folder(s)", file=sys.stderr)
    return 0


def _json_safe(obj: object) -> object:
    """NaN and pandas' NA become null: the output is strict JSON that any parser reads."""
    if isinstance(obj, dict):
        return {k: _json_safe(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_json_safe(v) for v in obj]
    if isinstance(obj, float) and obj != obj:
        return None
    if obj is not None and type(obj).__name__ in ("NAType", "NaTType"):
        return None
    if hasattr(obj, "item") and not isinstance(obj, (str, bytes)):  # numpy scalars
        return _json_safe(obj.item())
    return obj


def _print_json(obj: object) -> None:
    json.dump(_json_safe(obj), sys.stdout, ensure_ascii=False, indent=2, allow_nan=False)
    sys.stdout.write("\n")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="begrotingslab", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"begrotingslab {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("parse", help="structure one document and print it as JSON")
    _add_document_args(p)
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser("analyse", help="parse one document and add the analyses of every sentence (JSON)")
    _add_document_args(p)
    p.add_argument("--taxonomy", help="theme taxonomy YAML (default: the one shipped with begrotingslab)")
    p.set_defaults(func=cmd_analyse)

    p = sub.add_parser("ambitions", help="one CSV row per ambition or commitment of one document (SMART scores, reasons)")
    p.add_argument("path", help="a document file (.txt, .md, ...)")
    p.add_argument("--municipality", help="municipality name (default: front matter, else the folder under data/raw/)")
    p.add_argument("--year", type=int, help="budget year (default: from the title)")
    _add_limit_args(p)
    p.set_defaults(func=cmd_ambitions)

    p = sub.add_parser("money", help="the money tables of one document: one entry per amount (JSON or CSV)")
    _add_document_args(p)
    p.add_argument("--format", choices=("json", "csv"), default="json", help="output format (default: json)")
    p.set_defaults(func=cmd_money)

    p = sub.add_parser("indicators", help="the beleidsindicatoren of one document: one entry per indicator with its "
                                          "values (JSON), or one row per value (CSV)")
    _add_document_args(p)
    p.add_argument("--format", choices=("json", "csv"), default="json", help="output format (default: json)")
    p.set_defaults(func=cmd_indicators)

    p = sub.add_parser("compare", help="compare the promises and themes of two years of one municipality (JSON)")
    p.add_argument("--data", default="data", help="data folder (default: data)")
    p.add_argument("--municipality", required=True, help="municipality, as its folder under data/raw/")
    p.add_argument("--from", dest="from_year", type=int, required=True, help="earlier year")
    p.add_argument("--to", dest="to_year", type=int, required=True, help="later year")
    p.add_argument("--taxonomy", help="theme taxonomy YAML (default: the one shipped with begrotingslab)")
    _add_limit_args(p)
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("accountability", help="what became of every promise of one year's begroting, according to the "
                                              "jaarstukken of that year (JSON or CSV)")
    p.add_argument("--data", default="data", help="data folder (default: data)")
    p.add_argument("--municipality", required=True, help="municipality, as its folder under data/raw/")
    p.add_argument("--year", type=int, required=True, help="the year of the begroting and the jaarstukken")
    p.add_argument("--format", choices=("json", "csv"), default="json", help="output format (default: json)")
    _add_limit_args(p)
    p.set_defaults(func=cmd_accountability)

    p = sub.add_parser("build", help="run every notebook for every (municipality, year) and render HTML reports")
    p.add_argument("--data", default="data", help="data folder with raw/<municipality>/<files> (default: data)")
    p.add_argument("--out", default="reports", help="output folder (default: reports)")
    p.add_argument("--municipality", action="append", help="only this municipality (repeatable)")
    p.add_argument("--year", type=int, action="append", help="only this year (repeatable)")
    p.add_argument("--notebook", action="append", help="only this notebook, e.g. 01_overzicht (repeatable)")
    p.add_argument("--notebooks", help="folder with the notebooks (default: notebooks/ of this project)")
    p.add_argument("--jobs", type=_positive_int, default=None, help="kernels at once (default: number of cores)")
    p.add_argument("--force", action="store_true", help="rebuild reports whose inputs did not change")
    p.add_argument("--timeout", type=_positive_int, default=600, help="seconds one notebook may take (default: 600)")
    p.add_argument("--taxonomy", help="theme taxonomy YAML for the notebooks that take one (default: the shipped one)")
    p.add_argument("--dask", metavar="ADDRESS", help="run on an existing Dask cluster, e.g. tcp://scheduler:8786")
    p.add_argument("--allow-other-files", action="store_true",
                   help="build into an --out that also holds files no build wrote (they are never removed)")
    p.add_argument("--allow-shrink", action="store_true",
                   help="accept a data folder that is empty or holds less than half the documents of the last build "
                        "(their reports are then removed)")
    _add_limit_args(p)
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("clean", help="remove what builds wrote (the reports the manifest lists; the caches)")
    p.add_argument("--out", default="reports", help="output folder of the builds (default: reports)")
    p.add_argument("--data", default="data", help="data folder (default: data)")
    p.add_argument("--reports", action="store_true", help="remove the files the manifest of --out lists")
    p.add_argument("--cache", action="store_true", help="remove the caches under DATA/processed (parsed documents, "
                                                        "corpus snapshots, topics, lemmas)")
    p.set_defaults(func=cmd_clean)

    p = sub.add_parser("limits", help="print the limits on input documents and how to change them")
    p.set_defaults(func=cmd_limits)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    before = {name: os.environ.get(name) for name in limits.ENV.values()}
    try:
        limits.apply(**{name: getattr(args, name, None) for name in limits.OPTIONS})
        with warnings.catch_warnings():
            warnings.simplefilter("always", InputWarning)
            warnings.showwarning = _show_warning
            return args.func(args)
    except BegrotingslabError as exc:
        print(f"begrotingslab: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("begrotingslab: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a folder that cannot be written, a disk that is full: one line, no traceback
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        print(f"begrotingslab: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_INPUT
    finally:  # limits given on the command line hold for this command only
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Warnings about input as one line each ('begrotingslab: warning: raw/x/p.html: the page is empty; skipped')."""
    if isinstance(message, InputWarning):
        print(f"begrotingslab: warning: {message}", file=sys.stderr)
    else:
        print(warnings.formatwarning(message, category, filename, lineno, line), file=sys.stderr, end="")


if __name__ == "__main__":
    sys.exit(main())
