"""Network analytics on the projected entity graph: centrality, communities and evidenced paths.

Pure functions of a NetworkX graph (as made by `kg.network.project_graph`); no RDF here.
"""
from __future__ import annotations

import networkx as nx
import pandas as pd


def _label(graph: nx.Graph, node: str, lang: str) -> str:
    data = graph.nodes[node]
    return data.get(f"label_{lang}") or data.get("label_zh") or node.rsplit("/", 1)[-1]


def centrality(graph: nx.MultiDiGraph, *, lang: str = "zh", top: int | None = None) -> pd.DataFrame:
    """Degree, betweenness and closeness of every node, most central first.

    >>> G = nx.MultiDiGraph([("a", "b"), ("a", "c"), ("c", "b")])
    >>> centrality(G)["node"].tolist()[0]
    'a'
    """
    simple = nx.Graph(graph.to_undirected())
    frame = pd.DataFrame({
        "node": list(graph.nodes),
        "label": [_label(graph, n, lang) for n in graph.nodes],
        "type": [graph.nodes[n].get(f"type_label_{lang}") or graph.nodes[n].get("type", "") for n in graph.nodes],
        "degree": [graph.degree(n) for n in graph.nodes],
    })
    betweenness = nx.betweenness_centrality(simple)
    closeness = nx.closeness_centrality(simple)
    frame["betweenness"] = frame["node"].map(betweenness).astype("Float64")
    frame["closeness"] = frame["node"].map(closeness).astype("Float64")
    frame = frame.sort_values(["degree", "betweenness", "node"], ascending=[False, False, True], ignore_index=True)
    return frame.head(top) if top else frame


def communities(graph: nx.MultiDiGraph, *, lang: str = "zh", seed: int = 42) -> pd.DataFrame:
    """Louvain communities of the undirected projection (seeded, so repeatable), one row per node."""
    groups = nx.community.louvain_communities(nx.Graph(graph.to_undirected()), seed=seed)
    groups = sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g[0]))
    rows = [(i, n, _label(graph, n, lang)) for i, group in enumerate(groups) for n in group]
    return pd.DataFrame(rows, columns=["community", "node", "label"])


def evidenced_path(graph: nx.MultiDiGraph, source: str, target: str, *, lang: str = "zh") -> pd.DataFrame:
    """The shortest connection between two nodes, one row per hop with its direction and evidence.

    Direction is ignored when searching (a path may go against an edge); each hop reports the edge as
    stated. Raises ``nx.NetworkXNoPath`` when the two are not connected.

    >>> G = nx.MultiDiGraph(); G.add_edge("a", "b", key="p", label_zh="p", quotes=["a p b"])
    'p'
    >>> evidenced_path(G, "b", "a")[["from", "property", "to", "quote"]].values.tolist()
    [['a', 'p', 'b', 'a p b']]
    """
    hops = nx.shortest_path(graph.to_undirected(as_view=True), source, target)
    rows = []
    for u, v in zip(hops, hops[1:]):
        forward = graph.get_edge_data(u, v) or {}
        head, tail, edges = (u, v, forward) if forward else (v, u, graph.get_edge_data(v, u))
        key = sorted(edges)[0]
        data = edges[key]
        rows.append({
            "from": _label(graph, head, lang), "property": data.get(f"label_{lang}") or key,
            "to": _label(graph, tail, lang), "quote": " | ".join(data.get("quotes", [])),
            "from_iri": head, "predicate": key, "to_iri": tail,
        })
    return pd.DataFrame(rows, columns=["from", "property", "to", "quote", "from_iri", "predicate", "to_iri"])
