"""Safe embedding in HTML pages (kg/display/html.py), and the endpoint's query page that uses it."""
import json
import re

import pytest

from kg.display.html import assert_inlinable, csp_hash, script_json
from kg.serve.page import CSP, SCRIPT, STYLE, query_page

HOSTILE = "</script><script>alert(1)</script> <!-- \u2028 \u2029 & 'q' \"qq\""


def test_script_json_round_trips_and_cannot_leave_its_block():
    data = {"z": [HOSTILE], HOSTILE: 1, "a": None}
    text = script_json(data)
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text
    assert json.loads(text) == data
    assert text == script_json(dict(reversed(list(data.items()))))  # keys sorted: equal data, equal bytes


@pytest.mark.parametrize("source, tag", [("a = '</script >'", "script"), ("/* </STYLE> */", "style"),
                                         ("x <!-- y", "script")])
def test_sources_that_could_close_their_element_are_refused(source, tag):
    with pytest.raises(ValueError, match="cannot be inlined"):
        assert_inlinable("x.js", source, tag)


def test_query_page_embeds_examples_safely(tmp_path):
    """The endpoint's page escapes every character that could end its data block, U+2028 and U+2029 too."""
    query = f"# cq01\n# {HOSTILE}\nSELECT * WHERE {{ ?s ?p ?o }}\n"
    (tmp_path / "cq01_hostile.rq").write_text(query, encoding="utf-8")
    page = query_page(tmp_path).decode("utf-8")
    block = re.search(r'<script type="application/json" id="examples">(.*?)</script>', page, re.S).group(1)
    assert "\u2028" not in page and "\u2029" not in page
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(block)[0]["query"] == query
    assert page.count("<script") == 2  # the data block and our script, nothing from the data
    assert csp_hash(SCRIPT) in CSP and csp_hash(STYLE) in CSP
    assert f"<script>{SCRIPT}</script>" in page and f"<style>{STYLE}</style>" in page
