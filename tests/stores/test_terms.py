"""Answers read three ways (rdflib terms, text, Python values) agree on every store and every datatype."""
from datetime import date, datetime
from decimal import Decimal

import pytest
from rdflib import Literal, URIRef

from kg.stores import MemoryStore, OxigraphStore, SparqlStore
from kg.stores.terms import python_value

# One row per literal form our data or a user's may hold, ill-typed and unknown datatypes included.
MIXED = """
SELECT ?v WHERE { VALUES ?v {
  <https://w3id.org/binjiang-kg/id/unitree> "plain" "宇树"@zh "en"@en "42"^^xsd:integer "-7"^^xsd:int
  "2800.5"^^xsd:decimal "1.5e3"^^xsd:double "0.25"^^xsd:float "true"^^xsd:boolean "0"^^xsd:boolean
  "2025-05-18"^^xsd:date "2025-05-18T09:30:00"^^xsd:dateTime "2025"^^xsd:gYear "abc"^^xsd:integer
  "x"^^<https://example.org/custom> "12"^^xsd:nonNegativeInteger "20250518"^^xsd:date
} }"""

EXPECTED = ["https://w3id.org/binjiang-kg/id/unitree", "plain", "宇树", "en", 42, -7, Decimal("2800.5"), 1500.0,
            0.25, True, False, date(2025, 5, 18), datetime(2025, 5, 18, 9, 30), "2025", "abc", "x", 12, "20250518"]


@pytest.fixture(scope="module")
def answers():
    return {"memory": MemoryStore().query(MIXED), "oxigraph": OxigraphStore().query(MIXED)}


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_values_text_and_terms_agree(answers, store):
    answer = answers[store]
    values = sorted((row[0] for row in answer.values()), key=repr)
    assert values == sorted(EXPECTED, key=repr)
    assert [tuple(map(python_value, row)) for row in answer.rows] == answer.values()
    for (term,), (text,) in zip(answer.rows, answer.texts()):  # the store's lexical form (Oxigraph's is canonical)
        same_type = Literal(text, datatype=term.datatype, lang=term.language) if isinstance(term, Literal) else term
        assert python_value(same_type) == python_value(term) and (text == str(term) or store == "oxigraph")


def test_sparql_json_terms_read_alike():
    body = b"""{"head": {"vars": ["v", "w"]}, "results": {"bindings": [
      {"v": {"type": "uri", "value": "https://w3id.org/binjiang-kg/id/unitree"},
       "w": {"type": "literal", "value": "42", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}},
      {"v": {"type": "literal", "value": "\\u5b87\\u6811", "xml:lang": "zh"}},
      {"v": {"type": "literal", "value": "2025-05-18", "datatype": "http://www.w3.org/2001/XMLSchema#date"},
       "w": {"type": "bnode", "value": "b0"}}]}}"""
    answer = SparqlStore("http://127.0.0.1:1/query")._from_json(body)
    assert answer.values() == [("https://w3id.org/binjiang-kg/id/unitree", 42), ("宇树", None),
                               (date(2025, 5, 18), "b0")]
    assert answer.rows[0] == (URIRef("https://w3id.org/binjiang-kg/id/unitree"), Literal(42))
    assert answer.texts()[2] == ("2025-05-18", "b0")


@pytest.mark.parametrize("store", [MemoryStore, OxigraphStore])
def test_query_all_answers_as_query_does(store):
    queries = {"mixed": MIXED, "count": "SELECT (COUNT(*) AS ?n) { VALUES ?x { 1 2 3 } }", "ask": "ASK {}"}
    one = store()
    answers = one.query_all(queries)
    assert list(answers) == list(queries)
    assert answers["mixed"].values() == one.query(MIXED).values()
    assert answers["count"].values() == [(3,)] and answers["ask"].boolean is True


# Cells that SPARQL CSV must quote or cannot tell apart: commas, quotes, line breaks, an empty string, unbound.
AWKWARD = """
SELECT ?v ?w WHERE { VALUES (?v ?w) {
  ("a, \\"b\\"\\r\\nc"@zh "x") ("" UNDEF) (<https://w3id.org/binjiang-kg/id/unitree> "2800.5"^^xsd:decimal)
  ("宇树" 42)
} }"""
AWKWARD_TEXTS = [("a, \"b\"\r\nc", "x"), (None, None), ("https://w3id.org/binjiang-kg/id/unitree", "2800.5"),
                 ("宇树", "42")]


@pytest.mark.parametrize("store", [MemoryStore, OxigraphStore])
def test_texts_all_reads_awkward_cells_alike(store):
    answers = store().texts_all({"awkward": AWKWARD, "count": "SELECT (COUNT(*) AS ?n) { VALUES ?x { 1 2 } }"})
    assert sorted(answers["awkward"], key=repr) == sorted(AWKWARD_TEXTS, key=repr)
    assert answers["count"] == [("2",)]
