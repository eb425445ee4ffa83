"""Helpers for the XML-fragment tests of ``opp_docs.docx``: build, compare, real files."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from opp_docs.docx.namespaces import NS

# Real Word files kept in the repository, with their origin and licence (see its README.md).
WORD_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "word"

_DECLARATIONS = " ".join(f'xmlns:{p}="{uri}"' for p, uri in NS.items() if p != "xml")


def fragments(markup: str) -> list[etree._Element]:
    """Elements from XML written with the prefixes of ``NS`` (``w:``, ``w14:``, ...), no
    declarations needed.

    White space between elements is layout of the test source and is dropped; the text of
    leaf elements (``w:t``) is kept as written.
    """
    wrapper = etree.fromstring(f"<wrapper {_DECLARATIONS}>{markup}</wrapper>")
    for node in wrapper.iter():
        if len(node):
            if node.text is not None and not node.text.strip():
                node.text = None
            for child in node:
                if child.tail is not None and not child.tail.strip():
                    child.tail = None
    return list(wrapper)


def xml(fragment: str) -> etree._Element:
    """The one element of an XML fragment (see :func:`fragments`)."""
    found = fragments(fragment)
    assert len(found) == 1, "a fragment has exactly one root element"
    return found[0]


def canonical(element: etree._Element) -> str:
    """Exclusive C14N of ``element``: namespace prefixes as used, attributes sorted."""
    return etree.tostring(element, method="c14n", exclusive=True).decode()


def assert_xml_equal(actual: etree._Element, expected: str) -> None:
    """``actual`` equals the fragment ``expected`` after canonicalisation."""
    got, want = canonical(actual), canonical(xml(expected))
    # A helper module is not assertion-rewritten by pytest: put both sides in the message.
    assert got == want, f"XML differs\n got: {got}\nwant: {want}"


def word_file(name: str) -> Path:
    """A real Word file from ``tests/fixtures/word``."""
    path = WORD_FIXTURES / name
    assert path.is_file(), f"Word fixture not found: {path}"
    return path


def w(body: str) -> etree._Element:
    """A ``w:p`` fragment from its inner XML, for short tests."""
    return xml(f"<w:p>{body}</w:p>")
