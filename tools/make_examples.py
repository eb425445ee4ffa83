"""Write examples/leerlingen.xlsx: about 30 fictional students for ``make demo``.

Five students have a full plan (variations on the example plan), the others only part A, as
a list from a student administration usually starts; one row holds a deliberate mistake (an
impossible date) so the demo shows how problems are reported. Names and numbers are invented;
the output is the same on every run.

    python tools/make_examples.py examples/leerlingen.xlsx
"""

from __future__ import annotations

import random
import sys
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from opp_docs.example import example_plan
from opp_docs.excel.write import workbook_bytes
from opp_docs.model import OPP, Leerling, Ouder

FIRST = [
    "Sem",
    "Noah",
    "Liam",
    "Luuk",
    "Daan",
    "Finn",
    "Lucas",
    "Milan",
    "Levi",
    "Bram",
    "Emma",
    "Julia",
    "Mila",
    "Tess",
    "Sophie",
    "Zoë",
    "Sara",
    "Nora",
    "Evi",
    "Anna",
    "Yara",
    "Amira",
    "Mohammed",
    "Ayoub",
    "Fenna",
    "Jesse",
    "Ilse",
    "Thijs",
    "Lotte",
    "Ruben",
]
LAST = [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "El Idrissi",
    "Yılmaz",
    "Kok",
    "Jacobs",
    "van Vliet",
    "Verbeek",
]
CLASSES = ["1B", "1K", "2B", "2K", "3K1", "3K2", "4T", "2H"]
MENTORS = ["J. Bakker", "M. Verhoef", "S. Öztürk", "L. van Rijn"]


def plans() -> list[OPP]:
    rng = random.Random(2024)
    result = []
    for index in range(30):
        first, last = FIRST[index], LAST[index]
        number = f"{240100 + index}"
        born = date(2008 + rng.randrange(0, 5), rng.randrange(1, 13), rng.randrange(1, 29))
        if index % 6 == 0:  # a full plan, based on the example
            base = example_plan()
            leerling = base.leerling.model_copy(
                update={
                    "naam": f"{first} {last}",
                    "leerlingnummer": number,
                    "geboortedatum": born,
                    "klas": CLASSES[index % len(CLASSES)],
                    "ouders": [Ouder(naam=f"Ouder van {first}", relatie="moeder")],
                }
            )
            result.append(base.model_copy(update={"leerling": leerling}))
            continue
        result.append(
            OPP(
                leerling=Leerling(
                    naam=f"{first} {last}",
                    leerlingnummer=number,
                    geboortedatum=born,
                    school_en_locatie="Voorbeeldcollege, locatie Naaldwijk",
                    klas=CLASSES[index % len(CLASSES)],
                    leerjaar=int(CLASSES[index % len(CLASSES)][0]),
                    mentor=MENTORS[index % len(MENTORS)],
                    ondersteuningscoordinator="M. de Groot",
                )
            )
        )
    return result


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else Path("examples/leerlingen.xlsx")
    target.write_bytes(workbook_bytes(plans(), template=True))
    # The deliberate mistake: student 13's date of birth does not exist.
    workbook = load_workbook(target)
    sheet = workbook["Leerlingen"]
    headers = [cell.value for cell in sheet[1]]
    sheet.cell(row=15, column=headers.index("Geboortedatum") + 1, value="31-04-2011")
    workbook.save(target)
    print(f"wrote {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
