"""Network analytics on the projected entity graph: centrality, communities and evidenced paths.

Pure functions of a NetworkX graph (as made by `kg.graph.projection.project_graph`); no RDF here.
"""
from __future__ import annotations

import networkx as nx
import pandas as pd

from kg.graph.views import ego
from kg.labels import local_name


def node_label(graph: nx.Graph, node: str, lang: str = "zh") -> str:
    """A node's label in `lang`, else its Chinese label, else the last segment of its IRI.

    >>> G = nx.Graph(); G.add_node("https://example.org/id/a", label_en="A")
    >>> node_label(G, "https://example.org/id/a"), node_label(G, "https://example.org/id/a", "en")
    ('a', 'A')
    """
    data = graph.nodes[node]
    return data.get(f"label_{lang}") or data.get("label_zh") or local_name(node)


def centrality(graph: nx.MultiDiGraph, *, lang: str = "zh", top: int | None = None) -> pd.DataFrame:
    """Degree, betweenness and closeness of every node, most central first.

    >>> G = nx.MultiDiGraph([("a", "b"), ("a", "c"), ("c", "b")])
    >>> centrality(G)["node"].tolist()[0]
    'a'
    """
    simple = nx.Graph(graph.to_undirected())
    frame = pd.DataFrame({
        "node": list(graph.nodes),
        "label": [node_label(graph, n, lang) for n in graph.nodes],
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
    rows = [(i, n, node_label(graph, n, lang)) for i, group in enumerate(groups) for n in group]
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
            "from": node_label(graph, head, lang), "property": data.get(f"label_{lang}") or key,
            "to": node_label(graph, tail, lang), "quote": " | ".join(data.get("quotes", [])),
            "from_iri": head, "predicate": key, "to_iri": tail,
        })
    return pd.DataFrame(rows, columns=["from", "property", "to", "quote", "from_iri", "predicate", "to_iri"])


# ---------------------------------------------------------------------------------------------------------
# Hubs by class, bridges, ego networks and policy → company paths
# ---------------------------------------------------------------------------------------------------------

_BJ = "https://w3id.org/binjiang-kg/ont#"

# The classes an analyst compares hubs within (type IRIs as the projection stores them).
CLASS_GROUPS = {
    "platform": tuple(_BJ + c for c in ("InnovationPlatform", "ResearchFacility", "DigitalInfrastructure")),
    "company": (_BJ + "Company",),
    "policy": tuple(_BJ + c for c in ("Policy", "Plan", "Report", "Initiative", "Reform", "Mechanism", "Strategy")),
    "public service": (_BJ + "PublicService", _BJ + "PublicFacility"),
    "region": (_BJ + "Region",),
}


def group_of(graph: nx.Graph, node: str, groups: dict | None = None) -> str | None:
    """The name of the class group (`CLASS_GROUPS` by default) a node's type belongs to, or None.

    >>> G = nx.Graph(); G.add_node("u", type=_BJ + "Company")
    >>> group_of(G, "u")
    'company'
    """
    kind = graph.nodes[node].get("type")
    return next((name for name, types in (groups or CLASS_GROUPS).items() if kind in types), None)


def centrality_by_class(graph: nx.MultiDiGraph, *, groups: dict | None = None, top: int = 5,
                        lang: str = "zh") -> pd.DataFrame:
    """The `top` most central nodes of each class group (platforms, companies, policies, ...).

    Centralities are computed on the whole graph (`centrality`), then ranked within each group by
    degree and betweenness. One row per node: ``group``, ``rank`` (1 = hub of its group), then the
    columns of `centrality`.

    >>> G = nx.MultiDiGraph([("p", "c"), ("p", "d"), ("q", "c")])
    >>> for n, t in {"p": "Policy", "q": "Policy", "c": "Company", "d": "Company"}.items():
    ...     G.nodes[n]["type"] = _BJ + t
    >>> centrality_by_class(G, top=1)[["group", "node"]].values.tolist()
    [['company', 'c'], ['policy', 'p']]
    """
    groups = groups or CLASS_GROUPS
    frame = centrality(graph, lang=lang)
    frame.insert(0, "group", [group_of(graph, n, groups) for n in frame["node"]])
    frame = frame[frame["group"].notna()]
    order = {name: i for i, name in enumerate(groups)}
    frame = frame.sort_values(["group", "degree", "betweenness", "node"], ascending=[True, False, False, True],
                              key=lambda c: c.map(order) if c.name == "group" else c)
    frame.insert(1, "rank", frame.groupby("group").cumcount() + 1)
    return frame[frame["rank"] <= top].reset_index(drop=True)


def articulation_points(graph: nx.MultiDiGraph, *, lang: str = "zh") -> pd.DataFrame:
    """The nodes whose removal disconnects the undirected projection, by how many nodes they cut off.

    ``cut_off`` counts the nodes no longer connected to the largest remaining part when the node goes;
    ``parts`` is the number of connected pieces its neighbours fall into.

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "d"), ("b", "e")])
    >>> articulation_points(G)[["node", "cut_off", "parts"]].values.tolist()
    [['b', 2, 3], ['c', 1, 2]]
    """
    simple = nx.Graph(graph.to_undirected())
    rows = []
    for node in nx.articulation_points(simple):
        rest = simple.subgraph(n for n in simple if n != node)
        sizes = sorted((len(c) for c in nx.connected_components(rest)), reverse=True)
        rows.append({"node": node, "label": node_label(graph, node, lang), "type": _type(graph, node, lang),
                     "cut_off": sum(sizes[1:]), "parts": len(sizes)})
    frame = pd.DataFrame(rows, columns=["node", "label", "type", "cut_off", "parts"])
    return frame.sort_values(["cut_off", "parts", "node"], ascending=[False, False, True], ignore_index=True)


def bridge_edges(graph: nx.MultiDiGraph, *, min_side: int = 2, lang: str = "zh") -> pd.DataFrame:
    """The edges whose removal splits the undirected projection, with the facts they stand for.

    Edges to a leaf are bridges trivially; only bridges whose smaller side has at least `min_side` nodes
    are kept. One row per bridge: both ends, ``side`` (nodes on the smaller side), and the property and
    quotes of the stated edge(s) between the two ends.

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "a2"), ("a2", "a"), ("b", "c"), ("c", "d")])
    >>> bridge_edges(G)[["from_iri", "to_iri", "side"]].values.tolist()
    [['b', 'c', 2]]
    """
    simple = nx.Graph(graph.to_undirected())
    rows = []
    for u, v in nx.bridges(simple):
        cut = simple.copy()
        cut.remove_edge(u, v)
        side = min(len(nx.node_connected_component(cut, u)), len(nx.node_connected_component(cut, v)))
        if side < min_side:
            continue
        stated = [(a, b, k, d) for a, b in ((u, v), (v, u)) for k, d in (graph.get_edge_data(a, b) or {}).items()]
        a, b, key, data = sorted(stated, key=lambda e: (e[0], e[2]))[0]
        rows.append({"from": node_label(graph, a, lang), "property": data.get(f"label_{lang}") or key,
                     "to": node_label(graph, b, lang), "side": side, "quote": " | ".join(data.get("quotes", [])),
                     "from_iri": a, "to_iri": b})
    frame = pd.DataFrame(rows, columns=["from", "property", "to", "side", "quote", "from_iri", "to_iri"])
    return frame.sort_values(["side", "from_iri", "to_iri"], ascending=[False, True, True], ignore_index=True)


def _type(graph: nx.Graph, node: str, lang: str) -> str:
    data = graph.nodes[node]
    return data.get(f"type_label_{lang}") or data.get("type", "")


def ego_network(graph: nx.MultiDiGraph, center: str, *, radius: int = 1, hide=()) -> nx.MultiDiGraph:
    """The nodes within `radius` hops of `center` (edges in either direction), as a subgraph copy.

    `kg.graph.views.ego` of the graph without the nodes in `hide` (e.g. the zone itself, a hub that is
    next to everything), so they do not shorten the paths; `center` is never hidden.

    >>> G = nx.MultiDiGraph([("a", "b"), ("c", "a"), ("c", "d"), ("b", "d")])
    >>> sorted(ego_network(G, "a")), sorted(ego_network(G, "a", radius=2, hide=["b"]))
    (['a', 'b', 'c'], ['a', 'c', 'd'])
    """
    hidden = set(hide) - {center}
    return ego(graph.subgraph(n for n in graph if n not in hidden), center, depth=radius)


def edge_table(graph: nx.MultiDiGraph, *, lang: str = "zh") -> pd.DataFrame:
    """Every edge of `graph` as a row: from, property, to, quote (the evidence beside a network figure).

    >>> G = nx.MultiDiGraph(); G.add_edge("a", "b", key="p", label_zh="属性", quotes=["甲乙"])
    'p'
    >>> edge_table(G).values.tolist()
    [['a', '属性', 'b', '甲乙', 'a', 'p', 'b']]
    """
    rows = [{"from": node_label(graph, u, lang), "property": d.get(f"label_{lang}") or k,
             "to": node_label(graph, v, lang), "quote": " | ".join(d.get("quotes", [])), "from_iri": u, "predicate": k, "to_iri": v}
            for u, v, k, d in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3])]
    return pd.DataFrame(rows, columns=["from", "property", "to", "quote", "from_iri", "predicate", "to_iri"])


def policy_company_paths(graph: nx.MultiDiGraph, *, policies=None, companies=None, avoid=(), lang: str = "zh",
                         groups: dict | None = None) -> pd.DataFrame:
    """The shortest evidenced path from each policy to each company, one row per hop.

    Parameters
    ----------
    graph : MultiDiGraph
        The projection (`kg.to_networkx()`).
    policies, companies : iterable of node IRIs, optional
        Default: every node of the ``policy`` and ``company`` class groups.
    avoid : iterable of node IRIs
        Nodes the paths may not pass through (e.g. the zone and its government, which touch almost
        everything and so make every path two hops long).

    Returns
    -------
    DataFrame
        ``policy``, ``company`` (labels), ``hop`` (1-based), then the columns of `evidenced_path`;
        pairs that are not connected (once `avoid` is removed) are left out.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("p", type=_BJ + "Policy", label_zh="政策"); G.add_node("c", type=_BJ + "Company", label_zh="企业")
    >>> G.add_edge("p", "x", key="k", quotes=["q1"]); G.add_edge("c", "x", key="k", quotes=["q2"])
    'k'
    'k'
    >>> policy_company_paths(G)[["policy", "company", "hop", "quote"]].values.tolist()
    [['政策', '企业', 1, 'q1'], ['政策', '企业', 2, 'q2']]
    """
    groups = groups or CLASS_GROUPS
    if policies is None:
        policies = sorted(n for n in graph if group_of(graph, n, groups) == "policy")
    if companies is None:
        companies = sorted(n for n in graph if group_of(graph, n, groups) == "company")
    avoid = set(avoid)
    view = nx.restricted_view(graph, [n for n in avoid if n in graph], [])
    frames = []
    for p in policies:
        for c in companies:
            try:
                hops = evidenced_path(view, p, c, lang=lang)
            except (nx.NetworkXNoPath, nx.NodeNotFound):
                continue
            hops.insert(0, "hop", range(1, len(hops) + 1))
            hops.insert(0, "company", node_label(graph, c, lang))
            hops.insert(0, "policy", node_label(graph, p, lang))
            frames.append(hops)
    columns = ["policy", "company", "hop", "from", "property", "to", "quote", "from_iri", "predicate", "to_iri"]
    return pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)


def community_table(graph: nx.MultiDiGraph, *, lang: str = "zh", seed: int = 42, members: int = 6) -> pd.DataFrame:
    """One row per Louvain community (`communities`): its size and its most connected members.

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y")])
    >>> community_table(G).values.tolist()
    [[0, 3, 'a、b、c'], [1, 2, 'x、y']]
    """
    frame = communities(graph, lang=lang, seed=seed)
    frame["degree"] = [graph.degree(n) for n in frame["node"]]
    frame = frame.sort_values(["community", "degree", "label"], ascending=[True, False, True])
    rows = [(c, len(g), "、".join(g["label"].head(members))) for c, g in frame.groupby("community", sort=True)]
    return pd.DataFrame(rows, columns=["community", "size", "members"])
