"""Safe embedding in our offline HTML pages: data in script blocks, inline sources, CSP hashes.

Used by the explorer (`kg.display.explorer.page`) and the endpoint's query page (`kg.serve.page`): both carry
their data as JSON in ``<script type="application/json">`` and allow only their own inline scripts, by hash.
"""
from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

__all__ = ["script_json", "csp_hash", "assert_inlinable"]

# Characters that may only occur inside JSON strings, written as escapes JSON.parse restores exactly.
_ESCAPES = (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def script_json(obj: Any) -> str:
    """`obj` as JSON for a ``<script type="application/json">`` block that the data cannot leave.

    ``<``, ``>`` and ``&`` can only occur inside JSON strings, so escaping them as ``\\u003c`` etc. keeps
    ``</script>`` and ``<!--`` out of the markup while ``JSON.parse`` restores them exactly. U+2028/2029
    are escaped too, so the text stays valid if it is ever pasted into JavaScript source. Keys are sorted, so
    equal data gives equal bytes.

    >>> print(script_json({"q": "</script>&\\u2028", "a": 1}))
    {"a":1,"q":"\\u003c/script\\u003e\\u0026\\u2028"}
    """
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in _ESCAPES:
        text = text.replace(raw, escaped)
    return text


def csp_hash(source: str) -> str:
    """The CSP ``'sha256-…'`` source expression that allows exactly this inline script or style.

    >>> csp_hash("")
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    """
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def assert_inlinable(name: str, source: str, tag: str) -> str:
    """`source` unchanged, after checking that it cannot close its own ``<tag>`` element or open a comment.

    >>> assert_inlinable("app.js", "let a = 1 < 2;", "script")
    'let a = 1 < 2;'
    >>> assert_inlinable("app.js", "s = '</SCRIPT>'", "script")
    Traceback (most recent call last):
    ...
    ValueError: app.js contains '</script' or '<!--' and cannot be inlined safely
    """
    lowered, closing = source.lower(), f"</{tag}"
    if closing in lowered or "<!--" in lowered:
        raise ValueError(f"{name} contains {closing!r} or '<!--' and cannot be inlined safely")
    return source
