"""The ontology documents itself: every term it declares is labelled (and bj: terms explained) in zh and en."""
import pytest
from rdflib.namespace import OWL, RDF, RDFS

from kg.build.ontology import load_ontology
from kg.ns import BJ
from kg.project import PACKAGED_ONTOLOGY

ONTOLOGY = load_ontology(PACKAGED_ONTOLOGY)
DECLARED = sorted({s for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
                   for s in ONTOLOGY.subjects(RDF.type, t)})


def languages(term, predicate):
    return {value.language for value in ONTOLOGY.objects(term, predicate)}


@pytest.mark.parametrize("term", DECLARED, ids=lambda t: ONTOLOGY.namespace_manager.normalizeUri(t))
def test_term_is_labelled_in_chinese_and_english(term):
    assert {"zh", "en"} <= languages(term, RDFS.label)
    if str(term).startswith(str(BJ)):
        assert {"zh", "en"} <= languages(term, RDFS.comment)


def test_project_classes_sit_under_standard_vocabularies():
    orphans = [c for c in ONTOLOGY.subjects(RDF.type, OWL.Class)
               if str(c).startswith(str(BJ)) and (c, RDFS.subClassOf, None) not in ONTOLOGY]
    assert orphans == []
