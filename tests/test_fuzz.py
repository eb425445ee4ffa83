"""Fuzzing parse: a mangled form is read or refused with the project's own error, quickly.

Mutations of the filled example, as a broken file or a careless edit might make them:
elements dropped, duplicated, moved and given random text or attribute values in the main
part; members dropped or duplicated, bytes flipped and the zip cut short at package level.
"""

from __future__ import annotations

import copy
import io
import time
import warnings
import zipfile
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from opp_docs.errors import OppError
from opp_docs.example import example_plan
from opp_docs.filling import fill
from opp_docs.parsing import ParseResult, parse

DOCUMENT = "word/document.xml"
TIME_BOUND = 5.0  # seconds for one parse, whatever the input


@cache
def _filled() -> tuple[bytes, bytes]:
    data = fill(example_plan())
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return data, package.read(DOCUMENT)


def _repack(data: bytes, replace: dict[str, bytes | None], extra: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename in replace:
                content = replace[info.filename]
                if content is None:
                    continue
                target.writestr(info.filename, content)
            else:
                target.writestr(info, source.read(info.filename))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # a duplicate name is the point
            for name, content in extra:
                target.writestr(name, content)
    return out.getvalue()


_operation = st.sampled_from(["drop", "duplicate", "move", "text", "attribute", "swap"])
_junk = st.text(max_size=20)


@st.composite
def mutated_document(draw: st.DrawFn) -> bytes:
    data, xml = _filled()
    root = etree.fromstring(xml)
    elements = [e for e in root.iter() if e is not root and e.getparent() is not None]
    for _ in range(draw(st.integers(1, 8))):
        element = elements[draw(st.integers(0, len(elements) - 1))]
        parent = element.getparent()
        if parent is None:
            continue
        operation = draw(_operation)
        if operation == "drop":
            parent.remove(element)
        elif operation == "duplicate":
            element.addnext(copy.deepcopy(element))
        elif operation == "move":
            target = elements[draw(st.integers(0, len(elements) - 1))]
            if target is not element and element not in target.iterancestors():
                target.append(element)
        elif operation == "text":
            element.text = draw(_junk.filter(lambda t: all(c >= " " or c in "\t\n" for c in t)))
        elif operation == "attribute" and element.attrib:
            name = draw(st.sampled_from(sorted(element.attrib)))
            element.set(
                name, draw(st.sampled_from(["", "0", "1", "-1", "true", "x" * 30, "99999"]))
            )
        elif operation == "swap":
            siblings = list(parent)
            other = siblings[draw(st.integers(0, len(siblings) - 1))]
            if other is not element:
                element.addprevious(copy.deepcopy(other))
                parent.remove(other)
    return _repack(data, {DOCUMENT: etree.tostring(root)}, [])


@st.composite
def mutated_package(draw: st.DrawFn) -> bytes:
    data, _ = _filled()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
    kind = draw(st.sampled_from(["drop", "duplicate", "flip", "cut", "garbage"]))
    if kind == "drop":
        return _repack(data, {draw(st.sampled_from(names)): None}, [])
    if kind == "duplicate":
        name = draw(st.sampled_from(names))
        return _repack(data, {}, [(name, b"<x/>")])
    if kind == "garbage":
        name = draw(st.sampled_from(names))
        return _repack(data, {name: draw(st.binary(max_size=200))}, [])
    mutable = bytearray(data)
    if kind == "cut":
        return bytes(mutable[: draw(st.integers(0, len(mutable) - 1))])
    for _ in range(draw(st.integers(1, 20))):
        position = draw(st.integers(0, len(mutable) - 1))
        mutable[position] = draw(st.integers(0, 255))
    return bytes(mutable)


def _parse_or_refuse(data: bytes) -> None:
    started = time.perf_counter()
    try:
        result = parse(data)
    except OppError:
        pass
    else:
        assert isinstance(result, ParseResult)
    assert time.perf_counter() - started < TIME_BOUND


@settings(
    max_examples=1500,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    database=None,
)
@given(mutated_document())
def test_mangled_main_part(data: bytes) -> None:
    _parse_or_refuse(data)


@settings(
    max_examples=500,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    database=None,
)
@given(mutated_package())
def test_mangled_package(data: bytes) -> None:
    _parse_or_refuse(data)
