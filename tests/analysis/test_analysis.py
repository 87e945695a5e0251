"""Hubs by class, bridges, ego networks and policy → company paths on the real graph."""
import networkx as nx
import pytest

from kg.analysis.network import (
    articulation_points,
    bridge_edges,
    centrality_by_class,
    edge_table,
    ego_network,
    policy_company_paths,
)
from kg.ns import BJR

ZONE, GOV, UNITREE, VALLEY = (str(BJR[n]) for n in ("binjiang", "binjiang-gov", "unitree", "zero-magnetic-valley"))


@pytest.fixture(scope="module")
def graph(kg):
    return kg.to_networkx(collapse=True)


def test_hubs_by_class(graph):
    hubs = centrality_by_class(graph, top=3)
    first = hubs[hubs["rank"] == 1].set_index("group")["label"].to_dict()
    assert first["company"] == "宇树科技" and first["platform"] == "中国视谷" and first["region"] == "高新区(滨江)"
    assert list(dict.fromkeys(hubs["group"])) == ["platform", "company", "policy", "public service", "region"]
    assert (hubs.groupby("group").size() <= 3).all()


def test_articulation_points(graph):
    points = articulation_points(graph)
    assert points["node"].iloc[0] == ZONE and points["node"].iloc[1] == GOV
    assert VALLEY in set(points["node"]) and UNITREE in set(points["node"])
    assert (points["cut_off"] >= 1).all()


def test_bridge_edges_skip_leaves_and_carry_quotes(graph):
    bridges = bridge_edges(graph)
    assert (bridges["side"] >= 2).all() and bridges["quote"].str.len().gt(0).all()
    assert len(bridge_edges(graph, min_side=1)) > len(bridges)


def test_ego_network_of_unitree(graph):
    ego = ego_network(graph, UNITREE)
    labels = {graph.nodes[n]["label_zh"] for n in ego}
    assert labels == {"宇树科技", "中东行", "高新区(滨江)", "冠山数智产业园高标准厂房", "四足机器人", "宇树科技新启用的厂房"}
    edges = edge_table(ego)
    assert (edges["quote"].str.len() > 0).all()
    assert ("宇树科技", "生产", "四足机器人") in set(zip(edges["from"], edges["property"], edges["to"]))


def test_ego_network_of_the_zero_magnetic_valley_without_hubs(graph):
    ego = ego_network(graph, VALLEY, radius=2, hide=[ZONE, GOV])
    labels = {graph.nodes[n]["label_zh"] for n in ego}
    assert {"国际零磁科学谷", "交叉研究平台", "杭州江南科学城", "量子精密测量", "潜力型产业"} <= labels
    assert "滨江" not in labels and "国际领先的芯片化量子传感器工艺技术研究平台" in labels


def test_policy_to_company_paths_through_the_government(graph):
    paths = policy_company_paths(graph, avoid=[ZONE])
    opinions = paths[(paths["policy"] == "关于建设创新滨江加快培育新质生产力的实施意见") & (paths["company"] == "宇树科技")]
    assert opinions["hop"].tolist() == [1, 2, 3]
    assert opinions["from_iri"].iloc[0] == str(BJR["innovation-opinions"]) and opinions["to_iri"].iloc[0] == GOV
    assert opinions["from_iri"].iloc[-1] == UNITREE
    assert (opinions["quote"].str.len() > 0).all()
    # Without the zone and its government, no policy reaches a company: the article states no direct link.
    assert policy_company_paths(graph, avoid=[ZONE, GOV]).empty


def test_paths_skip_unconnected_pairs():
    g = nx.MultiDiGraph()
    g.add_node("p", type="https://w3id.org/binjiang-kg/ont#Policy")
    g.add_node("c", type="https://w3id.org/binjiang-kg/ont#Company")
    assert policy_company_paths(g).empty
