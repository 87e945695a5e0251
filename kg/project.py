"""Where a project keeps its inputs and outputs, and how outputs are written (atomically)."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

#: The ontology and shapes that ship with the package, used by a project that has no ``ontology/`` of its own.
PACKAGED_ONTOLOGY = Path(__file__).resolve().parent / "ontology"


@dataclass(frozen=True)
class Project:
    """The folders of a project: ``ontology/`` (optional), ``data/``, ``data/sources/`` and ``build/``.

    >>> Project(Path("/tmp/p")).build
    PosixPath('/tmp/p/build')
    """

    root: Path

    @property
    def ontology(self) -> Path:
        """The project's own ``ontology/`` folder, else the ontology shipped with the package."""
        own = self.root / "ontology"
        return own if own.is_dir() else PACKAGED_ONTOLOGY

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def sources(self) -> Path:
        return self.data / "sources"

    @property
    def build(self) -> Path:
        return self.root / "build"


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A hidden temporary path beside `target`, renamed to `target` when the block ends without an error.

    Readers never see half a file: if the block raises (or is interrupted), the temporary file is removed
    and `target` is left as it was.

    >>> folder = Path(tempfile.mkdtemp())
    >>> with atomic_path(folder / "a.txt") as part:
    ...     _ = part.write_text("x")
    >>> [p.name for p in folder.iterdir()], (folder / "a.txt").read_text()
    (['a.txt'], 'x')
    """
    target = Path(target)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    part = Path(name)
    try:
        yield part
        os.chmod(part, 0o644)  # mkstemp makes files private; outputs are for anyone to read
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)


def write_atomically(folder: Path, files: dict[str, str]) -> list[Path]:
    """Write each file through `atomic_path`; none is renamed in place unless all were written.

    >>> folder = Path(tempfile.mkdtemp())
    >>> [p.name for p in write_atomically(folder, {"a.txt": "x"})], (folder / "a.txt").read_text()
    (['a.txt'], 'x')
    """
    folder.mkdir(parents=True, exist_ok=True)
    targets = [folder / name for name in files]
    with ExitStack() as staged:
        for target, text in zip(targets, files.values()):
            staged.enter_context(atomic_path(target)).write_text(text, encoding="utf-8", newline="\n")
    return targets
