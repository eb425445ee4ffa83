"""The fast walk, text and grid readers agree with straightforward reference versions.

``opp_docs.docx.walk``, ``.text`` and ``.grid`` are the innermost loops of parse, written for
speed (a plain recursion instead of nested generators, a direct join where no field or
content control is, one search per table for grid properties). The references below are the
plain versions they replaced; on random WordprocessingML-like trees, with every kind of
element the readers treat specially nested anywhere, both must give the same answer for
every element of the tree.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from opp_docs.docx import boxes
from opp_docs.docx.grid import GridCell, GridRow, grid_row, table_rows
from opp_docs.docx.namespaces import qn
from opp_docs.docx.text import TextCollector, read_text, text_of
from opp_docs.docx.walk import Token, TokenKind, token_list, tokens
from tests.docx.docx_xml import w, xml

# --------------------------------------------------------------------------- references

_T, _P, _TR, _TC, _SDT = qn("w:t"), qn("w:p"), qn("w:tr"), qn("w:tc"), qn("w:sdt")
_SDT_CONTENT, _FLD_CHAR, _INSTR = qn("w:sdtContent"), qn("w:fldChar"), qn("w:instrText")
_TRPR_DEL = f"{qn('w:trPr')}/{qn('w:del')}"
_VAL = qn("w:val")
SKIPPED = frozenset(
    qn(tag)
    for tag in (
        *("w:del", "w:moveFrom", "w:delText", "w:delInstrText", "w:drawing", "w:pict"),
        *("w:object", "mc:AlternateContent", "w:pPr", "w:rPr", "w:tblPr", "w:tblGrid"),
        *("w:trPr", "w:tcPr", "w:sectPr", "w:sdtPr", "w:sdtEndPr", "w:footnoteReference"),
        "w:endnoteReference",
    )
)
CHARACTERS = {
    qn("w:tab"): "\t",
    qn("w:ptab"): "\t",
    qn("w:br"): "\n",
    qn("w:cr"): "\n",
    qn("w:noBreakHyphen"): "-",
}
_FLD_KINDS: dict[str, TokenKind] = {
    "begin": "fld_begin",
    "separate": "fld_separate",
    "end": "fld_end",
}
_WRAPPERS = (_SDT, qn("w:customXml"), qn("w:ins"))


def reference_tokens(element: etree._Element) -> Iterator[Token]:
    """The walk as a recursive generator (the version before the fast one)."""
    tag = element.tag
    if not isinstance(tag, str) or tag in SKIPPED:
        return
    if tag == _T:
        yield Token("text", element, element.text or "")
    elif tag in CHARACTERS:
        yield Token("text", element, CHARACTERS[tag])
    elif tag == _FLD_CHAR:
        kind = _FLD_KINDS.get(element.get(qn("w:fldCharType")) or "")
        if kind is not None:
            yield Token(kind, element)
    elif tag == _INSTR:
        yield Token("instr", element, element.text or "")
    elif tag == _P:
        yield Token("para_start", element)
        for child in element:
            yield from reference_tokens(child)
        yield Token("para_end", element)
    elif tag == _TR:
        if element.find(_TRPR_DEL) is None:
            for child in element:
                yield from reference_tokens(child)
    elif tag == _SDT:
        yield Token("sdt_start", element)
        content = element.find(_SDT_CONTENT)
        if content is not None:
            for child in content:
                yield from reference_tokens(child)
        yield Token("sdt_end", element)
    else:
        for child in element:
            yield from reference_tokens(child)


def reference_text(element: etree._Element) -> str:
    """Text through the TextCollector for every token (no direct join)."""
    collector = TextCollector()
    for token in reference_tokens(element):
        collector.feed(token)
    return collector.text


def _unwrap(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            inner = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if inner is not None:
                yield from _unwrap(inner, tag)


def _int(node: etree._Element | None, default: int) -> int:
    if node is None:
        return default
    try:
        return max(1, int(node.get(_VAL, str(default))))
    except ValueError:
        return default


def reference_grid_row(row: etree._Element) -> GridRow:
    """A row on the grid with one ``find`` per property (the version before)."""
    before = row.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}")
    col = 0 if before is None else _int(before, 0)
    cells = []
    for cell in _unwrap(row, _TC):
        span = _int(cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}"), 1)
        merge = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
        continues = merge is not None and merge.get(_VAL, "continue") != "restart"
        cells.append(GridCell(cell, col, span, continues))
        col += span
    return GridRow(row, tuple(cells))


def reference_table_rows(table: etree._Element) -> list[GridRow]:
    return [reference_grid_row(r) for r in _unwrap(table, _TR) if r.find(_TRPR_DEL) is None]


# --------------------------------------------------------------------------- random trees

_TAGS = [
    *("w:p", "w:r", "w:t", "w:tab", "w:br", "w:noBreakHyphen", "w:pPr", "w:rPr", "w:tabs"),
    *("w:del", "w:ins", "w:moveFrom", "w:moveTo", "w:delText", "w:drawing", "w:hyperlink"),
    *("w:sdt", "w:sdtPr", "w:sdtContent", "w:showingPlcHdr", "w:customXml", "w14:checkbox"),
    *("w:fldChar", "w:instrText", "w:ffData", "w:checkBox", "w:default", "w:checked"),
    *("w:tbl", "w:tr", "w:trPr", "w:tc", "w:tcPr", "w:gridSpan", "w:vMerge", "w:gridBefore"),
    "comment",
]
_TEXTS = ["", "a", " b ", "☒ Ja", "☐", "X Havo\tx Nee", " FORMCHECKBOX ", "\u2002" * 5, "[ ] c"]
# One value for w:val, w:fldCharType and w14:val alike: each reader looks at its own.
_VALUES = [None, "begin", "separate", "end", "1", "0", "2", "-1", "x", "restart", "continue"]
_VALUES += ["begin", "separate", "end"]  # fields that open and close

Tree = tuple[str, str, str | None, list[Any]]


# What each element holds in a real document; one child in ten is any tag at all.
_CHILDREN = {
    "w:body": ["w:p", "w:p", "w:tbl", "w:sdt", "w:customXml"],
    "w:p": [*("w:pPr", "w:r", "w:r", "w:r", "w:ins", "w:del", "w:moveFrom", "w:moveTo"), "w:sdt"],
    "w:pPr": ["w:tabs", "w:rPr"],
    "w:tabs": ["w:tab"],
    "w:rPr": ["w:del", "w:moveFrom", "w:ins"],
    "w:r": [
        *("w:rPr", "w:t", "w:t", "w:tab", "w:br", "w:noBreakHyphen", "w:delText"),
        *("w:fldChar", "w:fldChar", "w:instrText", "w:drawing"),
    ],
    "w:ins": ["w:r", "w:r", "w:p", "w:tr", "w:tc"],
    "w:moveTo": ["w:r", "w:p"],
    "w:del": ["w:r", "w:r", "w:p", "w:tr", "w:tc"],
    "w:moveFrom": ["w:r", "w:p"],
    "w:customXml": ["w:r", "w:p", "w:tr", "w:tc"],
    "w:sdt": ["w:sdtPr", "w:sdtContent", "w:sdtContent", "w:r"],
    "w:sdtPr": ["w:showingPlcHdr", "w14:checkbox"],
    "w14:checkbox": ["w14:checked"],
    "w:sdtContent": ["w:r", "w:p", "w:tc", "w:tr"],
    "w:tbl": ["w:tr", "w:tr", "w:sdt"],
    "w:tr": ["w:trPr", "w:tc", "w:tc", "w:sdt"],
    "w:trPr": ["w:del", "w:gridBefore"],
    "w:tc": ["w:tcPr", "w:p", "w:p", "w:tbl"],
    "w:tcPr": ["w:gridSpan", "w:vMerge"],
    "w:drawing": ["w:p"],
    "w:fldChar": ["w:ffData"],
    "w:ffData": ["w:checkBox"],
    "w:checkBox": ["w:default", "w:checked"],
}


# Plain cells, as most of a form is: runs of text in paragraphs, now and then a deletion,
# an odd w:t or an element the walk skips, rarely a field or a control.
_PLAIN = {
    **_CHILDREN,
    "w:tc": ["w:tcPr", "w:p", "w:p", "w:p"],
    "w:p": ["w:pPr", "w:r", "w:r", "w:r", "w:ins", "w:hyperlink", "w:del", "w:moveTo"],
    "w:r": [*("w:rPr", "w:t", "w:t", "w:t", "w:tab", "w:br", "w:noBreakHyphen"), "w:delText"],
    "w:t": ["comment", "w:br"],
}
Grammar = dict[str, list[str]]


@st.composite
def _trees(
    draw: st.DrawFn, tag: str = "w:body", depth: int = 0, grammar: Grammar = _CHILDREN
) -> Tree:
    """A WordprocessingML-like tree: mostly what Word writes, with odd elements mixed in."""
    children: list[Tree] = []
    # Reach text often; give a w:t children only now and then.
    wanted = tag in grammar and (tag != "w:t" or draw(st.integers(0, 7)) == 0)
    if depth < 7 and wanted:
        least = 1 if tag in ("w:tc", "w:p", "w:r") else 0
        for _ in range(draw(st.integers(least, 3))):
            odd = draw(st.integers(0, 19 if grammar is _PLAIN else 9)) == 0
            child = draw(st.sampled_from(_TAGS if odd else grammar[tag]))
            children.append(draw(_trees(child, depth + 1, grammar)))
    return (tag, draw(st.sampled_from(_TEXTS)), draw(st.sampled_from(_VALUES)), children)


def _cells() -> st.SearchStrategy[Tree]:
    """A body with one row of random cells."""
    return st.lists(_trees("w:tc", 1, _PLAIN), min_size=1, max_size=4).map(
        lambda cells: _node("w:body", None, [_node("w:tbl", None, [_node("w:tr", None, cells)])])
    )


_PROPERTIES = ["w:gridSpan", "w:vMerge", "w:gridBefore", "w:del", "w:ins", "w:sdt"]


def _node(tag: str, value: str | None, children: list[Tree]) -> Tree:
    return (tag, "", value, children)


@st.composite
def _tables(draw: st.DrawFn, depth: int = 0) -> Tree:
    """A table as Word builds one (rows of cells with properties), with wrappers, properties
    in odd places and nested tables mixed in, so that the grid readers see rows and cells."""
    values = st.sampled_from(_VALUES)

    def properties(tag: str) -> Tree:
        found = draw(st.lists(st.sampled_from(_PROPERTIES), max_size=3))
        return _node(tag, None, [_node(p, draw(values), []) for p in found])

    def wrapped(item: Tree) -> Tree:
        kind = draw(st.sampled_from(["none", "none", "w:sdt", "w:customXml", "w:ins"]))
        if kind == "none":
            return item
        if kind == "w:sdt":
            return _node(kind, None, [_node("w:sdtContent", None, [item])])
        return _node(kind, None, [item])

    def cell() -> Tree:
        children = [properties(draw(st.sampled_from(["w:tcPr", "w:tcPr", "w:trPr", "w:p"])))]
        if depth < 1 and draw(st.booleans()):
            children.append(draw(_tables(depth + 1)))
        children.append(properties("w:p"))
        return wrapped(_node("w:tc", None, children))

    def row() -> Tree:
        children = [properties(draw(st.sampled_from(["w:trPr", "w:trPr", "w:tcPr"])))]
        children += [cell() for _ in range(draw(st.integers(0, 4)))]
        return wrapped(_node("w:tr", None, children))

    return _node("w:tbl", None, [row() for _ in range(draw(st.integers(0, 4)))])


def _build(tree: Tree) -> etree._Element:
    tag, text, value, children = tree
    if tag == "comment":
        return etree.Comment(text or " ")
    element = etree.Element(qn(tag))
    element.text = text or None
    if value is not None:
        for name in ("w:val", "w:fldCharType", "w14:val"):
            element.set(qn(name), value)
    for child in children:
        element.append(_build(child))
    return element


def _elements(tree: Tree) -> list[etree._Element]:
    return [e for e in _build(tree).iter() if isinstance(e.tag, str)]


_SETTINGS = settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)


def _described(found: list[Token]) -> list[tuple[str, etree._Element, str]]:
    return [(t.kind, t.element, t.text) for t in found]


@_SETTINGS
@given(_trees())
def test_the_walk_matches_the_reference(tree: Tree) -> None:
    for element in _elements(tree):
        expected = _described(list(reference_tokens(element)))
        assert _described(token_list(element)) == expected
        assert _described(list(tokens(element))) == expected


@_SETTINGS
@given(st.one_of(_trees(), _cells()))
def test_text_matches_the_collector(tree: Tree) -> None:
    for element in _elements(tree):
        assert text_of(token_list(element)) == reference_text(element)


@_SETTINGS
@given(_trees())
def test_boxes_from_walked_tokens_are_the_boxes(tree: Tree) -> None:
    for element in _elements(tree):
        assert boxes.find_checkboxes(element, token_list(element)) == boxes.find_checkboxes(element)


@_SETTINGS
@given(_tables())
def test_the_grid_matches_the_reference(tree: Tree) -> None:
    for element in _elements(tree):
        if element.tag == qn("w:tbl"):
            assert table_rows(element) == reference_table_rows(element)
        if element.tag == _TR:
            assert grid_row(element) == reference_grid_row(element)


# --------------------------------------------------------------------------- examples


def test_paragraphs_after_a_deleted_mark_run_on_in_the_fast_join() -> None:
    cell = xml(
        "<w:tc><w:p><w:pPr><w:rPr><w:del w:id='1' w:author='A'/></w:rPr></w:pPr>"
        "<w:r><w:t>een</w:t></w:r></w:p><w:p><w:r><w:t>twee</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>drie</w:t></w:r></w:p></w:tc>"
    )
    assert read_text(cell) == reference_text(cell) == "eentwee\ndrie"


def test_a_field_falls_back_to_the_collector() -> None:
    p = w(
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> FORMTEXT </w:instrText>'
        '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>waarde</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    assert read_text(p) == reference_text(p) == "waarde"


def test_grid_properties_in_a_wrapper_or_a_nested_table_stay_their_own() -> None:
    table = xml(
        "<w:tbl><w:customXml><w:tr><w:trPr><w:gridBefore w:val='1'/></w:trPr>"
        "<w:tc><w:tcPr><w:gridSpan w:val='2'/></w:tcPr><w:tbl><w:tr><w:tc><w:tcPr>"
        "<w:gridSpan w:val='3'/></w:tcPr><w:p/></w:tc></w:tr></w:tbl><w:p/></w:tc>"
        "<w:sdt><w:sdtContent><w:tc><w:p/></w:tc></w:sdtContent></w:sdt></w:tr></w:customXml>"
        "<w:tr><w:trPr><w:del w:id='1' w:author='A'/></w:trPr><w:tc><w:p/></w:tc></w:tr></w:tbl>"
    )
    rows = table_rows(table)
    assert rows == reference_table_rows(table)
    assert [(c.col, c.span) for c in rows[0].cells] == [(1, 2), (3, 1)]
