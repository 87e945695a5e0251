"""`kg synth`: a seeded synthetic innovation ecosystem in the project's ontology, streamed as N-Triples.

Many districts (``bj:Region``, zh/en labels, each in a province), each with its government body, a
heavy-tailed number of companies (Pareto weights), platforms that drive industries, a policy released at a
conference with goals, events (roadshows, conferences, campaigns) with a heavy-tailed number of participants,
public services, a reform with a mechanism, recognitions, targets, and indicator time series as RDF Data Cube
observations over ``per:YYYY`` / ``per:YYYY-Qn`` periods (described by `kg.build.periods`, as the build
describes them). Every statement is said by a generated Chinese sentence of a small generated
``bj:SourceDocument`` (one per batch of facts, many per district; `kg.synth.document`): each fact is asserted
and reified as a ``bj:Assertion`` (or, for n-ary nodes, carries its span directly), and each ``bj:TextSpan``'s
``oa:exact`` is exactly ``schema:text[start:end]`` of its document.

The first district (`kg.synth.district`) uses the real IRIs of the competency queries (``bjr:binjiang``,
``bjr:binjiang-gov``, ``bjr:zhejiang``, ``bjr:dubai``, ``bjr:unitree``, ``bjr:ind-gdp``, ``bjr:group-elderly``,
``bjr:data-circulation-goal``, ...), so every query in ``queries/`` returns rows at every size. The ontology
itself is emitted first (as ``kg build`` does), so class and unit labels resolve.

Memory is constant in the number of triples: `synth_lines` returns a generator; only one document's batch of
facts (a few hundred triples) and one float per district are held at a time.
"""
from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from pathlib import Path

from kg.build.periods import parse_period, period_triples
from kg.errors import KGError
from kg.ns import BJC, SKOS
from kg.project import PACKAGED_ONTOLOGY, atomic_path
from kg.synth.district import REAL_DISTRICT, company_lines, district_lines
from kg.synth.document import Emitter, GeneratedDocument
from kg.synth.ntriples import bjr, iri, rdf_line
from kg.synth.vocabulary import (
    AWARDS,
    FOREIGN,
    GOALS,
    GROUPS,
    INDICATORS,
    INDUSTRIES,
    PERIOD_NOTATIONS,
    TECHNOLOGIES,
    random_name,
)

ONTOLOGY = PACKAGED_ONTOLOGY / "ontology.ttl"

# Rough triple costs, used only to plan how many companies each district gets.
DISTRICT_COST = 520
COMPANY_COST = 48


def synth_lines(triples: int = 10_000, seed: int = 0, districts: int | None = None) -> Iterator[str]:
    """N-Triples lines of a synthetic ecosystem of about `triples` triples (within 2 % from 10^4 up).

    A KGError at once (not at the first line) if `triples` is not positive.
    """
    if triples < 1:
        raise KGError(f"the number of triples must be positive, got {triples}", hint="ask for 1 or more triples")
    return _lines(triples, seed, districts)


def _lines(triples: int, seed: int, districts: int | None) -> Iterator[str]:
    rng = random.Random(seed)
    emitter = Emitter(seed)
    yield from emitter.emit(_ontology_lines())
    yield from emitter.emit(_period_lines())
    yield from emitter.emit(_shared_lines(emitter))
    n_districts = districts or max(2, round(triples / 2500))
    weights = [rng.paretovariate(1.3) for _ in range(n_districts)]
    weights[0] = max(weights)  # the real district is one of the big ones
    total_weight = sum(weights)
    budget = max(0, triples - emitter.triples - n_districts * DISTRICT_COST) * 0.97
    provinces = max(1, n_districts // 8)
    for i, weight in enumerate(weights):
        n_companies = max(3, round(budget * weight / total_weight / COMPANY_COST))
        slug = REAL_DISTRICT if i == 0 else f"d{i:05d}"
        yield from district_lines(emitter, rng, i, slug, n_companies, provinces)
    # Top up with more companies (new documents) in the last district until the count is reached.
    last = f"d{len(weights) - 1:05d}" if len(weights) > 1 else REAL_DISTRICT
    extra = 1_000_000
    while triples - emitter.triples > COMPANY_COST // 2:
        count = max(1, (triples - emitter.triples) // (2 * COMPANY_COST))
        yield from company_lines(emitter, rng, last, extra, count, "补充")
        extra += count + 20


def _ontology_lines() -> list[str]:
    from rdflib import Graph

    graph = Graph().parse(ONTOLOGY, format="turtle")
    return sorted(text + "\n" for text in graph.serialize(format="nt").splitlines() if text.strip())


def _period_lines() -> list[str]:
    """The periods of the series, described as `kg build` describes the periods it meets."""
    return [rdf_line(*triple) for notation in PERIOD_NOTATIONS for triple in period_triples(parse_period(notation))]


def _shared_lines(emitter: Emitter) -> list[str]:
    """Concepts shared by all districts (indicators, industries, ...), provinces and foreign places."""
    doc = GeneratedDocument(emitter, "doc-national", "全国高新区创新生态概览", bjr("reporter-national"))
    span = doc.say("本报记者综合报道。")
    doc.entity(bjr("reporter-national"), "Person", "综合报道组", "news desk", span)
    for slug, zh, en, *_ in INDICATORS:
        doc.entity(bjr(slug), "Indicator", zh, en, doc.say(f"统计口径包括{zh}。"))
        doc.triple(bjr(slug), iri(SKOS.inScheme), iri(BJC.indicators))
    for prefix, cls, pairs, sentence in (("industry", "Industry", INDUSTRIES, "重点产业有{}。"),
                                         ("tech", "Technology", TECHNOLOGIES, "关键技术包括{}。"),
                                         ("award", "Award", AWARDS, "评选设有“{}”称号。")):
        for k, pair in enumerate(pairs):
            zh, en = pair.split("|")
            doc.entity(bjr(f"{prefix}-{k}"), cls, zh, en, doc.say(sentence.format(zh)))
    for slugs, cls, sentence in ((GOALS, "Goal", "目标之一是{}。"), (GROUPS, "TargetGroup", "服务对象包括{}。"),
                                 (FOREIGN, "Region", "企业赴{}开展交流。")):
        for slug, zh, en in slugs:
            doc.entity(bjr(slug), cls, zh, en, doc.say(sentence.format(zh)))
    doc.entity(bjr("zhejiang"), "Region", "浙江省", "Zhejiang Province", doc.say("浙江省是高新区最多的省份之一。"))
    for p in range(1, 31):
        zh, en = random_name(random.Random(f"province/{p}"), 2, 2)
        doc.entity(bjr(f"province-{p}"), "Region", f"{zh}省{p}", f"{en} Province {p}", doc.say(f"{zh}省{p}也有高新区。"))
    return doc.close()  # the data sets and their structure come with the ontology's lines


def write(path_or_stream, triples: int, seed: int = 0, districts: int | None = None) -> int:
    """Stream the synthetic graph to a path ('-' for stdout) or an open text stream; return the triple count.

    A path is written through `kg.project.atomic_path` (a hidden temporary file beside it, renamed when
    complete), so an interrupted run never leaves half a graph under the final name.
    """
    lines = synth_lines(triples, seed, districts)
    if path_or_stream in (None, "-"):
        return _write_lines(sys.stdout, lines, triples)
    if hasattr(path_or_stream, "write"):
        return _write_lines(path_or_stream, lines, triples)
    with atomic_path(Path(path_or_stream)) as part, open(part, "w", encoding="utf-8", newline="\n") as stream:
        return _write_lines(stream, lines, triples)


def _write_lines(stream, lines: Iterator[str], triples: int) -> int:
    """Write `lines` in blocks of 4,096, with a progress bar towards `triples`; return how many were written."""
    from kg.progress import progress_bar

    n = 0
    buffer = []
    with progress_bar("writing triples", total=triples, unit="triple") as bar:
        for text in lines:
            buffer.append(text)
            n += 1
            if len(buffer) >= 4096:
                stream.write("".join(buffer))
                bar.update(len(buffer))
                buffer.clear()
        stream.write("".join(buffer))
    return n
