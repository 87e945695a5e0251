"""`kg`: the command line, a thin layer over the Python API."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kg.arguments import bindings, check_output, positive_int
from kg.errors import KGError, Location

FORMATS = ("table", "csv", "json")
# Where `kg viz` writes a view without --output: a file of its own, named after the view (never the release's
# build/explorer.html, which only `kg build` or an explicit --output writes).
VIEWS_FOLDER = Path("build") / "views"


def _print_frame(frame, fmt: str) -> None:
    if fmt == "csv":
        sys.stdout.write(frame.to_csv(index=False))
    elif fmt == "json":
        from kg.results import to_json

        sys.stdout.write(to_json(frame) + "\n")
    else:
        import pandas as pd

        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200,
                               "display.max_colwidth", 60):
            print(frame.to_string(index=False) if len(frame) else "(no rows)")


def _load(args):
    from kg.api import KnowledgeGraph

    return KnowledgeGraph.load(args.graph, store=args.store, lang=args.lang, reload=args.reload,
                               graph_store=args.graph_store)


def cmd_build(args) -> None:
    from kg.project import Project
    from kg.release import build_release

    result = build_release(Project(Path(args.project)))
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"built {len(result.graph)} triples, SHACL conforms ({len(result.warnings)} warnings)")
    for path in result.outputs:
        print(f"  wrote {path}")


def cmd_stats(args) -> None:
    kg = _load(args)
    frame = kg.stats()
    # csv and json are for programs: the count goes beside them (stderr), not into them
    print(f"{len(kg)} triples", file=sys.stdout if args.format == "table" else sys.stderr)
    _print_frame(frame, args.format)


def _query_text(query: str) -> tuple[str, str]:
    """The query text and its source name: from a .rq file, or `query` itself."""
    from kg.api import read_query

    if not query.strip():
        raise KGError("no query given", hint="give a .rq file or the query text itself")
    path = Path(query)
    if path.suffix in (".rq", ".sparql") or path.exists():
        return read_query(path), str(path)
    return query, "query"


def cmd_query(args) -> None:
    text, source = _query_text(args.query)
    values = bindings(args.bind, text)  # checked before the graph is loaded
    _print_frame(_load(args).query(text, source=source, **values), args.format)


def cmd_lookup(args) -> None:
    _print_frame(_load(args).lookup(args.label), args.format)


def cmd_evidence(args) -> None:
    frame = _load(args).evidence(args.entity)
    if args.format == "table":  # IRIs are for machines; people read the labels
        frame = frame[["subjectLabel", "property", "objectLabel", "quote", "start", "end"]]
    _print_frame(frame, args.format)


def cmd_path(args) -> None:
    import networkx as nx

    from kg.analysis.network import evidenced_path

    kg = _load(args)
    source, target = str(kg.entity(args.source)), str(kg.entity(args.target))
    graph = kg.to_networkx(collapse=args.collapse)
    for key, node in ((args.source, source), (args.target, target)):
        if node not in graph:
            raise KGError(f"{key!r} is not an entity of the graph", hint="give an id or label that `kg lookup` shows")
    try:
        frame = evidenced_path(graph, source, target, lang=args.lang)
    except nx.NetworkXNoPath:
        raise KGError(f"{args.source} and {args.target} are not connected") from None
    _print_frame(frame.drop(columns=["from_iri", "predicate", "to_iri"]) if args.format == "table" else frame, args.format)


def cmd_centrality(args) -> None:
    from kg.analysis.network import centrality

    _print_frame(centrality(_load(args).to_networkx(collapse=args.collapse), lang=args.lang, top=args.top), args.format)


def cmd_communities(args) -> None:
    from kg.analysis.network import communities

    _print_frame(communities(_load(args).to_networkx(collapse=args.collapse), lang=args.lang), args.format)


def cmd_viz(args) -> None:
    from kg.display.explorer.page import render_explorer
    from kg.graph.views import check_view, view_for
    from kg.project import write_atomically

    out = Path(args.output) if args.output is not None else None
    check_view(focus=args.focus, depth=args.depth, query=args.query)  # before the graph is loaded
    if out is not None:
        check_output(out)
    graph, title, name = view_for(_load(args), focus=args.focus, depth=args.depth, query=args.query,
                                  schema=args.schema, collapse=args.collapse, lang=args.lang)
    try:
        html = render_explorer(graph, title=args.title or title, lang=args.lang, perspective=args.perspective)
    except ValueError as exc:  # a bad perspective file names the file and the key
        raise KGError(str(exc), hint="see the perspective format in README") from None
    if out is None:
        out = VIEWS_FOLDER / f"{name}.html"
        check_output(out)
    try:
        write_atomically(out.parent, {out.name: html})
    except OSError as exc:
        raise KGError(f"cannot write: {exc.strerror}", Location(out), "choose another --output") from None
    print(f"wrote {out} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)")


def cmd_ingest(args) -> None:
    from collections import Counter

    from kg.ingest import ingest
    from kg.project import Project

    project = Project(Path(args.project))
    result = ingest(project, Path(args.file), meta=Path(args.meta) if args.meta else None,
                    out=Path(args.out) if args.out else None,
                    graph=Path(args.graph) if args.graph else None, again=args.again, max_bytes=args.max_bytes)
    doc = result.document
    print(f"{'registered' if result.created else 'already registered:'} {doc.id} as {doc.path}")
    kinds = Counter(p.kind for p in result.proposals)
    print(f"wrote {result.review}: {len(result.proposals)} proposals ("
          + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) + "); mark accept=yes, then `kg accept`")


def cmd_accept(args) -> None:
    from kg.ingest import accept
    from kg.project import Project

    counts = accept(Project(Path(args.project)), Path(args.review))
    print(f"{counts['added']} rows added, {counts['merged']} merged into existing facts as new evidence, "
          f"{counts['unchanged']} already present; run `kg build`")


def cmd_conflicts(args) -> None:
    from kg.ingest import conflicts

    frame = conflicts(_load(args))
    if args.format == "table":
        frame = frame[["indicatorLabel", "areaLabel", "period", "value", "multiplier", "comparator", "quote",
                       "document", "start", "end"]]
    _print_frame(frame, args.format)


def cmd_serve(args) -> None:
    from kg.serve import Settings, serve

    graph = Path(args.graph)
    if not graph.is_file():
        raise KGError("no built graph here", graph, "run `kg build` (or `make demo`) first")
    serve(Settings(graph=str(graph), host=args.host, port=args.port, timeout=args.timeout, max_rows=args.max_rows,
                   max_request_bytes=args.max_request_bytes, workers=args.workers, allow_service=args.allow_service,
                   update_token=args.update_token, queries=Path(args.queries)), verbose=args.verbose)


def cmd_push(args) -> None:
    from kg.stores.graphstore import push

    status, size = push(args.endpoint, Path(args.graph), graph_iri=args.graph_iri, token=args.token)
    print(f"pushed {args.graph} ({size} bytes) to {args.endpoint} "
          f"({'graph ' + args.graph_iri if args.graph_iri else 'default graph'}): HTTP {status}")


def cmd_synth(args) -> None:
    from kg.synth import write

    if args.out != "-":
        check_output(Path(args.out), "--out")
    try:
        n = write(args.out, args.triples, seed=args.seed, districts=args.districts)
    except OSError as exc:
        raise KGError(f"cannot write: {exc.strerror}", Location(Path(args.out)), "choose another --out") from None
    print(f"wrote {n} triples (seed {args.seed}) to {args.out}", file=sys.stderr)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="kg", description="The Binjiang innovation-ecosystem knowledge graph.")
    sub = top.add_subparsers(dest="command", required=True)

    def command(name, func, help_text, *, graph=True, fmt=True, project=False):
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        if graph:
            p.add_argument("--graph", default="build/kg.nt", help="built graph file (default: build/kg.nt)")
            p.add_argument("--lang", default="zh", choices=("zh", "en"), help="label language")
            p.add_argument("--store", default="memory", metavar="SPEC",
                           help="memory (default), oxigraph, oxigraph:PATH (on disk: --graph is loaded only while "
                                "it is empty) or sparql:URL (a SPARQL 1.1 endpoint, used as it is; see `kg push`)")
            p.add_argument("--reload", action="store_true",
                           help="load --graph even into a store that holds data (oxigraph:PATH: replaces it)")
            p.add_argument("--graph-store", metavar="URL",
                           help="Graph Store Protocol URL for --reload with sparql:URL "
                                "(default: the query URL with /query or /sparql replaced by /store)")
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
    c.add_argument("--top", type=positive_int, default=15, help="how many (default 15)")
    command("communities", cmd_communities, "Louvain communities of the entity graph")
    v = command("viz", cmd_viz, "write the interactive HTML explorer", fmt=False)
    v.add_argument("--output", metavar="FILE.html",
                   help="HTML file to write (default: build/views/NAME.html, NAME saying what is drawn: graph, "
                        "focus-unitree-2hops, query-FILE, schema; the release's build/explorer.html only when given)")
    v.add_argument("--title", help="page title (default: says what is drawn)")
    v.add_argument("--perspective", metavar="FILE.json", help="how each class is drawn (default: kg/display/explorer/perspectives/default.json)")
    view = v.add_mutually_exclusive_group()
    view.add_argument("--focus", metavar="ID_OR_LABEL", help="draw only this entity's neighbourhood")
    view.add_argument("--query", metavar="FILE.rq", help="draw what a SELECT or CONSTRUCT query's answer names")
    view.add_argument("--schema", action="store_true", help="draw the classes and the properties linking them, with counts")
    v.add_argument("--depth", type=int, metavar="N", help="hops around --focus, either direction (default: 2)")
    i = command("ingest", cmd_ingest, "register a new article and propose its facts in a review table",
                graph=False, fmt=False, project=True)
    i.add_argument("file", help="the article as a UTF-8 text file")
    i.add_argument("--meta", help="its metadata (JSON: title, date, area, language, url, authors)")
    i.add_argument("--out", help="review table to write (default: <file name>.review.csv)")
    i.add_argument("--graph", help="built graph whose labels to find (default: <project>/build/kg.nt)")
    i.add_argument("--again", action="store_true", help="write the review table of an already registered text anew")
    i.add_argument("--max-bytes", type=int, default=2_000_000, help="refuse larger files (default: 2000000)")
    a = command("accept", cmd_accept, "merge the review rows marked accept=yes into data/*.csv",
                graph=False, fmt=False, project=True)
    a.add_argument("review", help="review table written by `kg ingest`")
    command("conflicts", cmd_conflicts, "observations that different sources give different values for")
    s = sub.add_parser("serve", help="serve the graph over the SPARQL 1.1 Protocol (read-only, safe defaults)",
                       description="Serve the built graph at /sparql, with a query page at /.")
    s.set_defaults(func=cmd_serve)
    s.add_argument("--graph", default="build/kg.nt", help="built graph file (default: build/kg.nt)")
    s.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback only)")
    s.add_argument("--port", type=int, default=7878)
    s.add_argument("--timeout", type=float, default=10.0, help="seconds a query may run before it is killed")
    s.add_argument("--max-rows", type=int, default=100_000, help="larger results are refused, not truncated")
    s.add_argument("--max-request-bytes", type=int, default=1_000_000, help="larger requests get 413")
    s.add_argument("--workers", type=int, default=4, help="query worker processes")
    s.add_argument("--allow-service", action="store_true", help="permit SERVICE (federated queries)")
    s.add_argument("--update-token", metavar="TOKEN", help="accept updates with `Authorization: Bearer TOKEN`")
    s.add_argument("--queries", default="queries", help="folder of .rq examples for the query page")
    s.add_argument("--verbose", action="store_true", help="log every request")
    u = sub.add_parser("push", help="upload the built graph to a SPARQL 1.1 Graph Store Protocol server",
                       description="HTTP PUT the graph file to ENDPOINT?graph=IRI (or ?default).")
    u.set_defaults(func=cmd_push)
    u.add_argument("--endpoint", required=True, help="Graph Store URL, e.g. http://localhost:7878/store")
    u.add_argument("--graph", default="build/kg.nt", help="graph file to upload (.nt or .ttl; default: build/kg.nt)")
    u.add_argument("--graph-iri", metavar="IRI", help="target named graph (default: the default graph)")
    u.add_argument("--token", help="send `Authorization: Bearer TOKEN`")
    y = command("synth", cmd_synth, "stream a seeded synthetic ecosystem (many districts) as N-Triples",
                graph=False, fmt=False)
    y.add_argument("--triples", type=int, default=10_000, help="about how many triples (within 2%%; default 10000)")
    y.add_argument("--seed", type=int, default=0, help="random seed: the same seed gives the same file")
    y.add_argument("--out", default="-", metavar="FILE.nt", help="file to write (default: - for stdout)")
    y.add_argument("--districts", type=positive_int, help="number of districts (default: one per 2,500 triples)")
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
    except OSError as exc:  # the file system refused (permissions, a full disk): not a bug of ours
        print(f"error: {exc.filename}: {exc.strerror}" if exc.filename else f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one line for the user, the traceback when asked
        if os.environ.get("KG_DEBUG"):
            raise
        print(f"error: unexpected {type(exc).__name__}: {exc} (a bug: please report it; KG_DEBUG=1 shows where)",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
