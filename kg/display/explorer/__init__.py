"""The offline HTML explorer: one self-contained page (data, vis-network, our script) with a strict CSP."""
from kg.display.explorer.page import render_explorer

__all__ = ["render_explorer"]
