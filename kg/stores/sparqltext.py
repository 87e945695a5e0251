"""A small SPARQL 1.1 tokenizer: enough lexical structure to reason about a query without evaluating it.

It tells keywords apart from the same letters inside strings, IRIs, comments, prefixed names and variables,
so that ``SELECT ("SERVICE" AS ?x) {}`` is not mistaken for a federated query. It is not a parser: the
engine (Oxigraph) parses and evaluates; this module only answers questions such as "which keywords does the
query use", "which graphs does it name in FROM", "which form is it" and "where does the top-level projection
end". Used by the endpoint's safety policy (`kg.serve.safety`) and by the Oxigraph and remote stores
(`kg.stores.oxigraph`, `kg.stores.sparql`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin

_PN_CHARS_BASE = "A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F" \
                 "\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF"
_PN_CHARS = _PN_CHARS_BASE + "_0-9\u00B7\u0300-\u036F\u203F-\u2040\\-"

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][""" + _PN_CHARS + r"""]+)
  | (?P<bnode>_:[""" + _PN_CHARS + r""".]*)
  | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<pname>(?:[""" + _PN_CHARS_BASE + r"""](?:[""" + _PN_CHARS + r""".]*[""" + _PN_CHARS + r"""])?)?:
               (?:[""" + _PN_CHARS + r""":%\\]|\.(?=[""" + _PN_CHARS + r""":%\\]))*)
  | (?P<number>[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|[{}()\[\];,.*/|^!=<>+\-?$a@])
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    """One lexical token: its kind (word, iri, pname, var, string, punct, ...), text and offsets."""

    kind: str
    text: str
    start: int
    end: int

    def is_word(self, *words: str) -> bool:
        """Whether this is a bare keyword among `words` (case-insensitive)."""
        return self.kind == "word" and self.text.upper() in words


@lru_cache(maxsize=256)
def tokenize(text: str) -> tuple[Token, ...]:
    """The tokens of a SPARQL text, without whitespace and comments.

    Cached: the same query text is usually run again and again with other bindings (a prepared statement).
    """
    return tuple(Token(match.lastgroup, match.group(), match.start(), match.end())
                 for match in _TOKEN.finditer(text) if match.lastgroup not in ("ws", "comment"))


FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATES = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")


@dataclass
class Outline:
    """What a query or update names at the lexical level."""

    form: str | None                 # SELECT, ASK, CONSTRUCT, DESCRIBE, UPDATE or None
    keywords: set[str]               # every bare keyword, upper-cased
    dataset: list[tuple[str, str]]   # (FROM | FROM NAMED | USING | USING NAMED | LOAD, IRI or None)
    prefixes: dict[str, str]


def resolve(token: Token, prefixes: dict[str, str], base: str | None) -> str | None:
    """The absolute IRI an IRI or prefixed-name token denotes (None when it cannot be told)."""
    if token.kind == "iri":
        iri = token.text[1:-1]
        return urljoin(base, iri) if base and not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", iri) else iri
    if token.kind == "pname":
        prefix, _, local = token.text.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)
    return None


def outline(text: str, default_prefixes: dict[str, str] | None = None) -> Outline:
    """The form, keywords, dataset clauses (and LOAD sources) and prefixes of a query or update text."""
    tokens = tokenize(text)
    prefixes = dict(default_prefixes or {})
    base = None
    form = None
    keywords: set[str] = set()
    dataset: list[tuple[str, str]] = []
    for i, tok in enumerate(tokens):
        if tok.kind != "word":
            continue
        word = tok.text.upper()
        keywords.add(word)
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if word == "PREFIX" and nxt is not None and nxt.kind == "pname" and i + 2 < len(tokens):
            iri = resolve(tokens[i + 2], prefixes, base)
            if iri is not None:
                prefixes[nxt.text.rstrip(":").partition(":")[0]] = iri
        elif word == "BASE" and nxt is not None and nxt.kind == "iri":
            base = resolve(nxt, prefixes, base)
        elif form is None and word in FORMS:
            form = word
        elif form is None and word in UPDATES:
            form = "UPDATE"
        if word in ("FROM", "USING", "LOAD") and nxt is not None:
            clause, target = word, nxt
            if nxt.is_word("NAMED") and i + 2 < len(tokens):
                clause, target = f"{word} NAMED", tokens[i + 2]
            elif word == "LOAD" and nxt.is_word("SILENT") and i + 2 < len(tokens):
                target = tokens[i + 2]
            dataset.append((clause, resolve(target, prefixes, base)))
    return Outline(form, keywords, dataset, prefixes)


def substitute(text: str, terms: dict[str, str]) -> str:
    """The query with each variable named in `terms` replaced by that term, as in a pre-bound variable.

    `terms` maps a variable name to the term already written in N-Triples syntax by the engine's own term
    serializer (``str(pyoxigraph.Literal(...))``), so quotes and escapes are the engine's, never ours; only
    tokens that are variables are touched, never text inside strings, IRIs or comments. In a projection
    ``?v`` becomes ``(term AS ?v)`` so the column is kept; in GROUP BY / ORDER BY it becomes ``(term)``.
    """
    return _substitute(text, tuple(sorted(terms.items()))) if terms else text


@lru_cache(maxsize=1024)
def _substitute(text: str, items: tuple[tuple[str, str], ...]) -> str:
    terms = dict(items)
    out, last = [], 0
    projecting = modifier = False
    parens = 0
    tokens = tokenize(text)
    for i, tok in enumerate(tokens):
        parens += (tok.text == "(") - (tok.text == ")")
        if tok.is_word("SELECT"):
            projecting, parens = True, 0
        elif projecting and (tok.text == "{" or tok.is_word("WHERE", "FROM")):
            projecting = False
        if tok.is_word("BY") and i and tokens[i - 1].is_word("GROUP", "ORDER"):
            modifier = True
        elif modifier and (tok.text in "{}" or tok.is_word("LIMIT", "OFFSET", "HAVING", "VALUES", "ORDER")):
            modifier = False
        if tok.kind != "var" or tok.text[1:] not in terms or (i and tokens[i - 1].is_word("AS")):
            continue
        term = terms[tok.text[1:]]
        if projecting and parens == 0:
            replacement = f"({term} AS {tok.text})"
        elif modifier:
            replacement = f"({term})"
        else:
            replacement = term
        out.append(text[last:tok.start] + replacement)
        last = tok.end
    return "".join(out) + text[last:]
