"""Progress bars for long work (loading, uploading, generating, projecting), shown only where someone watches.

Bars are `tqdm` bars on stderr that show themselves only when stderr is a terminal, so logs, pipes and
tests stay clean; tqdm's own ``TQDM_DISABLE=1`` silences them everywhere. A closed bar erases itself.
"""
from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import BinaryIO, TextIO

from tqdm import tqdm


def progress_bar(desc: str, total: float | None = None, *, unit: str = "it", disable: bool | None = None,
                 file: TextIO | None = None) -> tqdm:
    """A progress bar that shows itself only on a terminal.

    Parameters
    ----------
    desc : str
        What is being done ("loading kg.nt").
    total : number, optional
        The count at completion; None when unknown (the bar then counts without a percentage).
    unit : str
        What is counted; ``"B"`` counts bytes in KiB, MiB, GiB.
    disable : bool, optional
        True hides the bar, False shows it even off a terminal (for tests); None (default) shows it only
        when `file` is a terminal and ``TQDM_DISABLE`` is not set.
    file : text stream, optional
        Where to draw the bar (default: the current ``sys.stderr``).

    Returns
    -------
    tqdm
        An open bar: call ``update(n)``, then ``close()`` (or use it in a ``with`` block).

    Examples
    --------
    >>> log = io.StringIO()  # not a terminal: no bar unless forced
    >>> progress_bar("counting", total=3, file=log).disable
    True
    >>> with progress_bar("counting", total=3, unit="triple", disable=False, file=log) as bar:
    ...     bar.update(3)
    >>> bar.n, "counting" in log.getvalue()
    (3, True)
    """
    if disable is None and os.environ.get("TQDM_DISABLE"):  # tqdm reads it only as a default, which we override
        disable = True
    return tqdm(desc=desc, total=total, unit=unit, unit_scale=True, unit_divisor=1024 if unit == "B" else 1000,
                disable=disable, leave=False, file=file if file is not None else sys.stderr)


class ProgressReader(io.RawIOBase):
    """A binary stream that advances a progress bar by every byte read through it.

    Parameters
    ----------
    stream : binary file
        What is read; closed with the reader.
    bar : tqdm
        The bar to advance (see `progress_bar`); closed with the reader. Its ``total`` is the reader's `size`.

    Examples
    --------
    >>> bar = progress_bar("reading", 14, unit="B", disable=False, file=io.StringIO())
    >>> reader = ProgressReader(io.BytesIO(b"<a> <b> <c> .\\n"), bar)
    >>> reader.read(), reader.bar.n, reader.size
    (b'<a> <b> <c> .\\n', 14, 14)
    >>> reader.close()
    """

    def __init__(self, stream: BinaryIO, bar: tqdm):
        self.stream, self.bar = stream, bar
        self.size = bar.total

    @property
    def name(self) -> str:
        """The file's name (rdflib takes the document's base IRI from it)."""
        return self.stream.name

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = self.stream.readinto(buffer)
        self.bar.update(n or 0)
        return n

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)  # straight from the stream: no copy through a buffer
        self.bar.update(len(data))
        return data

    def close(self) -> None:
        if not self.closed:
            self.bar.close()
            self.stream.close()
        super().close()


def open_with_progress(path: str | Path, desc: str, *, disable: bool | None = None,
                       file: TextIO | None = None) -> ProgressReader:
    """Open a file for binary reading with a bar over its bytes (see `progress_bar` for `disable` and `file`).

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "kg.nt"
    >>> _ = path.write_bytes(b"<a> <b> <c> .\\n")
    >>> with open_with_progress(path, "loading", disable=False, file=io.StringIO()) as reader:
    ...     _ = reader.read()
    ...     reader.bar.n == reader.size == 14
    True
    """
    stream = open(path, "rb")
    size = os.fstat(stream.fileno()).st_size
    return ProgressReader(stream, progress_bar(desc, size, unit="B", disable=disable, file=file))
