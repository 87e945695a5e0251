"""Grow the graph: propose sourced facts from a new article, let a curator accept them, show conflicts.

Modules, in reading order: `register` (check and register the text; `kg.text` cuts it into sentences
with raw offsets), `mentions` (known entities by label), `candidates` (new entity names), `quantities`, `dates`
(periods and dates), `linking` (numbers to indicators, areas, periods; relation patterns), `propose`
(one document to review rows), `review` (the review table and `accept`), `conflicts`.

>>> from kg.project import Project                                        # doctest: +SKIP
>>> result = ingest(Project(Path(".")), Path("new.txt"))                # doctest: +SKIP
>>> accept(Project(Path(".")), result.review)                           # doctest: +SKIP
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.build.sources import Document
from kg.errors import KGError, Location
from kg.ingest.conflicts import conflicts
from kg.ingest.mentions import Lexicon
from kg.ingest.propose import Proposal, propose
from kg.ingest.register import MAX_BYTES, register
from kg.ingest.review import accept, write_review
from kg.project import Project

__all__ = ["ingest", "accept", "conflicts", "propose", "Lexicon", "IngestResult", "AlreadyRegistered"]


class AlreadyRegistered(KGError):
    """The text was registered before (same content hash): nothing was copied."""


@dataclass
class IngestResult:
    document: Document
    created: bool
    proposals: list[Proposal]
    review: Path


def ingest(project: Project, path: Path, *, meta: Path | None = None, out: Path | None = None,
           graph: Path | None = None, again: bool = False, max_bytes: int = MAX_BYTES) -> IngestResult:
    """Register `path` and write the review table of its proposed facts (default: <name>.review.csv)."""
    from kg.api import KnowledgeGraph

    kg = KnowledgeGraph.load(graph or project.build / "kg.nt")
    lexicon = Lexicon.from_kg(kg)
    document, created = register(project, path, meta, max_bytes=max_bytes, known_ids=set(lexicon.entities))
    if not created and not again:
        raise AlreadyRegistered(f"already registered as {document.id} ({document.path.name}); nothing was copied",
                                Location(path), "it needs no second ingest; pass --again to write its review table anew")
    proposals = propose(document, lexicon)
    review = out or Path(f"{path.stem}.review.csv")
    write_review(review, proposals)
    return IngestResult(document, created, proposals, review)
