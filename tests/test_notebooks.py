"""Every notebook runs top to bottom, on a temporary copy of the project (the committed files never change)."""
import hashlib
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from support import ROOT, copy_inputs
from tools.notebooks import NotebookError, execute

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A project root with inputs and queries but no build: the runner must build before running."""
    root = tmp_path_factory.mktemp("nbproject")
    return copy_inputs(root, "queries")


def test_there_are_notebooks():
    assert NOTEBOOKS, "notebooks/*.ipynb: none found"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(notebook, project, tmp_path):
    before = digest(notebook)
    copy = tmp_path / notebook.name
    shutil.copy(notebook, copy)
    try:
        execute(copy, root=project, timeout=300)
    except NotebookError as exc:
        pytest.fail(str(exc), pytrace=False)
    assert digest(notebook) == before, "the committed notebook was modified"
    executed = nbformat.read(copy, as_version=4)
    errors = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    assert (project / "build" / "kg.nt").exists()
    if notebook.name == "01_tour.ipynb":  # the tour also saves the README's chart
        assert (project / "docs" / "img" / "growth_q1_2025.png").stat().st_size > 10_000


def test_a_failing_cell_is_named(project, tmp_path):
    path = tmp_path / "broken.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("x = 1"), new_code_cell("1 / 0  # boom")],
                                metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                         "language": "python"}}), path)
    with pytest.raises(NotebookError, match=r"code cell 2 \('1 / 0  # boom'\) failed(.|\n)*ZeroDivisionError"):
        execute(path, root=project)
