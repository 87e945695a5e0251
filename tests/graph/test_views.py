"""Focus views for the explorer: ego networks, a query's answer, the schema; and `kg viz` drawing them."""
import json
import re

import networkx as nx
import pytest

from kg.cli import main
from kg.display.explorer import page as explorer
from kg.errors import KGError
from kg.graph.views import ego, from_query, schema_graph
from kg.ns import BJ, BJR, OWL, SCHEMA
from support import ROOT

UNITREE = str(BJR.unitree)
ROADSHOW = str(BJR["middle-east-roadshow-2025"])
COMPANIES = {str(BJR[c]) for c in ("unitree", "aqishi", "hyperchain", "qiuguo", "matai-energy")}
INVESTORS = str(BJR["middle-east-investors"])

PARTICIPANTS_CONSTRUCT = """
CONSTRUCT { ?event schema:participant ?who } WHERE { ?event a bj:Roadshow ; schema:participant ?who }"""

PARTICIPANTS_SELECT = """
SELECT ?company ?event WHERE {
  ?event a bj:Roadshow ; schema:participant ?company .
  ?company a bj:Company .
} ORDER BY ?company"""


@pytest.fixture(scope="module")
def graph(kg):
    return kg.to_networkx()


@pytest.fixture(scope="module")
def schema(kg):
    return schema_graph(kg)


def graph_file(built):
    return str(built.root / "build" / "kg.nt")


def embedded_node_counts(html: str) -> list[int]:
    """Lengths of the ``nodes`` lists in the page's JSON data blocks."""
    counts = []
    for block in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S):
        data = json.loads(block)
        if isinstance(data, dict) and isinstance(data.get("nodes"), list):
            counts.append(len(data["nodes"]))
    return counts


# --- ego ----------------------------------------------------------------------------------------


def test_ego_of_unitree_reaches_its_direct_neighbours(graph):
    view = ego(graph, UNITREE, depth=1)
    for node in (ROADSHOW, str(BJR.binjiang), str(BJR["unitree-factory"]), str(BJR["guanshan-factory-space"])):
        assert node in view
    assert str(BJR["china-vision-valley"]) not in view
    assert view.nodes[UNITREE]["focus"] is True
    assert [n for n, focus in view.nodes(data="focus") if focus] == [UNITREE]
    # Edges keep their direction, key and evidence; graph-level data travels along.
    edge = view.get_edge_data(ROADSHOW, UNITREE)[str(SCHEMA.participant)]
    assert edge == graph.get_edge_data(ROADSHOW, UNITREE)[str(SCHEMA.participant)] and edge["quotes"]
    assert not view.has_edge(UNITREE, ROADSHOW)
    assert view.graph == graph.graph
    assert "focus" not in graph.nodes[UNITREE]  # the input is left alone


def test_ego_depth_two_is_a_superset(graph):
    one, two = ego(graph, UNITREE, depth=1), ego(graph, UNITREE, depth=2)
    assert set(one) < set(two)
    assert set(one.edges(keys=True)) < set(two.edges(keys=True))
    assert COMPANIES | {INVESTORS} <= set(two)  # fellow participants, through the roadshow
    assert set(ego(graph, UNITREE, depth=0)) == {UNITREE}
    # Every node is within two undirected hops, and every edge among them is kept.
    lengths = nx.single_source_shortest_path_length(graph.to_undirected(), UNITREE, cutoff=2)
    assert set(two) == set(lengths)
    assert two.number_of_edges() == graph.subgraph(lengths).number_of_edges()


def test_ego_of_an_unknown_center_says_so(graph):
    with pytest.raises(KeyError, match="no-such-entity.*not a node"):
        ego(graph, str(BJR["no-such-entity"]))


# --- from_query ---------------------------------------------------------------------------------


def test_construct_draws_the_answer_with_the_graphs_labels_and_evidence(kg, graph):
    view = from_query(kg, PARTICIPANTS_CONSTRUCT)
    assert set(view) == {ROADSHOW, INVESTORS} | COMPANIES
    assert sorted(view.edges(keys=True)) == sorted((ROADSHOW, n, str(SCHEMA.participant)) for n in COMPANIES | {INVESTORS})
    for node, data in view.nodes(data=True):
        assert data == graph.nodes[node]
    assert view.nodes[UNITREE]["label_zh"] == "宇树科技"
    for u, v, key, data in view.edges(keys=True, data=True):
        assert data == graph.edges[u, v, key] and data["quotes"]
    assert view.graph == graph.graph


def test_construct_triples_the_projection_lacks_become_plain_edges(kg, graph):
    view = from_query(kg, "CONSTRUCT { ?c schema:participant ?e } WHERE { ?e a bj:Roadshow ; schema:participant ?c }")
    assert set(view) == {ROADSHOW, INVESTORS} | COMPANIES
    edge = view.edges[UNITREE, ROADSHOW, str(SCHEMA.participant)]
    assert not graph.has_edge(UNITREE, ROADSHOW)
    assert edge["label_en"] == "participant" and edge["label_zh"] and edge["quotes"] == []
    assert not view.has_edge(ROADSHOW, UNITREE)  # not in the answer, so not drawn


def test_select_keeps_entity_columns_and_only_real_edges(kg, graph):
    view = from_query(kg, PARTICIPANTS_SELECT)
    assert set(view) == {ROADSHOW} | COMPANIES
    assert view.nodes[ROADSHOW]["query_columns"] == ["event"]
    assert all(view.nodes[c]["query_columns"] == ["company"] for c in COMPANIES)
    assert sorted(view.edges(keys=True)) == sorted((ROADSHOW, c, str(SCHEMA.participant)) for c in COMPANIES)
    for u, v, key, data in view.edges(keys=True, data=True):
        assert data == graph.edges[u, v, key]
        assert any(view.nodes[v]["label_zh"] in quote for quote in data["quotes"])
    assert "query_columns" not in graph.nodes[ROADSHOW]


def test_select_takes_bindings(kg):
    view = from_query(kg, "SELECT ?who WHERE { ?event schema:participant ?who }", event=BJR["middle-east-roadshow-2025"])
    assert set(view) == COMPANIES | {INVESTORS} and view.number_of_edges() == 0


def test_a_select_of_labels_only_draws_the_entities_behind_them(kg):
    path = ROOT / "queries" / "cq04_roadshow_participants.rq"
    assert set(from_query(kg, path.read_text(encoding="utf-8"), source=str(path))) == COMPANIES  # tests/graph/test_answers.py
    with pytest.raises(KGError, match="names no entity.*IRIs, labels or quotes"):
        from_query(kg, "SELECT ?n WHERE { VALUES ?n { 1 2 } }")
    assert len(from_query(kg, "SELECT ?x WHERE { ?x a bj:NoSuchClass }")) == 0  # no rows: an empty drawing


def test_ask_cannot_be_drawn(kg):
    with pytest.raises(KGError, match="ASK"):
        from_query(kg, "ASK { bjr:unitree a bj:Company }")


# --- schema_graph -------------------------------------------------------------------------------


def test_schema_counts_classes_and_links(schema):
    company = schema.nodes[str(BJ.Company)]
    assert company["count"] == 6 and company["label_zh"] == "企业 (6)" and company["label_en"] == "company (6)"
    assert company["type"] == str(OWL.Class) and (company["type_label_zh"], company["type_label_en"]) == ("类", "class")
    assert company["evidenced"] == 6
    edge = schema.edges[str(BJ.Roadshow), str(BJ.Company), str(SCHEMA.participant)]
    assert edge["count"] == 5 and edge["label_en"] == "participant (5)" and edge["quotes"] == []
    assert schema.edges[str(BJ.Roadshow), str(BJ.InvestorGroup), str(SCHEMA.participant)]["count"] == 1


def test_schema_node_counts_match_sparql(kg, graph, schema):
    direct = kg.query("""SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c . FILTER(STRSTARTS(STR(?s), STR(bjr:))) }
                         GROUP BY ?c""")
    expected = {c: n for c, n in zip(direct["c"], direct["n"])}
    plumbing = {str(BJ.TextSpan), str(BJ.Assertion)} | {c for c in expected if c.startswith("http://purl.org/linked-data/cube#")}
    assert {n: d["count"] for n, d in schema.nodes(data=True)} == {c: n for c, n in expected.items() if c not in plumbing}
    assert set(schema) == {d["type"] for _, d in graph.nodes(data=True)}
    assert all(0 <= d["evidenced"] <= d["count"] for _, d in schema.nodes(data=True))
    hidden = ("rdf-syntax-ns#subject", "rdf-syntax-ns#object", "wasDerivedFrom", "hasSource", "rdf-syntax-ns#type")
    assert not [k for *_, k in schema.edges(keys=True) if k.endswith(hidden)]


# --- kg viz -------------------------------------------------------------------------------------


def test_viz_focus_writes_the_ego_network(built, kg, graph, tmp_path, monkeypatch, capsys):
    drawn = []
    render = explorer.render_explorer

    def spy(g, **kwargs):
        drawn.append((g, kwargs))
        return render(g, **kwargs)

    monkeypatch.setattr(explorer, "render_explorer", spy)
    out = tmp_path / "out" / "unitree.html"
    assert main(["viz", "--graph", graph_file(built), "--focus", "宇树科技", "--depth", "1", "--output", str(out)]) == 0
    expected = ego(graph, UNITREE, depth=1)
    (g, kwargs), = drawn
    assert set(g) == set(expected) and kwargs["title"] == "宇树科技 · 1 hop"
    html = out.read_text(encoding="utf-8")
    assert "宇树科技 · 1 hop" in html
    assert len(expected) in embedded_node_counts(html)
    assert str(out) in capsys.readouterr().out


def test_viz_query_and_schema_pages(built, kg, schema, tmp_path, capsys):
    query = tmp_path / "participants.rq"
    query.write_text(PARTICIPANTS_SELECT, encoding="utf-8")
    out = tmp_path / "query.html"
    assert main(["viz", "--graph", graph_file(built), "--query", str(query), "--output", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "participants.rq" in html and len(from_query(kg, PARTICIPANTS_SELECT)) in embedded_node_counts(html)
    out = tmp_path / "schema.html"
    assert main(["viz", "--graph", graph_file(built), "--schema", "--lang", "en", "--title", "Classes", "--output", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "<title>Classes" in html and len(schema) in embedded_node_counts(html)


def test_viz_errors_are_one_line_and_exit_2(built, tmp_path, capsys):
    ask = tmp_path / "ask.rq"
    ask.write_text("ASK { bjr:unitree a bj:Company }", encoding="utf-8")
    out = tmp_path / "never.html"
    cases = [
        (["--query", str(ask)], "ASK query"),
        (["--focus", "no such company anywhere"], "no entity with id or label"),
        (["--query", str(tmp_path / "missing.rq")], "no such query file"),
        (["--depth", "1"], "--depth needs --focus"),
    ]
    for args, message in cases:
        assert main(["viz", "--graph", graph_file(built), *args, "--output", str(out)]) == 2
        err = capsys.readouterr().err
        assert message in err and err.count("\n") == 1 and err.startswith("error: ")
    assert not out.exists()


def test_viz_views_are_mutually_exclusive(built, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["viz", "--graph", graph_file(built), "--schema", "--focus", "unitree"])
    assert exit_.value.code == 2 and "not allowed with" in capsys.readouterr().err
