"""The option groups of the form: each member's value is the option text printed after its box.

The printed texts come from ``docs/dev/template-spec.md``; where the handreiking gives no
wording the spec marks them *(inferred)*. Order matters: it is the order on the form.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "ActaChecklistpunt",
    "Afwijkingen",
    "Arrangement",
    "Bekostigingscategorie",
    "Bijstelling",
    "Domein",
    "EvaluatieSoort",
    "Looptijd",
    "Uitstroomprofiel",
    "Vervolgtraject",
]


class Uitstroomprofiel(StrEnum):
    """B. Verwacht uitstroomprofiel: one choice."""

    PRAKTIJKONDERWIJS = "Praktijkonderwijs"
    VMBO_BL = "VMBO basisberoepsgerichte leerweg (BL)"
    VMBO_KL = "VMBO kaderberoepsgerichte leerweg (KL)"
    VMBO_GL = "VMBO gemengde leerweg (GL)"
    VMBO_TL = "VMBO theoretische leerweg (TL)"
    HAVO = "HAVO"
    VWO = "VWO"
    VSO_VERVOLGONDERWIJS = "VSO: uitstroomprofiel vervolgonderwijs"
    VSO_ARBEIDSMARKT = "VSO: uitstroomprofiel arbeidsmarkt"
    VSO_DAGBESTEDING = "VSO: uitstroomprofiel dagbesteding"


class Vervolgtraject(StrEnum):
    """B. Verwacht vervolg(onderwijs)traject: one or more."""

    MBO_1 = "MBO niveau 1 (entree)"
    MBO_2 = "MBO niveau 2"
    MBO_3 = "MBO niveau 3"
    MBO_4 = "MBO niveau 4"
    HBO = "HBO"
    WO = "WO"
    ARBEID = "Arbeid"
    ARBEID_MET_ONDERSTEUNING = "Arbeid met ondersteuning / beschut werk"
    DAGBESTEDING = "Dagbesteding"
    ANDERS = "Anders, namelijk:"


class Domein(StrEnum):
    """The six development domains, shared by C (factoren) and F (handelingsdeel)."""

    COGNITIEF = "Cognitieve en didactische ontwikkeling"
    WERKHOUDING = "Werkhouding"
    GEDRAG = "Gedrag en sociaal-emotionele ontwikkeling"
    LICHAMELIJK = "Lichamelijke ontwikkeling en gezondheid"
    VEILIGHEID = "Veiligheid en verzuim"
    THUISSITUATIE = "Thuissituatie, omgeving en vrije tijd"


class Afwijkingen(StrEnum):
    """F. Afwijkingen van het reguliere onderwijsprogramma: one choice."""

    GEEN = "Er zijn geen afwijkingen van het reguliere onderwijsprogramma"
    WEL = "Er zijn de volgende afwijkingen:"


class EvaluatieSoort(StrEnum):
    """G. The kind of an evaluation table, as its title starts."""

    TUSSENEVALUATIE = "Tussenevaluatie"
    EINDEVALUATIE = "Eindevaluatie"


class Bijstelling(StrEnum):
    """G. Bijstelling OPP of uitstroomprofiel: one choice."""

    NEE = "Nee"
    JA = "Ja, namelijk:"


class Arrangement(StrEnum):
    """Aanvraag. Aangevraagd arrangement: one choice."""

    VMBO4YOU = "Plaatsing VMBO4you"
    FLEXCOLLEGE = "Plaatsing FlexCollege"
    TLV_VSO = "Toelaatbaarheidsverklaring VSO"
    HERINDICATIE_TLV_VSO = "Herindicatie toelaatbaarheidsverklaring VSO"
    TLV_PRO = "Toelaatbaarheidsverklaring praktijkonderwijs"


class Bekostigingscategorie(StrEnum):
    """Aanvraag, TLV VSO: Bekostigingscategorie, one choice."""

    LAAG = "Laag"
    MIDDEN = "Midden"
    HOOG = "Hoog"


class Looptijd(StrEnum):
    """Aanvraag, TLV VSO: Gewenste looptijd, one choice."""

    EEN_SCHOOLJAAR = "1 schooljaar"
    TWEE_SCHOOLJAREN = "2 schooljaren"
    DRIE_SCHOOLJAREN = "3 schooljaren"
    ANDERS = "Anders, namelijk:"


class ActaChecklistpunt(StrEnum):
    """Checklist aanleveren dossier bij de ACTA: each point a box."""

    DIGITAAL = "Aanvraag digitaal ingevuld"
    VELDEN = "Alle velden die van toepassing zijn ingevuld"
    MOTIVERING = "Motivering ingevuld"
    LOOPTIJD = "Gewenste looptijd aangegeven (bij TLV VSO)"
    ONDERTEKEND = "OPP door alle betrokkenen ondertekend"
    BIJLAGEN = "Alle bijlagen bijgevoegd of het ontbreken toegelicht"
    VERSTUURD = (
        "Dossier uiterlijk een week voor de ACTA-vergadering beveiligd verstuurd naar het "
        "ACTA-secretariaat"
    )
