"""`kg viz --query` draws what the rows are about: entities named by IRI, by label (the IRIs behind the labels), or
by quote; every competency question draws."""
import pytest

from kg.cli import main
from kg.graph.answers import group_concat_separators
from kg.graph.views import from_query
from kg.ns import BJ, BJR
from support import QUERY_FOLDER

COMPETENCY_QUERIES = sorted(QUERY_FOLDER.glob("*.rq"))
COMPANIES = {str(BJR[c]) for c in ("unitree", "aqishi", "hyperchain", "qiuguo", "matai-energy", "leapmotor")}
PARTICIPANTS = COMPANIES - {str(BJR.leapmotor)}


def test_there_are_fourteen_competency_queries():
    assert len(COMPETENCY_QUERIES) == 14


@pytest.mark.parametrize("path", COMPETENCY_QUERIES, ids=lambda p: p.stem)
def test_every_competency_query_draws(kg, path):
    view = from_query(kg, path.read_text(encoding="utf-8"), source=str(path))
    assert view.number_of_nodes() > 0
    assert all(data["query_columns"] for _, data in view.nodes(data=True))


def test_the_labels_of_a_query_draw_the_entities_behind_them(kg):
    path = QUERY_FOLDER / "cq04_roadshow_participants.rq"
    view = from_query(kg, path.read_text(encoding="utf-8"))
    assert set(view) == PARTICIPANTS
    assert all(view.nodes[c]["query_columns"] == ["companyEn", "companyZh"] for c in PARTICIPANTS)


def test_a_query_of_iris_draws_as_before(kg):
    view = from_query(kg, "SELECT ?company ?event WHERE { ?event a bj:Roadshow ; schema:participant ?company . "
                          "?company a bj:Company }")
    assert set(view) == PARTICIPANTS | {str(BJR["middle-east-roadshow-2025"])}
    assert all(view.nodes[c]["query_columns"] == ["company"] for c in PARTICIPANTS)


@pytest.mark.parametrize("label", [
    "?name FILTER(lang(?name) = 'en')",  # language-tagged
    "?label BIND(STR(?label) AS ?name)",  # plain text: STR() drops the language
    "?label BIND(CONCAT(STR(?label), '') AS ?name)",
])
def test_labels_however_spelt_name_their_entities(kg, label):
    view = from_query(kg, "SELECT ?name WHERE { ?c a bj:Company ; skos:prefLabel " + label + " }")
    assert set(view) == COMPANIES


def test_group_concat_cells_are_split_on_the_querys_separator(kg):
    query = ("SELECT (GROUP_CONCAT(?name; separator=' ~ ') AS ?names) WHERE { ?c a bj:Company ; skos:prefLabel ?name "
             "FILTER(lang(?name) = 'zh') }")
    assert set(from_query(kg, query)) == COMPANIES
    spaced = query.replace("; separator=' ~ '", "")  # GROUP_CONCAT's default separator: a space
    assert set(from_query(kg, spaced)) == COMPANIES


def test_a_row_of_values_and_quotes_draws_the_facts_its_quotes_state(kg):
    query = ("SELECT ?value ?quote WHERE { ?obs bj:indicator bjr:ind-gdp ; sdmx-dimension:refPeriod per:2024 ; "
             "sdmx-measure:obsValue ?value ; prov:wasDerivedFrom/bj:quote ?quote }")
    view = from_query(kg, query)
    observations = [n for n, d in view.nodes(data=True) if d["type"] == str(BJ.StatObservation)]
    assert len(observations) == 1 and str(BJR["ind-gdp"]) in view
    assert all(d["query_columns"] == ["quote"] for _, d in view.nodes(data=True))


def test_a_preferred_label_wins_over_an_alternative_one(kg):
    # 滨江 is the district government's preferred label and one of the district's alternative labels.
    view = from_query(kg, "SELECT ?name WHERE { BIND(STRLANG('滨江', 'zh') AS ?name) }")
    assert set(view) == {str(BJR["binjiang-gov"])}
    view = from_query(kg, "SELECT ?name WHERE { BIND(STRLANG('全区', 'zh') AS ?name) }")  # an alternative label only
    assert set(view) == {str(BJR.binjiang)}


def test_text_that_names_nothing_still_names_nothing(kg):
    from kg.errors import KGError

    with pytest.raises(KGError, match="names no entity"):
        from_query(kg, "SELECT ?x WHERE { VALUES ?x { 'no such name' 42 } }")


def test_separators_are_read_from_the_query_text():
    assert group_concat_separators('SELECT (GROUP_CONCAT(?a; separator="、") AS ?x) (GROUP_CONCAT(?b ; SEPARATOR = " | ") AS ?y) {}') == ["、", " | "]
    assert group_concat_separators("SELECT (group_concat(distinct ?a) AS ?x) {}") == [" "]
    assert group_concat_separators('SELECT (GROUP_CONCAT(?a; separator="\\"") AS ?x) {}') == ['"']


@pytest.mark.parametrize("path", [QUERY_FOLDER / "cq01_gdp_2024.rq", QUERY_FOLDER / "cq07_platforms.rq"],
                         ids=lambda p: p.stem)
def test_kg_viz_draws_a_competency_query(built, tmp_path, capsys, path):
    out = tmp_path / "view.html"
    assert main(["viz", "--graph", str(built.root / "build" / "kg.nt"), "--query", str(path), "--output", str(out)]) == 0
    assert out.stat().st_size > 1000 and f"wrote {out}" in capsys.readouterr().out
