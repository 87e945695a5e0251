"""Checks of the `kg` command's arguments that argparse cannot make: each refusal is one `KGError` (or argparse's
own usage message) saying what is wrong and how to fix it, before any graph is loaded."""
from __future__ import annotations

import argparse
import re
from pathlib import Path

from kg.errors import KGError, Location

__all__ = ["bindings", "check_output", "positive_int"]


def bindings(pairs: list[str], sparql: str) -> dict[str, str]:
    """``--bind NAME=VALUE`` pairs as `KnowledgeGraph.query`'s keyword arguments, checked against the query.

    >>> bindings(["text=宇树", "?n=2"], "SELECT * { ?e ?p ?text } LIMIT $n")
    {'text': '宇树', 'n': '2'}
    >>> bindings(["text"], "SELECT ?text {}")
    Traceback (most recent call last):
    kg.errors.KGError: --bind 'text' has no '='. Fix: write --bind NAME=VALUE, e.g. --bind text=宇树
    """
    used = dict.fromkeys(re.findall(r"[?$](\w+)", sparql))
    found = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        name = name.strip().removeprefix("?").removeprefix("$")
        if not equals:
            raise KGError(f"--bind {pair!r} has no '='", hint="write --bind NAME=VALUE, e.g. --bind text=宇树")
        if not re.fullmatch(r"\w+", name):
            raise KGError(f"--bind {pair!r}: {name!r} is not a variable name",
                          hint="name a variable of the query without its ?: letters, digits and _")
        if name in found:
            raise KGError(f"--bind {name}= is given twice", hint="bind each variable once")
        if name not in used:
            listed = ", ".join("?" + v for v in used) or "none"
            raise KGError(f"the query has no variable ?{name} to bind", hint=f"bind one of its variables ({listed})")
        found[name] = value
    return found


def check_output(out: Path, option: str = "--output") -> None:
    """Refuse an output path that names a folder, or lies under a file.

    >>> check_output(Path("/"))
    Traceback (most recent call last):
    kg.errors.KGError: /: a folder, not a file. Fix: give --output the path of a file to write
    """
    if out.is_dir():
        raise KGError("a folder, not a file", Location(out), f"give {option} the path of a file to write")
    blocking = next((folder for folder in out.parents if folder.exists() and not folder.is_dir()), None)
    if blocking is not None:
        raise KGError(f"{blocking} is a file, not a folder", Location(out), f"choose another {option}")


def positive_int(text: str) -> int:
    """An argparse type: a whole number of 1 or more (argparse prints the refusal with the usage, exit 2).

    >>> positive_int("3")
    3
    """
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return number
