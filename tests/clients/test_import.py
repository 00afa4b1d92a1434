"""Importing job seekers from CSV and XLSX: all rows or none, errors by row, duplicates found
within the file and among the clients the organisation sees, and nothing else revealed."""

import io
from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.clients import imports
from kohtaamo.clients.models import Client
from tests.clients.factories import ClientFactory, ConsentFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "first_name;last_name;email;phone;birth_year;gender;municipality;education_level;"
    "unemployment_start;immigrant;partial_work_ability;languages;wished_occupations;"
    "commuting_radius_km;note"
)
COOK = "http://data.europa.eu/esco/occupation/90f75f67-495d-49fa-ab57-2f320e251d7e"  # 5120.1
GOOD = (
    "Aapeli;Zyxström;aapeli.zyx@example.fi;040 111 2233;1990;mies;Rovaniemi;lukio;1.3.2023;"
    "ei;kyllä;fi:native|en:B2;5120.1;50;Kokin työt kiinnostavat",
    "Bertta;Qwyllinen;;;1975;kvinna;240;amk;2024-01-15;yes;0;sv:äidinkieli;;;",
)


def csv_file(*lines: str, header: str = HEADER) -> io.BytesIO:
    return io.BytesIO("\n".join([header, *lines]).encode("utf-8-sig"))


def run(actor, organisation, file, filename="hakijat.csv", dry_run=False):
    return imports.import_clients(
        actor=actor, organisation=organisation, file=file, filename=filename, dry_run=dry_run
    )


def import_events(**filters):
    return AuditEvent.objects.filter(
        action=AuditAction.IMPORT, object_type="clients.client", **filters
    )


def imported(*last_names: str):
    return Client.objects.filter(last_name__in=last_names)


def test_csv_import_creates_clients_of_the_organisation_with_one_audit_row(user, rovaniemi):
    actor = user("rovaniemi.coordinator")
    report = run(actor, rovaniemi, csv_file(*GOOD))
    assert report.errors == []
    assert (len(report.rows), report.created, report.written) == (2, 2, True)
    aapeli = Client.objects.get(last_name="Zyxström")
    assert (aapeli.organisation, aapeli.responsible) == (rovaniemi, actor)
    assert (aapeli.email, aapeli.phone, aapeli.birth_year, aapeli.gender) == (
        "aapeli.zyx@example.fi",
        "040 111 2233",
        1990,
        "male",
    )
    assert (aapeli.municipality.code, aapeli.education_level) == ("698", "general_upper_secondary")
    assert aapeli.unemployment_start == date(2023, 3, 1)
    assert (aapeli.immigrant, aapeli.partial_work_ability) == (False, True)
    assert list(aapeli.languages.values_list("code", "level")) == [("fi", "native"), ("en", "B2")]
    assert list(aapeli.wished_occupations.values_list("uri", flat=True)) == [COOK]
    assert (aapeli.commuting_radius_km, aapeli.note) == (50, "Kokin työt kiinnostavat")
    bertta = Client.objects.get(last_name="Qwyllinen")
    assert (bertta.gender, bertta.municipality.code, bertta.education_level) == (
        "female",
        "240",
        "uas",
    )
    assert (bertta.immigrant, bertta.partial_work_ability, bertta.commuting_radius_km) == (
        True,
        False,
        30,
    )
    assert list(bertta.languages.values_list("code", "level")) == [("sv", "native")]
    event = import_events(actor=actor).get()
    assert event.organisation == rovaniemi
    assert event.detail == {
        "format": "csv",
        "rows": 2,
        "created": 2,
        "languages": 3,
        "wished_occupations": 1,
    }


def test_xlsx_import_reads_numbers_dates_and_booleans(user, rovaniemi):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["First name", "Last name", "Birth year", "Municipality", "Unemployment start"])
    sheet.append(["Cecilia", "Xqvortén", 1969, 698, datetime(2022, 11, 30)])
    sheet.append([])
    sheet.append(["Daniel", "Xqvortén", 2001.0, "Enontekis", None])
    content = io.BytesIO()
    workbook.save(content)
    content.seek(0)
    report = run(user("rovaniemi.coordinator"), rovaniemi, content, filename="hakijat.xlsx")
    assert report.errors == []
    cecilia, daniel = imported("Xqvortén").order_by("first_name")
    assert (cecilia.birth_year, cecilia.municipality.code) == (1969, "698")
    assert cecilia.unemployment_start == date(2022, 11, 30)
    assert (daniel.birth_year, daniel.municipality.name_fi, daniel.gender) == (
        2001,
        "Enontekiö",
        "not_told",
    )
    assert [r.number for r in report.rows] == [2, 4]  # the empty row 3 keeps its number
    assert import_events(actor=user("rovaniemi.coordinator")).get().detail["format"] == "xlsx"


@pytest.mark.usefixtures("in_english")
def test_one_bad_row_writes_nothing_and_names_the_row(user, rovaniemi):
    bad = "Eemeli;Zyxström;;;1990;mies;Atlantis;;;;;;;;"
    report = run(user("rovaniemi.coordinator"), rovaniemi, csv_file(GOOD[0], bad, GOOD[1]))
    assert not report.ok
    assert [(e.row, e.column, e.value) for e in report.errors] == [(3, "municipality", "Atlantis")]
    assert "Unknown municipality" in report.errors[0].message
    assert not imported("Zyxström", "Qwyllinen").exists()
    assert not import_events(actor=user("rovaniemi.coordinator")).exists()


def test_every_error_of_every_row_is_reported(user, rovaniemi):
    report = run(
        user("rovaniemi.coordinator"),
        rovaniemi,
        csv_file(
            "Fanni;Zyxström;ei-osoite;040 abc;19x0;nainen?;698;tohtori;31.2.2023;"
            "ehkä;kyllä;fi:B9;9999.9;kaukana;",
            ";;;;1850;;;;;;;xx:A1;;;",
        ),
    )
    found = {(e.row, e.column) for e in report.errors}
    assert found == {
        (2, "email"),
        (2, "phone"),
        (2, "birth_year"),
        (2, "gender"),
        (2, "education_level"),
        (2, "unemployment_start"),
        (2, "immigrant"),
        (2, "languages"),
        (2, "wished_occupations"),
        (2, "commuting_radius_km"),
        (3, "first_name"),
        (3, "last_name"),
        (3, "birth_year"),
        (3, "languages"),
    }
    assert [e.row for e in report.errors] == sorted(e.row for e in report.errors)


@pytest.mark.usefixtures("in_english")
def test_the_same_person_twice_in_the_file_names_both_rows(user, rovaniemi):
    report = run(
        user("rovaniemi.coordinator"),
        rovaniemi,
        csv_file(
            "Anna-Liisa;Zyxström;anna@example.fi;+358 40 555 6677;1980;;;;;;;;;;",
            "Bertta;Qwyllinen;;;1975;;;;;;;;;;",
            "anna liisa;ZYXSTRÖM;;;1980;;;;;;;;;;",  # same name and year, written differently
            "Toinen;Henkilö;ANNA@example.fi;;1991;;;;;;;;;;",  # same email
            "Kolmas;Henkilö;;040-555 6677;1992;;;;;;;;;;",  # same phone, other format
        ),
    )
    assert [(e.row, e.column) for e in report.errors] == [
        (4, "first_name"),
        (5, "email"),
        (6, "phone"),
    ]
    assert all("Rows 2 and" in e.message for e in report.errors)
    assert "same name and year of birth" in report.errors[0].message
    assert report.errors[0].value == "anna liisa ZYXSTRÖM 1980"
    assert not imported("Zyxström", "Qwyllinen", "Henkilö").exists()


@pytest.mark.usefixtures("in_english")
def test_a_row_like_an_existing_client_of_the_organisation_is_an_error_with_its_id(user, rovaniemi):
    existing = ClientFactory(
        organisation=rovaniemi, first_name="Aapeli", last_name="Zyxström", birth_year=1990
    )
    report = run(user("rovaniemi.coordinator"), rovaniemi, csv_file(*GOOD))
    [error] = report.errors
    assert (error.row, error.column, error.existing_client) == (
        2,
        "first_name",
        existing.public_id,
    )
    assert error.message == (
        "Row 2 looks like an existing job seeker (the same name and year of birth)."
    )
    assert not imported("Qwyllinen").exists()


def test_a_client_shared_with_the_organisation_by_consent_counts_as_existing(user, rovaniemi, kemi):
    shared = ClientFactory(organisation=kemi, email="aapeli.zyx@example.fi")
    ConsentFactory(client=shared, organisation=rovaniemi)
    report = run(user("rovaniemi.coordinator"), rovaniemi, csv_file(*GOOD))
    assert [(e.row, e.column, e.existing_client) for e in report.errors] == [
        (2, "email", shared.public_id)
    ]


def test_a_client_of_another_organisation_is_not_revealed(user, rovaniemi, kemi):
    ClientFactory(
        organisation=kemi,
        first_name="Aapeli",
        last_name="Zyxström",
        birth_year=1990,
        email="aapeli.zyx@example.fi",
        phone="040 111 2233",
    )
    withdrawn = ClientFactory(organisation=kemi, email="bertta@example.fi")
    consent = ConsentFactory(client=withdrawn, organisation=rovaniemi)
    consent.withdrawn_at = consent.given_at
    consent.save()
    report = run(
        user("rovaniemi.coordinator"),
        rovaniemi,
        csv_file(GOOD[0], "Bertta;Qwyllinen;bertta@example.fi;;1975;;;;;;;;;;"),
    )
    assert report.errors == []
    assert imported("Zyxström").filter(organisation=rovaniemi).count() == 1
    assert imported("Zyxström").filter(organisation=kemi).count() == 1


def test_an_erased_client_is_not_a_duplicate(user, rovaniemi):
    ClientFactory(
        organisation=rovaniemi,
        first_name="Aapeli",
        last_name="Zyxström",
        birth_year=1990,
        erased_at=datetime(2024, 1, 1, 12, 0).astimezone(),
    )
    assert run(user("rovaniemi.coordinator"), rovaniemi, csv_file(GOOD[0])).ok


def test_dry_run_reports_the_rows_and_writes_nothing(user, rovaniemi):
    report = run(user("rovaniemi.coordinator"), rovaniemi, csv_file(*GOOD), dry_run=True)
    assert (report.ok, report.written, report.created, len(report.rows)) == (True, False, 0, 2)
    assert report.rows[0].fields["last_name"] == "Zyxström"
    assert not imported("Zyxström", "Qwyllinen").exists()
    assert not import_events(actor=user("rovaniemi.coordinator")).exists()


def test_dry_run_finds_the_same_errors(user, rovaniemi):
    report = run(user("rovaniemi.coordinator"), rovaniemi, csv_file(GOOD[0], GOOD[0]), dry_run=True)
    assert [e.row for e in report.errors] == [3]


def test_only_the_required_columns_comma_separated(user, rovaniemi):
    file = io.BytesIO("last_name,first_name,birth_year\nZyxström,Gideon,1999\n".encode())
    report = run(user("rovaniemi.coordinator"), rovaniemi, file)
    assert report.created == 1
    assert imported("Zyxström").get().education_level == "unknown"


def test_unknown_and_missing_columns_are_named_on_the_header_row(user, rovaniemi):
    report = run(
        user("rovaniemi.coordinator"),
        rovaniemi,
        csv_file("x;y;1990", header="etunimi;last_name;birth_year"),
    )
    assert {(e.row, e.column, e.value) for e in report.errors} == {
        (1, "", "etunimi"),
        (1, "first_name", ""),
    }


def test_a_file_with_only_a_header_is_an_error(user, rovaniemi):
    report = run(user("rovaniemi.coordinator"), rovaniemi, csv_file())
    assert [e.row for e in report.errors] == [0]


@pytest.mark.parametrize("username", ["rovaniemi.company", "ely.analyst", "kemi.coordinator"])
def test_only_coordinators_and_admins_of_the_organisation_can_import(user, rovaniemi, username):
    with pytest.raises(PermissionError):
        run(user(username), rovaniemi, csv_file(*GOOD))


def test_management_command_imports_and_dry_runs(tmp_path, capsys, rovaniemi):
    path = tmp_path / "hakijat.csv"
    path.write_bytes(csv_file(*GOOD).getvalue())
    call_command("import_clients", str(path), organisation=rovaniemi.name, dry_run=True)
    assert not imported("Zyxström").exists()
    call_command("import_clients", str(path), organisation=rovaniemi.name)
    client = imported("Zyxström").get()
    assert (client.organisation, client.responsible) == (rovaniemi, None)
    out = capsys.readouterr().out
    assert "Would create 2 job seeker(s)" in out
    assert "Created 2 job seeker(s)" in out


def test_management_command_fails_loudly_and_names_the_existing_client(tmp_path, capsys, rovaniemi):
    existing = ClientFactory(organisation=rovaniemi, email="aapeli.zyx@example.fi")
    path = tmp_path / "hakijat.csv"
    path.write_bytes(csv_file(*GOOD).getvalue())
    with pytest.raises(CommandError, match="nothing was saved"):
        call_command("import_clients", str(path), organisation=rovaniemi.name)
    err = capsys.readouterr().err
    assert "row 2, email" in err
    assert str(existing.public_id) in err
    assert not imported("Qwyllinen").exists()


# Cell parsers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "gender"),
    [
        ("nainen", "female"),
        ("Mies", "male"),
        ("muu", "other"),
        ("ei halua kertoa", "not_told"),
        ("not_told", "not_told"),
        ("kvinna", "female"),
        ("man", "male"),
        ("annan", "other"),
        ("", "not_told"),
    ],
)
def test_gender_words_in_three_languages(text, gender):
    assert imports.parse_gender(text) == gender


@pytest.mark.parametrize(
    ("text", "value"),
    [("kyllä", True), ("Yes", True), ("1", True), ("True", True), ("ei", False), ("0", False)],
)
def test_yes_and_no(text, value):
    assert imports.parse_bool(text) is value


def test_dates_finnish_and_iso_but_not_in_the_future():
    today = date(2025, 6, 1)
    assert imports.parse_date("1.3.2024", today=today) == date(2024, 3, 1)
    assert imports.parse_date("2024-03-01T00:00:00", today=today) == date(2024, 3, 1)
    with pytest.raises(ValidationError):
        imports.parse_date("2.6.2025", today=today)
    with pytest.raises(ValidationError):
        imports.parse_date("3/1/2024", today=today)


def test_languages_with_levels():
    assert imports.parse_languages("fi:native| en:b2 |sv:A2") == [
        ("fi", "native"),
        ("en", "B2"),
        ("sv", "A2"),
    ]
    for bad in ("fi", "fi:native|fi:C1", "fin:B1", "en:D1"):
        with pytest.raises(ValidationError):
            imports.parse_languages(bad)


def test_identity_keys_compare_names_and_phones_loosely():
    assert imports.identity_keys("Anna-Liisa", "Mäki", 1980) == imports.identity_keys(
        " anna  liisa", "MÄKI", 1980
    )
    assert imports.normalise_phone("+358 40 123 4567") == imports.normalise_phone("0401234567")
    assert imports.normalise_phone("00358 40 123 4567") == "0401234567"
