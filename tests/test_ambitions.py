"""Ambition analysis: statements, SMART scores, deadlines, ER-goals, levels, scorecard, CLI, accuracy floors."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from begrotingslab import cli
from begrotingslab.ambitions import (
    annotations, classify_sentence, classify_sentences, goals, html_table, most_and_least_concrete, scorecard,
)
from begrotingslab.corpus import document_tables
from begrotingslab.present import CARD_LABELS
from begrotingslab.structure import parse_document
import bench_ambitions  # bench/ is on the test path (pyproject: pythonpath)
from seed import SEED_SENTENCES

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
AMBITIES = FIXTURES / "synthetic_ambities_2025.md"


@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    document = parse_document(ROOT / "data" / "raw" / "diemen" / "programmabegroting-2024.txt")
    return classify_sentences(document_tables(document)["sentences"])


def by_text(classified: pd.DataFrame, start: str) -> pd.Series:
    rows = classified[classified["text"].str.startswith(start)]
    assert len(rows) == 1, start
    return rows.iloc[0]


# --- the seed: the "Done when" ----------------------------------------------------------------------

@pytest.mark.parametrize("start", [
    "De gemeente is er voor de inwoners en bedrijven en wil",
    "Ook willen we de onderlinge verbindingen",
    "We durven met lef",
    "We willen de samenwerking binnen onze regio",
    "We willen hierin strategische keuzes",
    "Zo zorgen we voor",
    "Met als doel dat",
])
def test_seed_ambitions(seed, start):
    assert by_text(seed, start)["statement"] == "ambition"


@pytest.mark.parametrize("start, year", [
    ("In 2023 wordt het ontwikkeltraject", 2023),
    ("En in 2024 maken we de balans op", 2024),
    ("Met een programmatische aanpak nemen we de uitvoering ook in 2024", 2024),
    ("Ook in 2024 gebruikt de organisatie", 2024),
])
def test_seed_commitments_with_deadlines(seed, start, year):
    row = by_text(seed, start)
    assert row["statement"] == "commitment"
    assert row["deadline"] == year
    assert row["time_bound"] == 2


def test_seed_typo_we_zetten_we_in_op_is_a_commitment(seed):
    row = by_text(seed, "We zetten we in op")
    assert row["statement"] == "commitment"
    assert "zetten we in op" in row["statement_evidence"]


@pytest.mark.parametrize("start", [
    "De kracht van Diemen",  # description
    "Deze visie komt duidelijk terug",  # values
    "Het beste voor Diemen.",
    "Op onze eigen manier.",
    "Met de kernwaarden",
    "Die ambities zijn stevig verankerd",
    "De Duo+-gemeenten zijn",  # facts about others
    "Om deze accenten in onze werkwijze te realiseren begonnen we",  # what happened
    "Er is een concerndirectie gevormd",
])
def test_seed_context(seed, start):
    assert by_text(seed, start)["statement"] == "context"


def test_seed_er_goals_actors_and_policy_documents(seed):
    row = by_text(seed, "We willen de samenwerking binnen onze regio")
    assert row["er_goal"] and row["er_evidence"].startswith("versterk")
    assert "regio" in row["actors"]
    assert "Voor en met Diemen" in by_text(seed, "Die ambities zijn stevig")["policy_documents"]
    assert "Duo+-gemeenten" in by_text(seed, "De Duo+-gemeenten")["actors"]
    assert "maatschappelijke partners" in by_text(seed, "De gemeente kan al haar ambities")["actors"]


def test_classify_keeps_one_row_per_sentence_and_ids(seed):
    assert seed["sentence_id"].is_unique and len(seed) == len(SEED_SENTENCES)
    assert set(seed["statement"]) <= {"ambition", "commitment", "context"}
    assert seed.loc[seed["statement"] == "context", "level"].isna().all()
    assert str(seed["deadline"].dtype) == "Int64"


# --- the rules one by one ------------------------------------------------------------------------------------

def c(text, section="overig", year=2025, kind="programmabegroting", municipality=None):
    return classify_sentence(text, section, year, kind, municipality)


def test_section_kind_makes_goal_text_without_intent_verb():
    assert c("Inwoners voelen zich veilig in hun eigen buurt.", "bereiken")["statement"] == "ambition"
    assert c("Inwoners voelen zich veilig in hun eigen buurt.", "overig")["statement"] == "context"
    assert c("Herinrichting van de Stationsstraat.", "doen")["statement"] == "commitment"
    assert c("Het budget bedraagt 1,2 miljoen euro per jaar.", "doen")["statement"] == "context"


def test_others_wishes_and_past_are_context():
    assert c("Inwoners willen graag langer in hun eigen wijk blijven wonen.")["statement"] == "context"
    assert c("Vorig jaar zijn we gestart met het project Wijkgericht Werken.")["statement"] == "context"
    assert c("In 2023 hebben we 180 woningen opgeleverd.", "bereiken", 2023, "jaarstukken")["statement"] == "context"
    assert c("Volgend jaar gaan we met de corporaties in gesprek.", "bereiken", 2023, "jaarstukken")["statement"] == "commitment"


@pytest.mark.parametrize("text, statement", [
    # under 'Wat hebben we daarvoor gedaan?' the present tense tells what happened that year
    ("De gemeente voert gesprekken met de woningcorporaties over de prestatieafspraken.", "context"),
    ("In het overleg worden signalen van ondermijning besproken en onderzocht.", "context"),
    ("We zetten in op het terugdringen van de wachtlijsten.", "context"),
    # ... unless it looks ahead
    ("Volgend jaar gaan we verder met de tweede fase van het project.", "commitment"),
    ("In 2025 zullen we de evaluatie afronden.", "commitment"),
])
def test_jaarstukken_report_sections_tell_what_happened(text, statement):
    assert c(text, "gedaan", 2024, "jaarstukken")["statement"] == statement


@pytest.mark.parametrize("text, section, statement, deadline", [
    ("Alle schoolpleinen zijn in 2024 rookvrij.", "doen", "ambition", 2024),
    ("Uiterlijk eind 2024 is de nieuwe omgevingsvisie door de raad vastgesteld.", "doen", "ambition", 2024),
    ("Inwoners waarderen onze dienstverlening in 2024 met minimaal een 7.", "doen", "ambition", 2024),
    ("Alle schoolpleinen zijn in 2024 rookvrij.", "overig", "ambition", 2024),
    ("In 2022 is de omgevingsvisie vastgesteld.", "doen", "context", 2022),
    ("Het budget voor 2024 is 1,2 miljoen euro.", "doen", "context", 2024),
    ("Ondernemers die zich op het nieuwe bedrijventerrein willen vestigen, faciliteren we.", "doen", "commitment", None),
    ("Ondernemers willen minder regels.", "overig", "context", None),
])
def test_future_state_targets_and_others_wishes_in_a_relative_clause(text, section, statement, deadline):
    row = c(text, section, year=2024)
    assert row["statement"] == statement, row["statement_evidence"]
    assert (row["deadline"] if row["deadline"] is not None else None) == deadline


@pytest.mark.parametrize("text, section, statement", [  # synthetic sentences in the forms real editions use
    ("Het streven is het aantal woninginbraken onder de 40 te houden.", "indicatoren", "ambition"),
    ("Ons streven is dat alle kinderen een startkwalificatie halen.", "overig", "ambition"),
    ("Dit streven komt terug in het coalitieakkoord.", "overig", "context"),  # points back, states no goal
    ("Het doel: een veilige en leefbare gemeente voor alle inwoners.", "overig", "ambition"),
    ("Een verdere daling van het aantal bijstandsuitkeringen is de inzet.", "indicatoren", "ambition"),
    ("Dat is onze inzet.", "visie", "context"),  # points back at what was said
    ("Wij vinden het belangrijk dat jongeren een plek hebben om te sporten.", "overig", "ambition"),
    ("Hierbij bieden wij u de programmabegroting 2025-2028 aan.", "overig", "context"),
    ("Er is zo weinig mogelijk leegstand van winkelpanden in het centrum.", "visie", "ambition"),
    ("Er is veel leegstand van winkelpanden in het centrum.", "visie", "context"),  # the situation, not a wish
])
def test_intent_as_a_noun_the_document_offered_and_a_state_as_it_should_be(text, section, statement):
    row = c(text, section, year=2024)
    assert row["statement"] == statement, row["statement_evidence"]


@pytest.mark.parametrize("text, section, statement", [  # synthetic sentences in the forms real editions use
    # 'dat wil zeggen' explains a word; it wants nothing
    ("Het aandeel jongeren dat de school verlaat, dat wil zeggen zonder diploma.", "indicatoren", "context"),
    ("Wij willen dat minder jongeren de school verlaten zonder diploma.", "indicatoren", "ambition"),
    ("Het is onze intentie om de opgaven in samenhang aan te pakken.", "overig", "ambition"),
    ("Het is niet onze intentie om de lasten te verhogen.", "overig", "context"),
    ("Lindewaard doet het dus relatief goed.", "indicatoren", "context"),  # how it performs, not an act
    ("Lindewaard doet mee aan de landelijke pilot.", "overig", "commitment"),
    ("We doen het onderhoud beter dan voorheen, met vaste ploegen per wijk.", "overig", "commitment"),
    ("Het aantal huishoudens stijgt nog steeds.", "visie", "context"),  # a trend that goes on
    ("Het aantal huishoudens stijgt.", "visie", "ambition"),
    # under a begroting's goals heading 'is + participle' is the state wanted, unless a past year dates it
    ("Het onderwijs is goed gehuisvest in frisse, duurzame scholen.", "bereiken", "ambition"),
    ("De bibliotheek is in 2022 verbouwd.", "bereiken", "context"),
    # a reading guide, framed by the document, is context; an intent, a number or a clear act in that frame is not
    ("Binnen het programma werken we met de thema's Regionale economie en Klimaat.", "overig", "context"),
    ("Met deze begroting bepalen we onze prioriteiten voor 2025 en verder.", "overig", "context"),
    ("Met deze begroting willen we de lasten voor inwoners beperken.", "overig", "ambition"),
    ("Met deze begroting investeren we 2 miljoen euro in de wijken.", "overig", "commitment"),
    ("In het programma Wonen bouwen we 300 woningen.", "overig", "commitment"),
    # what something is for another is a claim, also under a goals heading; the goal itself is not
    ("Scholen zijn daarom een belangrijke schakel in het sociaal domein.", "bereiken", "context"),
    ("Scholen vormen een veilige plek voor alle kinderen.", "bereiken", "ambition"),
])
def test_explanations_performance_trends_and_states_wanted(text, section, statement):
    row = c(text, section, year=2024, municipality="lindewaard")
    assert row["statement"] == statement, row["statement_evidence"]


def test_specific_rubric_revision():
    """Specific asks two things, as the real reviewers grade: a clear subject and a clear change (2 both, 1 one)."""
    assert c("We gaan voor een veilig, schoon en groen Lindewaard.", municipality="Lindewaard")["specific"] == 0
    assert c("Samen met inwoners, ondernemers en partners werken we aan een duurzame toekomst.")["specific"] == 0
    assert c("Op termijn is de binnenstad autoluw.", "bereiken")["specific"] == 2
    assert c("In 2026 verhogen we de tarieven voor parkeren.")["specific"] == 2  # how much is measurability
    assert c("Het sportbeleid wordt in 2026 geactualiseerd.")["specific"] == 2
    # 'de uitvoering' names no what or where; the real labels grade 'We werken aan de uitvoering van ...' 0
    assert c("Met een projectmatige aanpak nemen we de uitvoering in 2024 ter hand.")["specific"] == 0


@pytest.mark.parametrize("text, specific", [
    # inwoners and burgers are a who: a vague change about them is 1, not 0 (how the real reviewers grade)
    ("Het vergroten van het vertrouwen bij de burgers in de gemeente.", 1),
    ("Al onze inwoners hebben de mogelijkheid om hun talenten te ontwikkelen.", 1),
    # named groups and places are a who/where, as 'jongeren' and 'sporthal' are
    ("We onderzoeken de mogelijkheid om grond in erfpacht uit te geven aan starters.", 2),
    ("We voeren goed beheer en onderhoud van de gemeentelijke begraafplaatsen uit.", 1),
    # making a deliverable is a clear action; making in general is not
    ("We maken prestatieafspraken met de woningcorporaties.", 2),
    ("We creëren een tool waarin de stappen voor aanvragers inzichtelijk worden.", 2),
    ("Samen maken we er een mooie gemeente van.", 0),
])
def test_specific_who_and_deliverables(text, specific):
    row = c(text, "doen", year=2024, municipality="Lindewaard")
    assert row["specific"] == specific, row["specific_evidence"]


@pytest.mark.parametrize("text, specific", [
    # idioms with 'maken' are no deliverable made: the policy document stays the subject only
    ("We maken ons zorgen over het rijksbeleid.", 1),
    ("We maken gebruik van de app van de GGD.", 1),
    ("Wij maken ons sterk voor een goed armoedebeleid.", 1),
])
def test_specific_making_idioms_are_no_action(text, specific):
    row = c(text, "doen", year=2024, municipality="Lindewaard")
    assert row["specific"] == specific, row["specific_evidence"]


@pytest.mark.parametrize("text", ["In deze programmabegroting presenteren wij onze plannen voor 2024.",
                                  "Met deze begroting presenteren we een sluitend meerjarenoverzicht.",
                                  "In dit hoofdstuk presenteren wij het overzicht van de lasten en baten."])
def test_presenting_the_document_is_a_reading_guide(text):
    """Making a deliverable is a clear action for the specific grade, but no action that lifts a reading guide."""
    assert c(text, "doen", year=2024)["statement"] == "context"


def test_values_and_list_numbers():
    assert c("Zo werken wij.", "visie")["statement"] == "context"
    assert c("1. genummerde punten zonder punt aan het eind", "bereiken")["measurable"] == 0


def test_stop_words_decide_intent():
    assert c("Het college wil de inwoners nadrukkelijker betrekken bij besluiten.")["statement"] == "ambition"
    assert c("Wij zullen de raad actief betrekken.")["statement"] == "commitment"
    assert c("Daarmee kunnen we beter inspelen op vragen.")["statement"] == "context"


@pytest.mark.parametrize("text, score", [
    ("We willen dat in 2029 minstens 30% van de nieuwbouw sociale huur is.", 2),
    ("Inwoners waarderen onze dienstverlening met minimaal een rapportcijfer 7,5.", 2),
    ("Het aantal verkeersslachtoffers daalt met de helft.", 2),
    ("Alle basisscholen bieden een gezonde schoolomgeving.", 1),
    ("We streven naar een stijging ten opzichte van de nulmeting.", 1),
    ("We willen de regionale samenwerking versterken.", 0),
    ("Voor 1 januari 2025 zijn de gebouwen toegankelijk.", 0),  # a date is not a measure
])
def test_measurable(text, score):
    assert c(text, "bereiken")["measurable"] == score


@pytest.mark.parametrize("text, score, deadline", [
    ("Uiterlijk 2030 rijden de bussen op elektriciteit.", 2, 2030),
    ("Voor 1 januari 2025 zijn alle gebouwen toegankelijk.", 2, 2025),
    ("Het verkeer wordt veiliger in de periode 2022 t/m 2030.", 2, 2030),
    ("Eind 2025 is het percentage gescheiden afval 75%.", 2, 2025),
    ("De wachttijd daalt met 20% ten opzichte van 2023.", 0, None),  # a baseline year is no deadline
    ("In 2026 stellen we het Mobiliteitsplan 2026-2035 vast.", 2, 2026),  # a year in a name is no deadline
    ("De komende jaren willen we het centrum aantrekkelijker maken.", 1, None),
    ("Deze collegeperiode willen we de regeldruk verminderen.", 1, None),
    ("We willen een betrouwbare partner zijn.", 0, None),
])
def test_time_bound_and_deadline(text, score, deadline):
    row = c(text, "bereiken")
    assert row["time_bound"] == score
    assert row["deadline"] == deadline
    if score == 1:
        assert row["relative_period"]


@pytest.mark.parametrize("text, score", [
    ("We leggen een vrijliggend fietspad aan langs de Kanaalweg.", 2),
    ("In 2025 voeren we het dienstverleningsconcept 'Altijd Dichtbij' in.", 2),
    ("We ondersteunen mantelzorgers met informatie en respijtzorg.", 1),
    # a clear subject with a vague change is 1, as the real reviewers grade ('werken aan de informatiepositie')
    ("We werken aan een betere bereikbaarheid.", 1),
    ("We zetten in op preventie.", 1),
    ("We werken aan de uitvoering van onze ambities.", 0),
    ("Middelburg draagt bij aan de Zeeuwse opgaven.", 0),
    ("Dit wordt gestimuleerd.", 0),  # a vague verb as a participle is no clear action
    ("Mantelzorgers worden gefaciliteerd met respijtzorg.", 1),  # a clear subject, a vague change
])
def test_specific(text, score):
    row = c(text, "doen")
    assert row["specific"] == score
    assert row["specific_evidence"]


def test_er_goal_only_for_comparatives_without_a_number():
    assert c("Een veiligere leefomgeving voor iedereen.", "bereiken")["er_goal"]
    assert c("Wij dragen bij aan een inclusieve samenleving.", "bereiken")["er_goal"]
    assert not c("Het aantal woninginbraken daalt naar maximaal 40 per jaar in 2027.", "bereiken")["er_goal"]
    assert not c("De kosten stijgen met meer dan verwacht.", "overig")["er_goal"]  # context is never an ER-goal


@pytest.mark.parametrize("text, section, level", [
    ("Het aantal woninginbraken daalt naar maximaal 40 per jaar.", "bereiken", "effect"),
    ("Kinderen groeien gezond en veilig op.", "bereiken", "effect"),
    ("In 2024 plaatsen we 50 extra laadpalen.", "doen", "prestatie"),
    ("We bouwen 200 sociale huurwoningen.", "doen", "prestatie"),
    ("In 2025 evalueren we het armoedebeleid.", "doen", "activiteit"),
    ("We onderzoeken de mogelijkheden voor een warmtenet.", "doen", "activiteit"),
])
def test_level(text, section, level):
    assert c(text, section)["level"] == level


def test_missing_columns_and_empty_input():
    assert classify_sentences(pd.DataFrame({"text": ["We willen groeien."]}))["statement"].tolist() == ["ambition"]
    empty = classify_sentences(pd.DataFrame({"text": pd.Series([], dtype=str)}))
    assert empty.empty and "statement" in empty
    with pytest.raises(ValueError):
        classify_sentences(pd.DataFrame({"zin": ["x"]}))


# --- scorecard and rankings ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def synthetic():
    tables = document_tables(parse_document(AMBITIES))
    return classify_sentences(tables["sentences"]), tables["sentences"]


def test_scorecard_per_programme(synthetic):
    classified, sentences = synthetic
    card = scorecard(classified, sentences, by="programme")
    assert list(card.index) == ["Wonen", "Cultuur"]
    wonen, cultuur = card.loc["Wonen"], card.loc["Cultuur"]
    assert (wonen["ambitions"], wonen["commitments"], wonen["goals"]) == (3, 2, 5)
    assert wonen["goals_without_indicator"] == 0  # Wonen has Beleidsindicatoren
    assert cultuur["goals_without_indicator"] == 1  # the only goal of Cultuur has no indicator at all
    assert cultuur["share_er_goals"] == 1.0
    assert 0 <= wonen["share_measurable"] <= 1 and wonen["mean_smart_score"] == pytest.approx(
        goals(classified).query("programme == 'Wonen'")["smart_score"].mean())
    total = scorecard(classified, sentences, by=None)
    assert total["goals"].sum() == len(goals(classified))
    assert list(card.columns) == list(CARD_LABELS)  # 03_ambities and 05_gemeenten show every column in Dutch


def test_most_and_least_concrete(synthetic):
    classified, _ = synthetic
    most, least = most_and_least_concrete(classified, n=2)
    assert len(most) == 2 and len(least) == 2
    assert most["smart_score"].min() >= least["smart_score"].max()
    assert most.iloc[0]["text"].startswith(("In 2028 staan er", "Nieuw gebouwde"))
    assert set(least["statement"]) <= {"ambition", "commitment"}



def test_html_table_escapes_document_text_and_cleans_the_id(synthetic):
    classified, _ = synthetic
    hostile = classify_sentences(pd.DataFrame({"text": ["We willen in 2026 <script>alert(1)</script> 50 woningen & meer."],
                                               "programme": ["<b>Wonen</b>"]}))
    html = html_table(pd.concat([classified, hostile], ignore_index=True), table_id='x"><script>')
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;b&gt;Wonen&lt;/b&gt;" in html and "&amp; meer" in html
    assert 'id="xscript"' in html and "bl-interactive" in html  # sorted, searched and paged by the site's script
    assert '<th class="num">Score</th>' in html  # the SMART score sorts as a number
    assert html.count("<tr>") == 1 + len(goals(classified)) + 1

# --- CLI -----------------------------------------------------------------------------------------------------

def test_cli_ambitions_csv(capsys):
    assert cli.main(["ambitions", str(AMBITIES)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 6
    assert {r["statement"] for r in rows} == {"ambition", "commitment"}
    first = next(r for r in rows if r["text"].startswith("In 2028 staan er"))
    assert (first["specific"], first["measurable"], first["time_bound"], first["deadline"]) == ("2", "2", "2", "2028")
    assert "reasons" in first and first["municipality"] == "duinstede"  # the corpus key: slug of the name


def test_cli_ambitions_bad_input(capsys, tmp_path):
    assert cli.main(["ambitions", str(tmp_path / "missing.txt")]) == cli.EXIT_INPUT
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing.txt" in err


def test_cli_analyse_json_adds_ambition_fields(capsys, seed_path):
    assert cli.main(["analyse", str(seed_path)]) == 0
    out = json.loads(capsys.readouterr().out)
    sentences = [s for p in out["programmes"] for sec in p["sections"] for par in sec["paragraphs"]
                 for s in par["sentences"]]
    evaluated = next(s for s in sentences if s["text"].startswith("In 2023 wordt"))
    assert evaluated["statement"] == "commitment" and evaluated["deadline"] == 2023
    assert evaluated["smart"] == {"specific": 2, "measurable": 1, "time_bound": 2}  # an evaluation: one deliverable
    assert set(evaluated["evidence"]) >= {"statement", "specific", "measurable", "time_bound"}
    assert all({"statement", "smart", "deadline", "level", "er_goal", "evidence"} <= set(s) for s in sentences)


def test_annotations_are_json_serialisable(seed):
    document = parse_document(ROOT / "data" / "raw" / "diemen" / "programmabegroting-2024.txt")
    notes = annotations(document_tables(document)["sentences"])
    assert len(notes) == len(seed) and json.loads(json.dumps(notes)) == notes  # every sentence, and a round trip


# --- accuracy floors on the labelled set (a little below what the rules reach) ---------------------------------

# The synthetic sets are regression checks, not the measure (that is real-dev, tests/test_real_dev.py). Their
# 'specific' and 'measurable' labels follow a stricter reading than the real reviewers' (a vague verb on a clear
# subject was 0, a plan or study 0); since the scores follow the real labels, these floors sit lower than before.
FLOORS = {
    # tuning = all rows of ambitions_labelled.yaml (the old held-out rows included: they have been seen)
    "tuning": {"statement_f1": 0.97, "statement_accuracy_3class": 0.96, "specific_agreement": 0.78,
               "measurable_agreement": 0.86, "time_bound_agreement": 0.97, "deadline_agreement": 0.97},
    "old_heldout_seen": {"statement_f1": 0.96, "statement_accuracy_3class": 0.95, "specific_agreement": 0.75,
                         "measurable_agreement": 0.84, "time_bound_agreement": 0.97, "deadline_agreement": 0.97},
    # clean held-out: ambitions_heldout_v2.yaml, labelled before the classifier ran on it, never tuned on
    "heldout_v2": {"statement_f1": 0.95, "statement_accuracy_3class": 0.94, "specific_agreement": 0.71,
                   "measurable_agreement": 0.89, "time_bound_agreement": 0.97, "deadline_agreement": 0.97},
}


@pytest.fixture(scope="module")
def bench_metrics():
    bench = bench_ambitions
    labelled = bench.load_all()
    assert (labelled["split"] != "heldout_v2").sum() >= 300
    assert (labelled["split"] == "heldout_v2").sum() >= 100
    assert (labelled["split"] == "old_heldout").sum() == 99
    metrics, _ = bench.evaluate(labelled)
    return metrics


@pytest.mark.parametrize("split", list(FLOORS))
def test_accuracy_floors(bench_metrics, split):
    for key, floor in FLOORS[split].items():
        assert bench_metrics[split][key] >= floor, (split, key, bench_metrics[split][key])


def test_heldout_v2_shares_no_sentence_with_the_tuning_set():
    bench = bench_ambitions
    tuning = set(bench.load_labelled(bench.LABELLED)["text"])
    heldout = set(bench.load_labelled(bench.HELDOUT_V2, "heldout_v2")["text"])
    # one stock context sentence was written identically in both sets (noticed after the held-out run; kept as is)
    assert tuning & heldout <= {"Dit is in lijn met het coalitieakkoord."}


def test_a_repeated_sentence_is_classified_like_its_first_and_shares_no_cell():
    """classify_sentences computes a repeated (text, context) once: the repeat's row equals the first, and its
    lists are its own."""
    frame = pd.DataFrame({"text": ["We stellen in 2025 het Woonplan vast met de gemeente en inwoners."] * 2
                          + ["We stellen in 2025 het Woonplan vast met de gemeente en inwoners."],
                          "section_kind": ["doen", "doen", "visie"], "year": [2025, 2025, pd.NA]})
    out = classify_sentences(frame)
    alone = [classify_sentences(frame.iloc[[i]]).iloc[0] for i in range(3)]
    for i in range(3):
        assert out.iloc[i].drop("year").to_dict() == alone[i].drop("year").to_dict()
    assert out.at[0, "actors"] == out.at[1, "actors"] and out.at[0, "actors"] is not out.at[1, "actors"]
    assert out.at[0, "policy_documents"] is not out.at[1, "policy_documents"]


def test_classify_sentences_restores_the_garbage_collector():
    import gc

    import pandas as pd

    from begrotingslab.ambitions import classify_sentences

    frame = pd.DataFrame({"text": ["We bouwen in 2025 twintig woningen.", "Dit is een toelichting."]})
    assert gc.isenabled()
    classify_sentences(frame)
    assert gc.isenabled()
    gc.disable()
    try:
        classify_sentences(frame)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_rules_skipped_in_a_context_cannot_decide_there():
    """statement() skips the rules that pass at once outside their context (CONTEXT_RULES): in every context, each
    rule it leaves out passes on every sentence, so the first rule that decides is the same."""
    import real_dev
    from begrotingslab.ambitions.lexicon import word_tokens
    from begrotingslab.ambitions.smart import _years
    from begrotingslab.ambitions.statement import RULES, Reading, rules_in

    texts = real_dev.read_all()["text"].tolist()[::5]
    sections = ["overig", "bereiken", "doen", "visie", "indicatoren", "ontwikkelingen", "bereikt", "gedaan", "gekost"]
    for section in sections:
        for paragraph in ("paragraph", "goal", "list_item"):
            for lead_in in (None, "Met elkaar gaan we voor:"):
                kept = rules_in(section, paragraph, bool(lead_in))
                skipped = [rule for rule in RULES if rule not in kept]
                for text in texts:
                    low = text.lower()
                    reading = Reading(text, low, word_tokens(low), section, "begroting", 2024, _years(text, 2024)[0],
                                      paragraph, lead_in)
                    assert all(rule(reading) is None for rule in skipped), (section, paragraph, lead_in, text)
