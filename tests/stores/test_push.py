"""`kg push` uploads the built graph to a real `oxigraph serve` (the Rust server from the `oxigraph` package)."""
import pytest

from kg.cli import main
from tools.servers import count, free_port, oxigraph_server


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    with oxigraph_server(tmp_path_factory.mktemp("oxi")) as process:
        yield process


def test_push_default_and_named_graph(oxigraph, built, capsys):
    nt = built.root / "build" / "kg.nt"
    triples = sum(1 for line in nt.read_text(encoding="utf-8").splitlines() if line.strip())
    assert main(["push", "--endpoint", oxigraph.url + "/store", "--graph", str(nt)]) == 0
    assert count(oxigraph) == triples
    assert main(["push", "--endpoint", oxigraph.url + "/store", "--graph-iri", "https://w3id.org/binjiang-kg/graph",
                 "--graph", str(built.root / "build" / "kg.ttl")]) == 0
    assert count(oxigraph, "https://w3id.org/binjiang-kg/graph") == triples
    assert "HTTP 20" in capsys.readouterr().out
    # pushing again replaces, not appends
    assert main(["push", "--endpoint", oxigraph.url + "/store", "--graph", str(nt)]) == 0
    assert count(oxigraph, "https://w3id.org/binjiang-kg/graph") == triples


def test_push_errors_name_the_status(oxigraph, built, capsys):
    nt = str(built.root / "build" / "kg.nt")
    assert main(["push", "--endpoint", oxigraph.url + "/nowhere", "--graph", nt]) == 2
    assert "HTTP 404" in capsys.readouterr().err
    assert main(["push", "--endpoint", f"http://127.0.0.1:{free_port()}/store", "--graph", nt]) == 2
    assert "cannot reach" in capsys.readouterr().err
    assert main(["push", "--endpoint", oxigraph.url + "/store", "--graph", "missing.nt"]) == 2
