"""Where a project keeps its inputs and outputs, and how outputs are written (atomically)."""
from __future__ import annotations

import os
import tempfile
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


def write_atomically(folder: Path, files: dict[str, str]) -> list[Path]:
    """Write each file to a temporary sibling, then rename it in place: readers never see half a file.

    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> [p.name for p in write_atomically(folder, {"a.txt": "x"})], (folder / "a.txt").read_text()
    (['a.txt'], 'x')
    """
    folder.mkdir(parents=True, exist_ok=True)
    staged = []
    try:
        for name, text in files.items():
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            os.chmod(tmp, 0o644)  # mkstemp makes files private; outputs are for anyone to read
            staged.append((Path(tmp), folder / name))
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, target in staged:
        os.replace(tmp, target)
    return [target for _, target in staged]
