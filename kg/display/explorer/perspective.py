"""Perspectives: how each class of the explorer is drawn (colour, shape, size, caption).

A perspective is a small JSON file (``kg/display/explorer/perspectives/default.json`` documents the format);
classes it does not name get a palette colour and shape chosen by their place in the sorted class list, so
colours never depend on dict or graph order.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Mapping

from kg.labels import local_name

__all__ = ["load_perspective", "class_style", "class_color", "class_shape", "PALETTE", "SHAPES",
           "PERSPECTIVE_SHAPES", "CAPTIONS", "DEFAULT_PERSPECTIVE"]

# Colour-blind-friendly-ish categorical palette (Tableau 10 + 2); a class gets the colour at the
# index of its IRI in the sorted class list.
PALETTE = (
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
    "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#17becf", "#8c564b",
)

# Node shapes, so that more classes than colours stay distinguishable: classes 0-11 are dots in the
# palette's colours, 12-23 squares, 24-35 diamonds, 36-47 triangles (then it wraps around).
# The legend draws the same shapes in CSS (``.kg-shape-*`` in explorer.css).
SHAPES = ("dot", "square", "diamond", "triangle")

DEFAULT_PERSPECTIVE = Path(__file__).resolve().parent / "perspectives" / "default.json"
PERSPECTIVE_SHAPES = ("dot", "square", "diamond", "triangle", "triangleDown", "star", "hexagon")
CAPTIONS = ("label", "type", "none")
_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def class_color(index: int) -> str:
    """The palette colour of the class at `index` in the sorted class list.

    >>> class_color(0), class_color(12)
    ('#4e79a7', '#4e79a7')
    """
    return PALETTE[index % len(PALETTE)]


def class_shape(index: int) -> str:
    """The node shape of the class at `index`: a new shape each time the palette wraps.

    >>> class_shape(0), class_shape(12)
    ('dot', 'square')
    """
    return SHAPES[(index // len(PALETTE)) % len(SHAPES)]


def _check_style(style: Any, where: str, source: str) -> dict[str, Any]:
    """A validated style dict (colour, shape, size, caption; any may be missing).

    ``color`` is accepted as a spelling of ``colour``. Raises ValueError naming `source` and the
    offending key, so a typo in a hand-edited file is found at once.
    """
    def fail(key: str, why: str) -> ValueError:
        return ValueError(f"perspective {source}: {where}.{key}: {why}")

    if not isinstance(style, Mapping):
        raise ValueError(f"perspective {source}: {where}: expected an object, got {type(style).__name__}")
    out: dict[str, Any] = {}
    for key, value in style.items():
        if key.startswith("_"):
            continue  # comments
        if key in ("colour", "color"):
            if not isinstance(value, str) or not _HEX_COLOUR.fullmatch(value):
                raise fail(key, f"expected a colour like '#4e79a7', got {value!r}")
            out["colour"] = value.lower()
        elif key == "shape":
            if value not in PERSPECTIVE_SHAPES:
                raise fail(key, f"expected one of {', '.join(PERSPECTIVE_SHAPES)}, got {value!r}")
            out["shape"] = value
        elif key == "size":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.1 <= value <= 5:
                raise fail(key, f"expected a number between 0.1 and 5 (a factor), got {value!r}")
            out["size"] = float(value)
        elif key == "caption":
            if value not in CAPTIONS:
                raise fail(key, f"expected one of {', '.join(CAPTIONS)}, got {value!r}")
            out["caption"] = value
        else:
            raise fail(key, "unknown key (known: colour, shape, size, caption)")
    return out


def load_perspective(perspective: "str | Path | Mapping[str, Any] | None" = None) -> dict[str, Any]:
    """A validated perspective ``{"default": style, "classes": {key: style}}``.

    `perspective` is a path to a JSON file, an already-parsed dict, or None for
    ``kg/display/explorer/perspectives/default.json``. Class keys are class local names or full IRIs.

    >>> load_perspective({"classes": {"Company": {"color": "#E15759", "size": 2}}})
    {'default': {}, 'classes': {'Company': {'colour': '#e15759', 'size': 2.0}}}
    """
    if perspective is None:
        perspective = DEFAULT_PERSPECTIVE
    if isinstance(perspective, Mapping):
        source, data = "<dict>", perspective
    else:
        source = str(perspective)
        try:
            data = json.loads(Path(perspective).read_text(encoding="utf-8"))
        except OSError as exc:
            raise ValueError(f"perspective {source}: cannot read: {exc}") from exc
        except json.JSONDecodeError as exc:
            raise ValueError(f"perspective {source}: not valid JSON: {exc}") from exc
    if not isinstance(data, Mapping):
        raise ValueError(f"perspective {source}: expected a JSON object at the top level")
    for key in data:
        if key not in ("default", "classes") and not key.startswith("_"):
            raise ValueError(f"perspective {source}: {key}: unknown key (known: default, classes)")
    classes = data.get("classes", {})
    if not isinstance(classes, Mapping):
        raise ValueError(f"perspective {source}: classes: expected an object")
    return {
        "default": _check_style(data.get("default", {}), "default", source),
        "classes": {str(k): _check_style(v, f"classes.{k}", source) for k, v in classes.items()},
    }


def class_style(iri: str, index: int, perspective: Mapping[str, Any]) -> dict[str, Any]:
    """Colour, shape, size factor and caption of the class at `index` (sorted IRIs).

    The class's own entry (by IRI, else by local name) wins over the perspective's default, which
    wins over the built-in palette colour and shape of `index`.

    >>> class_style("https://ex.org/ont#Company", 1, {"default": {"caption": "none"}, "classes": {}})
    {'colour': '#f28e2b', 'shape': 'dot', 'size': 1.0, 'caption': 'none'}
    """
    own = perspective["classes"].get(iri) or perspective["classes"].get(local_name(iri)) or {}
    style = {"colour": class_color(index), "shape": class_shape(index), "size": 1.0, "caption": "label"}
    style.update(perspective["default"])
    style.update(own)
    return style
