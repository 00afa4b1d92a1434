"""The import_qualifications management command."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kohtaamo.qualifications.models import Qualification
from tests.qualifications.documents import table_counts, unit_document

pytestmark = pytest.mark.usefixtures("no_qualifications")


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_qualifications", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_without_files_the_command_imports_the_demo_set_and_prints_counts():
    out, _ = run()

    created = Qualification.objects.count()
    assert created >= 7
    assert f"Qualifications: created {created}, updated 0, unchanged 0." in out


def test_run_twice_the_command_says_that_nothing_changed():
    run()

    out, _ = run()

    assert "Qualification units: created 0, updated 0, unchanged" in out
    assert "Units in qualifications: created 0, updated 0, unchanged" in out


def test_the_command_imports_the_files_it_is_given(write_json):
    path = write_json("units.json", [unit_document(8800001), unit_document(8800002)])

    out, _ = run(str(path))

    assert "Qualification units: created 2, updated 0, unchanged 0." in out
    assert table_counts() == (0, 2, 0)


def test_a_dry_run_prints_what_would_change_and_saves_nothing(write_json):
    out, _ = run("--dry-run", str(write_json("units.json", [unit_document(8800001)])))

    assert "Qualification units: created 1" in out
    assert "Dry run: nothing was saved." in out
    assert table_counts() == (0, 0, 0)


def test_bad_input_stops_the_command_with_the_file_and_path(write_json):
    good = write_json("good.json", [unit_document(8800001)])
    bad = write_json(
        "tutkinnonosat.json", [unit_document(8800002), {"id": 3, "osanTyyppi": "tutkinnonosa"}]
    )

    with pytest.raises(CommandError, match=r"^tutkinnonosat\.json: \$\[1\]\.nimi: missing$"):
        run(str(good), str(bad))

    assert table_counts() == (0, 0, 0)


def test_warnings_go_to_stderr(sample):
    _, err = run(
        str(sample("eperusteet-service_api_perusteet_3397335_suoritustavat_reformi_rakenne.json"))
    )

    assert "unit references of the structure are not in this import" in err
