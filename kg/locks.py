"""Advisory locks that keep concurrent `kg` commands from losing each other's work.

Two locks per project, each an ``flock`` on a hidden file (released by the kernel when the process ends,
even by ``kill -9``, so a crash never leaves a stale lock behind):

- the **data lock** (``data/.kg.lock``): `kg accept` and `kg ingest` hold it exclusively from the moment they
  read the tables until their writes are renamed in place; `kg build` holds it shared while it reads them, so it
  never reads one table from before an accept and another from after it;
- the **build lock** (``build/.kg.lock``, beside the outputs): one build writes the outputs at a time.
"""
from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import KGError, Location

LOCK_NAME = ".kg.lock"


@contextmanager
def folder_lock(folder: Path, *, shared: bool = False, timeout: float = 120.0) -> Iterator[None]:
    """Hold an advisory lock on `folder` (created if missing) for the block; wait at most `timeout` seconds.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with folder_lock(folder):
    ...     with folder_lock(folder / "other", shared=True):
    ...         sorted(p.name for p in folder.rglob(LOCK_NAME))
    ['.kg.lock', '.kg.lock']
    """
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise KGError(f"another kg command has held {folder} for {timeout:g} s", Location(path),
                                  "wait for it to finish (or stop it), then run this command again") from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


__all__ = ["LOCK_NAME", "folder_lock"]
