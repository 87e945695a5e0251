"""`kg`: the command line, a thin layer over the Python API."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import KGError

FORMATS = ("table", "csv", "json")


def _print_frame(frame, fmt: str) -> None:
    if fmt == "csv":
        sys.stdout.write(frame.to_csv(index=False))
    elif fmt == "json":
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, date_format="iso", indent=1) + "\n")
    else:
        import pandas as pd

        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200,
                               "display.max_colwidth", 60):
            print(frame.to_string(index=False) if len(frame) else "(no rows)")


def _load(args):
    from .api import KnowledgeGraph

    return KnowledgeGraph.load(args.graph, lang=args.lang)


def cmd_build(args) -> None:
    from .build import Project, build

    result = build(Project(Path(args.project)))
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"built {len(result.graph)} triples, SHACL conforms ({len(result.warnings)} warnings)")
    for path in result.outputs:
        print(f"  wrote {path}")


def cmd_stats(args) -> None:
    kg = _load(args)
    frame = kg.query("""
        SELECT ?class (COUNT(?s) AS ?instances) WHERE {
          ?s a ?c . FILTER(STRSTARTS(STR(?s), STR(bjr:)))
          OPTIONAL { ?c rdfs:label ?l FILTER(lang(?l) = ?lang) }
          BIND(COALESCE(?l, STR(?c)) AS ?class)
        } GROUP BY ?class ORDER BY DESC(?instances) ?class""")
    print(f"{len(kg)} triples")
    _print_frame(frame, args.format)


def cmd_query(args) -> None:
    kg = _load(args)
    bindings = dict(b.split("=", 1) for b in args.bind)
    path = Path(args.query)
    if path.suffix in (".rq", ".sparql") or path.exists():
        frame = kg.query_file(path, **bindings)
    else:
        frame = kg.query(args.query, **bindings)
    _print_frame(frame, args.format)


def cmd_lookup(args) -> None:
    _print_frame(_load(args).lookup(args.label), args.format)


def cmd_evidence(args) -> None:
    frame = _load(args).evidence(args.entity)
    if args.format == "table":  # IRIs are for machines; people read the labels
        frame = frame[["subjectLabel", "property", "objectLabel", "quote", "start", "end"]]
    _print_frame(frame, args.format)


def cmd_path(args) -> None:
    import networkx as nx

    from .analysis import evidenced_path

    kg = _load(args)
    source, target = str(kg.entity(args.source)), str(kg.entity(args.target))
    try:
        frame = evidenced_path(kg.to_networkx(collapse=args.collapse), source, target, lang=args.lang)
    except nx.NetworkXNoPath:
        raise KGError(f"{args.source} and {args.target} are not connected") from None
    _print_frame(frame.drop(columns=["from_iri", "predicate", "to_iri"]) if args.format == "table" else frame, args.format)


def cmd_centrality(args) -> None:
    from .analysis import centrality

    _print_frame(centrality(_load(args).to_networkx(collapse=args.collapse), lang=args.lang, top=args.top), args.format)


def cmd_communities(args) -> None:
    from .analysis import communities

    _print_frame(communities(_load(args).to_networkx(collapse=args.collapse), lang=args.lang), args.format)


def cmd_viz(args) -> None:
    from .build import write_atomically
    from .explorer import render_explorer

    kg = _load(args)
    html = render_explorer(kg.to_networkx(collapse=args.collapse), title=args.title, lang=args.lang)
    out = Path(args.output)
    write_atomically(out.parent, {out.name: html})
    print(f"wrote {out}")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="kg", description="The Binjiang innovation-ecosystem knowledge graph.")
    sub = top.add_subparsers(dest="command", required=True)

    def command(name, func, help_text, *, graph=True, fmt=True, project=False):
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        if graph:
            p.add_argument("--graph", default="build/kg.nt", help="built graph file (default: build/kg.nt)")
            p.add_argument("--lang", default="zh", choices=("zh", "en"), help="label language")
        if fmt:
            p.add_argument("--format", default="table", choices=FORMATS)
        if project:
            p.add_argument("--project", default=".", help="project folder with ontology/ and data/")
        return p

    command("build", cmd_build, "validate the ontology and data and write build/", graph=False, fmt=False, project=True)
    command("stats", cmd_stats, "count triples and instances per class")
    q = command("query", cmd_query, "run a SPARQL query (a .rq file or the query text)")
    q.add_argument("query")
    q.add_argument("--bind", action="append", default=[], metavar="NAME=VALUE", help="bind ?NAME to a literal VALUE")
    command("lookup", cmd_lookup, "find entities by Chinese or English label").add_argument("label")
    command("evidence", cmd_evidence, "every fact about an entity with its source quote").add_argument("entity")
    p = command("path", cmd_path, "how two entities connect, with the evidence of every hop")
    p.add_argument("source")
    p.add_argument("target")
    c = command("centrality", cmd_centrality, "the most central entities")
    c.add_argument("--top", type=int, default=15)
    command("communities", cmd_communities, "Louvain communities of the entity graph")
    v = command("viz", cmd_viz, "write the interactive HTML explorer", fmt=False)
    v.add_argument("--output", default="build/explorer.html")
    v.add_argument("--title", default="高新区(滨江)创新生态知识图谱")
    for p in (p, c, sub.choices["communities"], v):
        p.add_argument("--collapse", action="store_true", help="fold n-ary fact nodes into direct edges")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        args.func(args)
    except KGError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
