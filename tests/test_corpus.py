"""Corpus tables, the content-keyed Parquet cache, and municipality from the folder."""
import shutil

import pytest

from begrotingslab import corpus as corpus_module
from begrotingslab import corpus_cache
from begrotingslab.corpus import discover, load_corpus
from begrotingslab.overview import section_sizes
from seed import SEED_SENTENCES


def test_tables_are_tidy_and_linked(data_dir):
    corpus = load_corpus(data_dir)
    assert corpus.errors == []
    assert len(corpus.documents) == 1 and len(corpus.programmes) == 1 and len(corpus.sections) == 1
    assert len(corpus.sentences) == len(SEED_SENTENCES)
    assert corpus.sentences["sentence_id"].is_unique
    assert set(corpus.sentences["section_id"]) <= set(corpus.sections["section_id"])
    assert set(corpus.sections["programme_id"]) <= set(corpus.programmes["programme_id"])
    assert corpus.sentences["position"].tolist() == list(range(1, len(SEED_SENTENCES) + 1))
    assert corpus.programmes.loc[0, "portfolio_holders"] == ["E. Boog", "H. Prins"]
    assert corpus.editions()[["municipality", "year"]].values.tolist() == [["diemen", 2024]]


def test_cache_is_reused_for_unchanged_content(data_dir, monkeypatch):
    first = load_corpus(data_dir)
    assert list((data_dir / "processed" / "parsed").iterdir())

    def fail(*args, **kwargs):
        raise AssertionError("parsed again although the content did not change")

    monkeypatch.setattr(corpus_cache, "parse_document", fail)
    second = load_corpus(data_dir)
    assert second.sentences["text"].tolist() == first.sentences["text"].tolist()
    assert second.programmes.loc[0, "portfolio_holders"] == ["E. Boog", "H. Prins"]


def test_changed_content_is_parsed_again(data_dir):
    load_corpus(data_dir)
    source = next((data_dir / "raw" / "diemen").iterdir())
    source.write_text(source.read_text(encoding="utf-8") + "\nWe sluiten het jaar af met een feest.\n", encoding="utf-8")
    assert load_corpus(data_dir).sentences["text"].iloc[-1] == "We sluiten het jaar af met een feest."


def test_damaged_cache_entry_is_rebuilt(data_dir):
    load_corpus(data_dir)
    for parquet in (data_dir / "processed" / "parsed").rglob("sentences.parquet"):
        parquet.write_bytes(b"not parquet")
    assert len(load_corpus(data_dir).sentences) == len(SEED_SENTENCES)


def test_bad_file_is_collected_not_fatal(data_dir):
    (data_dir / "raw" / "diemen" / "leeg.txt").write_bytes(b"")
    corpus = load_corpus(data_dir)
    assert len(corpus.documents) == 1
    assert len(corpus.errors) == 1 and "leeg.txt" in str(corpus.errors[0])


def test_discover_skips_hidden_and_unsupported(data_dir):
    folder = data_dir / "raw" / "diemen"
    (folder / ".~lock.txt").write_text("x")
    (folder / "notities.xyz").write_text("x")
    (folder / "README.md").write_text("# Uitleg")
    assert [p.name for p in discover(data_dir)] == ["programmabegroting-2024.txt"]


def test_select_and_section_sizes(data_dir):
    other = data_dir / "raw" / "ouder-amstel"
    other.mkdir()
    shutil.copy(next((data_dir / "raw" / "diemen").iterdir()), other / "programmabegroting-2024.txt")
    corpus = load_corpus(data_dir)
    assert sorted(corpus.documents["municipality"]) == ["diemen", "ouder-amstel"]
    one = corpus.select("Ouder-Amstel", 2024)
    assert set(one.sentences["municipality"]) == {"ouder-amstel"} and len(one.sentences) == len(SEED_SENTENCES)
    sizes = section_sizes(one)
    assert sizes[["section_kind", "sentences"]].values.tolist() == [["visie", len(SEED_SENTENCES)]]
    assert sizes.loc[0, "words"] == one.sentences["n_words"].sum()


def test_missing_data_folder(tmp_path):
    from begrotingslab.errors import InputError

    with pytest.raises(InputError, match="data folder not found"):
        load_corpus(tmp_path / "nergens")


def test_same_budget_twice_is_kept_once_and_reported(data_dir):
    folder = data_dir / "raw" / "diemen"
    seed = next(folder.iterdir())
    (folder / "kopie-begroting-2024.md").write_text("# Programmabegroting 2024\n\nEen korte kopie.\n", encoding="utf-8")
    corpus = load_corpus(data_dir)
    assert len(corpus.documents) == 1 and len(corpus.sentences) == len(SEED_SENTENCES)  # the fuller one stays
    assert corpus.sentences["sentence_id"].is_unique
    assert len(corpus.errors) == 1 and "kopie-begroting-2024.md" in str(corpus.errors[0])
    assert seed.name in str(corpus.errors[0])


def test_data_folder_without_raw_uses_first_folder_as_municipality(tmp_path):
    folder = tmp_path / "mijn-stukken" / "weesp"
    folder.mkdir(parents=True)
    (folder / "begroting-2024.txt").write_text("Programmabegroting 2024\n\nWat willen we bereiken?\n\n"
                                               "Een levendige binnenstad.\n", encoding="utf-8")
    corpus = load_corpus(tmp_path / "mijn-stukken")
    assert corpus.documents["municipality"].tolist() == ["weesp"]


def test_municipality_key_is_the_same_however_spelled(tmp_path):
    folder = tmp_path / "data" / "raw" / "ouder-amstel"
    folder.mkdir(parents=True)
    (folder / "a.md").write_text("---\ngemeente: Ouder-Amstel\n---\n# Kadernota 2025\n\nTekst.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Programmabegroting 2025\n\nWat willen we bereiken?\n\nTekst twee.\n", encoding="utf-8")
    corpus = load_corpus(tmp_path / "data")
    assert set(corpus.documents["municipality"]) == {"ouder-amstel"}
    assert corpus.editions()["documents"].tolist() == [2]


def test_unchanged_folder_is_loaded_from_the_snapshot_without_reading_documents(data_dir, monkeypatch):
    (data_dir / "raw" / "diemen" / "leeg.txt").write_bytes(b"")
    first = load_corpus(data_dir)

    def fail(*args, **kwargs):
        raise AssertionError("a document was read although the folder did not change")

    for module in (corpus_module, corpus_cache):  # where load_corpus and parse_cached look them up
        monkeypatch.setattr(module, "content_hash", fail)
    monkeypatch.setattr(corpus_cache, "parse_document", fail)
    second = load_corpus(data_dir)
    assert second.sentences["text"].tolist() == first.sentences["text"].tolist()
    assert second.programmes.loc[0, "portfolio_holders"] == ["E. Boog", "H. Prins"]
    assert [str(e) for e in second.errors] == [str(e) for e in first.errors] and "leeg.txt" in str(second.errors[0])


def test_filtered_load_is_the_same_as_select(data_dir):
    full = load_corpus(data_dir)  # writes the snapshot
    for options in ({"municipality": "Diemen", "year": 2024}, {"municipality": "diemen"}, {"year": 2023}):
        part = load_corpus(data_dir, **options)
        expected = full.select(**options)
        for name in corpus_module.TABLES:
            assert getattr(part, name)["doc_id"].tolist() == getattr(expected, name)["doc_id"].tolist(), (options, name)
    assert load_corpus(data_dir, year=2023).sentences.empty


def test_edited_file_is_noticed_by_the_snapshot(data_dir):
    load_corpus(data_dir)
    source = next((data_dir / "raw" / "diemen").iterdir())
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Samen besturen", "Samen bestuRen", 1), encoding="utf-8")  # same size
    assert "Samen bestuRen" in load_corpus(data_dir).programmes["programme"].tolist()


def test_damaged_snapshot_is_not_trusted(data_dir):
    load_corpus(data_dir)
    for parquet in (data_dir / "processed" / "corpus").rglob("sentences.parquet"):
        parquet.write_bytes(b"not parquet")
    assert len(load_corpus(data_dir, municipality="diemen").sentences) == len(SEED_SENTENCES)


def test_after_the_lemma_store_the_analyses_never_load_simplemma(tmp_path, monkeypatch):
    """A kernel that meets one word the store lacks loads simplemma's whole dictionary (a second of CPU): the store
    holds every word the theme matcher and the ambition rules look up, compound parts and unquoted words too."""
    import types

    import pandas as pd

    from begrotingslab import text as text_module
    from begrotingslab.ambitions import classify_sentences, smart
    from begrotingslab.themes import load_taxonomy, tag_sentences

    sentences = pd.DataFrame({"text": [
        "Samen met de Duo+-gemeenten werken we aan co2-reductie in 's-Hertogenbosch.",
        "We willen de 'schoolpleinen' groener maken en de zorg-en-welzijnsketen versterken.",
        "In 2025 organiseren we de ‘Week van het geld’ met ondernemers.", *SEED_SENTENCES[:20]]})
    sentences["section_kind"] = "doen"
    taxonomy = load_taxonomy()  # compiled before: its own terms are lemmatised when it is built
    text_module.clear_lemma_cache()
    corpus_module.store_lemmas(types.SimpleNamespace(sentences=sentences), tmp_path)
    text_module.clear_lemma_cache()
    assert text_module.load_lemma_store(tmp_path / "processed") > 0

    def no_dictionary(*args, **kwargs):
        raise AssertionError(f"simplemma asked for {args[0]!r}")

    monkeypatch.setattr(text_module.simplemma, "lemmatize", no_dictionary)
    monkeypatch.setattr(smart, "_THEME_WORD", {})
    fresh = load_taxonomy(taxonomy.path)  # an empty word cache, as in a new kernel
    tag_sentences(sentences, fresh)
    classify_sentences(sentences)
