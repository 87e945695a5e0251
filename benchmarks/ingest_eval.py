"""How well `kg ingest` reads the source article: precision and recall against the curated data.

The article is read against a graph that holds only the ontology and the entities' labels (no facts), so
nothing the curators stated can leak into the proposals; the proposals are then scored against the
curated tables:

- **entities**: ids proposed (known entities named, plus new candidates) vs the entities of entities.csv;
- **numbers**: (value, unit, multiplier, period) of proposed observations, quantities and numeric statements
  vs the same of observations.csv, quantities.csv and numeric statements (a value stated twice counts once);
- **observations**: the same with indicator, area and kind right too;
- **relations**: (subject, property, object or value) of proposed statements vs statements.csv.

Run: ``.venv/bin/python benchmarks/ingest_eval.py`` (writes benchmarks/results/ingest_eval.{json,md}).
"""
from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import RDF, SKOS

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.api import KnowledgeGraph  # noqa: E402
from kg.ingest.mentions import Lexicon  # noqa: E402
from kg.ingest.propose import propose  # noqa: E402
from kg.ns import BJR, bind_prefixes, expand  # noqa: E402
from kg.build.ontology import load_ontology  # noqa: E402
from kg.build.sources import load_corpus  # noqa: E402
from kg.build.tables import read_tables  # noqa: E402
from kg.project import Project  # noqa: E402

TARGETS = {"numbers": ("recall", 0.90), "entities": ("recall", 0.90)}
NUMERIC_STATEMENTS = {"bj:participantCount": "unit:NUM", "bj:accessTimeMinutes": "unit:MIN"}


def labels_only_graph(root: Path) -> Graph:
    """The ontology plus each entity's class and labels: what a reader may know before reading."""
    graph = bind_prefixes(Graph())
    for triple in load_ontology(Project(root).ontology):
        graph.add(triple)
    for row in read_tables(root / "data")["entities"]:
        node = BJR[row["id"]]
        graph.add((node, RDF.type, expand(row["class"])))
        graph.add((node, SKOS.prefLabel, Literal(row["label_zh"], lang="zh")))
        if row["label_en"]:
            graph.add((node, SKOS.prefLabel, Literal(row["label_en"], lang="en")))
        for alt in filter(None, (a.strip() for a in row["alt_labels"].split(";"))):
            text, _, lang = alt.rpartition("@") if "@" in alt else (alt, "", "zh")
            graph.add((node, SKOS.altLabel, Literal(text, lang=lang)))
    return graph


def _num(value: str) -> str:
    return format(Decimal(value).normalize(), "f") if value else ""


def number_key(cells: dict, table: str) -> tuple:
    if table == "statements":
        return (_num(cells["value"]), "", NUMERIC_STATEMENTS[cells["property"]], "", "")
    return (_num(cells.get("value", "")), _num(cells.get("max_value", "")), cells.get("unit", ""),
            cells.get("multiplier", ""), cells.get("period", ""))


def observation_key(cells: dict) -> tuple:
    return (cells.get("kind", ""), cells.get("area", ""), cells.get("indicator", ""), cells.get("period", ""),
            _num(cells.get("value", "")), cells.get("unit", ""), cells.get("multiplier", ""))


def statement_key(cells: dict) -> tuple:
    return (cells.get("subject", ""), cells.get("property", ""), cells.get("object", "") or cells.get("value", ""))


def score(predicted: set, gold: set) -> dict:
    hit = len(predicted & gold)
    return {"predicted": len(predicted), "gold": len(gold), "correct": hit,
            "precision": round(hit / len(predicted), 3) if predicted else 0.0,
            "recall": round(hit / len(gold), 3) if gold else 0.0}


def evaluate(root: Path = ROOT) -> dict:
    tables = read_tables(root / "data")
    corpus = load_corpus(root / "data" / "sources")
    document = next(iter(corpus.documents.values()))
    lexicon = Lexicon.from_kg(KnowledgeGraph.from_graph(labels_only_graph(root)))
    proposals = propose(document, lexicon)

    def cells(row):
        return dict(row.cells)

    gold_entities = {r["id"] for r in tables["entities"]}
    gold_numbers = ({number_key(cells(r), "observations") for r in tables["observations"]}
                    | {number_key(cells(r), "quantities") for r in tables["quantities"]}
                    | {number_key(cells(r), "statements") for r in tables["statements"] if r["property"] in NUMERIC_STATEMENTS})
    gold_observations = {observation_key(cells(r)) for r in tables["observations"]}
    gold_relations = {statement_key(cells(r)) for r in tables["statements"]}

    pred_entities = {p.cells["id"] for p in proposals if p.kind == "entity"}
    pred_numbers = ({number_key(p.cells, "observations") for p in proposals if p.kind == "observation"}
                    | {number_key(p.cells, "quantities") for p in proposals if p.kind == "quantity"}
                    | {number_key(p.cells, "statements") for p in proposals
                       if p.kind == "statement" and p.cells.get("property") in NUMERIC_STATEMENTS})
    pred_observations = {observation_key(p.cells) for p in proposals if p.kind == "observation"}
    pred_relations = {statement_key(p.cells) for p in proposals if p.kind == "statement"}
    return {
        "document": document.id,
        "proposals": len(proposals),
        "entities": score(pred_entities, gold_entities),
        "numbers": score(pred_numbers, gold_numbers),
        "observations": score(pred_observations, gold_observations),
        "relations": score(pred_relations, gold_relations),
        "missed": {
            "entities": sorted(gold_entities - pred_entities),
            "numbers": sorted(map(list, gold_numbers - pred_numbers)),
            "observations": sorted(map(list, gold_observations - pred_observations)),
        },
        "false_positives": {
            "entities": sorted(pred_entities - gold_entities),
            "numbers": sorted(map(list, pred_numbers - gold_numbers)),
        },
        "targets": {name: {"measure": m, "target": t} for name, (m, t) in TARGETS.items()},
    }


def markdown(result: dict) -> str:
    lines = ["| what | proposed | curated | correct | precision | recall | target |", "|---|---|---|---|---|---|---|"]
    names = {"entities": "entities (mentions of known + new candidates)", "numbers": "numbers (value, unit, period)",
             "observations": "observations (+ indicator, area, kind)", "relations": "relations (statements)"}
    for key, title in names.items():
        s = result[key]
        target = TARGETS.get(key)
        lines.append(f"| {title} | {s['predicted']} | {s['gold']} | {s['correct']} | {s['precision']:.0%} | {s['recall']:.0%} | "
                     + (f"{target[0]} ≥ {target[1]:.0%}" if target else "–") + " |")
    return "\n".join(lines) + "\n"


def main() -> int:
    result = evaluate()
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "ingest_eval.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (out / "ingest_eval.md").write_text(f"# kg ingest on {result['document']} (labels-only graph)\n\n" + markdown(result),
                                        encoding="utf-8")
    print(markdown(result))
    failed = False
    for key, (measure, target) in TARGETS.items():
        value = result[key][measure]
        ok = value >= target
        failed |= not ok
        print(f"{key} {measure}: {value:.1%} (target {target:.0%}) {'ok' if ok else 'BELOW TARGET'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
