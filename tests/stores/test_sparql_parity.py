"""Every packaged query (kg/sparql/*.rq) answers alike on the four stores of tests/test_stores.py: rdflib in memory,
Oxigraph in memory, Oxigraph on disk and a real `oxigraph serve` filled by `kg push`."""
import re

import pandas as pd
import pytest
from rdflib import Graph, Literal

from kg import sparql
from kg.errors import KGError
from kg.ns import BJR, SCHEMA, SDMX_MEAS
from support import same

from test_stores import nt, oxigraph_server, stores  # noqa: F401 (fixtures, this module's own instances)

DOC = BJR["doc-000"]  # the seed graph's one source document

# The bindings each packaged query runs with, one test per entry; `lang` is the label language that
# `KnowledgeGraph.query` binds to ?lang ("en" where a missing English label falls back to Chinese).
# Entities are real ones of the seed graph.
CASES = {
    "class_counts": [{"lang": "zh"}],
    "conflicts": [{"lang": "en"}],
    "coverage_evidence": [{"doc": DOC, "lang": "zh"}],
    "entity_names": [{}],
    "evidence": [{"entity": BJR.unitree, "lang": "zh"}, {"entity": BJR["middle-east-roadshow-2025"], "lang": "en"}],
    "fact_evidence": [{"s": BJR["middle-east-roadshow-2025"], "p": SCHEMA.participant, "o": BJR.unitree}],
    "indicator_values": [{"lang": "en"}],
    "industry_company": [{"lang": "en"}],
    "lexicon_labels": [{}],
    "lexicon_names": [{}],
    "lookup": [{"text": "Unitree"}],
    "lookup_labels": [{}],
    "platform_industry": [{"lang": "en"}],
    "policy_platform": [{"lang": "zh"}],
    "projection_derivations": [{}],
    "projection_documents": [{}],
    "projection_edges": [{}],
    "projection_fact_derivations": [{}],
    "projection_nodes": [{}],
    "projection_spans": [{}],
    "projection_terms": [{}],
    "projection_value_labels": [{}],
    "reforms": [{"lang": "en"}],
    "services": [{"lang": "en"}],
    "source_documents": [{}],
    "term_labels": [{"term": SCHEMA.participant}],
}


def test_every_packaged_query_has_a_case():
    assert set(CASES) == set(sparql.names()), "give each new kg/sparql/*.rq its bindings in CASES"


@pytest.mark.parametrize("name", sparql.names())
def test_each_query_says_what_it_answers_and_what_it_binds(name):
    text = sparql.load(name)
    assert text.startswith("# "), f"{name}.rq: open with comment lines saying what it answers"
    declared = re.findall(r"\?(\w+)", "".join(re.findall(r"^# bindings:(.*)$", text, re.MULTILINE)))
    bound = {variable for bindings in CASES[name] for variable in bindings}
    assert set(declared) == bound, f"{name}.rq: its '# bindings:' line should name {sorted(bound)}"
    assert ("?lang" in text.partition("\nSELECT")[2]) == ("lang" in bound)


def test_unknown_query_name():
    with pytest.raises(KGError, match="no packaged SPARQL query named 'nosuch'"):
        sparql.load("nosuch")


@pytest.fixture(scope="module")
def parity_stores(stores, tmp_path_factory):  # noqa: F811
    """The four stores, each also given one observation that contradicts a curated one (the seed graph has
    no conflicts, and an empty answer would prove nothing)."""
    memory = stores["memory"].store.graph
    observation = sorted(memory.subjects(SDMX_MEAS.obsValue, None))[0]
    rival, extra = BJR["parity-rival-observation"], Graph()
    for p, o in memory.predicate_objects(observation):
        extra.add((rival, p, Literal(o.toPython() + 1, datatype=o.datatype) if p == SDMX_MEAS.obsValue else o))
    path = tmp_path_factory.mktemp("parity") / "rival.nt"
    extra.serialize(path, format="nt", encoding="utf-8")
    for kg in stores.values():
        kg.store.load(path)
    return stores


def decimal_blind(frame: pd.DataFrame) -> pd.DataFrame:
    """Text with "7.0" written "7": Oxigraph keeps an xsd:decimal's value, not its lexical form, so STR() of a
    decimal differs there (a known gap, as in tests/test_stores.py)."""
    frame = frame.copy()
    for name in frame.columns:
        if frame[name].dtype == "string":
            frame[name] = frame[name].map(lambda text: re.sub(r"(\d)\.0\b", r"\1", text), na_action="ignore")
    return frame


@pytest.mark.parametrize("name, bindings", [(name, bindings) for name, cases in CASES.items() for bindings in cases],
                         ids=[f"{name}-{i}" for name, cases in CASES.items() for i in range(len(cases))])
def test_packaged_query_same_on_all_stores(parity_stores, name, bindings):
    answers = {store: decimal_blind(kg.query(sparql.load(name), source=f"{name}.rq", **bindings))
               for store, kg in parity_stores.items()}
    assert len(answers["memory"]) > 0, f"{name} answers nothing on the seed graph: pick bindings that it answers"
    for store in ("oxigraph", "disk", "remote"):
        same(answers["memory"], answers[store])

