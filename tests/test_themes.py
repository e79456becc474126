"""Theme analysis: seed expectations, compounds and exclusions, taxonomy loading, aggregates, keyness,
topics, HTML escaping, the CLI contract and accuracy floors on the labelled set."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from begrotingslab import cli
from begrotingslab.corpus import document_tables, load_corpus
from begrotingslab.errors import InputError
from begrotingslab.structure import parse_document
from begrotingslab.terms import distinctive_terms, keyness, topics
from begrotingslab.themes import (
    highlight, load_taxonomy, sentences_html, tag_sentences, tag_texts, theme_long, theme_matrix, theme_shares,
)
import bench_themes  # bench/ is on the test path (pyproject: pythonpath)
from seed import SEED_SENTENCES

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ROOT / "data" / "raw" / "diemen" / "programmabegroting-2024.txt"


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


@pytest.fixture(scope="module")
def seed(taxonomy) -> pd.DataFrame:
    return tag_sentences(document_tables(parse_document(SEED))["sentences"], taxonomy)


def row(tagged: pd.DataFrame, start: str) -> pd.Series:
    rows = tagged[tagged["text"].str.startswith(start)]
    assert len(rows) == 1, start
    return rows.iloc[0]


def themes_of(text: str, taxonomy) -> dict[str, list[str]]:
    return tag_texts([text], taxonomy)[0]


# --- the seed: the issue's "Done when" ------------------------------------------------------------------------

def test_seed_competence_sentence(seed):
    r = row(seed, "We zetten we in op competentie-ontwikkeling")
    assert {"personeel", "digitalisering", "dienstverlening"} <= set(r["themes"])
    assert "competentie-ontwikkeling" in r["theme_evidence"]["personeel"]
    assert r["theme_evidence"]["digitalisering"] == ["digitalisering"]


@pytest.mark.parametrize("start", ["De Duo+-gemeenten", "De gemeente kan al haar ambities",
                                   "We willen de samenwerking binnen onze regio"])
def test_seed_duo_plus_sentences_are_samenwerking(seed, start):
    r = row(seed, start)
    assert "samenwerking" in r["themes"]


def test_seed_duo_plus_evidence_keeps_the_compound(seed):
    evidence = row(seed, "De Duo+-gemeenten")["theme_evidence"]["samenwerking"]
    assert "Duo+-gemeenten" in evidence and "voorkeurspartner" in evidence


def test_seed_other_sentences(seed):
    assert row(seed, "Er is een concerndirectie")["themes"][0] == "organisatie"
    assert "samenleving" in row(seed, "Ook willen we de onderlinge verbindingen")["themes"]
    assert {"participatie", "communicatie", "dienstverlening"} <= set(row(seed, "Die ambities zijn")["themes"])
    assert row(seed, "Het beste voor Diemen.")["themes"] == []
    # "onze energie op inzetten" is not about energy; "zorgvuldige" is not care
    assert row(seed, "We willen hierin strategische keuzes")["themes"] == []
    assert "sociaal-domein" not in row(seed, "Daarmee kunnen we komen tot zorgvuldige")["themes"]


def test_every_seed_row_kept_in_order(seed):
    assert len(seed) == len(SEED_SENTENCES) and seed["sentence_id"].is_unique
    assert all(isinstance(t, list) and isinstance(e, dict) for t, e in zip(seed["themes"], seed["theme_evidence"]))
    assert all(list(e) == t for t, e in zip(seed["themes"], seed["theme_evidence"]))


# --- matching rules -----------------------------------------------------------------------------------------

def test_lemmas_plural_and_inflection(taxonomy):
    assert "personeel" in themes_of("Alle medewerkers krijgen een opleidingsbudget.", taxonomy)
    assert "wonen" in themes_of("Er komen 300 woningen bij.", taxonomy)


def test_closed_compounds_both_sides(taxonomy):
    assert themes_of("Het dienstverleningsconcept wordt ingevoerd.", taxonomy)["dienstverlening"] == \
        ["dienstverleningsconcept"]
    assert "sociaal-domein" in themes_of("De jeugdzorg kost meer.", taxonomy)  # *zorg* as head
    assert "sociaal-domein" in themes_of("Zorgaanbieders krijgen een contract.", taxonomy)  # as modifier


def test_exact_terms_do_not_match_inside_compounds(taxonomy):
    # "=ruimte": begrotingsruimte is money, not spatial planning
    assert "ruimte" not in themes_of("De begrotingsruimte is beperkt.", taxonomy)
    assert "financien" in themes_of("De begrotingsruimte is beperkt.", taxonomy)


def test_exclusions_words_and_phrases(taxonomy):
    assert "sociaal-domein" not in themes_of("We zorgen voor een goede afhandeling.", taxonomy)
    assert "sociaal-domein" in themes_of("We zorgen voor goede zorg.", taxonomy)  # the noun still counts
    assert "gezondheid" not in themes_of("De gemeente is financieel gezond.", taxonomy)
    assert "gezondheid" in themes_of("Kinderen groeien gezond op.", taxonomy)
    assert "participatie" not in themes_of("De participatiewet wordt uitgevoerd.", taxonomy)
    assert "ruimte" not in themes_of("Wij geven ruimte aan nieuwe ideeën.", taxonomy)


def test_gap_phrases_and_symbols(tmp_path):
    path = tmp_path / "gap.yaml"
    path.write_text("themes:\n"
                    "  p:\n    label: P\n    terms: [\"betrekken ... inwoner\", \"€\"]\n"
                    "  e:\n    label: E\n    terms: [bedrijf]\n    exclude: [\"inwoner ... bedrijf\"]\n",
                    encoding="utf-8")
    tax = load_taxonomy(path)
    found = tag_texts(["We betrekken en informeren inwoners.", "We betrekken hier echt niet veel meer inwoners.",
                       "Voor inwoners, bedrijven en instellingen.", "Bedrijven groeien.", "Dat kost €\u00a01,2 mln."],
                      tax)
    assert found[0] == {"p": ["betrekken en informeren inwoners"]}  # up to three words between
    assert found[1] == {}  # four words between: no match
    assert found[2] == {}  # 'bedrijven' in a list of the people addressed is no evidence
    assert found[3] == {"e": ["Bedrijven"]}
    assert found[4] == {"p": ["€"]}


def test_passing_words_count_only_without_better_evidence(tmp_path):
    path = tmp_path / "passing.yaml"
    path.write_text("themes:\n"
                    "  bestuur:\n    label: Bestuur\n    terms: [\"~gemeenteraad\", \"~*bestuur\", rekenkamer]\n"
                    "  wonen:\n    label: Wonen\n    terms: [woning, \"~samen met\"]\n"
                    "chapters:\n  \"8\": Volkshuisvesting\n"
                    "taakvelden:\n  \"8.3\": {label: Wonen en bouwen, terms: [woning]}\n",
                    encoding="utf-8")
    tax = load_taxonomy(path)
    found = tag_texts(["De gemeenteraad vergadert elke maand.",
                       "De gemeenteraad stelt het plan voor 400 nieuwe woningen vast.",
                       "Het gemeentebestuur en de rekenkamer maken afspraken over woningen.",
                       "Samen met de gemeenteraad kijken we terug.",
                       "Het gemeentebestuur werkt samen met partners."], tax)
    assert found[0] == {"bestuur": ["gemeenteraad"]}  # alone, a passing word is evidence
    assert found[1] == {"wonen": ["woningen"], "8.3": ["woningen"]}  # the council passes by: the plan is housing
    # a strong word of the theme keeps its passing words as evidence too
    assert found[2]["bestuur"] == ["gemeentebestuur", "rekenkamer"] and "wonen" in found[2]
    # two themes on passing evidence only: neither has better evidence, both stay
    assert set(found[3]) == {"bestuur", "wonen"}
    assert found[4] == {"bestuur": ["gemeentebestuur"], "wonen": ["samen met"]}


def test_a_term_of_its_own_is_no_passing_word(tmp_path):
    path = tmp_path / "own.yaml"
    path.write_text("themes:\n  samenwerking:\n    label: Samenwerking\n    terms: [\"~*partner\", ketenpartner]\n"
                    "  wonen:\n    label: Wonen\n    terms: [woning]\n", encoding="utf-8")
    found = tag_texts(["Met ketenpartners bouwen we woningen.", "Met zorgpartners bouwen we woningen."],
                      load_taxonomy(path))
    assert set(found[0]) == {"samenwerking", "wonen"}  # ketenpartner is a term, also where *partner passes by
    assert set(found[1]) == {"wonen"}


def test_a_passing_theme_is_not_dropped_for_a_taakveld(tmp_path):
    path = tmp_path / "layers.yaml"
    path.write_text("themes:\n  bestuur:\n    label: Bestuur\n    terms: [\"~gemeenteraad\"]\n"
                    "chapters:\n  \"0\": Bestuur en ondersteuning\n"
                    "taakvelden:\n  \"0.1\": {label: Bestuur, terms: [raadsvergadering]}\n", encoding="utf-8")
    assert tag_texts(["De gemeenteraad houdt een raadsvergadering."], load_taxonomy(path))[0] == {
        "bestuur": ["gemeenteraad"], "0.1": ["raadsvergadering"]}


def test_shipped_taxonomy_passes_the_council_by(taxonomy):
    assert "bestuur" not in themes_of("De gemeenteraad stelt de nieuwe woonvisie met 400 sociale huurwoningen vast.",
                                      taxonomy)
    assert "bestuur" in themes_of("De gemeenteraad vergadert voortaan ook in de dorpen.", taxonomy)


def test_shipped_taxonomy_on_real_budget_wording(taxonomy):
    assert "participatie" in themes_of("We betrekken en informeren inwoners in een vroeg stadium.", taxonomy)
    assert "participatie" in themes_of("Ruimte geven aan initiatieven uit de samenleving.", taxonomy)
    assert "economie" not in themes_of("De dienstverlening aan burgers, bedrijven en instellingen.", taxonomy)
    assert "organisatie" not in themes_of("Samen met inwoners en maatschappelijke organisaties.", taxonomy)
    assert "financien" in themes_of("Het voordeel bedraagt € 19.500.", taxonomy)
    assert "financien" not in themes_of("Dit geldt voor alle inwoners.", taxonomy)  # 'gelden' is no money
    assert "ruimte" not in themes_of("Dat levert genoeg ruimte op om de speerpunten te realiseren.", taxonomy)
    assert "mobiliteit" not in themes_of("Het is een eerste stap op weg naar een nieuwe wet.", taxonomy)
    assert "personeel" not in themes_of("Absoluut verzuim per 1.000 leerlingen.", taxonomy)
    # school absence of every kind is onderwijs; staff absence stays personeel
    assert "personeel" not in themes_of("Het relatief verzuim daalt door minder luxe verzuim.", taxonomy)
    assert "personeel" not in themes_of("Een kind dat zonder geldige reden les verzuimt.", taxonomy)
    assert "personeel" in themes_of("Het verzuim onder medewerkers daalt naar 5%.", taxonomy)
    assert "personeel" in themes_of("Het verzuim daalt naar 5%.", taxonomy)  # 'verzuim' alone: staff absence
    school = themes_of("Dit betreft diverse soorten verzuim: luxe verzuim en spijbelverzuim.", taxonomy)
    assert "onderwijs" in school and "personeel" not in school
    # the formation after the elections is the college's, a formation of 2 fte is staff
    assert "personeel" not in themes_of("Door de verkiezingen en formatie vulden we 2022 met oud beleid.", taxonomy)
    assert "personeel" in themes_of("De formatie wordt uitgebreid met 2 fte.", taxonomy)
    # 'middels' is a preposition, not money
    assert "financien" not in themes_of("Middels het huisvestingsplan wordt de planning bepaald.", taxonomy)
    # the BBV overview of overhead costs is about money; cutting the overhead is about the organisation
    assert "organisatie" not in themes_of("De kosten van overhead bedragen 13 miljoen.", taxonomy)
    assert "organisatie" in themes_of("Wij verminderen de overhead van de organisatie.", taxonomy)
    # an adjective in front of another theme's noun passes by: the noun is what the phrase is about
    assert set(themes_of("Er zijn betaalbare en duurzame woningen.", taxonomy)) & set(taxonomy.ids("theme")) == {"wonen"}
    assert set(themes_of("We bouwen duurzame en sociale huurwoningen.", taxonomy)) & set(taxonomy.ids("theme")) == {"wonen"}
    assert "samenwerking" not in themes_of("Het programma heeft de thema's Regionale economie en Klimaat.", taxonomy)
    # ... not when the noun carries no other theme, nor when the adjective is not all the evidence
    assert "duurzaamheid" in themes_of("We zetten in op duurzame energie.", taxonomy)
    assert "samenwerking" in themes_of("De regionale samenwerking wordt versterkt.", taxonomy)
    assert "duurzaamheid" in themes_of("Duurzame woningen verlagen de CO2-uitstoot.", taxonomy)
    # ... nor when the noun is evidence for the other layer only (a taakveld), nor after a symbol ('€' is no noun)
    assert "gezondheid" in themes_of("Wij werken aan een gezonde leefomgeving.", taxonomy)
    assert "duurzaamheid" in themes_of("Wij investeren in duurzame € 2 miljoen extra.", taxonomy)
    # ... nor for a noun that ends like an adjective (-aal, -ief): it is a noun of the list, not a modifier
    assert "sport-cultuur" in themes_of("Gymzaal en school worden gerenoveerd.", taxonomy)
    assert "participatie" in themes_of("Burgerinitiatief en woningbouw in de kern.", taxonomy)
    assert "duurzaamheid" in themes_of("We plaatsen een laadpaal en fietsenstalling bij het station.", taxonomy)
    assert "samenwerking" in themes_of("We geven invulling aan het Regionaal perspectief Wonen.", taxonomy)
    # an application is about service only when nothing else is its subject: what is applied for decides
    assert set(themes_of("We ontvingen meer aanvragen voor een duurzaamheidslening dan verwacht.", taxonomy)) \
        & set(taxonomy.ids("theme")) == {"duurzaamheid"}
    assert "dienstverlening" in themes_of("Het aantal aanvragen stijgt.", taxonomy)
    assert "dienstverlening" in themes_of("De afhandeling van aanvragen voor paspoorten duurt 5 dagen.", taxonomy)
    # empty homes are wonen, empty shops economie
    assert "economie" not in themes_of("Er is zo weinig mogelijk leegstand van woningen.", taxonomy)
    assert "economie" in themes_of("De leegstand van winkels in het centrum daalt.", taxonomy)


def test_a_sentence_without_theme_words_takes_its_programmes_theme(taxonomy):
    """Synthetic sentences in the forms of real editions: under "Onderwijs" a sentence that names no theme is about
    onderwijs, as a reader takes it; catch-all programmes and sentences about the document give nothing."""
    sentences = pd.DataFrame({
        "sentence_id": [f"s{i}" for i in range(8)],
        "programme": ["Onderwijs", "Onderwijs", "Bestuur en ondersteuning", "Onderwijs", "Sociaal domein",
                      "Onderwijs", "Veiligheid", "Onderwijs"],
        "subprogramme": [None, None, None, None, "Thema 6.1 Onderwijshuisvesting", None, "Bedrijfsvoering", None],
        "text": ["Dit is momenteel niet aan de orde.",
                 "Het voorstel volgt in het najaar van 2025.",
                 "De relatie met de wijkteams is intensiever geworden.",
                 "Hieronder volgen per taakveld de speerpunten.",
                 "Het plan wordt in 2025 vastgesteld.",
                 "We bouwen 40 sociale huurwoningen bij het station.",
                 "Het plan wordt in 2025 vastgesteld.",
                 "Het onderhoud van de gemeentelijke gebouwen volgt het plan."],
    })
    tagged = tag_sentences(sentences, taxonomy)
    themes = [[t for t in ids if "." not in t] for ids in tagged["themes"]]
    assert themes[0] == ["onderwijs"] and tagged["theme_evidence"][0]["onderwijs"] == ["programma: Onderwijs"]
    assert "onderwijs" in themes[1]
    assert themes[2] == []  # 'Bestuur en ondersteuning' holds whatever fits nowhere else
    assert themes[3] == []  # about the document
    assert "onderwijs" in themes[4] and "sociaal-domein" not in themes[4]  # the sub-programme is nearer
    assert "onderwijs" not in themes[5] and "wonen" in themes[5]  # words of its own decide
    assert themes[6] == []  # a catch-all sub-programme stops there: not the programme's veiligheid
    # a sentence with only a taakveld word takes the programme's theme, listed before the taakveld
    plain = tag_sentences(sentences, taxonomy, inherit=False)
    assert [t for t in plain["themes"][7] if "." not in t] == [] and plain["themes"][7]
    assert list(tagged["themes"][7])[0] == "onderwijs" and "." in list(tagged["themes"][7])[1]
    assert [t for t in plain["themes"][0] if "." not in t] == []


SECTION_TEXTS = ["Ondermijnende criminaliteit tast de rechtsstaat aan.",
                 "Dat vraagt om een brede aanpak.",
                 "We versterken de samenwerking met politie en Openbaar Ministerie tegen ondermijning.",
                 "Het jaarverslag van het sportfonds verschijnt in mei.",
                 "De resultaten verwachten we begin 2025."]


def _section(texts, section_ids=None) -> pd.DataFrame:
    return pd.DataFrame({"sentence_id": [f"s{i}" for i in range(len(texts))], "programme": ["Onderwijs"] * len(texts),
                         "section_id": section_ids or ["p1-s1"] * len(texts),
                         "heading": ["Aanpak ondermijning"] * len(texts), "text": texts})


def cross_cutting(ids) -> list[str]:
    return [t for t in ids if "." not in t]


def test_a_sentence_without_theme_words_takes_its_sections_theme(taxonomy):
    """Synthetic section in the style of a real programme page: two of the three sentences with a theme word are
    about veiligheid (the third is sport-cultuur), so the sentences between them that name no theme are too; the
    section outranks the programme."""
    sentences = _section(SECTION_TEXTS)
    tagged = tag_sentences(sentences, taxonomy)
    assert cross_cutting(tagged["themes"][1]) == ["veiligheid"] and cross_cutting(tagged["themes"][4]) == ["veiligheid"]
    assert tagged["theme_evidence"][1]["veiligheid"] == ["sectie: Aanpak ondermijning (2 van 3 zinnen met een thema)"]
    # one sentence read alone: the section is read from the document (context), not from the selection
    alone = tag_sentences(sentences.iloc[[1]], taxonomy)
    assert cross_cutting(alone["themes"].iloc[0]) == ["onderwijs"]  # no section to read: the programme
    in_place = tag_sentences(sentences.iloc[[1]], taxonomy, context=sentences)
    assert cross_cutting(in_place["themes"].iloc[0]) == ["veiligheid"]
    without_sections = tag_sentences(sentences.iloc[[1]], taxonomy, context=sentences.drop(columns="section_id"))
    assert cross_cutting(without_sections["themes"].iloc[0]) == ["onderwijs"]
    numbered = tag_sentences(_section(SECTION_TEXTS, [7] * 5), taxonomy)  # ids read from a CSV: numbers
    assert cross_cutting(numbered["themes"][1]) == ["veiligheid"]


def test_a_section_about_two_themes_or_only_money_passes_none_on(taxonomy):
    tied = _section(["De politie surveilleert vaker bij de nieuwe huurwoningen.", SECTION_TEXTS[1],
                     "Bij de sociale huurwoningen komt meer cameratoezicht."])
    both = [cross_cutting(ids) for ids in tag_sentences(tied, taxonomy, inherit=False)["themes"]]
    assert {"veiligheid", "wonen"} <= set(both[0]) and {"veiligheid", "wonen"} <= set(both[2])
    assert cross_cutting(tag_sentences(tied, taxonomy)["themes"][1]) == ["onderwijs"]  # 2 x 2: the programme's
    money = _section(["De lasten van de politie stijgen met € 40.000.", "Dat vraagt om een brede aanpak.",
                      "Het budget voor toezicht op de ondermijning daalt.", "De lasten van de politie stijgen."])
    # financien is in every sentence, veiligheid too: the catch-all does not crowd the real theme out
    assert cross_cutting(tag_sentences(money, taxonomy)["themes"][1]) == ["veiligheid"]


def test_taakvelden_use_codes_and_chapters(taxonomy, seed):
    found = themes_of("De onttrekking aan de bestemmingsreserve en de riolering.", taxonomy)
    assert {"0.10", "7.2"} <= set(found)
    long = theme_long(tag_sentences(pd.DataFrame({"sentence_id": ["a"], "text": ["De riolering wordt vervangen."]}),
                                    taxonomy), taxonomy)
    rio = long[long["theme"] == "7.2"].iloc[0]
    assert rio["layer"] == "taakveld" and rio["chapter"] == "7" and rio["terms"] == ["riolering"]


# --- taxonomy loading ---------------------------------------------------------------------------------------

def test_shipped_taxonomy_has_the_issue_ids_and_all_chapters(taxonomy):
    required = ("bestuur dienstverlening participatie communicatie samenwerking organisatie personeel "
                "digitalisering financien samenleving veiligheid mobiliteit economie onderwijs sport-cultuur "
                "sociaal-domein gezondheid milieu duurzaamheid wonen ruimte").split()
    assert set(required) <= set(taxonomy.ids("theme"))
    assert set(taxonomy.chapters) == {str(i) for i in range(9)}
    assert {"0.1", "0.10", "6.21", "6.812", "8.3"} <= set(taxonomy.ids("taakveld"))


def test_custom_taxonomy_with_compound_markers():
    tax = load_taxonomy(FIXTURES / "synthetic_taxonomy_custom.yaml")
    assert tax.ids() == ["lef", "kernwaarden", "0.10"]
    found = tag_texts(["We durven met lef van de gebaande paden af te wijken.", "Met de kernwaarden: Open houding."],
                      tax)
    assert found[0] == {"lef": ["durven"]}  # "met lef van" is excluded, "durven" is not
    assert found[1] == {"kernwaarden": ["kernwaarden"], "0.10": ["kernwaarden"]}


def test_malformed_taxonomy_names_file_and_line():
    path = FIXTURES / "synthetic_taxonomy_malformed.yaml"
    with pytest.raises(InputError) as info:
        load_taxonomy(path)
    message = str(info.value)
    assert str(path) in message and "line 5" in message and "Samen Werken" in message


def test_unquoted_taakveld_code_is_explained():
    with pytest.raises(InputError, match=r"line 9: .*quotes"):
        load_taxonomy(FIXTURES / "synthetic_taxonomy_unquoted.yaml")


@pytest.mark.parametrize("text, line", [
    ("themes:\n  a:\n    label: A\n    terms: [x\n", None),  # YAML syntax error
    ("themes:\n  a:\n    label: A\n    terms: []\n", 4),  # a theme without terms
    ("themes:\n  a:\n    label: A\n    terms: [x]\n  a:\n    label: B\n    terms: [y]\n", 5),  # duplicate id
    ("themes:\n  a:\n    label: A\n    terms: [x]\n    colour: red\n", 5),  # unknown key
    ("themes:\n  a:\n    terms: [x]\n", 2),  # no label
    ("themes:\n  a:\n    label: A\n    terms: [x, '*']\n", 4),  # a term without a word
    ("themes:\n  a:\n    label: A\n    terms: ['... x']\n", 4),  # a gap stands between two words
    ("themes:\n  a:\n    label: A\n    terms: ['x ...y']\n", 4),  # a gap is a word of its own
    ("themes:\n  a:\n    label: A\n    terms: [x]\n    exclude: ['€']\n", 5),  # a symbol is no exclusion
    ("themes:\n  a:\n    label: A\n    terms: [x]\n    exclude: ['~y']\n", 5),  # only a term can be passing
    ("themes:\n  a:\n    label: A\n    terms: [x, '~€']\n", 4),  # a symbol cannot be passing
])
def test_other_malformed_taxonomies(tmp_path, text, line):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_taxonomy(path)
    assert str(path) in str(info.value) and "line " in str(info.value)
    if line is not None:
        assert f"line {line}:" in str(info.value)


# --- CLI ----------------------------------------------------------------------------------------------------

def _analyse(capsys, *extra) -> dict:
    assert cli.main(["analyse", str(SEED), *extra]) == 0
    return json.loads(capsys.readouterr().out)


def _sentences(doc: dict) -> list[dict]:
    return [s for p in doc["programmes"] for sec in p["sections"] for par in sec["paragraphs"]
            for s in par["sentences"]]


def test_cli_analyse_adds_themes_and_evidence(capsys):
    sentences = _sentences(_analyse(capsys))
    assert all("themes" in s and "theme_evidence" in s for s in sentences)
    duo = next(s for s in sentences if s["text"].startswith("De Duo+-gemeenten"))
    assert duo["themes"] == ["samenwerking"]
    assert duo["theme_evidence"]["samenwerking"] == ["Duo+-gemeenten", "voorkeurspartner"]


def test_cli_taxonomy_override(capsys):
    sentences = _sentences(_analyse(capsys, "--taxonomy", str(FIXTURES / "synthetic_taxonomy_custom.yaml")))
    ids = {t for s in sentences for t in s["themes"]}
    assert ids == {"lef", "kernwaarden", "0.10"}


def test_cli_malformed_taxonomy_is_one_line_exit_2(capsys):
    path = FIXTURES / "synthetic_taxonomy_malformed.yaml"
    assert cli.main(["analyse", str(SEED), "--taxonomy", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and str(path) in err and "line 5" in err and "Traceback" not in err


# --- aggregates and statistics ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def two_years(tmp_path_factory, taxonomy):
    data = tmp_path_factory.mktemp("themes") / "data"
    target = data / "raw" / "duinstede"
    target.mkdir(parents=True)
    for name in ("synthetic_themes_2023.md", "synthetic_themes_2024.md"):
        shutil.copy(FIXTURES / name, target / name)
    corpus = load_corpus(data, cache=False)
    return tag_sentences(corpus.sentences, taxonomy)


def test_theme_shares_per_programme(two_years, taxonomy):
    one = two_years[two_years["year"] == 2023]
    shares = theme_shares(one, taxonomy, by="programme")
    wonen = shares[(shares["programme"].str.contains("Wonen")) & (shares["theme"] == "wonen")].iloc[0]
    n = int((one["programme"].str.contains("Wonen")).sum())
    assert wonen["total_sentences"] == n and wonen["sentences"] == n and wonen["share_sentences"] == 1.0
    assert set(shares["theme"]) == set(taxonomy.ids("theme"))  # themes without sentences listed with 0
    assert (shares["share_words"].between(0, 1)).all()
    matrix = theme_matrix(shares, index="programme")
    assert matrix.shape == (2, len(taxonomy.ids("theme"))) and matrix.loc[wonen["programme"], "Wonen"] == 1.0


def test_theme_shares_overall_and_by_year(two_years, taxonomy):
    overall = theme_shares(two_years, taxonomy).set_index("theme")
    assert overall.loc["duurzaamheid", "sentences"] > 0 and "year" not in overall.columns
    by_year = theme_shares(two_years, taxonomy, by="year").set_index(["year", "theme"])
    assert by_year.loc[(2023, "duurzaamheid"), "sentences"] == 0
    assert by_year.loc[(2024, "duurzaamheid"), "share_sentences"] > 0.3
    with pytest.raises(ValueError):
        theme_shares(two_years, taxonomy, by="colour")


def test_keyness_finds_what_changed(two_years):
    key = keyness(two_years, 2024)
    assert not key.empty and (key["reference_year"] == 2023).all()
    up = key[key["more_in"] == 2024]["term"].tolist()
    assert "zonnepaneel" in up and (key.loc[key["term"] == "zonnepaneel", "log_ratio"] > 0).all()
    assert "wijkteam" not in key["term"].tolist()  # the same sentence in both years
    assert (key["g2"] >= 3.84).all()
    assert keyness(two_years, 2023).empty  # no earlier year


def test_keyness_g2_value():
    frame = pd.DataFrame({"year": [2023] * 2 + [2024] * 2,
                          "text": ["begroting begroting", "woning woning", "begroting begroting", "zonnepaneel zonnepaneel"]})
    key = keyness(frame, 2024, min_g2=0, min_count=1).set_index("term")
    # 2 of 4 vs 0 of 4: G2 = 2 * 2 * ln(2) = 2.77; log ratio with 0.5 for zero: log2((2/4)/(0.5/4)) = 2
    assert key.loc["zonnepaneel", "g2"] == pytest.approx(2.77, abs=0.01)
    assert key.loc["zonnepaneel", "log_ratio"] == pytest.approx(2.0)
    assert key.loc["begroting", "g2"] == pytest.approx(0.0)


def test_distinctive_terms_per_programme(two_years):
    terms = distinctive_terms(two_years[two_years["year"] == 2023], by="programme", n=5)
    wonen = terms[terms["programme"].str.contains("Wonen")]["term"].tolist()
    zorg = terms[terms["programme"].str.contains("Zorg")]["term"].tolist()
    assert "woningcorporatie" in wonen and "woningcorporatie" not in zorg
    assert set(terms.columns) == {"programme", "rank", "term", "score", "count"}


def test_topics_on_tiny_and_small_corpora(seed, two_years):
    tiny = topics(seed, n_topics=8, tagged=seed)
    assert 1 <= len(tiny) < 8 and tiny["units"].sum() <= len(SEED_SENTENCES)
    assert tiny["untagged_share"].between(0, 1).all()
    assert topics(seed.head(1)).empty  # one sentence: nothing to model, no error
    small = topics(two_years, n_topics=3)
    assert len(small) <= 3 and all(isinstance(t, list) and t for t in small["terms"])


# --- HTML ---------------------------------------------------------------------------------------------------

def test_highlight_escapes_document_text():
    html = highlight("<script>alert(1)</script> De dienstverlening & zo", ["dienstverlening"])
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html
    assert "<mark>dienstverlening</mark>" in html


def test_sentences_html_marks_evidence(seed):
    html = sentences_html(seed, "samenwerking")
    assert html.count("<tr>") == 1 + int(seed["themes"].map(lambda t: "samenwerking" in t).sum())
    assert "<mark>Duo+-gemeenten</mark>" in html


# --- accuracy floors on the labelled set (bench/bench_themes.py reports the figures) -------------------------

def test_labelled_set_covers_every_theme_and_section_kind(taxonomy):
    labelled = bench_themes.load_labelled()
    assert len(labelled) >= 200
    labels = {t for gold in labelled["gold"] for t in gold}
    assert labels == set(taxonomy.ids("theme"))
    assert {"visie", "bereiken", "doen", "kosten", "indicatoren", "overig"} <= set(labelled["section_kind"])


@pytest.mark.parametrize("name", ["heldout_v2", "heldout_v3_dev"])
def test_heldout_sets_cover_every_theme_and_are_fresh(taxonomy, name):
    bench = bench_themes
    heldout = bench.load_set(name)
    assert len(heldout) >= 100
    assert {t for gold in heldout["gold"] for t in gold} == set(taxonomy.ids("theme"))
    assert {"visie", "bereiken", "doen", "kosten", "indicatoren", "overig"} <= set(heldout["section_kind"])
    earlier = [other for other in bench.SETS if other != name]
    for other in earlier:
        assert not set(bench.load_set(other)["text"]) & set(heldout["text"])  # fresh sentences, no copies


def test_accuracy_floors(taxonomy):
    # a little below bench/results/themes.json; heldout_v3_dev is the clean figure (never tuned on:
    # P 0.833, R 0.781 on its 113 rows). The taxonomy is now tuned on real budget text (bench/real_dev.py, the
    # tune municipalities); these synthetic sets are regression checks (tuning P 0.865 R 0.919), floors unchanged.
    results, _ = bench_themes.evaluate(taxonomy=taxonomy)
    assert results["tuning"]["overall"]["precision"] >= 0.84  # labelled + heldout_v2, both tuned on
    assert results["tuning"]["overall"]["recall"] >= 0.89
    assert results["heldout_v3_dev"]["overall"]["precision"] >= 0.81
    # 0.74: the real reviewer reads the BBV overview of overhead costs as financien only (Tiel, three sentences);
    # our synthetic label of "De kosten van de overhead komen uit op ..." also says organisatie. Real text decides.
    assert results["heldout_v3_dev"]["overall"]["recall"] >= 0.74


def test_a_repeated_text_is_tagged_like_its_first_and_shares_no_evidence():
    from begrotingslab.themes import tag_texts

    text = "We investeren in de dienstverlening aan inwoners en in duurzame energie."
    first, again = tag_texts([text, text])
    assert first == again and first
    assert first is not again and all(first[k] is not again[k] for k in first)


def test_a_sentence_naming_many_themes_keeps_its_sections_and_its_strong_ones(taxonomy):
    """Synthetic section about the local economy: a sentence that names four themes with one word each, its
    section's among them, is about the economy; the others pass by. Two words for a theme keep it."""
    texts = ["De lokale economie, de ondernemers en de werkgelegenheid hebben last van de oorlog.",
             "Het winkelcentrum trekt minder bezoekers.",
             "De oorlog uitte zich in economische onzekerheid, energie-armoede en hoge inflatie.",
             "De klimaatverandering en de energietransitie raken de economie, de bedrijven en de zorg."]
    plain = [cross_cutting(ids) for ids in tag_sentences(_section(texts), taxonomy, inherit=False)["themes"]]
    assert len(plain[2]) >= 3 and "economie" in plain[2]
    assert {"economie", "duurzaamheid", "sociaal-domein"} <= set(plain[3])
    tagged = [cross_cutting(ids) for ids in tag_sentences(_section(texts), taxonomy)["themes"]]
    assert tagged[2] == ["economie"]
    assert set(tagged[3]) == {"economie", "duurzaamheid"}  # klimaatverandering and energietransitie: two words
    alone = tag_sentences(_section(texts[2:3]), taxonomy)  # no section to read it in: every theme stays
    assert cross_cutting(alone["themes"][0]) == plain[2]
