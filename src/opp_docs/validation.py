"""Turn pydantic's validation errors into located Dutch problems.

Both front doors (a JSON plan, an Excel row, a parsed form) hand a plain dict to
:func:`validate_plan`; the one model validates it once, and every error becomes a
:class:`~opp_docs.errors.Problem` whose code is ``waarde.<pydantic type>``. Error types without
a Dutch text keep pydantic's English message behind the code, so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from functools import cache
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from opp_docs.errors import InvalidPlanError, Location, Problem
from opp_docs.formats import no_such_date
from opp_docs.model import (
    OPP,
    VOORGEDRUKTE_RIJEN,
    Domein,
    DomeinFactoren,
    Evaluatie,
    EvaluatieSoort,
    Handelingsdoel,
)

__all__ = [
    "DUTCH_MESSAGES",
    "dutch_message",
    "field_title",
    "place_label",
    "translate_errors",
    "validate_plan",
]

DUTCH_MESSAGES: dict[str, str] = {
    # dates
    "date_from_datetime_parsing": "is geen geldige datum. Gebruik dd-mm-jjjj.",
    "date_from_datetime_inexact": "is een datum met een tijd erin. Gebruik alleen dd-mm-jjjj.",
    "date_parsing": "is geen geldige datum. Gebruik dd-mm-jjjj.",
    "date_type": "is geen datum. Gebruik dd-mm-jjjj.",
    "date_future": "ligt niet in de toekomst, maar dat moet wel.",
    "date_past": "ligt niet in het verleden, maar dat moet wel.",
    # choices
    "enum": "is geen van de keuzes op het formulier. Kies uit: {expected}.",
    "literal_error": "is geen van de toegestane waarden. Kies uit: {expected}.",
    # yes/no and numbers
    "bool_parsing": "is geen ja of nee.",
    "bool_type": "is geen ja of nee.",
    "int_parsing": "is geen geheel getal.",
    "int_parsing_size": "is een te groot getal.",
    "int_type": "is geen geheel getal.",
    "int_from_float": "is geen geheel getal.",
    "float_parsing": "is geen getal.",
    "float_type": "is geen getal.",
    "finite_number": "is geen gewoon getal (oneindig of NaN).",
    "greater_than": "is te klein; het moet groter zijn dan {gt}.",
    "greater_than_equal": "is te klein; het moet minstens {ge} zijn.",
    "less_than": "is te groot; het moet kleiner zijn dan {lt}.",
    "less_than_equal": "is te groot; het mag hoogstens {le} zijn.",
    # text
    "string_type": "is geen tekst.",
    "string_unicode": "is geen leesbare tekst (geen UTF-8).",
    "string_too_short": "is te kort; het moet minstens {min_length} tekens hebben.",
    "string_too_long": "is te lang; het mag hoogstens {max_length} tekens hebben.",
    # structure
    "list_type": "is geen lijst.",
    "too_short": "heeft te weinig onderdelen; het moet er minstens {min_length} hebben.",
    "too_long": "heeft te veel onderdelen; het mag er hoogstens {max_length} hebben.",
    "model_type": "heeft niet de goede vorm (verwacht een object met velden).",
    "model_attributes_type": "heeft niet de goede vorm (verwacht een object met velden).",
    "dict_type": "heeft niet de goede vorm (verwacht een object met velden).",
    "missing": "ontbreekt, maar is verplicht.",
    "extra_forbidden": "bevat '{field}', maar dat is geen veld van het OPP. Let op de spelling.",
    # the model's own validators, whose messages are Dutch already
    "value_error": "{reason}",
    "assertion_error": "{reason}",
}
"""Dutch text per pydantic error type, said of the value (the place goes before it)."""

# Lists named by the part of the form they fill, where the list field's own title is not it.
_LIST_NAMES: dict[tuple[str, ...], str] = {
    ("leerling", "ouders"): "A. Ouder(s)/verzorger(s)",
    ("factoren", "domeinen"): "C. Factoren",
    ("handelingsdeel", "doelen"): "F. Handelingsdeel",
    ("aanvraag", "bijlagen"): "Aanvraag, Bijlagen",
}


@cache
def _item_keys() -> dict[type[BaseModel], tuple[str, frozenset[str]]]:
    """The field of an item that the form prints in its row, and the printed values, by item
    model: the domains' choice and the lists of the model's VOORGEDRUKTE_RIJEN (both signature
    tables hold an Ondertekening: their roles together). A value outside them is the user's
    own text or a wrong value, and stays out of the label."""
    keys: dict[type[BaseModel], tuple[str, frozenset[str]]] = {
        DomeinFactoren: ("domein", frozenset(Domein)),
        Handelingsdoel: ("domein", frozenset(Domein)),
    }
    for path, (name, texts) in VOORGEDRUKTE_RIJEN.items():
        model: Any = OPP
        for step in path:
            model = _inner_model(model.model_fields[step].annotation)
        known = keys.get(model, (name, frozenset[str]()))[1]
        keys[model] = (name, known | frozenset(texts))
    return keys


def field_title(path: tuple[str | int, ...], model: type[BaseModel] = OPP) -> str | None:
    """The printed label of the field at ``path`` (e.g. ``("leerling", "naam")``), if known.

    List positions are skipped: ``("evaluaties", 2, "datum")`` is 'Datum'. For the item's
    place as well, see :func:`place_label`.
    """
    current: Any = model
    title: str | None = None
    for step in path:
        if isinstance(step, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or step not in fields:
            return title
        info = fields[step]
        title = info.title
        annotation = info.annotation
        current = _inner_model(annotation)
    return title


def place_label(
    path: tuple[str | int, ...], data: Any = None, model: type[BaseModel] = OPP
) -> str | None:
    """The field at ``path`` as the form shows it: inside a list, the item's part of the form,
    its row (1-based) and, from ``data`` (the validated input), the key printed in that row.

    >>> place_label(("factoren", "domeinen", 2, "domein"))
    'C. Factoren, rij 3: Domein'
    >>> rows = {"factoren": {"domeinen": [{}, {}, {"domein": "Werkhouding"}]}}
    >>> place_label(("factoren", "domeinen", 2, "stimulerend"), rows)
    'C. Factoren, rij 3 (Werkhouding): Stimulerende factoren'
    >>> evaluaties = {"evaluaties": [{}, {"soort": "Eindevaluatie"}, {}]}
    >>> place_label(("evaluaties", 2, "datum"), evaluaties)
    'Tussenevaluatie 2: Datum'
    >>> place_label(("leerling", "naam"))
    'Naam leerling'
    """
    if not any(isinstance(step, int) for step in path):
        whole = tuple(str(step) for step in path)
        listed = _LIST_NAMES.get(whole) if model is OPP else None
        return listed or field_title(path, model)
    parts: list[str] = []
    suffix: str | None = None
    current: Any = model
    names: list[str] = []  # the field steps since the last item
    list_title: str | None = None
    node, parent = data, None
    for step in path:
        parent, node = node, _child(node, step)
        if isinstance(step, int):
            listed = _LIST_NAMES.get(tuple(names)) if model is OPP else None
            name = listed or list_title or "Lijst"
            parts.append(_item_name(name, step, current, node, parent))
            names, suffix = [], None
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or step not in fields:
            break
        info = fields[step]
        names.append(step)
        list_title = suffix = info.title
        current = _inner_model(info.annotation)
    label = ", ".join(parts)
    return f"{label}: {suffix}" if suffix else label


def _child(node: Any, step: str | int) -> Any:
    if isinstance(step, int):
        return node[step] if isinstance(node, list) and 0 <= step < len(node) else None
    return node.get(step) if isinstance(node, Mapping) else None


def _item_name(name: str, index: int, item_model: Any, item: Any, items: Any) -> str:
    """One item of a list as the form shows it: 'C. Factoren, rij 3 (Werkhouding)'."""
    if item_model is Evaluatie:
        return _evaluation_title(index, items)
    if item_model is None:  # a list of choices
        return f"{name}, keuze {index + 1}"
    key = _item_keys().get(item_model)
    value = item.get(key[0]) if key and isinstance(item, Mapping) else None
    printed = f" ({value})" if key and isinstance(value, str) and value in key[1] else ""
    return f"{name}, rij {index + 1}{printed}"


def _evaluation_title(index: int, items: Any) -> str:
    """The printed title of an evaluation table: 'Tussenevaluatie 2', 'Eindevaluatie'."""
    if not isinstance(items, list):
        return f"Evaluatie {index + 1}"
    kinds = [
        item.get("soort", EvaluatieSoort.TUSSENEVALUATIE) if isinstance(item, Mapping) else None
        for item in items[: index + 1]
    ]
    kind = kinds[-1]
    if not isinstance(kind, str) or kind not in frozenset(EvaluatieSoort):
        return f"Evaluatie {index + 1}"
    number = kinds.count(kind)
    if kind == EvaluatieSoort.EINDEVALUATIE and number == 1:
        return str(EvaluatieSoort.EINDEVALUATIE.value)
    return f"{EvaluatieSoort(kind).value} {number}"


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _annotation_at(path: tuple[str | int, ...], model: type[BaseModel]) -> Any:
    """The annotation of the field at ``path`` (list positions skipped), or None."""
    current: Any = model
    annotation: Any = None
    for step in path:
        if isinstance(step, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or step not in fields:
            return None
        annotation = fields[step].annotation
        current = _inner_model(annotation)
    return annotation


def _choices(annotation: Any) -> list[str] | None:
    """The values an enum or ``Literal`` inside ``annotation`` allows, in order."""
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [str(member.value) for member in annotation]
    if get_origin(annotation) is Literal:
        return [str(value) for value in get_args(annotation)]
    for arg in get_args(annotation):
        found = _choices(arg)
        if found is not None:
            return found
    return None


def _dutch_list(values: list[str]) -> str:
    """``'A', 'B' of 'C'``."""
    quoted = [f"'{value}'" for value in values]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} of {quoted[-1]}"


def dutch_message(
    error: ErrorDetails,
    model: type[BaseModel] = OPP,
    messages: Mapping[str, str] = DUTCH_MESSAGES,
) -> str:
    """The Dutch text of one pydantic error of ``model``, from ``messages`` by its type.

    The choices of an enum or ``Literal`` are listed from the field's type ('A', 'B' of 'C');
    an error type without a Dutch text keeps pydantic's English text and its type.

    >>> from pydantic import ValidationError
    >>> try:
    ...     OPP.model_validate({"evaluaties": [{"bijstelling": "Misschien"}]})
    ... except ValidationError as exc:
    ...     print(dutch_message(exc.errors()[0]))
    is geen van de keuzes op het formulier. Kies uit: 'Nee' of 'Ja, namelijk:'.
    """
    kind = error["type"]
    template = messages.get(kind)
    if template is None:
        return f"{error['msg']} ({kind})"
    if kind == "date_parsing" and (why := no_such_date(error.get("input"))):
        return f"is een datum die niet bestaat ({why}). Controleer dag en maand."
    context = dict(error.get("ctx") or {})
    path = tuple(error["loc"])
    if "expected" in context:
        values = _choices(_annotation_at(path, model))
        context["expected"] = (
            # pydantic's own list ("'a', 'b' or 'c'") only where the field's type is unknown
            _dutch_list(values)
            if values
            else " of ".join(str(context["expected"]).rsplit(" or ", 1))
        )
    if kind in ("value_error", "assertion_error"):
        context["reason"] = str(context.get("error", error["msg"]))
    names = [step for step in path if isinstance(step, str)]
    context["field"] = names[-1] if names else ""
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return f"{template} ({error['msg']})"


def translate_errors(
    exc: ValidationError,
    base: Location | None = None,
    model: type[BaseModel] = OPP,
    data: Any = None,
) -> list[Problem]:
    """One Dutch :class:`Problem` per pydantic error, located at ``base`` plus the model path.

    The label is the field's printed title; inside a list also the item's place
    (:func:`place_label`), with its printed key when ``data``, the validated input, is given.
    """
    base = base or Location()
    problems = []
    for error in exc.errors(include_url=False):
        path = tuple(error["loc"])
        label = place_label(path, data, model) or model.model_config.get("title")
        problems.append(
            Problem(
                code=f"waarde.{error['type']}",
                message=dutch_message(error, model),
                location=Location(
                    file=base.file,
                    sheet=base.sheet,
                    row=base.row,
                    column=base.column,
                    label=label if base.label is None else base.label,
                    path=path,
                ),
                input=error.get("input"),
            )
        )
    return problems


def validate_plan(data: Mapping[str, Any], base: Location | None = None) -> OPP:
    """Validate a plain dict into an :class:`~opp_docs.OPP`, raising every problem at once.

    ``data`` has the shape of :func:`~opp_docs.plan_to_json`'s JSON; a date may also be text
    as ``dd-mm-jjjj``. Raises :class:`~opp_docs.errors.InvalidPlanError` with one Dutch
    :class:`~opp_docs.Problem` per refused value, located at ``base`` (a file, a row) plus
    the field's printed label and model path. Building the model directly raises pydantic's
    ``ValidationError`` instead, in English.

    >>> import opp_docs
    >>> plan = opp_docs.validate_plan({"leerling": {"klas": "3K2", "geboortedatum": "03-05-2010"}})
    >>> plan.leerling.geboortedatum
    datetime.date(2010, 5, 3)
    >>> try:
    ...     opp_docs.validate_plan({"leerling": {"geboortedatum": "31-02-2010", "leerjaar": 9}})
    ... except opp_docs.OppError as error:
    ...     print([(problem.code, problem.location.label) for problem in error.problems])
    [('waarde.date_parsing', 'Geboortedatum'), ('waarde.less_than_equal', 'Leerjaar')]
    """
    try:
        return OPP.model_validate(data)
    except ValidationError as exc:
        raise InvalidPlanError(translate_errors(exc, base, data=data)) from exc
