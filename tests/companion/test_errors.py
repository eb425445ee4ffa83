"""A school's own template: an error in it is a Dutch message naming the tag, no traceback."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from opp_docs.cli import main
from opp_docs.companion import render, write_companions
from opp_docs.errors import OppError, TemplateError
from opp_docs.example import example_plan
from tests.companion.helpers import document_text, school_template

TODAY = date(2025, 2, 1)


def _error(tmp_path: Path, *paragraphs: str) -> TemplateError:
    template = school_template(tmp_path, *paragraphs)
    with pytest.raises(TemplateError) as info:
        render("handelingswijzer", example_plan(), template, today=TODAY)
    for problem in info.value.problems:
        assert problem.location.file == str(template)
    return info.value


def test_a_school_template_renders(tmp_path: Path) -> None:
    template = school_template(
        tmp_path,
        "Handelingswijzer {{ leerling.naam }} ({{ leerling.klas }}), {{ datum | datum }}",
        "{%p for advies in handelingsadviezen | regels %}",
        "* {{ advies }}",
        "{%p endfor %}",
    )
    text = document_text(render("handelingswijzer", example_plan(), template, today=TODAY))
    assert "Handelingswijzer Noor Elisabeth van den Berg (Noor) (3K2), 01-10-2024" in text
    assert "* Zet Noor bij toetsen in de stilteruimte; geef 25% extra tijd." in text


def test_an_unknown_variable_is_named_with_its_tag(tmp_path: Path) -> None:
    error = _error(tmp_path, "Naam: {{ leerlingnaam }}", "Klas: {{ klas }}")
    assert [p.code for p in error.problems] == ["sjabloon.onbekende_variabele"] * 2
    assert [p.input for p in error.problems] == ["{{ klas }}", "{{ leerlingnaam }}"]
    message = str(error)
    assert "'{{ leerlingnaam }}'" in message and "bestaat niet" in message
    assert "Traceback" not in message and "undefined" not in message


def test_an_unknown_field_of_a_known_variable_is_named(tmp_path: Path) -> None:
    error = _error(tmp_path, "Naam: {{ leerling.achternaam }}")
    assert error.code == "sjabloon.onbekende_variabele"
    assert error.problems[0].input == "{{ leerling.achternaam }}"
    assert "'achternaam'" in error.problems[0].message


def test_a_missing_list_item_is_named(tmp_path: Path) -> None:
    error = _error(tmp_path, "Derde ouder: {{ leerling.ouders[2].naam }}")
    assert error.code == "sjabloon.onbekende_variabele"
    assert error.problems[0].input == "{{ leerling.ouders[2].naam }}"


@pytest.mark.parametrize(
    ("paragraphs", "code", "tag"),
    [
        (("Naam {{ leerling.naam } hier",), "sjabloon.fout_in_tag", "{{ leerling.naam } hier"),
        (("{{ leerling.naam. }}",), "sjabloon.fout_in_tag", "{{ leerling.naam. }}"),
        (("{% als leerling.naam %}",), "sjabloon.fout_in_tag", "{% als leerling.naam %}"),
        (("{{ datum | datm }}",), "sjabloon.onbekend_filter", "{{ datum | datm }}"),
        (("{%p if leerling.naam %}", "x"), "sjabloon.blok_niet_gesloten", "{% if leerling.naam %}"),
        (("{{ leerling.naam }}", "{%p endif %}"), "sjabloon.fout_in_tag", "{% endif %}"),
    ],
)
def test_a_broken_tag_is_named(
    tmp_path: Path, paragraphs: tuple[str, ...], code: str, tag: str
) -> None:
    error = _error(tmp_path, *paragraphs)
    assert error.code == code
    assert error.problems[0].input == tag
    assert tag in error.problems[0].message
    assert "Traceback" not in str(error)


def test_a_broken_template_writes_nothing(tmp_path: Path) -> None:
    template = school_template(tmp_path, "{{ leerling.naam }")
    with pytest.raises(TemplateError):
        write_companions("uitnodiging", [example_plan()], tmp_path / "uit", template=template)
    assert not (tmp_path / "uit").exists()


def test_no_docx_is_refused(tmp_path: Path) -> None:
    template = tmp_path / "sjabloon.docx"
    template.write_bytes(b"no zip")
    with pytest.raises(OppError) as info:
        render("uitnodiging", example_plan(), template)
    assert info.value.problems[0].location.file == str(template)
    with pytest.raises(OppError) as missing:
        render("uitnodiging", example_plan(), tmp_path / "weg.docx")
    assert missing.value.code == "bestand.niet_gevonden"


def test_the_command_says_it_in_dutch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "plan.json"
    assert main(["example", "-o", str(plan)]) == 0
    template = school_template(tmp_path, "Beste {{ ouders }},")
    code = main(
        ["uitnodiging", str(plan), "-o", str(tmp_path / "uit"), "--sjabloon", str(template)]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "opp: [sjabloon.onbekende_variabele]" in err
    assert "'{{ ouders }}'" in err
    assert "Traceback" not in err and "jinja" not in err.lower()


def test_no_traceback_in_a_real_process(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    assert main(["example", "-o", str(plan)]) == 0
    template = school_template(tmp_path, "{%p for x in leerling.ouders %}", "{{ x.naam }}")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "opp_docs",
            "handelingswijzer",
            str(plan),
            "-o",
            str(tmp_path / "uit"),
            "--sjabloon",
            str(template),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "[sjabloon.blok_niet_gesloten]" in result.stderr
    assert "{% for x in leerling.ouders %}" in result.stderr
    assert "Traceback" not in result.stderr
