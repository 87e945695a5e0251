"""Every notebook runs top to bottom on a temporary copy of the project (the committed files never change), with
the kernel started in notebooks/ (as Jupyter starts it) and at the root; `make lab` opens them in JupyterLab."""
import hashlib
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from kg import project_root
from support import ROOT, copy_inputs
from tools.notebooks import NotebookError, execute

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A project root with inputs, queries and the notebooks but no build: the runner must build before running."""
    root = copy_inputs(tmp_path_factory.mktemp("nbproject"), "queries")
    (root / "notebooks").mkdir()
    for notebook in NOTEBOOKS:
        shutil.copy(notebook, root / "notebooks" / notebook.name)
    return root


def test_there_are_notebooks():
    assert NOTEBOOKS, "notebooks/*.ipynb: none found"


# Every notebook from notebooks/ (where Jupyter starts its kernel); the tour, which also writes under the root,
# from the root as well. All of them find the root through the same first cell, tested once below.
RUNS = [(notebook, "notebooks") for notebook in NOTEBOOKS] + [(NOTEBOOKS[0], "root")] if NOTEBOOKS else []


@pytest.mark.parametrize(("notebook", "start"), RUNS, ids=lambda v: v.name if isinstance(v, Path) else v)
def test_notebook_runs(notebook, start, project, tmp_path):
    """From notebooks/ (the runner's default: the notebook's own folder) and from the project root."""
    before = digest(notebook)
    executed_path = tmp_path / notebook.name
    try:
        execute(project / "notebooks" / notebook.name, output=executed_path, timeout=300,
                cwd=None if start == "notebooks" else project)
    except NotebookError as exc:
        pytest.fail(str(exc), pytrace=False)
    assert digest(notebook) == before, "the committed notebook was modified"
    executed = nbformat.read(executed_path, as_version=4)
    errors = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    assert (project / "build" / "kg.nt").exists()
    if notebook.name == "01_tour.ipynb":  # the tour also saves the README's chart, under the project root
        assert (project / "docs" / "img" / "growth_q1_2025.png").stat().st_size > 10_000
    assert not (project / "notebooks" / "docs").exists() and not (project / "notebooks" / "build").exists()


def test_notebooks_name_no_path_relative_to_the_working_directory():
    """Every path a notebook reads or writes starts from `project_root()`, never from where the kernel starts."""
    for notebook in NOTEBOOKS:
        code = "\n".join(c.source for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code")
        assert "root = project_root()" in code, notebook.name
        for relative in ('"build/', '"queries/', '"docs/', "'build/", "'queries/", "'docs/"):
            assert relative not in code, (notebook.name, relative)


def test_project_root_is_the_nearest_folder_with_data_or_a_built_graph(tmp_path):
    (tmp_path / "outer" / "data").mkdir(parents=True)
    (tmp_path / "outer" / "inner" / "build").mkdir(parents=True)
    (tmp_path / "outer" / "inner" / "build" / "kg.nt").write_text("", encoding="utf-8")
    (tmp_path / "outer" / "inner" / "notebooks" / "deep").mkdir(parents=True)
    (tmp_path / "outer" / "inner" / "notebooks" / "build").mkdir()  # a build/ without a graph is no mark
    assert project_root(tmp_path / "outer" / "inner" / "notebooks" / "deep") == tmp_path / "outer" / "inner"
    assert project_root(tmp_path / "outer" / "inner" / "notebooks") == tmp_path / "outer" / "inner"
    assert project_root(tmp_path / "outer") == tmp_path / "outer"
    assert project_root(ROOT / "notebooks") == ROOT and project_root(ROOT / "kg" / "build") == ROOT


def test_a_failing_cell_is_named(project, tmp_path):
    path = tmp_path / "broken.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("x = 1"), new_code_cell("1 / 0  # boom")],
                                metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                         "language": "python"}}), path)
    with pytest.raises(NotebookError, match=r"code cell 2 \('1 / 0  # boom'\) failed(.|\n)*ZeroDivisionError"):
        execute(path, cwd=project)


def test_make_lab_installs_the_lab_extra_and_serves_notebooks_on_loopback():
    """What `make lab` would run (``make -n``: nothing is installed or started)."""
    dry = subprocess.run(["make", "-n", "-B", "lab", "LAB_PORT=8123"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    lines = dry.splitlines()
    install = [line for line in lines if "pip install" in line and "'.[lab]'" in line]
    assert install and install[0].startswith(".venv/bin/python -m pip install")
    start = " ".join(line.strip(" \\") for line in lines[lines.index(next(l for l in lines if "jupyter lab" in l)):])
    assert start.startswith(".venv/bin/jupyter lab ")
    for option in ("--ServerApp.root_dir=notebooks", "--ip=127.0.0.1", "--port=8123", "--no-browser"):
        assert option in start.split(), option
    assert "0.0.0.0" not in dry and "test -f build/kg.nt || .venv/bin/kg build" in dry
    assert "'jupyterlab" in (ROOT / "pyproject.toml").read_text(encoding="utf-8").replace('"', "'")
