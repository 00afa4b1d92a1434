"""Importing employers from CSV and XLSX: all rows or none, errors by row and column."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.employers import services
from kohtaamo.employers.models import Employer
from tests.employers.factories import ContactPersonFactory, EmployerFactory, business_id_for

pytestmark = pytest.mark.django_db

ID_A, ID_B, ID_C = (business_id_for(n) for n in (99_101, 99_102, 99_103))
HEADER = (
    "business_id;name;industry;municipality;size_class;peak_months;language;website;"
    "contact_name;contact_title;contact_email;contact_phone"
)


def csv_file(*lines: str, header: str = HEADER) -> io.BytesIO:
    return io.BytesIO("\n".join([header, *lines]).encode("utf-8-sig"))


def run(actor, organisation, file, filename="yritykset.csv", dry_run=False):
    return services.import_employers(
        actor=actor, organisation=organisation, file=file, filename=filename, dry_run=dry_run
    )


def test_csv_import_creates_employers_with_contacts_and_one_audit_row(user, rovaniemi):
    actor = user("rovaniemi.company")
    report = run(
        actor,
        rovaniemi,
        csv_file(
            f"{ID_A};Revontuli Safarit Oy;79.90;Kolari;pieni;12-3;en;revontuli.example.fi;"
            "Aino Aho;toimitusjohtaja;aino@example.fi;+358 40 123 4567",
            f"{ID_B};Kemin Konepaja Oy;25.62;240;medium;;;;;;;",
        ),
    )
    assert report.errors == []
    assert (report.rows, report.created, report.updated) == (2, 2, 0)
    safari = Employer.objects.get(business_id=ID_A)
    assert safari.municipality.code == "273"  # Kolari
    assert (safari.size_class, safari.peak_months, safari.language) == (
        "small",
        [1, 2, 3, 12],
        "en",
    )
    assert safari.website == "https://revontuli.example.fi"
    assert safari.contacts.get().is_primary
    assert list(safari.organisations.all()) == [rovaniemi]
    assert Employer.objects.get(business_id=ID_B).language == "fi"
    event = AuditEvent.objects.get(action=AuditAction.IMPORT, object_type="employers.employer")
    assert event.detail == {"format": "csv", "rows": 2, "created": 2, "updated": 0, "contacts": 1}
    assert "Aino" not in str(event.detail)


def test_xlsx_import(user, rovaniemi):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Business ID", "Name", "Municipality", "Peak months"])
    sheet.append([ID_A, "Sodankylän Kaivospalvelu Oy", 758, "6-8"])
    content = io.BytesIO()
    workbook.save(content)
    content.seek(0)
    report = run(user("rovaniemi.company"), rovaniemi, content, filename="yritykset.xlsx")
    assert report.errors == []
    employer = Employer.objects.get(business_id=ID_A)
    assert (employer.municipality.code, employer.peak_months) == ("758", [6, 7, 8])


@pytest.mark.usefixtures("in_english")
def test_one_bad_row_writes_nothing_and_names_the_row(user, rovaniemi):
    report = run(
        user("rovaniemi.company"),
        rovaniemi,
        csv_file(
            f"{ID_A};Hyvä Oy;;;;;;;;;;",
            "0210427-5;Huono Oy;;;;;;;;;;",
            f"{ID_C};Toinen Hyvä Oy;;;;;;;;;;",
        ),
    )
    assert not report.ok
    assert [(e.row, e.column, e.value) for e in report.errors] == [(3, "business_id", "0210427-5")]
    assert "check digit" in report.errors[0].message
    assert not Employer.objects.filter(business_id__in=[ID_A, ID_C]).exists()
    assert not AuditEvent.objects.filter(
        action=AuditAction.IMPORT, object_type="employers.employer"
    ).exists()


def test_every_error_of_every_row_is_reported(user, rovaniemi):
    report = run(
        user("rovaniemi.company"),
        rovaniemi,
        csv_file(
            f"{ID_A};A Oy;55.99;Atlantis;huge;13;de;;;;nope;",
            f"{ID_B};;;;;;;;;;;",
        ),
    )
    found = {(e.row, e.column) for e in report.errors}
    assert found == {
        (2, "industry"),
        (2, "municipality"),
        (2, "size_class"),
        (2, "peak_months"),
        (2, "language"),
        (2, "contact_name"),
        (2, "contact_email"),
        (3, "name"),
    }
    unknown = next(e for e in report.errors if e.column == "municipality")
    assert unknown.value == "Atlantis"


@pytest.mark.usefixtures("in_english")
def test_the_same_business_id_twice_in_a_file_names_both_rows(user, rovaniemi):
    report = run(
        user("rovaniemi.company"),
        rovaniemi,
        csv_file(f"{ID_A};A Oy;;;;;;;;;;", f"{ID_B};B Oy;;;;;;;;;;", f"{ID_A};A Oy;;;;;;;;;;"),
    )
    [error] = report.errors
    assert (error.row, error.column) == (4, "business_id")
    assert "row 2" in error.message
    assert not Employer.objects.filter(business_id__in=[ID_A, ID_B]).exists()


def test_an_existing_employer_is_updated_and_shared_not_duplicated(user, rovaniemi, kemi):
    existing = EmployerFactory(business_id=ID_A, partners=[kemi], size_class="micro")
    ContactPersonFactory(employer=existing, name="Aino Aho", email="aino@example.fi")
    report = run(
        user("rovaniemi.company"),
        rovaniemi,
        csv_file(f"{ID_A};Uusi Nimi Oy;;;large;;;;Aino Aho;HR;aino@example.fi;"),
    )
    assert (report.created, report.updated) == (0, 1)
    existing.refresh_from_db()
    assert (existing.name, existing.size_class, existing.industry) == (
        "Uusi Nimi Oy",
        "large",
        "55.10",
    )
    assert set(existing.organisations.all()) == {kemi, rovaniemi}
    assert existing.contacts.get().title == "HR"


def test_dry_run_reports_counts_and_writes_nothing(user, rovaniemi):
    EmployerFactory(business_id=ID_A, partners=[rovaniemi])
    report = run(
        user("rovaniemi.company"),
        rovaniemi,
        csv_file(f"{ID_A};A Oy;;;;;;;;;;", f"{ID_B},B Oy".replace(",", ";") + ";;;;;;;;;;"),
        dry_run=True,
    )
    assert (report.ok, report.written, report.created, report.updated) == (True, False, 1, 1)
    assert not Employer.objects.filter(business_id=ID_B).exists()
    assert not AuditEvent.objects.filter(
        action=AuditAction.IMPORT, object_type="employers.employer"
    ).exists()


def test_a_comma_separated_file_with_only_the_required_columns(user, rovaniemi):
    file = io.BytesIO(f"name,business_id\nPilkku Oy,{ID_A}\n".encode())
    assert run(user("rovaniemi.company"), rovaniemi, file).created == 1


def test_unknown_and_missing_columns_are_named_on_the_header_row(user, rovaniemi):
    report = run(user("rovaniemi.company"), rovaniemi, csv_file("x;y", header="bussiness_id;name"))
    assert {(e.row, e.column) for e in report.errors} == {(1, "bussiness_id"), (1, "business_id")}


def test_an_analyst_cannot_import(user, rovaniemi):
    with pytest.raises(PermissionError):
        run(user("ely.analyst"), rovaniemi, csv_file(f"{ID_A};A Oy;;;;;;;;;;"))


def test_management_command_imports_and_dry_runs(tmp_path, capsys, rovaniemi):
    path = tmp_path / "yritykset.csv"
    path.write_bytes(csv_file(f"{ID_A};Komento Oy;;Ranua;;;;;;;;").getvalue())
    call_command("import_employers", str(path), organisation=rovaniemi.name, dry_run=True)
    assert not Employer.objects.filter(business_id=ID_A).exists()
    call_command("import_employers", str(path), organisation=rovaniemi.name)
    assert Employer.objects.get(business_id=ID_A).municipality.name_fi == "Ranua"
    out = capsys.readouterr().out
    assert "Would create 1 and would update 0" in out
    assert "Created 1 and updated 0 employer(s)" in out


def test_management_command_fails_loudly_on_a_bad_row(tmp_path, rovaniemi):
    path = tmp_path / "yritykset.csv"
    path.write_bytes(csv_file("0210427-5;Huono Oy;;;;;;;;;;").getvalue())
    with pytest.raises(CommandError, match="nothing was saved"):
        call_command("import_employers", str(path), organisation=rovaniemi.name)
