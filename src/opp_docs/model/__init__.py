"""The OPP as typed data, one class per part of the form. Knows nothing of Word or Excel.

:class:`~opp_docs.OPP` is the whole plan (also ``opp_docs.OPP``); its parts follow the
sections of the form, A to G and the aanvraag. Each option group is a ``StrEnum`` whose values
are the texts printed after the boxes. Every field may be empty: a half-filled plan is valid,
and what is missing is a finding of :func:`opp_docs.check_plan`, not a validation error. A
date may be a ``date`` or text (``dd-mm-jjjj``); assignments are validated too; lists drop
blank items. Building a model directly raises pydantic's ``ValidationError``;
:func:`opp_docs.validate_plan` reports the same as Dutch problems.

    >>> from opp_docs.model import OPP, Domein, Leerling
    >>> plan = OPP(leerling=Leerling(klas="3K2", geboortedatum="03-05-2010"))
    >>> plan.leerling.geboortedatum
    datetime.date(2010, 5, 3)
    >>> OPP(evaluaties=[{}]).evaluaties
    []
    >>> Domein.GEDRAG.value
    'Gedrag en sociaal-emotionele ontwikkeling'
"""

from opp_docs.model.keuzes import (
    ActaChecklistpunt,
    Afwijkingen,
    Arrangement,
    Bekostigingscategorie,
    Bijstelling,
    Domein,
    EvaluatieSoort,
    Looptijd,
    Uitstroomprofiel,
    Vervolgtraject,
)
from opp_docs.model.plan import (
    BIJLAGEN,
    OPP,
    ROLLEN_AANVRAAG,
    ROLLEN_ONDERTEKENING,
    VOORGEDRUKTE_RIJEN,
    Aanvraag,
    Bijlage,
    DomeinFactoren,
    Evaluatie,
    EvaluatieHandtekening,
    Factoren,
    Handelingsdeel,
    Handelingsdoel,
    Leerling,
    Motivering,
    Ondertekening,
    Ontwikkelingsperspectief,
    Ouder,
    Periode,
)

__all__ = [
    "BIJLAGEN",
    "OPP",
    "ROLLEN_AANVRAAG",
    "ROLLEN_ONDERTEKENING",
    "VOORGEDRUKTE_RIJEN",
    "Aanvraag",
    "ActaChecklistpunt",
    "Afwijkingen",
    "Arrangement",
    "Bekostigingscategorie",
    "Bijlage",
    "Bijstelling",
    "Domein",
    "DomeinFactoren",
    "Evaluatie",
    "EvaluatieHandtekening",
    "EvaluatieSoort",
    "Factoren",
    "Handelingsdeel",
    "Handelingsdoel",
    "Leerling",
    "Looptijd",
    "Motivering",
    "Ondertekening",
    "Ontwikkelingsperspectief",
    "Ouder",
    "Periode",
    "Uitstroomprofiel",
    "Vervolgtraject",
]
