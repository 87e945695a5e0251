"""Seeded synthetic knowledge graphs in the explorer's input contract, for benchmarks and smoke tests.

``synthetic_graph(n)`` returns a ``networkx.MultiDiGraph`` shaped like ``kg.graph.projection.project_graph``'s
output, so it can go straight into ``kg.display.explorer.page.render_explorer``:

* nodes are IRIs with ``type`` (one of 12 class IRIs), ``type_label_zh``/``type_label_en``,
  ``label_zh`` (Chinese-like) and ``label_en`` (English-like, empty for a few nodes, as for some
  fact nodes in the real graph), and sometimes an evidence ``quote``;
* edges are keyed by predicate IRI and carry ``predicate``, ``label_zh``, ``label_en`` and a list
  of evidence ``quotes``;
* degrees are heavy-tailed: preferential attachment (Barabási–Albert, ``edges_per_node`` links per
  new node) grows a few hubs, like the district and its government in the real graph; a few pairs
  get a second, parallel fact or a reverse fact, so curved and parallel edges are exercised too.

Everything comes from one ``random.Random(seed)``: the same ``(n_nodes, edges_per_node, seed)``
always gives the same graph (same nodes, attributes, edges and insertion order), on any platform.
No networkx generator is used, so a networkx upgrade cannot change the benchmark's input.
"""

from __future__ import annotations

import random

import networkx as nx

__all__ = ["CLASSES", "PREDICATES", "SEED", "synthetic_graph", "graph_summary"]

SEED = 20240601

BASE = "https://example.org/bench/"
ONTOLOGY = BASE + "ontology#"
RESOURCE = BASE + "resource/"

# (local name, Chinese label, English label, relative frequency, Chinese name suffixes, English suffixes)
CLASSES = (
    ("Company", "企业", "company", 30, ("科技", "科技有限公司", "股份有限公司", "网络"), ("Technology", "Tech Co.", "Networks")),
    ("Person", "人物", "person", 10, ("",), ("",)),
    ("Organization", "机构", "organization", 8, ("局", "委员会", "协会", "研究院"), ("Bureau", "Committee", "Association", "Institute")),
    ("Platform", "创新平台", "innovation platform", 7, ("实验室", "创新中心", "孵化器"), ("Laboratory", "Innovation Center", "Incubator")),
    ("Policy", "政策", "policy", 6, ("若干意见", "实施办法", "行动计划"), ("Opinions", "Measures", "Action Plan")),
    ("Event", "活动", "event", 8, ("大会", "论坛", "路演", "峰会"), ("Conference", "Forum", "Roadshow", "Summit")),
    ("Award", "奖项", "award", 4, ("鼎", "奖", "称号"), ("Tripod", "Award", "Title")),
    ("Indicator", "指标", "indicator", 3, ("增速", "总额", "数量"), ("growth", "total", "count")),
    ("IndicatorValue", "指标值", "indicator value", 12, ("",), ("",)),
    ("Place", "地点", "place", 4, ("街道", "园区", "小镇"), ("Subdistrict", "Park", "Town")),
    ("Product", "产品", "product", 5, ("机器人", "平台", "芯片", "系统"), ("Robot", "Platform", "Chip", "System")),
    ("Document", "文档", "source document", 3, ("报道", "公告", "白皮书"), ("Report", "Notice", "White Paper")),
)

# (local name, Chinese label, English label)
PREDICATES = (
    ("locatedIn", "位于", "located in"),
    ("partOf", "隶属于", "part of"),
    ("founder", "创始人", "founder"),
    ("participant", "参与者", "participant"),
    ("award", "获得奖项", "received award"),
    ("issuedBy", "发布机构", "issued by"),
    ("about", "涉及", "is about"),
    ("partner", "合作伙伴", "partner"),
    ("produces", "生产", "produces"),
    ("indicator", "指标", "indicator"),
    ("mentions", "提及", "mentions"),
    ("memberOf", "成员单位", "member of"),
)

# Common characters for Chinese-like names and quotes (no meaning intended).
_HANZI = (
    "滨江杭州高新区创新科技发展数字经济智能制造产业园区企业平台研究中心国家省市重点项目投资合作"
    "人工智能机器人芯片网络信息服务政府管理委员会实验室孵化器集团股份有限公司未来城市健康医疗生物"
    "新能源汽车材料装备软件数据安全金融服务人才引进政策支持改革开放活动论坛峰会路演奖励荣誉年度"
)
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华慧建国志红文斌宇浩然子轩思远欣怡晨阳博文"
_SYLLABLES = ("bin", "jiang", "hang", "zhou", "xin", "tech", "yu", "shu", "qu", "lian", "ling", "pao",
              "hai", "kang", "wei", "ning", "rui", "feng", "an", "tai", "hua", "sheng", "long", "tian")


def _zh(rng: random.Random, lo: int, hi: int) -> str:
    return "".join(rng.choice(_HANZI) for _ in range(rng.randint(lo, hi)))


def _en_word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 3))).capitalize()


def _node_labels(rng: random.Random, cls: tuple) -> tuple[str, str]:
    """Return (label_zh, label_en) for a node of class ``cls``."""
    name, zh_class, en_class, _w, zh_suffixes, en_suffixes = cls
    if name == "Person":
        zh = rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.randint(1, 2)))
        en = f"{_en_word(rng)} {_en_word(rng)}"
    elif name == "IndicatorValue":
        # Like the real fact nodes: "indicator · period · value", long, sometimes no English name.
        year = 2019 + rng.randint(0, 6)
        value = f"{rng.randint(1, 9999) / 10:g}"
        zh = f"{_zh(rng, 4, 10)} {year}年第{rng.randint(1, 4)}季度 {value}亿元"
        en = f"{_en_word(rng).lower()} {_en_word(rng).lower()} growth Q{rng.randint(1, 4)} {year} {value} ×10⁸ CNY"
    else:
        zh = _zh(rng, 2, 6) + rng.choice(zh_suffixes)
        en = f"{_en_word(rng)} {rng.choice(en_suffixes)}".strip()
    if rng.random() < 0.03:
        en = ""  # exercises the explorer's fallback to the other language
    return zh, en


def _quote(rng: random.Random) -> str:
    return _zh(rng, 12, 40) + "。"


def synthetic_graph(n_nodes: int, *, edges_per_node: int = 2, seed: int = SEED) -> nx.MultiDiGraph:
    """Return a seeded, heavy-tailed MultiDiGraph of ``n_nodes`` nodes in the explorer's input contract.

    About ``edges_per_node * n_nodes`` edges (plus ~4 % parallel or reverse facts).
    """
    if n_nodes < 1:
        raise ValueError("n_nodes must be at least 1")
    if edges_per_node < 1:
        raise ValueError("edges_per_node must be at least 1")
    rng = random.Random(seed)
    weights = [c[3] for c in CLASSES]
    graph = nx.MultiDiGraph()
    ids: list[str] = []
    for i in range(n_nodes):
        # The first node is the big hub (a place, like the district); the rest are drawn by weight.
        cls = CLASSES[9] if i == 0 else rng.choices(CLASSES, weights)[0]
        zh, en = _node_labels(rng, cls)
        node_id = f"{RESOURCE}{cls[0].lower()}/{i:05d}"
        attrs = {
            "type": ONTOLOGY + cls[0],
            "type_label_zh": cls[1],
            "type_label_en": cls[2],
            "label_zh": zh,
            "label_en": en,
        }
        if rng.random() < 0.2:
            attrs["quote"] = _quote(rng)
        graph.add_node(node_id, **attrs)
        ids.append(node_id)

    def add_fact(u: str, v: str) -> None:
        name, zh, en = rng.choice(PREDICATES)
        predicate = ONTOLOGY + name
        if graph.has_edge(u, v, key=predicate):
            return
        quotes = [_quote(rng) for _ in range(rng.choices((0, 1, 2), (1, 7, 2))[0])]
        graph.add_edge(u, v, key=predicate, predicate=predicate, label_zh=zh, label_en=en, quotes=quotes)

    # Preferential attachment: each new node links to `m` distinct earlier nodes, picked with
    # probability proportional to their degree (each edge end is one ticket in `tickets`).
    m = edges_per_node
    tickets: list[int] = []
    for i in range(1, n_nodes):
        k = min(m, i)
        targets: set[int] = set()
        while len(targets) < k:
            targets.add(rng.choice(tickets) if tickets and rng.random() < 0.9 else rng.randrange(i))
        for j in sorted(targets):
            # Mostly "new entity → older hub" (a company located in the district), sometimes reversed.
            u, v = (ids[i], ids[j]) if rng.random() < 0.7 else (ids[j], ids[i])
            add_fact(u, v)
            if rng.random() < 0.04:  # a second fact on the same pair: parallel or reverse
                add_fact(u, v) if rng.random() < 0.5 else add_fact(v, u)
            tickets.extend((i, j))
    return graph


def graph_summary(graph: nx.MultiDiGraph) -> dict:
    """Return node and edge counts, the largest degree and the number of classes (for reports)."""
    degrees = [d for _, d in graph.degree()]
    return {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "max_degree": max(degrees, default=0),
        "classes": len({t for _, t in graph.nodes(data="type")}),
    }


if __name__ == "__main__":  # a quick look: python benchmarks/synthetic.py
    for n in (50, 500, 2000, 5000):
        print(n, graph_summary(synthetic_graph(n)))
