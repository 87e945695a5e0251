"""Locating evidence quotes in source text: raw offsets across layout breaks, missing and ambiguous quotes."""
from pathlib import Path

import pytest

from kg.build.sources import Corpus, Document
from kg.errors import KGError, Location
from kg.text import FlatText, normalise

WHERE = Location(Path("data/statements.csv"), 3, "quote")


def corpus(text: str) -> Corpus:
    return Corpus([Document("doc", Path("doc.txt"), text)])


def test_quote_across_a_layout_break_maps_to_raw_offsets():
    text = "建成国际领先的芯片化量子传感器工艺\n\n技术研究平台。未来"
    span = corpus(text).locate("量子传感器工艺技术研究平台", WHERE)
    assert text[span.start:span.end] == span.exact == "量子传感器工艺\n\n技术研究平台"
    assert span.quote == "量子传感器工艺技术研究平台"


def test_offsets_count_code_points_of_the_raw_file():
    text = "\n\n“中国视谷” 摄\n\nGDP增长7.0%"
    span = corpus(text).locate("GDP增长7.0%", WHERE)
    assert (span.start, span.end) == (text.index("GDP"), len(text))


def test_missing_quote_names_the_row_and_says_how_to_fix():
    with pytest.raises(KGError) as err:
        corpus("滨江").locate("杭州", WHERE)
    assert "data/statements.csv:3 (column quote): quote not found" in str(err.value)
    assert "Fix:" in str(err.value)


def test_ambiguous_quote_lists_every_occurrence():
    with pytest.raises(KGError, match=r"occurs 2 times \(doc@0, doc@4\)"):
        corpus("宇树科技宇树科技").locate("宇树", WHERE)


def test_several_quotes_give_several_spans_and_empty_evidence_is_refused():
    c = corpus("一季度GDP增长7.0%。地区生产总值增长 7.0%")
    assert len(c.locate_all("GDP增长7.0% | 地区生产总值增长 7.0%", WHERE)) == 2
    with pytest.raises(KGError, match="no evidence quote"):
        c.locate_all(" | ", WHERE)


def test_normalise_removes_only_layout_breaks():
    assert normalise(" 工艺\n\n技术 平台 ") == "工艺技术 平台"


def test_layout_breaks_join_a_sentence_and_paragraph_breaks_end_one():
    text = "标题\n\n目前,滨江已\n\n成功创建示范区;今年,\n继续推进。\n\n“中国视谷” 摄"
    flat = FlatText(text)
    assert flat.text == "标题\n目前,滨江已成功创建示范区;今年,继续推进。\n“中国视谷” 摄"
    assert [s.text for s in flat.sentences()] == ["标题", "目前,滨江已成功创建示范区;", "今年,继续推进。", "“中国视谷” 摄"]
    assert [len(flat.sentences(p)) for p in flat.paragraphs()] == [1, 2, 1]
    for sentence in flat.sentences():
        start, end = flat.raw_span(sentence.start, sentence.end)
        assert normalise(text[start:end]) == sentence.text


def test_a_quote_is_found_across_any_line_break_even_a_paragraph_break():
    # Whether a break is layout is a guess; the quote's location must not depend on it.
    document = Document("doc", Path("doc.txt"), "数说滨江“一季报”\n\n■地区生产总值增长 7.0%")
    (span,) = document.find_all("一季报”■地区")
    assert (span.start, span.end) == (5, 14) and span.exact == "一季报”\n\n■地区"
