"""Importing the job-market platform's job ads and CSV files: all or nothing."""

import json
from pathlib import Path

import pytest

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.employers.models import Employer
from kohtaamo.vacancies.enums import VacancySource, WorkingTime
from kohtaamo.vacancies.imports import ImportFailed, import_csv, import_tmt
from kohtaamo.vacancies.models import Vacancy
from tests.employers.factories import EmployerFactory
from tests.mappings.factories import EXCAVATOR_OPERATOR
from tests.vacancies.factories import (
    DRIVING_LICENCE_B,
    HEALTHCARE_ASSISTANT,
    LISTEN_ACTIVELY,
    NURSE,
    OPERATE_FORKLIFT,
    SAFETY_CARD,
)

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "testTMTResponse.json"
UNKNOWN_SKILL = "http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000"


def imports():
    return AuditEvent.objects.filter(action=AuditAction.IMPORT, object_type="vacancies.vacancy")


@pytest.fixture
def response():
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def test_the_sample_imports_with_its_esco_occupation_and_skill(coordinator, rovaniemi, response):
    result = import_tmt(actor=coordinator, organisation=rovaniemi, data=response)

    [vacancy] = result.created
    assert vacancy.occupation.uri == NURSE
    assert vacancy.other_occupations == [HEALTHCARE_ASSISTANT]
    competence = vacancy.competences.get()
    assert (competence.uri, competence.kind, competence.essential) == (
        LISTEN_ACTIVELY,
        "skill",
        True,
    )
    assert (vacancy.source, vacancy.external_id) == (
        VacancySource.TMT,
        "91f04ea5-8eba-421e-a2b5-c6c21e4d64c8",
    )
    assert (vacancy.title, vacancy.openings) == ("Hoiva-avustaja/Lähihoitaja/Sairaanhoitaja", 10)
    assert vacancy.municipality.code == "297"  # Kuopio: every Finnish municipality is known
    assert vacancy.working_time == WorkingTime.PART_TIME
    assert vacancy.languages == [{"code": "fi", "level": "C1", "mandatory": True}]
    assert str(vacancy.apply_by) == "2022-12-31"
    assert vacancy.published_at is not None


def test_the_sample_creates_its_employer_without_the_invalid_business_id(
    coordinator, rovaniemi, response
):
    result = import_tmt(actor=coordinator, organisation=rovaniemi, data=response)

    employer = result.created[0].employer
    assert (employer.name, employer.business_id) == ("Henkilöstövuokraus AABB Oy", "")
    assert list(employer.organisations.all()) == [rovaniemi]
    assert any("AAAABBBB-4" in w and "ilmoittajanYTunnus" in w for w in result.warnings)
    assert any("179" in w for w in result.warnings)  # the second municipality is left out


def test_reimport_updates_the_vacancy_instead_of_duplicating(coordinator, rovaniemi, response):
    first = import_tmt(actor=coordinator, organisation=rovaniemi, data=response).created[0]
    response["ilmoitukset"][0]["perustiedot"]["paikkojenMaara"] = 4
    again = import_tmt(actor=coordinator, organisation=rovaniemi, data=response)

    assert again.created == []
    assert [v.pk for v in again.updated] == [first.pk]
    assert Vacancy.objects.get(source="tmt").openings == 4
    assert Employer.objects.filter(name="Henkilöstövuokraus AABB Oy").count() == 1


def test_reimport_by_another_organisation_is_an_error(
    coordinator, rovaniemi, outsider, kemi, response
):
    import_tmt(actor=coordinator, organisation=rovaniemi, data=response)
    with pytest.raises(ImportFailed) as error:
        import_tmt(actor=outsider, organisation=kemi, data=response)
    assert error.value.errors[0][0] == "ilmoitukset[0].ilmoituksenID"


def test_a_valid_business_id_finds_the_employer(coordinator, rovaniemi, employer, response):
    response["ilmoitukset"][0]["ilmoittajanYTunnus"] = employer.business_id
    result = import_tmt(actor=coordinator, organisation=rovaniemi, data=response)
    assert result.created[0].employer == employer
    assert not any("ilmoittajanYTunnus" in w for w in result.warnings)


def test_the_callers_employer_is_used_when_the_business_id_is_invalid(
    coordinator, rovaniemi, employer, response
):
    result = import_tmt(actor=coordinator, organisation=rovaniemi, data=response, employer=employer)
    assert result.created[0].employer == employer


def test_an_unknown_skill_names_its_path_and_writes_nothing(coordinator, rovaniemi, response):
    skills = response["ilmoitukset"][0]["osaamisvaatimukset"]["osaamiset"]
    skills += [
        {"luokittelunNimi": "ESCO", "luokiteltuArvo": OPERATE_FORKLIFT},
        {"luokittelunNimi": "ESCO", "luokiteltuArvo": UNKNOWN_SKILL},
    ]
    with pytest.raises(ImportFailed) as error:
        import_tmt(actor=coordinator, organisation=rovaniemi, data=response)
    assert str(error.value) == (
        f"ilmoitukset[0].osaamisvaatimukset.osaamiset[2]: unknown ESCO skill {UNKNOWN_SKILL}"
    )
    assert not Vacancy.objects.filter(source="tmt").exists()
    assert not Employer.objects.filter(name="Henkilöstövuokraus AABB Oy").exists()


def test_a_bad_second_ad_rolls_back_the_first(coordinator, rovaniemi, response):
    second = json.loads(json.dumps(response["ilmoitukset"][0]))
    second["ilmoituksenID"] = "another"
    second["osaamisvaatimukset"]["ammatit"][0]["luokiteltuArvo"] = OPERATE_FORKLIFT
    response["ilmoitukset"].append(second)
    with pytest.raises(ImportFailed) as error:
        import_tmt(actor=coordinator, organisation=rovaniemi, data=response)
    assert error.value.errors == [
        (
            "ilmoitukset[1].osaamisvaatimukset.ammatit[0]",
            f"unknown ESCO occupation {OPERATE_FORKLIFT}",
        )
    ]
    assert not Vacancy.objects.filter(source="tmt").exists()


def test_driving_licences_and_cards_become_mandatory_licences(coordinator, rovaniemi, response):
    needs = response["ilmoitukset"][0]["osaamisvaatimukset"]
    needs["ajokortti"]["vaaditutAjokorttiluokat"] = ["B", "A1"]
    needs["kortitJaLuvat"]["lupaKoodit"] = ["Työturvallisuuskortti", "123"]
    result = import_tmt(actor=coordinator, organisation=rovaniemi, data=response)

    licences = result.created[0].competences.filter(kind="licence")
    assert {(c.uri, c.mandatory, c.essential) for c in licences} == {
        (DRIVING_LICENCE_B, True, True),
        (SAFETY_CARD, True, True),
    }
    unmapped = [w for w in result.warnings if "no licence" in w]
    assert len(unmapped) == 2
    assert "vaaditutAjokorttiluokat[1]" in unmapped[0] and "'A1'" in unmapped[0]


def test_the_import_is_audited(coordinator, rovaniemi, response):
    result = import_tmt(actor=coordinator, organisation=rovaniemi, data=response)
    event = imports().get()
    assert event.detail["format"] == "tmt"
    assert event.detail["created"] == [str(result.created[0].public_id)]
    created = AuditEvent.objects.filter(action=AuditAction.CREATE, actor=coordinator)
    assert created.count() == 2  # the employer and the vacancy


def test_an_analyst_cannot_import(analyst, response):
    with pytest.raises(PermissionError):
        import_tmt(actor=analyst, organisation=None, data=response)


HEADER = (
    "employer_business_id,title,occupation,municipality,description,openings,start_date,"
    "end_date,hours_per_week,working_time,essential_skills,optional_skills,licences\n"
)


def csv_file(*rows: str) -> bytes:
    return (HEADER + "\n".join(rows) + "\n").encode()


def test_csv_rows_become_vacancies(coordinator, rovaniemi, employer):
    raw = csv_file(
        f"{employer.business_id},Kaivinkoneenkuljettaja,{EXCAVATOR_OPERATOR},Rovaniemi,Työmaa,2,"
        f'2025-05-01,30.9.2025,"37,5",full,{OPERATE_FORKLIFT},{LISTEN_ACTIVELY},'
        "tyoturvallisuuskortti|ajokortti-b",
        f"{employer.business_id},Sairaanhoitaja,2221.2,698,,,,,,part,,,",
    )
    result = import_csv(actor=coordinator, organisation=rovaniemi, raw=raw)

    first, second = result.created
    assert first.occupation.uri == EXCAVATOR_OPERATOR
    assert (first.municipality.code, first.openings, str(first.hours_per_week)) == (
        "698",
        2,
        "37.5",
    )
    assert (str(first.start_date), str(first.end_date)) == ("2025-05-01", "2025-09-30")
    found = {c.uri: (c.essential, c.mandatory) for c in first.competences.all()}
    assert found == {
        OPERATE_FORKLIFT: (True, False),
        LISTEN_ACTIVELY: (False, False),
        SAFETY_CARD: (True, True),
        DRIVING_LICENCE_B: (True, True),
    }
    assert second.occupation.uri == NURSE
    assert second.working_time == "part"
    assert {v.source for v in result.created} == {"csv"}
    assert imports().get().detail["format"] == "csv"


def test_a_bad_csv_row_writes_nothing_and_names_the_row(coordinator, rovaniemi, employer):
    raw = csv_file(
        f"{employer.business_id},Hyvä rivi,,,,,,,,,,,",
        f"{employer.business_id},Huono rivi,8342,,,,,,,,{UNKNOWN_SKILL},,",
        "0210427-5,Toinen huono,,,,nolla,,,,,,,",
    )
    with pytest.raises(ImportFailed) as error:
        import_csv(actor=coordinator, organisation=rovaniemi, raw=raw)

    problems = error.value.errors
    assert ("row 3", f"essential_skills[0]: unknown competence {UNKNOWN_SKILL}") in problems
    assert any(w == "row 3" and "8342 is an ISCO group" in m for w, m in problems)
    assert any(w == "row 4" and m.startswith("employer_business_id") for w, m in problems)
    assert any(w == "row 4" and m.startswith("openings") for w, m in problems)
    assert not any(w == "row 2" for w, _ in problems)
    assert not Vacancy.objects.filter(employer=employer).exists()


def test_csv_employer_must_be_one_of_the_organisations(coordinator, rovaniemi):
    other = EmployerFactory()
    with pytest.raises(ImportFailed) as error:
        import_csv(
            actor=coordinator, organisation=rovaniemi, raw=csv_file(f"{other.business_id},X")
        )
    assert error.value.errors[0][0] == "row 2"


def test_csv_end_before_start_names_the_row(coordinator, rovaniemi, employer):
    raw = csv_file(f"{employer.business_id},X,,,,,2025-06-01,2025-05-01,,,,,")
    with pytest.raises(ImportFailed) as error:
        import_csv(actor=coordinator, organisation=rovaniemi, raw=raw)
    [(where, message)] = error.value.errors
    assert where == "row 2" and message.startswith("end_date")


def test_semicolons_and_a_byte_order_mark_are_read(coordinator, rovaniemi, employer):
    raw = f"\ufeffemployer_business_id;title\n{employer.business_id};Kokki\n"
    result = import_csv(actor=coordinator, organisation=rovaniemi, raw=raw.encode())
    assert result.created[0].title == "Kokki"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"title\nKokki\n", "missing columns: employer_business_id"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"", "empty"),
        (HEADER.encode(), "no vacancies"),
    ],
)
def test_an_unreadable_csv_is_reported(coordinator, rovaniemi, raw, message):
    with pytest.raises(ImportFailed, match=message):
        import_csv(actor=coordinator, organisation=rovaniemi, raw=raw)
