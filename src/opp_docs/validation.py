"""Turn pydantic's validation errors into located Dutch problems.

Both front doors (a JSON plan, an Excel row, a parsed form) hand a plain dict to
:func:`validate_plan`; the one model validates it once, and every error becomes a
:class:`~opp_docs.errors.Problem` whose code is ``waarde.<pydantic type>``. Error types without
a Dutch text keep pydantic's English message behind the code, so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from opp_docs.errors import InvalidPlanError, Location, Problem
from opp_docs.model import OPP

__all__ = ["DUTCH_MESSAGES", "field_title", "translate_errors", "validate_plan"]

DUTCH_MESSAGES: dict[str, str] = {
    "date_from_datetime_parsing": "is geen geldige datum. Gebruik dd-mm-jjjj.",
    "date_from_datetime_inexact": "is geen datum zonder tijd. Gebruik dd-mm-jjjj.",
    "date_parsing": "is geen geldige datum. Gebruik dd-mm-jjjj.",
    "date_type": "is geen datum. Gebruik dd-mm-jjjj.",
    "enum": "is geen van de keuzes op het formulier. Kies uit: {expected}.",
    "bool_parsing": "is geen ja of nee.",
    "bool_type": "is geen ja of nee.",
    "int_parsing": "is geen geheel getal.",
    "int_type": "is geen geheel getal.",
    "int_from_float": "is geen geheel getal.",
    "greater_than_equal": "is te klein; het moet minstens {ge} zijn.",
    "less_than_equal": "is te groot; het mag hoogstens {le} zijn.",
    "string_type": "is geen tekst.",
    "list_type": "is geen lijst.",
    "model_type": "heeft niet de goede vorm (verwacht een object met velden).",
    "dict_type": "heeft niet de goede vorm (verwacht een object met velden).",
    "missing": "ontbreekt, maar is verplicht.",
    "extra_forbidden": "is geen veld van het OPP. Controleer de spelling.",
    "value_error": "{reason}",
}


def field_title(path: tuple[str | int, ...], model: type[BaseModel] = OPP) -> str | None:
    """The printed label of the field at ``path`` (e.g. ``("leerling", "naam")``), if known."""
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


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _message(error: ErrorDetails) -> str:
    kind = error["type"]
    template = DUTCH_MESSAGES.get(kind)
    if template is None:
        return f"{error['msg']} ({kind})"
    context = dict(error.get("ctx") or {})
    if kind == "value_error":
        context["reason"] = str(context.get("error", error["msg"]))
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return f"{template} ({error['msg']})"


def translate_errors(
    exc: ValidationError, base: Location | None = None, model: type[BaseModel] = OPP
) -> list[Problem]:
    """One Dutch :class:`Problem` per pydantic error, located at ``base`` plus the model path."""
    base = base or Location()
    problems = []
    for error in exc.errors(include_url=False):
        path = tuple(error["loc"])
        label = field_title(path, model)
        problems.append(
            Problem(
                code=f"waarde.{error['type']}",
                message=_message(error),
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
        raise InvalidPlanError(translate_errors(exc, base)) from exc
