"""`OxigraphStore` answers like `MemoryStore` (the competency questions on every store: tests/test_stores.py)."""
from pathlib import Path

import pandas as pd
import pytest
from rdflib import Literal, URIRef

from kg import KnowledgeGraph
from kg.errors import KGError
from kg.stores.base import OxigraphStore, open_store

QUERIES = sorted((Path(__file__).resolve().parents[1] / "queries").glob("*.rq"))
BJR = "https://w3id.org/binjiang-kg/id/"


@pytest.fixture(scope="module")
def both(built):
    path = built.root / "build" / "kg.nt"
    graphs = {}
    for spec in ("memory", "oxigraph"):
        graphs[spec] = KnowledgeGraph(open_store(spec))
        graphs[spec].store.load(path)
    return graphs


def canonical(frame: pd.DataFrame) -> pd.DataFrame:
    """GROUP_CONCAT order and the order of rows tied by ORDER BY are unspecified in SPARQL: sort both."""
    frame = frame.copy()
    for name in frame.columns:
        if frame[name].dtype == "string":
            frame[name] = frame[name].map(lambda c: c if pd.isna(c) else " | ".join(sorted(
                part for chunk in c.split(" | ") for part in chunk.split("、"))), na_action="ignore")
    return frame.sort_values(list(frame.columns), key=lambda s: s.astype(str)).reset_index(drop=True)


def same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(canonical(a), canonical(b), check_dtype=True)


def test_both_stores_hold_the_same_triples(both):
    assert isinstance(both["oxigraph"].store, OxigraphStore)
    assert len(both["memory"]) == len(both["oxigraph"]) > 4000


def test_api_calls_with_unprojected_bindings(both):
    """lookup, evidence and stats-like GROUP BY queries bind variables that the projection does not name."""
    for name in ("memory", "oxigraph"):
        assert len(both[name].lookup("宇树")) > 0
    same(both["memory"].lookup("宇树"), both["oxigraph"].lookup("宇树"))
    same(both["memory"].evidence("unitree"), both["oxigraph"].evidence("unitree"))
    same(both["memory"].stats(), both["oxigraph"].stats())
    assert both["oxigraph"].query("ASK { ?e a ?t }", e=URIRef(BJR + "unitree"))["ask"].iloc[0]


def test_bindings_are_substituted_not_spliced():
    store = OxigraphStore()
    answer = store.query('SELECT ?x WHERE { BIND(?v AS ?x) }', {"v": Literal('"} UNION { ?a ?b ?c')})
    assert answer.rows == [(Literal('"} UNION { ?a ?b ?c'),)]


def test_malformed_query_names_line(tmp_path):
    with pytest.raises(KGError, match="malformed SPARQL"):
        OxigraphStore().query("SELECT * WHERE { ?s ?p }")


def test_on_disk_store(built, tmp_path):
    store = open_store(f"oxigraph:{tmp_path / 'db'}")
    store.load(built.root / "build" / "kg.nt")
    assert len(store) > 4000
