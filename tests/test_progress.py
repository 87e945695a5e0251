"""Progress bars: they count every byte and triple when shown, and show nothing where nobody watches (pipes, logs,
``TQDM_DISABLE=1``), so output and tests stay clean."""
import fcntl
import io
import os
import pty
import struct
import subprocess
import sys
import termios

import pytest
from tqdm import tqdm

from kg import progress
from kg.graph.projection import project_graph
from kg.stores import MemoryStore, OxigraphStore
from kg.stores.graphstore import push
from tools.servers import count, oxigraph_server

KG_CLI = [sys.executable, "-c", "import sys; from kg.cli import main; sys.exit(main())"]


class Terminal(io.StringIO):
    """A stderr that says it is a terminal, so bars with ``disable=None`` show themselves."""

    def isatty(self):
        return True


@pytest.fixture
def terminal():
    return Terminal()


@pytest.fixture
def bars(monkeypatch, terminal):
    """Bars drawn on `terminal` (so shown); the list of ``(desc, n, total)`` of every bar closed.

    The terminal is given to the bar itself: pytest puts its own sys.stderr back before each test runs."""
    closed = []

    class Recorded(tqdm):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **{**kwargs, "file": terminal})

        def close(self):
            if not self.disable:  # tqdm disables a bar as it closes it: record it once
                closed.append((self.desc, self.n, self.total))
            super().close()

    monkeypatch.delenv("TQDM_DISABLE", raising=False)
    monkeypatch.setattr(progress, "tqdm", Recorded)
    return closed


def without_tqdm_disable():
    env = dict(os.environ)
    env.pop("TQDM_DISABLE", None)
    return env


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated")  # inside rdflib's JSON-LD parser
@pytest.mark.parametrize("suffix", ["nt", "ttl", "jsonld"])
@pytest.mark.parametrize("store", [OxigraphStore, MemoryStore])
def test_loading_counts_every_byte_of_the_file(built, bars, terminal, store, suffix):
    path = built.root / "build" / f"kg.{suffix}"
    loaded = store()
    loaded.load(path)
    size = path.stat().st_size
    assert bars == [(f"loading kg.{suffix}", size, size)]
    assert f"loading kg.{suffix}" in terminal.getvalue()
    assert len(loaded) == len(built.graph)


def test_reader_reads_back_the_same_bytes(built):
    path = built.root / "build" / "kg.ttl"
    expected = path.read_bytes()
    log = io.StringIO()
    with progress.open_with_progress(path, "reading", disable=False, file=log) as reader:
        head = reader.read(1000)
        into = bytearray(5000)
        got = reader.readinto(into)
        rest = io.BufferedReader(reader).read()  # as rdflib reads it
        assert head + bytes(into[:got]) + rest == expected
        assert reader.bar.n == reader.size == len(expected)
        assert reader.name == str(path) and reader.readable()
    assert reader.closed and reader.stream.closed
    assert "reading" in log.getvalue()


def test_bars_are_off_when_stderr_is_not_a_terminal_or_tqdm_disable_is_set(monkeypatch):
    monkeypatch.delenv("TQDM_DISABLE", raising=False)
    assert progress.progress_bar("x", file=io.StringIO()).disable
    assert not progress.progress_bar("x", file=Terminal()).disable
    monkeypatch.setenv("TQDM_DISABLE", "1")
    assert progress.progress_bar("x", file=Terminal()).disable
    assert not progress.progress_bar("x", file=Terminal(), disable=False).disable  # a caller may still force it


def test_synth_into_a_pipe_writes_only_its_summary_to_stderr(tmp_path):
    out = tmp_path / "x.nt"
    run = subprocess.run([*KG_CLI, "synth", "--triples", "20000", "--out", str(out)], capture_output=True, text=True,
                         env=without_tqdm_disable(), timeout=120)
    assert run.returncode == 0, run.stderr
    n = out.read_text(encoding="utf-8").count("\n")
    assert run.stderr == f"wrote {n} triples (seed 0) to {out}\n"


def synth_on_a_terminal(out, env) -> str:
    """What `kg synth` writes to a stderr that is a real terminal (a pseudo-terminal)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))  # it starts 0 columns wide
    process = subprocess.Popen([*KG_CLI, "synth", "--triples", "20000", "--out", str(out)], stderr=follower,
                               stdout=subprocess.DEVNULL, env=env)
    os.close(follower)
    chunks = []
    try:
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal is closed once the process exits
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(leader)
        assert process.wait(120) == 0
    return b"".join(chunks).decode("utf-8", "replace")


def test_synth_on_a_terminal_shows_a_bar_unless_tqdm_disable(tmp_path):
    shown = synth_on_a_terminal(tmp_path / "x.nt", without_tqdm_disable())
    assert "writing triples" in shown and "/20.0k" in shown
    silenced = synth_on_a_terminal(tmp_path / "y.nt", {**without_tqdm_disable(), "TQDM_DISABLE": "1"})
    assert "writing triples" not in silenced
    assert silenced.strip().startswith("wrote ") and len(silenced.strip().splitlines()) == 1


def test_projection_steps_through_four_stages(kg, bars, terminal):
    graph = project_graph(kg.store)
    assert bars == [("projecting", 4, 4)] and len(graph) > 100
    assert "projecting" in terminal.getvalue() and "edges" in terminal.getvalue()


def test_push_streams_the_file_with_a_bar(built, bars, terminal, tmp_path):
    nt = built.root / "build" / "kg.nt"
    size = nt.stat().st_size
    triples = sum(1 for line in nt.read_text(encoding="utf-8").splitlines() if line.strip())
    with oxigraph_server(tmp_path / "oxi") as server:
        status, sent = push(server.url + "/store", nt)
        assert 200 <= status < 300 and sent == size
        assert count(server) == triples
    assert bars == [("uploading kg.nt", size, size)]
    assert "uploading kg.nt" in terminal.getvalue()
