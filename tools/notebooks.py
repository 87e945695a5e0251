"""Execute Jupyter notebooks in place with nbclient: ``python -m tools.notebooks notebooks/*.ipynb``.

The kernel starts in the notebook's own folder, as Jupyter starts it (``--cwd`` for another). Notebooks find
the project through `kg.project_root` (the nearest folder up from the working directory holding ``data/`` or
``build/kg.nt``), so they run from ``notebooks/`` as from the root; the graph is built first when it is missing.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KERNEL = "python3"  # ipykernel's own spec; jupyter_client falls back to it when none is installed


class NotebookError(RuntimeError):
    """A notebook cell raised: names the notebook, the cell and the error."""


def ensure_graph(root: Path = ROOT) -> Path:
    """Build ``build/kg.nt`` under `root` through `kg.build.pipeline` when it is missing; return its path."""
    graph = root / "build" / "kg.nt"
    if not graph.exists():
        from kg.project import Project
        from kg.release import build_release as build

        build(Project(root))
    return graph


def execute(path, *, timeout: int = 120, output=None, cwd=None) -> None:
    """Run every cell of the notebook at `path` and save it with its outputs.

    Parameters
    ----------
    path : str or Path
        The notebook to run.
    timeout : int
        Seconds allowed per cell.
    output : str or Path, optional
        Where to save the executed notebook (default: `path` itself, in place).
    cwd : str or Path, optional
        Working directory of the kernel (default: the notebook's folder, as in Jupyter). The project whose
        graph is built when missing is the one `kg.project_root` finds from it.

    Raises
    ------
    NotebookError
        When a cell fails, naming the cell's number, its first line and the error.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    from kg.api import project_root

    path = Path(path)
    cwd = Path(cwd) if cwd is not None else path.resolve().parent
    ensure_graph(project_root(cwd))
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=timeout, kernel_name=KERNEL, record_timing=False,
                            resources={"metadata": {"path": str(cwd)}})
    try:
        client.execute()
    except CellExecutionError as exc:
        raise NotebookError(f"{path}: {_failed_cell(notebook)} failed:\n{exc}") from None
    nbformat.write(notebook, Path(output) if output else path)


def _failed_cell(notebook) -> str:
    """'cell N (first line)' of the first code cell whose outputs hold an error."""
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    for number, cell in enumerate(code_cells, 1):
        if any(out.get("output_type") == "error" for out in cell.get("outputs", [])):
            first = next((line for line in cell.source.splitlines() if line.strip()), "")
            return f"code cell {number} ({first.strip()[:60]!r})"
    return "a cell"


def main(argv=None) -> int:
    """Execute the notebooks named on the command line, in place; exit 1 at the first failure."""
    parser = argparse.ArgumentParser(prog="python -m tools.notebooks", description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--timeout", type=int, default=120, help="seconds per cell (default 120)")
    parser.add_argument("--cwd", type=Path, help="the kernel's working directory (default: each notebook's folder)")
    args = parser.parse_args(argv)
    for path in args.notebooks:
        started = time.perf_counter()
        try:
            execute(path, timeout=args.timeout, cwd=args.cwd)
        except NotebookError as exc:
            print(exc, file=sys.stderr)
            return 1
        print(f"executed {path} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
