"""Check a new source text and register it under data/sources/ with its metadata record.

The document id derives from the content hash (``doc-<first 12 hex of SHA-256>``), so the same text
registered twice is recognised instead of copied again. Files are refused before they are read in full
when they are too large, and checked for binary content and UTF-8 before anything is written.

>>> check_text(b"\\xe6\\xbb\\xa8\\xe6\\xb1\\x9f", Path("a.txt"))
'滨江'
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from kg.build.sources import Document, read_json
from kg.errors import KGError, Location
from kg.project import Project, write_atomically

MAX_BYTES = 2_000_000  # an article is tens of kilobytes; a bigger file is a dump that needs splitting
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")
META_KEYS = ("title", "title_en", "language", "date", "area", "url", "publisher", "authors")


def check_file(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a source file that exists, is not empty and not too large (size checked before reading)."""
    where = Location(path)
    if not path.is_file():
        raise KGError("no such file", where, "give the path of a UTF-8 text file")
    size = path.stat().st_size
    if size > max_bytes:
        raise KGError(f"file is {size:,} bytes, more than the {max_bytes:,} an article may have", where,
                      "split it into one file per article (or raise --max-bytes if it really is one)")
    data = path.read_bytes()
    if not data.strip():
        raise KGError("file is empty", where, "give a text file that holds the article")
    return data


def check_text(data: bytes, path: Path) -> str:
    """Decode UTF-8 text, refusing binary content and other encodings with the byte where it fails."""
    where = Location(path)
    if b"\x00" in data[:8192] or len(_CONTROL.findall(data[:8192])) > 8:
        raise KGError("file looks binary (control bytes), not text", where,
                      "convert it to plain UTF-8 text first (e.g. copy the article text out of the PDF or Word file)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise KGError(f"not UTF-8 text (byte {exc.start})", where,
                      "save the file as UTF-8 (e.g. `iconv -f GB18030 -t UTF-8`)") from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise KGError("file holds only blanks", where, "give a text file that holds the article")
    return text


def content_id(text: str) -> tuple[str, str]:
    """(document id, full SHA-256) of a text."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return f"doc-{digest[:12]}", digest


def registered(project: Project) -> dict[str, Path]:
    """SHA-256 of every registered text -> its path."""
    return {hashlib.sha256(p.read_bytes().removeprefix(b"\xef\xbb\xbf")).hexdigest(): p
            for p in sorted(project.sources.glob("*.txt"))}


def _language(text: str) -> str:
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text[:5000]))
    return "zh-CN" if cjk >= 0.2 * len(text[:5000].strip() or "x") else "en"


def register(project: Project, path: Path, meta_path: Path | None = None, *,
             max_bytes: int = MAX_BYTES, known_ids: set[str] = frozenset()) -> tuple[Document, bool]:
    """Copy a checked text into data/sources with its metadata; (document, False) if it was there already."""
    text = check_text(check_file(path, max_bytes), path)
    doc_id, digest = content_id(text)
    existing = registered(project).get(digest)
    if existing is not None:
        meta = read_json(existing.with_suffix(".json"))
        return Document(meta.get("id", doc_id), existing, existing.read_text(encoding="utf-8"), meta,
                        existing.with_suffix(".json")), False
    given = read_json(meta_path) if meta_path else {}
    unknown = sorted(set(given) - set(META_KEYS))
    if unknown:
        raise KGError(f"unknown metadata keys {unknown}", Location(meta_path),
                      f"use only {list(META_KEYS)} (photos are added by hand, see docs/DATA.md)")
    for i, author in enumerate(given.get("authors", [])):
        if author not in known_ids:
            raise KGError(f"author {author!r} is not an entity id", Location(meta_path, column=f"authors[{i}]"),
                          "add the person to data/entities.csv first, or leave authors out")
    first_line = next(line.strip() for line in text.splitlines() if line.strip())
    meta = {"id": doc_id, "title": given.get("title") or first_line[:200],
            "language": given.get("language") or _language(text), "sha256": digest}
    meta.update({k: given[k] for k in META_KEYS if k in given and k not in ("title", "language")})
    probe = Document(doc_id, path, text, meta)
    if len(probe.find_all(meta["title"])) != 1:
        raise KGError(f"title {meta['title']!r} does not occur exactly once in the text", Location(meta_path or path, column="title"),
                      "give the title as the article prints it, or leave it out to use the first line")
    number = len(list(project.sources.glob("*.txt")))
    name = f"{number:03d}_{digest[:16]}"
    write_atomically(project.sources, {f"{name}.txt": text,
                                       f"{name}.json": json.dumps(meta, ensure_ascii=False, indent=2) + "\n"})
    stored = project.sources / f"{name}.txt"
    return Document(doc_id, stored, text, meta, stored.with_suffix(".json")), True
