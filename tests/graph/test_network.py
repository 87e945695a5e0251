"""The NetworkX projection and the analytics on it."""
import networkx as nx
import pytest

from kg.analysis.network import centrality, communities, evidenced_path
from kg.ns import BJ, BJR, SCHEMA, SDMX_DIM


@pytest.fixture(scope="module")
def graph(kg):
    return kg.to_networkx()


@pytest.fixture(scope="module")
def collapsed(kg):
    return kg.to_networkx(collapse=True)


def test_nodes_are_entities_and_fact_nodes_with_type_and_labels(kg, graph):
    expected = kg.query("""SELECT (COUNT(DISTINCT ?n) AS ?c) WHERE { ?n a ?t . FILTER(STRSTARTS(STR(?n), STR(bjr:)))
        FILTER NOT EXISTS { ?n a ?s . FILTER(?s IN (bj:TextSpan, bj:Assertion, qb:DataSet, qb:DataStructureDefinition,
        qb:ComponentSpecification)) } }""")["c"].iloc[0]
    assert len(graph) == expected
    unitree = graph.nodes[str(BJR.unitree)]
    assert (unitree["label_zh"], unitree["label_en"], unitree["type"]) == ("宇树科技", "Unitree Robotics", str(BJ.Company))
    assert unitree["type_label_zh"] and unitree["type_label_en"] == "company"
    assert all(data["label_zh"] for _, data in graph.nodes(data=True))


def test_edges_are_directed_labelled_and_evidenced(graph):
    data = graph.get_edge_data(str(BJR["middle-east-roadshow-2025"]), str(BJR.unitree))[str(SCHEMA.participant)]
    assert data["label_en"] == "participant" and data["label_zh"]
    assert data["quotes"] and "宇树科技" in data["quotes"][0]
    assert not graph.has_edge(str(BJR.unitree), str(BJR["middle-east-roadshow-2025"]))
    assert all(d["quotes"] for *_, d in graph.edges(data=True))


def test_observation_nodes_have_readable_labels(graph):
    fdi = graph.nodes[str(BJR["obs-2025q1-fdi"])]
    assert "4.43" in fdi["label_zh"] and "亿" in fdi["label_zh"]
    assert graph.has_edge(str(BJR["obs-2025q1-fdi"]), str(BJR.binjiang), key=str(SDMX_DIM.refArea))


def test_collapse_folds_fact_nodes_into_edges(graph, collapsed):
    assert str(BJR["obs-2025q1-fdi"]) not in collapsed and str(BJR["rec-2024-sti-ding"]) not in collapsed
    edge = collapsed.get_edge_data(str(BJR.binjiang), str(BJR["award-sti-ding"]))
    assert edge and any(d.get("via") == str(BJR["rec-2024-sti-ding"]) and d["quotes"] for d in edge.values())
    assert len(collapsed) < len(graph)


def test_centrality_puts_the_zone_first(graph):
    frame = centrality(graph, top=5)
    assert frame["node"].iloc[0] == str(BJR.binjiang) and len(frame) == 5
    assert frame["betweenness"].between(0, 1).all()


def test_communities_cover_every_node_and_repeat(graph):
    first, second = communities(graph), communities(graph)
    assert set(first["node"]) == set(graph.nodes)
    assert first.equals(second)


def test_evidenced_path_from_a_policy_to_a_company(graph):
    hops = evidenced_path(graph, str(BJR["innovation-opinions"]), str(BJR.unitree))
    iris = set(hops["from_iri"]) | set(hops["to_iri"])
    assert {str(BJR["innovation-opinions"]), str(BJR.unitree)} <= iris
    assert (hops["quote"].str.len() > 0).all()


def test_no_path_between_disconnected_nodes():
    g = nx.MultiDiGraph()
    g.add_nodes_from(["a", "b"])
    with pytest.raises(nx.NetworkXNoPath):
        evidenced_path(g, "a", "b")


def test_evidence_spans_point_into_the_documents_carried_by_the_graph(graph):
    documents = graph.graph["documents"]
    assert list(documents) == [str(BJR["doc-000"])] and documents[str(BJR["doc-000"])]["title_zh"]
    spans = [span for *_, d in graph.edges(data=True) for span in d["evidence"]]
    spans += [span for _, d in graph.nodes(data=True) for span in d.get("evidence", [])]
    assert len(spans) > 300
    for span in spans:
        raw = documents[span["doc"]]["text"][span["start"]:span["end"]]
        assert raw.replace("\n", "") == span["quote"].replace("\n", "")


def test_fact_nodes_carry_their_measure(graph):
    measure = graph.nodes[str(BJR["obs-2025q1-fdi"])]["measure"]
    assert (measure["value"], measure["multiplier"], measure["unit_en"], measure["rank"]) == ("4.43", 8, "USD", 1)
    assert measure["period_zh"] == "2025年一季度" and measure["rank_scope_zh"] == "浙江省"
    horizon = graph.nodes[str(BJR["qty-guanshan-capacity-horizon"])]["measure"]
    assert (horizon["value"], horizon["max"]) == ("3", "5")
