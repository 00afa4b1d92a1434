"""The vacancy pages: who sees what, the form in its four uses, the import page."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kohtaamo.audit.models import AuditEvent
from kohtaamo.mappings.models import CompetenceMapping
from kohtaamo.vacancies.models import Vacancy
from tests.mappings.factories import (
    EXCAVATOR_OPERATOR,
    CompetenceMappingFactory,
    CompetenceNeedFactory,
    PlannedHireFactory,
    occupation,
)
from tests.vacancies.factories import (
    DRIVING_LICENCE_B,
    NURSE,
    OPERATE_FORKLIFT,
    SAFETY_CARD,
    VacancyCompetenceFactory,
    VacancyFactory,
)

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "testTMTResponse.json"
ENGLISH = {"django_language": "en"}
AD = (
    "Haemme kokenutta maanrakennuskoneenkuljettajaa, työturvallisuuskortti ja B-ajokortti "
    "vaaditaan, ruotsin kielen taito eduksi"
)


@pytest.fixture
def company(login):
    return login("rovaniemi.company")


def form_data(employer, **extra):
    data = {
        "employer": str(employer.public_id),
        "title": "Kaivinkoneenkuljettaja",
        "description": "",
        "municipality": "698",
        "working_time": "full",
        "permanence": "seasonal",
        "openings": "2",
        "status": "open",
        "occupation": EXCAVATOR_OPERATOR,
        "start_date": "2025-05-01",
        "end_date": "2025-10-31",
        "competence_uri": [SAFETY_CARD, OPERATE_FORKLIFT],
        "competence_requirement": ["mandatory", "optional"],
        "competence_importance": ["3", "1"],
        "language_code": ["sv", ""],
        "language_level": ["B1", ""],
        "language_requirement": ["advantage", "required"],
        "action": "save",
    }
    data.update(extra)
    return data


# -- the list ------------------------------------------------------------------------------------


def test_list_shows_open_vacancies_to_other_organisations_but_not_drafts(login, employer):
    open_one = VacancyFactory(employer=employer, title="Avoin paikka")
    draft = VacancyFactory(employer=employer, title="Luonnos", draft=True)
    body = login("kemi.company").get(reverse("www:vacancies"), {"employer": employer.name})
    text = body.content.decode()
    assert open_one.get_absolute_url() in text
    assert draft.get_absolute_url() not in text


def test_list_filters_by_status_municipality_occupation_and_employer(company, employer):
    wanted = VacancyFactory(
        employer=employer, title="Kuljettaja", occupation=occupation(EXCAVATOR_OPERATOR)
    )
    VacancyFactory(employer=employer, title="Hoitaja", occupation=occupation(NURSE))
    VacancyFactory(employer=employer, title="Kuljettaja 2", closed=True)
    response = company.get(
        reverse("www:vacancies"),
        {
            "status": "open",
            "municipality": "698",
            "occupation": "kaivinkone",
            "employer": str(employer.public_id),
        },
    )
    assert list(response.context["page"]) == [wanted]


def test_list_query_count_does_not_grow_with_the_page(company, employer):
    def count():
        with CaptureQueriesContext(connection) as queries:
            company.get(reverse("www:vacancies"), {"employer": str(employer.public_id)})
        return len(queries)

    VacancyFactory(employer=employer, occupation=occupation(NURSE))
    few = count()
    for _ in range(10):
        VacancyFactory(employer=employer, occupation=occupation(EXCAVATOR_OPERATOR))
    assert count() == few
    assert few <= 14


def test_list_pages(company, employer):
    for _ in range(27):
        VacancyFactory(employer=employer)
    response = company.get(reverse("www:vacancies"), {"employer": str(employer.public_id)})
    assert response.context["page"].paginator.num_pages == 2
    assert "page=2" in response.content.decode()


def test_analyst_sees_an_empty_list(login, employer):
    VacancyFactory(employer=employer)
    response = login("ely.analyst").get(reverse("www:vacancies"))
    assert response.context["page"].paginator.count == 0


# -- one vacancy ---------------------------------------------------------------------------------


def test_detail_groups_competences_and_marks_mandatory_licences(company, employer):
    vacancy = VacancyFactory(
        employer=employer,
        occupation=occupation(EXCAVATOR_OPERATOR),
        languages=[{"code": "sv", "level": "B1", "mandatory": False}],
    )
    VacancyCompetenceFactory(vacancy=vacancy, uri=SAFETY_CARD, kind="licence", mandatory=True)
    VacancyCompetenceFactory(vacancy=vacancy, uri=OPERATE_FORKLIFT, essential=False)
    company.cookies.load(ENGLISH)
    response = company.get(vacancy.get_absolute_url())
    assert [c.label for c in response.context["essential"]] == ["Occupational safety card"]
    assert [c.label for c in response.context["optional"]] == ["operate forklift"]
    body = response.content.decode()
    assert "tag-mandatory" in body
    assert "Swedish, B1" in body
    assert response.context["occupation_label"] == "excavator operator"
    assert 'id="edit-vacancy"' in body


def test_other_organisations_see_an_open_vacancy_without_edit_buttons(login, employer):
    vacancy = VacancyFactory(employer=employer)
    response = login("kemi.company").get(vacancy.get_absolute_url())
    assert response.status_code == 200
    assert 'id="edit-vacancy"' not in response.content.decode()
    assert (
        login("kemi.company").get(reverse("www:vacancy_edit", args=[vacancy.public_id])).status_code
        == 404
    )


def test_a_draft_is_404_for_other_organisations_and_analysts(login, employer):
    draft = VacancyFactory(employer=employer, draft=True)
    assert login("kemi.company").get(draft.get_absolute_url()).status_code == 404
    assert login("ely.analyst").get(draft.get_absolute_url()).status_code == 404
    assert login("rovaniemi.company").get(draft.get_absolute_url()).status_code == 200


def test_status_change_is_audited(company, employer):
    vacancy = VacancyFactory(employer=employer)
    url = reverse("www:vacancy_status", args=[vacancy.public_id])
    response = company.post(url, {"status": "filled"})
    assert response.status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.status == "filled"
    assert AuditEvent.objects.for_object(vacancy).get().detail == {"status": ["open", "filled"]}


def test_status_change_by_another_organisation_is_404(login, employer):
    vacancy = VacancyFactory(employer=employer)
    url = reverse("www:vacancy_status", args=[vacancy.public_id])
    assert login("kemi.company").post(url, {"status": "closed"}).status_code == 404
    vacancy.refresh_from_db()
    assert vacancy.status == "open"


# -- the form ------------------------------------------------------------------------------------


def test_create_form_prefills_the_employer(company, employer):
    url = reverse("www:vacancy_create") + f"?employer={employer.public_id}"
    response = company.get(url)
    assert response.status_code == 200
    assert response.context["form"]["employer"].value() == employer.public_id


def test_create_saves_the_vacancy(company, employer):
    response = company.post(reverse("www:vacancy_create"), form_data(employer))
    vacancy = Vacancy.objects.get(employer=employer)
    assert response.url == vacancy.get_absolute_url()
    assert (vacancy.occupation.uri, vacancy.permanence, vacancy.openings) == (
        EXCAVATOR_OPERATOR,
        "seasonal",
        2,
    )
    found = {c.uri: (c.essential, c.mandatory, c.importance) for c in vacancy.competences.all()}
    assert found == {SAFETY_CARD: (True, True, 3), OPERATE_FORKLIFT: (False, False, 1)}
    assert vacancy.languages == [{"code": "sv", "level": "B1", "mandatory": False}]
    assert vacancy.source == "manual"


def test_ticked_search_results_are_added_and_removed_rows_dropped(company, employer):
    data = form_data(employer, add=[DRIVING_LICENCE_B])
    data["competence_requirement"] = ["mandatory", "remove"]
    company.post(reverse("www:vacancy_create"), data)
    vacancy = Vacancy.objects.get(employer=employer)
    assert {c.uri for c in vacancy.competences.all()} == {SAFETY_CARD, DRIVING_LICENCE_B}


def test_errors_are_summarised_and_nothing_is_saved(company, employer):
    data = form_data(employer, title="", end_date="2025-01-01")
    response = company.post(reverse("www:vacancy_create"), data)
    assert response.status_code == 200
    anchors = [anchor for anchor, _ in response.context["summary"]]
    assert "id_title" in anchors
    assert not Vacancy.objects.filter(employer=employer).exists()
    body = response.content.decode()
    assert 'id="error-summary"' in body and 'aria-invalid="true"' in body


def test_a_service_error_names_the_competence(company, employer):
    bad = "http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000"
    data = form_data(employer, competence_uri=[bad], competence_requirement=["essential"])
    data["competence_importance"] = ["2"]
    response = company.post(reverse("www:vacancy_create"), data)
    assert any(bad in message for _, message in response.context["summary"])
    assert not Vacancy.objects.filter(employer=employer).exists()


def test_the_search_button_shows_results_without_saving(company, employer):
    data = form_data(employer, action="search", competence_q="trukki", title="")
    response = company.post(reverse("www:vacancy_create"), data)
    assert response.status_code == 200
    assert response.context["summary"] == []
    hits = [hit.uri for hit in response.context["editor"].competence_hits]
    assert "urn:kohtaamo:licence:trukkikortti" in hits
    assert 'name="add"' in response.content.decode()
    assert not Vacancy.objects.filter(employer=employer).exists()


def test_live_search_returns_only_the_results(company):
    response = company.get(
        reverse("www:vacancy_search"),
        {"occupation_q": "kaivinkone"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert "<html" not in body
    assert 'type="radio" name="occupation"' in body
    assert EXCAVATOR_OPERATOR in body


def test_edit_updates_the_vacancy(company, employer):
    vacancy = VacancyFactory(employer=employer, title="Vanha")
    data = form_data(employer, title="Uusi")
    response = company.post(reverse("www:vacancy_edit", args=[vacancy.public_id]), data)
    assert response.status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.title == "Uusi"
    assert vacancy.competences.count() == 2
    assert vacancy.status == "open"  # the status has its own buttons


def test_from_text_prefills_the_form(company, employer):
    response = company.post(
        reverse("www:vacancy_from_text"),
        {"text": AD, "lang": "fi", "employer": str(employer.public_id)},
    )
    editor = response.context["editor"]
    assert editor.occupation == EXCAVATOR_OPERATOR
    uris = {c.uri: c for c in editor.competences}
    assert uris[SAFETY_CARD].mandatory and uris[DRIVING_LICENCE_B].mandatory
    assert response.context["action"] == reverse("www:vacancy_create")
    body = response.content.decode()
    assert 'name="source" value="text"' in body
    assert not Vacancy.objects.filter(employer=employer).exists()


def test_saving_a_text_draft_records_the_source(company, employer):
    company.post(reverse("www:vacancy_create"), form_data(employer, source="text"))
    assert Vacancy.objects.get(employer=employer).source == "text"


def test_from_hire_prefills_and_saves_with_the_mapping(company, employer, rovaniemi):
    mapping = CompetenceMappingFactory(employer=employer, organisation=rovaniemi, finished=True)
    hire = PlannedHireFactory(mapping=mapping, occupation=occupation(EXCAVATOR_OPERATOR), count=4)
    CompetenceNeedFactory(mapping=mapping, uri=SAFETY_CARD, kind="licence", importance=3)
    url = reverse("www:vacancy_from_hire", args=[mapping.public_id, hire.pk])

    response = company.get(url)
    assert response.context["form"]["openings"].value() == 4
    assert SAFETY_CARD in [c.uri for c in response.context["editor"].competences]

    data = form_data(employer)
    data.pop("employer")
    assert company.post(url, data).status_code == 302
    vacancy = Vacancy.objects.get(employer=employer)
    assert (vacancy.source, vacancy.mapping) == ("mapping", mapping)


def test_from_hire_of_another_organisations_mapping_is_404(login, employer, rovaniemi):
    mapping = CompetenceMappingFactory(employer=employer, organisation=rovaniemi, finished=True)
    hire = PlannedHireFactory(mapping=mapping, occupation=occupation(EXCAVATOR_OPERATOR))
    url = reverse("www:vacancy_from_hire", args=[mapping.public_id, hire.pk])
    assert login("kemi.company").get(url).status_code == 404


def test_from_hire_of_a_draft_mapping_is_404(company, employer, rovaniemi):
    mapping = CompetenceMappingFactory(employer=employer, organisation=rovaniemi)
    hire = PlannedHireFactory(mapping=mapping, occupation=occupation(EXCAVATOR_OPERATOR))
    assert CompetenceMapping.objects.filter(pk=mapping.pk, status="draft").exists()
    url = reverse("www:vacancy_from_hire", args=[mapping.public_id, hire.pk])
    assert company.get(url).status_code == 404


@pytest.mark.parametrize("name", ["vacancy_create", "vacancy_from_text", "vacancy_import"])
def test_creating_pages_are_404_for_an_analyst(login, name):
    assert login("ely.analyst").get(reverse(f"www:{name}")).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        reverse("www:vacancies"),
        reverse("www:vacancy_create"),
        reverse("www:vacancy_from_text"),
        reverse("www:vacancy_import"),
    ],
)
def test_anonymous_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("www:login"))


# -- import --------------------------------------------------------------------------------------


def upload(name: str, content: bytes):
    return SimpleUploadedFile(name, content)


def test_import_page_imports_the_sample(company):
    response = company.post(
        reverse("www:vacancy_import"), {"file": upload("ads.json", SAMPLE.read_bytes())}
    )
    [vacancy] = response.context["result"].created
    assert vacancy.occupation.uri == NURSE
    body = response.content.decode()
    assert vacancy.get_absolute_url() in body
    assert "AAAABBBB-4" in body


def test_import_page_lists_the_problems_of_a_bad_csv(company, employer):
    raw = (
        "employer_business_id,title,occupation\n"
        f"{employer.business_id},Hyvä,{EXCAVATOR_OPERATOR}\n"
        f"{employer.business_id},Huono,{OPERATE_FORKLIFT}\n"
    ).encode()
    response = company.post(reverse("www:vacancy_import"), {"file": upload("v.csv", raw)})
    assert [where for where, _ in response.context["problems"]] == ["row 3"]
    assert 'id="problem-table"' in response.content.decode()
    assert not Vacancy.objects.filter(employer=employer).exists()


def test_import_page_reports_malformed_json(company):
    response = company.post(
        reverse("www:vacancy_import"), {"file": upload("ads.json", b'{"ilmoitukset": [')}
    )
    assert response.context["problems"][0][0] == "$"


def test_the_vacancy_says_whether_a_missing_mandatory_requirement_excludes_a_candidate(
    company, employer
):
    data = form_data(employer, title="Kokki, joustava", exclude_on_missing_mandatory="False")
    company.post(reverse("www:vacancy_create"), data)
    assert Vacancy.objects.get(title="Kokki, joustava").exclude_on_missing_mandatory is False
    company.post(reverse("www:vacancy_create"), form_data(employer, title="Kokki, tiukka"))
    assert Vacancy.objects.get(title="Kokki, tiukka").exclude_on_missing_mandatory is True
