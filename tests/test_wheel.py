"""The wheel works on its own: built from the repository and installed (not editable) into a fresh venv, its `kg`
builds a project that has only data/, synthesises a graph and queries both, importing nothing from the repository."""
import csv
import io
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from support import ROOT

pytestmark = pytest.mark.wheel
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def run(*args, cwd: Path) -> str:
    """Run a command without the repository on its path; fail with its output when it fails."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{args} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def bin_dir(tmp_path_factory) -> Path:
    """The bin/ of a fresh venv holding the wheel; it sees this venv's dependencies but not the editable `kg`."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"  # a copy, so that setuptools' build/ scratch never lands in the repository's build/
    shutil.copytree(ROOT / "kg", source / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--wheel-dir",
        work / "dist", source, cwd=work)
    [wheel] = (work / "dist").glob("*.whl")
    env = work / "venv"
    venv.create(env, with_pip=False, symlinks=True)
    python = env / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index", wheel, cwd=work)
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=work).strip())
    # A plain path in a .pth is added as it is: the editable install's own .pth there is never processed.
    (site / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return env / "bin"


@pytest.fixture
def empty(tmp_path) -> Path:
    folder = tmp_path / "empty"
    folder.mkdir()
    return folder


def count(bin_dir: Path, graph: Path, cwd: Path) -> int:
    rows = list(csv.DictReader(io.StringIO(run(bin_dir / "kg", "query", COUNT, "--graph", graph, "--format", "csv",
                                               cwd=cwd))))
    return int(rows[0]["n"])


def test_kg_is_imported_from_the_installed_wheel(bin_dir, empty):
    where = run(bin_dir / "python", "-c", "import kg; print(kg.__file__)", cwd=empty).strip()
    site = run(bin_dir / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=empty)
    assert Path(where).is_relative_to(site.strip()), where
    assert not Path(where).is_relative_to(ROOT)


def test_build_a_project_of_only_data_with_the_packaged_ontology(bin_dir, empty, built, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "data", project / "data")
    run(bin_dir / "kg", "build", "--project", project, cwd=empty)
    for name in ("kg.ttl", "kg.nt", "kg.jsonld", "explorer.html"):
        assert (project / "build" / name).read_bytes() == (built.root / "build" / name).read_bytes(), name
    assert count(bin_dir, project / "build" / "kg.nt", empty) == len(built.graph)


def test_synth_and_query_the_result(bin_dir, empty):
    run(bin_dir / "kg", "synth", "--triples", "2000", "--out", "x.nt", cwd=empty)
    triples = set((empty / "x.nt").read_text(encoding="utf-8").splitlines())
    assert count(bin_dir, empty / "x.nt", empty) == len(triples) >= 2000
