"""Rebuild data/external/iv3/iv3.parquet from the CBS Iv3 files (Bron: CBS, Iv3; CC BY 4.0).

    python scripts/iv3_to_parquet.py ../shared/iv3            # the folder with iv3-*.csv and gemeenteklassen-*.csv

Reads every iv3-YYYY_begroting.csv / iv3-YYYY_jaarrekening.csv (amounts in thousands) into one tidy table in euros
(begrotingslab.money.iv3.read_iv3_folder), checks the size class and inhabitants against gemeenteklassen-YYYY.csv,
writes the Parquet and reports: names that needed an alias, the project's municipalities (data/raw/, bench/data/real/)
that Iv3 does not know, and taakveld names still cut.
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

import pandas as pd

from begrotingslab import paths
from begrotingslab.money.iv3 import municipality_key, read_iv3_folder
from begrotingslab.text import slug


def klassen(folder: Path, year: int, known: set[str]) -> pd.DataFrame:
    """gemeenteklassen-YEAR.csv by municipality key: it writes 'Beek (L.)' and 'Utrecht (gemeente)' where Iv3 has
    'Beek' and 'Utrecht'."""
    table = pd.read_csv(folder / f"gemeenteklassen-{year}.csv", sep="\t")

    def key(name: str) -> str:
        plain = re.sub(r"\s*\([^)]*\)$", "", name)
        return municipality_key(name) if municipality_key(name) in known else municipality_key(plain)
    return table.assign(municipality_key=table["Gemeenten"].map(key))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder with the CBS files")
    parser.add_argument("--out", type=Path, default=paths.iv3_file(), help="the Parquet to write")
    args = parser.parse_args()
    iv3 = read_iv3_folder(args.source)
    known = set(iv3["municipality_key"])
    for year in sorted(iv3["year"].unique()):
        classes = klassen(args.source, int(year), known).set_index("municipality_key")
        rows = iv3[iv3["year"] == year].drop_duplicates(["municipality_key", "kind"]).set_index("municipality_key")
        joined = rows.join(classes, how="left")
        unknown = sorted(joined.index[joined["Gemeenten"].isna()].unique())
        differ = joined[(joined["Gemeentegrootte"] != joined["size_class"])
                        | (joined["Inwonertal"] != joined["inhabitants"])]
        print(f"{year}: gemeenteklassen lacks {unknown or 'none'}; size class or inhabitants differ for "
              f"{sorted(differ.index.unique()) or 'none'}")
    names = iv3.drop_duplicates("municipality")[["municipality", "municipality_key"]]
    aliased = names[names["municipality"].map(slug) != names["municipality_key"]]
    print("aliases:", "; ".join(f"{m} -> {k}" for m, k in aliased.itertuples(index=False)) or "none")
    project = sorted({p.name for base in (paths.raw_dir(paths.PROJECT_DIR / "data"),
                                          paths.PROJECT_DIR / "bench" / "data" / "real") if base.is_dir()
                      for p in base.iterdir() if p.is_dir()})
    missing = [m for m in project if municipality_key(m) not in known]
    print(f"project municipalities found in Iv3: {len(project) - len(missing)}/{len(project)}; not found: "
          f"{missing or 'none'}")
    cut = sorted(iv3.loc[iv3["taakveld_name"].str.endswith(".."), "taakveld"].unique())
    print("taakveld names still cut:", cut or "none")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    iv3.to_parquet(args.out, index=False, compression="zstd")
    per_year = iv3.groupby(["kind", "year"]).agg(municipalities=("municipality_key", "nunique"),
                                                 taakvelden=("taakveld", "nunique"))
    print(per_year.to_string())
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KB, {len(iv3)} rows)")


if __name__ == "__main__":
    main()
