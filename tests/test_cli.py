"""The `kg` command as a new user meets it: every malformed argument gets one clear message and exit 2 (never a
traceback), JSON output is plain, views never overwrite the release page, and lookup finds pinyin."""
import ast
import json
import re

import pytest

from kg import labels
from kg.cli import main
from kg.display.explorer import search
from kg.display.explorer.records import collect_nodes
from kg.ns import BJR
from support import ROOT

UNITREE = str(BJR.unitree)


def run(capsys, *args):
    """Run `kg ARGS` in this process: (exit code, stdout, stderr); argparse's refusals exit through SystemExit."""
    try:
        code = main([str(a) for a in args])
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def graph(built):
    return ["--graph", built.root / "build" / "kg.nt"]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """Bad inputs a user may pass by mistake."""
    root = tmp_path_factory.mktemp("bad")
    (root / "binary.rq").write_bytes(b"\xff\xfe\x00SELECT")
    (root / "broken.nt").write_text('<http://a> <http://b> "unterminated\n', encoding="utf-8")
    (root / "broken.ttl").write_text("@prefix x: <http://x/> .\nx:a x:b\n", encoding="utf-8")
    (root / "folder").mkdir()
    (root / "plain.txt").write_text("not a folder", encoding="utf-8")
    return root


# Each case: the arguments after `kg`, and what the one message says. {graph} and {files} are filled in.
MALFORMED = [
    (["query", "queries/cq01_gdp_2024.rq", "--bind", "name"], "--bind 'name' has no '='"),
    (["query", "SELECT ?x { BIND(?y AS ?x) }", "--bind", "=7"], "'' is not a variable name"),
    (["query", "SELECT ?x { BIND(?y AS ?x) }", "--bind", "a b=7"], "'a b' is not a variable name"),
    (["query", "SELECT ?x { BIND(?y AS ?x) }", "--bind", "y=1", "--bind", "y=2"], "--bind y= is given twice"),
    (["query", "SELECT ?x { BIND(?y AS ?x) }", "--bind", "z=1"], "the query has no variable ?z to bind"),
    (["query", ""], "no query given"),
    (["query", "   "], "no query given"),
    (["query", "{files}/binary.rq"], "not UTF-8 text"),
    (["query", "{files}/folder"], "no such query file"),
    (["query", "SELECT * { ?s ?p"], "malformed SPARQL"),
    (["stats", "--graph", "{files}/folder"], "not a graph file"),
    (["stats", "--graph", "{files}/broken.nt"], "cannot parse"),
    (["stats", "--graph", "{files}/broken.ttl"], "cannot parse"),
    (["stats", "--graph", "{files}/plain.txt"], "cannot parse"),
    (["lookup", ""], "nothing to look up"),
    (["lookup", "  "], "nothing to look up"),
    (["evidence", ""], "the id or label is empty"),
    (["path", "unitree", " "], "the id or label is empty"),
    (["path", "http://example.org/nothing", "unitree"], "'http://example.org/nothing' is not an entity of the graph"),
    (["viz", "--schema", "--output", "{files}/folder"], "a folder, not a file"),
    (["viz", "--schema", "--output", "{files}/plain.txt/view.html"], "is a file, not a folder"),
    (["viz", "--query", "{files}/binary.rq"], "not UTF-8 text"),
    (["synth", "--triples", "50", "--out", "{files}/folder"], "a folder, not a file"),
    (["synth", "--triples", "50", "--out", "{files}/missing/x.nt"], "cannot write: No such file or directory"),
]

# argparse refuses these itself: a usage line and one error line.
REFUSED_BY_ARGPARSE = [
    (["centrality", "--top", "0"], "'0' is not a whole number of 1 or more"),
    (["centrality", "--top", "-3"], "'-3' is not a whole number of 1 or more"),
    (["centrality", "--top", "many"], "'many' is not a whole number of 1 or more"),
    (["synth", "--districts", "-1"], "'-1' is not a whole number of 1 or more"),
    (["synth", "--districts", "0"], "'0' is not a whole number of 1 or more"),
    (["viz", "--depth", "two"], "invalid int value"),
    (["query"], "the following arguments are required: query"),
    (["stats", "--lang", "fr"], "invalid choice: 'fr'"),
]


def fill(args, graph, files):
    """The case's arguments with its files, and the built graph unless it names its own (or writes one)."""
    args = [a.replace("{files}", str(files)) for a in args]
    return args if args[0] == "synth" or "--graph" in args else args + graph


@pytest.mark.parametrize("args, message", MALFORMED, ids=lambda v: " ".join(v) if isinstance(v, list) else None)
def test_a_malformed_argument_gets_one_message_and_exit_2(capsys, graph, files, args, message, monkeypatch):
    monkeypatch.chdir(ROOT)  # queries/ as in the README
    code, _, err = run(capsys, *fill(args, graph, files))
    assert (code, err.startswith("error: "), err.count("\n")) == (2, True, 1), err
    assert message in err and "Traceback" not in err and "unexpected" not in err


@pytest.mark.parametrize("args, message", REFUSED_BY_ARGPARSE, ids=lambda v: " ".join(v) if isinstance(v, list) else None)
def test_argparse_refusals_name_the_argument(capsys, graph, files, args, message):
    code, _, err = run(capsys, *args)
    assert code == 2 and message in err.splitlines()[-1] and "Traceback" not in err


def test_an_unexpected_error_is_one_line_exit_1(capsys, monkeypatch):
    import kg.cli

    def broken(args):
        raise RuntimeError("something we did not foresee")

    monkeypatch.setattr(kg.cli, "cmd_stats", broken)
    monkeypatch.delenv("KG_DEBUG", raising=False)
    code, _, err = run(capsys, "stats")
    assert code == 1 and err.count("\n") == 1 and "RuntimeError: something we did not foresee" in err
    monkeypatch.setenv("KG_DEBUG", "1")
    with pytest.raises(RuntimeError):
        main(["stats"])


def test_bind_takes_names_with_or_without_the_question_mark(capsys, graph):
    for name in ("who", "?who", "$who"):
        code, out, _ = run(capsys, "query", "SELECT ?x WHERE { BIND(?who AS ?x) }", "--bind", f"{name}=宇树=科技",
                           "--format", "csv", *graph)
        assert code == 0 and out.split() == ["x", "宇树=科技"]


# --- JSON output --------------------------------------------------------------------------------

JSON_COMMANDS = [
    ["stats"], ["query", "SELECT ?e ?l WHERE { ?e skos:prefLabel ?l } ORDER BY ?e LIMIT 5"], ["lookup", "宇树"],
    ["evidence", "unitree"], ["path", "innovation-opinions", "unitree"], ["centrality", "--top", "3"],
    ["communities"], ["conflicts"],
]


@pytest.mark.parametrize("args", JSON_COMMANDS, ids=lambda a: a[0])
def test_json_output_escapes_neither_slashes_nor_chinese(capsys, graph, args):
    code, out, _ = run(capsys, *args, "--format", "json", *graph)
    assert code == 0
    records = json.loads(out)
    assert isinstance(records, list)
    assert "\\/" not in out and "\\u" not in out
    if args[0] not in ("conflicts",):  # the one graph has no conflicting values
        assert records and ("https://w3id.org/binjiang-kg/" in out or args[0] == "stats")
        assert re.search(r"[\u4e00-\u9fff]", out)


def test_json_dates_and_missing_values(capsys, graph):
    query = "SELECT ?d ?n WHERE { VALUES (?d ?n) { ('2025-05-18'^^xsd:date 1) ('2025-05-19'^^xsd:date UNDEF) } } ORDER BY ?d"
    code, out, _ = run(capsys, "query", query, "--format", "json", *graph)
    assert code == 0 and json.loads(out) == [{"d": "2025-05-18", "n": 1}, {"d": "2025-05-19", "n": None}]


# --- kg viz: a view never overwrites the release page --------------------------------------------

@pytest.mark.parametrize("view, name", [
    (["--focus", "宇树科技"], "focus-unitree-2hops"),
    (["--focus", "unitree", "--depth", "1", "--lang", "en"], "focus-unitree-1hop-en"),
    (["--query", str(ROOT / "queries" / "cq04_roadshow_participants.rq")], "query-cq04_roadshow_participants"),
    (["--schema"], "schema"),
    ([], "graph"),
], ids=lambda v: " ".join(v) if isinstance(v, list) else v)
def test_viz_writes_a_file_named_after_the_view(capsys, graph, tmp_path, monkeypatch, view, name):
    monkeypatch.chdir(tmp_path)
    release = tmp_path / "build" / "explorer.html"
    release.parent.mkdir()
    release.write_text("the release page", encoding="utf-8")
    code, out, _ = run(capsys, "viz", *view, *graph)
    written = tmp_path / "build" / "views" / f"{name}.html"
    assert code == 0 and out.startswith(f"wrote build/views/{name}.html (")
    assert written.stat().st_size > 1000
    assert release.read_text(encoding="utf-8") == "the release page"


def test_viz_writes_the_release_page_when_asked(capsys, graph, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "viz", "--focus", "unitree", "--output", "build/explorer.html", *graph)
    assert code == 0 and "wrote build/explorer.html" in out and (tmp_path / "build" / "explorer.html").exists()


def test_viz_help_says_where_views_go(capsys):
    code, out, _ = run(capsys, "viz", "--help")
    assert code == 0 and "build/views/NAME.html" in " ".join(out.split())


def test_the_readme_never_shows_a_view_overwriting_the_release_page():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"kg viz[^`\n]*", readme)
    assert commands and not [c for c in commands if "explorer.html" in c]
    assert "build/views/" in readme


# --- lookup by pinyin, with the explorer's keys -------------------------------------------------

@pytest.mark.parametrize("text, exact", [("yushu", False), ("yskj", True), ("yushukeji", True), ("Yu Shu", False)])
def test_lookup_finds_pinyin(capsys, graph, text, exact):
    code, out, _ = run(capsys, "lookup", text, "--format", "json", *graph)
    found = json.loads(out)
    assert code == 0 and found[0]["entity"] == UNITREE and found[0]["exact"] is exact


def test_every_entity_is_found_by_the_pinyin_the_explorer_indexes(kg):
    names = kg.query("SELECT ?e ?l WHERE { ?e skos:prefLabel ?l FILTER(lang(?l) = 'zh' && STRSTARTS(STR(?e), STR(bjr:))) }")
    nodes = {node["id"]: node for node in collect_nodes(kg.to_networkx())}
    indexed = 0
    for n, (entity, name) in enumerate(zip(names["e"], names["l"])):
        keys = labels.pinyin_keys(name)  # full syllables and initials
        key = keys[n % len(keys)]  # each kind for half of the entities
        assert entity in set(kg.lookup(key)["entity"]), (name, key)
        if entity in nodes and nodes[entity]["name_zh"] == name:  # fact nodes show a label made of their value
            assert set(keys) <= set(nodes[entity]["search"])
            indexed += 1
    assert len(names) > 100 and indexed > 100


def test_one_function_makes_the_pinyin_keys_and_the_api_does_not_import_the_display():
    assert search.pinyin_keys is labels.pinyin_keys
    api = ast.parse((ROOT / "kg" / "api.py").read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(api) if isinstance(n, ast.ImportFrom)} | {
        a.name for n in ast.walk(api) if isinstance(n, ast.Import) for a in n.names}
    assert "kg.labels" in imported and not [m for m in imported if m and m.startswith("kg.display")]
    assert "def pinyin_keys" not in (ROOT / "kg" / "display" / "explorer" / "search.py").read_text(encoding="utf-8")
