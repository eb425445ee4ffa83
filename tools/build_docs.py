"""Write the parts of the user docs that come from the code: docs/werken-met-excel.md.

    python tools/build_docs.py            # rewrite the generated pages
    python tools/build_docs.py --check    # exit 1 when a committed page is out of date

Every sheet and column of the workbook comes from :func:`opp_docs.excel.layout.layout` (the
model), the export headers from ``mappings/excel-aliassen.toml``.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

from opp_docs.excel.layout import KEY_HEADER, NUMBER_HEADER, SEPARATOR, Column, layout
from opp_docs.resources import bundled_file

ROOT = Path(__file__).resolve().parent.parent
EXCEL_PAGE = ROOT / "docs" / "werken-met-excel.md"

_INTRO = f"""\
# Werken met Excel

<!-- Deze pagina wordt gemaakt door tools/build_docs.py uit het model; niet met de hand
bewerken. -->

`opp maken` leest een werkmap en maakt per leerling een formulier; `opp verzamelen` schrijft
ingevulde formulieren terug in een werkmap met precies dezelfde indeling. Een lege werkmap maak
je met `opp lege-werkmap -o leerlingen.xlsx`: de bladen voor je leerlingen zijn leeg (alleen
kolomkoppen en keuzelijsten), het blad **Toelichting** zegt per kolom wat erin hoort en het blad
**Voorbeeld** toont een fictieve leerling, helemaal ingevuld. Dat voorbeeld wordt nooit
gelezen: een werkmap zonder eigen leerlingen geeft geen formulier, twee getypte leerlingen geven
er twee.

![Het blad Leerlingen van een nieuwe werkmap: alleen kolomkoppen, Leerlingnummer en Naam
leerling voorop](img/werkmap-leerlingen.png)

![Het blad Toelichting: eerst het voorbeeld en de algemene regels, dan elke kolom van elk
blad](img/werkmap-toelichting.png)

- Het blad **Leerlingen** heeft één rij per leerling; elke rij wordt een formulier. Alleen de
  kolom **{KEY_HEADER}** is nodig; een lijst met alleen deel A (naam, klas, mentor, ...) is het
  gewone begin.
- Elk onderdeel dat meer rijen kan hebben (ouders, ondertekening, doelen, evaluaties,
  bijlagen) heeft een eigen blad. Elke rij daar begint met het **{KEY_HEADER}** van de
  leerling; de ondertekening van een evaluatie noemt ook het **{NUMBER_HEADER}** van de
  evaluatie (1 = de eerste op het blad Evaluaties voor die leerling). Staat een nummer daar
  dat niet op Leerlingen staat, dan noemt de melding dat nummer en de rijen.
- Kolomkoppen zijn de teksten van het formulier. Hoofdletters, spaties en een dubbele punt aan
  het eind tellen niet mee. Kolommen die opp-docs niet kent, worden niet gelezen.
- **Keuzes** vul je in met de tekst van het formulier. Elke kolom met keuzes heeft een
  keuzelijst (klik op de cel en dan op het pijltje); de keuzes staan op het verborgen blad
  Lijsten, dus ook lange lijsten als 'Verwacht uitstroomprofiel' passen. Bij **meer keuzes** in
  één cel zet je `{SEPARATOR}` ertussen: `MBO niveau 3{SEPARATOR} MBO niveau 4` (de keuzelijst zet
  er één neer, typ de andere erachter). Met komma's ertussen wordt de cel gelezen als elk deel
  een keuze is, met een melding; anders vraagt de melding om `{SEPARATOR}`. **Ja/nee**: `ja` of
  `nee`. **Datums**: een Excel-datum of `dd-mm-jjjj` (ook `d-m-jjjj`, `dd/mm/jjjj` en
  `jjjj-mm-dd`); een datum die niet bestaat (`31-02-2010`) of een jaartal met twee cijfers
  wordt gemeld, nooit geraden.
- Een cel die niet klopt, kost alleen die cel: het formulier wordt gemaakt met dat veld leeg,
  en de melding noemt blad, rij, kolom en de leerling, ook in `meldingen.xlsx`. Wie liever de
  hele leerling overslaat tot alles klopt, leest de werkmap streng (in Python:
  `read_workbook("leerlingen.xlsx", strict=True)`).
"""

_KINDS = {
    "text": "tekst",
    "date": "datum",
    "int": "geheel getal",
    "bool": "ja/nee",
    "choice": "één keuze",
    "multi": f"keuzes, gescheiden door `{SEPARATOR}`",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _explain(column: Column) -> str:
    parts = [column.description or ""]
    if column.enum is not None and column.kind in ("choice", "multi"):
        choices = "; ".join(f"`{member.value}`" for member in column.enum)
        parts.append(f"Keuzes: {choices}.")
    return _cell(" ".join(p for p in parts if p))


def excel_page() -> str:
    lines = [_INTRO]
    for sheet in layout():
        lines.append(f"## Blad {sheet.name}\n")
        lines.append("| kolom | soort | uitleg |")
        lines.append("| --- | --- | --- |")
        if sheet.path:
            lines.append(f"| {KEY_HEADER} | tekst | Het leerlingnummer van de leerling. |")
        if sheet.numbered:
            lines.append(f"| {NUMBER_HEADER} | geheel getal | Het nummer van de evaluatie. |")
        for column in sheet.columns:
            lines.append(f"| {_cell(column.header)} | {_KINDS[column.kind]} | {_explain(column)} |")
        lines.append("")
    aliases = tomllib.loads(bundled_file("mappings", "excel-aliassen.toml").read_text("utf-8"))
    lines.append("## Een export uit de leerlingadministratie\n")
    lines.append(
        "Een export uit Magister, Somtoday of ParnasSys werkt zonder aanpassen: deze kopjes "
        "worden herkend (de lijst staat in `mappings/excel-aliassen.toml`).\n"
    )
    lines.append("| kop in de export | wordt |")
    lines.append("| --- | --- |")
    for header, target in aliases["kolommen"].items():
        lines.append(f"| {header} | {target} |")
    for header, part in aliases["naamdelen"].items():
        lines.append(f"| {header} | deel van Naam leerling ({part}) |")
    lines.append(
        "\nDe naamdelen worden samen 'Naam leerling', zoals de handreiking vraagt: "
        "officiële voornamen, tussenvoegsel, achternaam en de roepnaam tussen haakjes "
        '("Pieter Johannes de Vries (Piet)").\n'
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="only check, write nothing")
    args = parser.parse_args(argv)
    wanted = excel_page()
    if args.check:
        current = EXCEL_PAGE.read_text(encoding="utf-8") if EXCEL_PAGE.exists() else ""
        if current != wanted:
            print(f"{EXCEL_PAGE} is out of date: run python tools/build_docs.py", file=sys.stderr)
            return 1
        return 0
    EXCEL_PAGE.write_text(wanted, encoding="utf-8")
    print(f"wrote {EXCEL_PAGE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
