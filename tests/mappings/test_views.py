"""The mapping pages: access, the guided form, the finished view, the report and its PDF."""

import io

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.competences.enums import Importance
from kohtaamo.employers.enums import ReportLanguage
from kohtaamo.mappings import services
from kohtaamo.mappings.enums import Horizon, NeedPurpose, NeedSource, Support
from kohtaamo.www.mappings.forms import MappingEditor
from tests.employers.factories import EmployerFactory
from tests.mappings.factories import (
    EXCAVATOR_OPERATOR,
    OPERATE_EXCAVATOR,
    SAFETY_CARD,
    occupation,
)

pytestmark = pytest.mark.django_db

EN = {"django_language": "en"}


def answers(**changes):
    excavator = occupation(EXCAVATOR_OPERATOR)
    data = services.MappingAnswers(
        visit_date="2025-03-12",
        workforce=[services.WorkforceRow(excavator, 4, "kaivinkonekuski")],
        planned_hires=[services.HireRow(excavator, 3, Horizon.SIX_MONTHS, seasonal=True)],
        needs=[
            services.NeedRow(SAFETY_CARD, Importance.ESSENTIAL),
            services.NeedRow(OPERATE_EXCAVATOR, horizon=Horizon.ONE_TO_THREE_YEARS),
        ],
        offers_apprenticeships=True,
        unknown_support=[Support.PAY_SUBSIDY],
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


@pytest.fixture
def filled(coordinator, draft):
    return services.save_draft(actor=coordinator, mapping=draft, data=answers())


@pytest.fixture
def finished(coordinator, filled):
    return services.finish_mapping(actor=coordinator, mapping=filled)


def url(name, mapping):
    return reverse(f"www:{name}", kwargs={"public_id": mapping.public_id})


def post_data(mapping, **extra) -> dict:
    """What the browser would send for the draft as stored, plus `extra`."""
    editor = MappingEditor(mapping)
    data = {}
    for form in [
        editor.form,
        editor.free_text,
        *(fs.management_form for fs in (editor.workforce, editor.hires, editor.needs)),
        *editor.workforce.forms,
        *editor.hires.forms,
        *editor.needs.forms,
    ]:
        for field in form:
            value = field.value()
            if isinstance(field.field, forms.BooleanField):
                if value:
                    data[field.html_name] = "on"
            elif value is not None:
                data[field.html_name] = value
    data.update(extra)
    return data


# Access (deliverable 6) ------------------------------------------------------------------


PAGES = ["mapping", "mapping_report", "mapping_report_pdf"]


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_is_sent_to_login(client, finished, name):
    response = client.get(url(name, finished))
    assert response.status_code == 302
    assert response.url.startswith(reverse("www:login"))


@pytest.mark.parametrize("name", PAGES)
def test_company_coordinator_of_another_organisation_gets_404(login, finished, name):
    assert login("kemi.company").get(url(name, finished)).status_code == 404


@pytest.mark.parametrize("name", PAGES)
def test_regional_analyst_gets_404(login, finished, name):
    assert login("ely.analyst").get(url(name, finished)).status_code == 404


@pytest.mark.parametrize("name", PAGES)
def test_company_coordinator_of_the_organisation_sees_it(login, finished, name):
    assert login("rovaniemi.company").get(url(name, finished)).status_code == 200


def test_a_shared_employer_is_open_to_both_organisations(login, coordinator, finished, kemi):
    finished.employer.partnerships.create(organisation=kemi)
    assert login("kemi.company").get(url("mapping", finished)).status_code == 200


@pytest.mark.parametrize("name", ["mapping", "mapping_finish"])
def test_outsider_cannot_post_to_a_draft(login, filled, name):
    response = login("kemi.company").post(url(name, filled), post_data(filled))
    assert response.status_code == 404
    filled.refresh_from_db()
    assert filled.is_draft


@pytest.mark.parametrize("name", ["mapping_need_search", "mapping_occupations"])
def test_outsider_gets_404_from_the_live_searches(login, draft, name):
    assert login("kemi.company").get(url(name, draft), {"q_hires": "trukki"}).status_code == 404


def test_outsider_cannot_revise_or_start(login, finished):
    client = login("kemi.company")
    assert client.post(url("mapping_revise", finished)).status_code == 404
    start = reverse("www:mapping_create", kwargs={"public_id": finished.employer.public_id})
    assert client.post(start).status_code == 404
    assert finished.employer.mappings.count() == 1


# The guided form ------------------------------------------------------------------------


def test_start_creates_a_draft_and_opens_it(login, employer):
    response = login("rovaniemi.company").post(
        reverse("www:mapping_create", kwargs={"public_id": employer.public_id})
    )
    mapping = employer.mappings.get()
    assert response.status_code == 302
    assert response.url == mapping.get_absolute_url()
    assert mapping.is_draft and mapping.organisation.name.startswith("Rovaniemen")


def test_draft_page_has_the_sections_in_order_with_a_step_list(login, filled):
    body = login("rovaniemi.company").get(url("mapping", filled)).content.decode()
    sections = [
        "visit",
        "workforce",
        "hires",
        "needs",
        "staff",
        "willingness",
        "support",
        "notes",
    ]
    positions = [body.index(f'<fieldset id="section-{s}"') for s in sections]
    assert positions == sorted(positions)
    for s in sections:
        assert f'href="#section-{s}"' in body
    assert 'value="kaivinkonekuski"' in body
    assert 'type="date" name="visit_date" value="2025-03-12"' in body
    assert body.count("<legend><h2>") == len(sections)


def test_saving_resolves_a_job_title_and_keeps_every_answer(login, filled):
    data = post_data(
        filled,
        **{
            "workforce-1-title": "kaivinkoneenkuljettaja",
            "workforce-1-count": "2",
            "workforce-1-note": "talvella",
            "notes": "Soita maaliskuussa.",
            "action": "save",
        },
    )
    response = login("rovaniemi.company").post(url("mapping", filled), data)
    assert response.status_code == 302
    assert response.url.endswith("#mapping-form")
    rows = list(filled.workforce.order_by("id"))
    assert [(r.title, r.count, r.occupation.uri) for r in rows] == [
        ("kaivinkonekuski", 4, EXCAVATOR_OPERATOR),
        ("kaivinkoneenkuljettaja", 2, EXCAVATOR_OPERATOR),
    ]
    filled.refresh_from_db()
    assert filled.notes == "Soita maaliskuussa."
    assert filled.offers_apprenticeships
    assert filled.needs.count() == 2


def test_a_row_is_removed_with_its_checkbox(login, filled):
    data = post_data(filled, **{"hires-0-DELETE": "on"})
    login("rovaniemi.company").post(url("mapping", filled), data)
    assert not filled.planned_hires.exists()
    assert filled.workforce.exists()


def test_errors_are_summarised_and_nothing_typed_is_lost(login, filled):
    data = post_data(
        filled,
        **{"hires-1-title": "kaivinkoneenkuljettaja", "notes": "Tärkeä muistiinpano"},
    )
    response = login(
        "rovaniemi.company",
    ).post(url("mapping", filled), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="error-summary"' in body
    assert 'href="#id_hires-1-count"' in body
    assert "Tärkeä muistiinpano" in body
    assert 'value="kaivinkoneenkuljettaja"' in body
    filled.refresh_from_db()
    assert filled.notes == ""  # nothing half-written


def test_a_title_that_matches_nothing_is_named(login, filled):
    data = post_data(filled, **{"workforce-1-title": "zzqxv", "workforce-1-count": "1"})
    response = login("rovaniemi.company").post(url("mapping", filled), data, cookies=EN)
    assert response.status_code == 400
    assert "zzqxv" in response.content.decode()
    assert 'href="#id_workforce-1-title"' in response.content.decode()


def test_search_without_javascript_lists_results_to_check(login, filled):
    body = (
        login("rovaniemi.company")
        .get(url("mapping", filled), {"q_hires": "trukki"})
        .content.decode()
    )
    assert 'name="add_hires" value="urn:kohtaamo:licence:trukkikortti"' in body


def test_live_search_answers_with_the_results_only(login, filled):
    response = login("rovaniemi.company").get(
        url("mapping_need_search", filled),
        {"purpose": "staff", "q_staff": "trukki"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert "<html" not in body
    assert 'name="add_staff" value="urn:kohtaamo:licence:trukkikortti"' in body


def test_live_occupation_options_follow_the_job_title(login, filled):
    response = login("rovaniemi.company").get(
        url("mapping_occupations", filled), {"workforce-0-title": "kaivinkoneenkuljettaja"}
    )
    body = response.content.decode()
    assert f'<option value="{EXCAVATOR_OPERATOR}" selected>' in body


def test_checked_search_results_become_needs_of_their_section(login, filled):
    forklift = "urn:kohtaamo:licence:trukkikortti"
    data = post_data(
        filled, add_staff=[forklift], add_hires=[SAFETY_CARD], action="add_staff", q_staff="trukki"
    )
    response = login("rovaniemi.company").post(url("mapping", filled), data)
    assert response.url.endswith("?q_staff=trukki#section-staff")
    assert filled.needs.filter(uri=SAFETY_CARD).count() == 1  # it was there already
    need = filled.needs.get(uri=forklift)
    assert (need.purpose, need.source, need.kind) == (
        NeedPurpose.STAFF,
        NeedSource.SEARCH,
        "licence",
    )


def test_an_unknown_uri_is_named_in_the_error_summary(login, filled):
    bad = "urn:kohtaamo:licence:no-such-card"
    response = login("rovaniemi.company").post(
        url("mapping", filled), post_data(filled, add_hires=[bad], action="add_hires")
    )
    assert response.status_code == 400
    assert bad in response.content.decode()
    assert not filled.needs.filter(uri=bad).exists()


def test_free_text_suggests_then_adds_the_checked(login, filled):
    client = login("rovaniemi.company")
    text = "Vaatimuksena työturvallisuuskortti ja C-ajokortti. Hygieniapassi on eduksi."
    response = client.post(
        url("mapping", filled), post_data(filled, text=text, text_lang="fi", action="suggest")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="text_uri" value="urn:kohtaamo:licence:ajokortti-c" id="text-uri-' in body
    assert text in body  # the text stays for the next step
    assert not filled.needs.filter(uri="urn:kohtaamo:licence:ajokortti-c").exists()

    data = post_data(
        filled,
        text=text,
        text_lang="fi",
        text_uri=["urn:kohtaamo:licence:ajokortti-c", "urn:kohtaamo:licence:hygieniapassi"],
        action="add_text",
    )
    client.post(url("mapping", filled), data)
    added = {n.uri: n for n in filled.needs.filter(source=NeedSource.TEXT)}
    assert added["urn:kohtaamo:licence:ajokortti-c"].importance == Importance.ESSENTIAL
    assert added["urn:kohtaamo:licence:hygieniapassi"].importance == Importance.USEFUL
    assert filled.needs.filter(uri=SAFETY_CARD).count() == 1


def test_finish_saves_and_finishes(login, filled):
    data = post_data(filled, notes="Viimeinen sana")
    response = login("rovaniemi.company").post(url("mapping_finish", filled), data)
    filled.refresh_from_db()
    assert response.status_code == 302
    assert (filled.version, filled.notes) == (1, "Viimeinen sana")
    assert AuditEvent.objects.filter(
        object_id=str(filled.public_id), action=AuditAction.UPDATE, detail__status="finished"
    ).exists()


@pytest.mark.usefixtures("in_english")
def test_finishing_an_empty_draft_says_why_and_keeps_the_draft(login, draft):
    data = post_data(draft, notes="Käynti peruttiin")
    response = login("rovaniemi.company").post(url("mapping_finish", draft), data, cookies=EN)
    draft.refresh_from_db()
    assert response.status_code == 400
    assert "at least one" in response.content.decode()
    assert draft.is_draft
    assert draft.notes == "Käynti peruttiin"  # saved all the same


def test_a_finished_mapping_refuses_edits_through_the_form(login, finished):
    data = post_data(finished, notes="muutettu", **{"hires-0-DELETE": "on"})
    for name in ("mapping", "mapping_finish"):
        response = login("rovaniemi.company").post(url(name, finished), data)
        assert response.status_code == 302
    finished.refresh_from_db()
    assert finished.notes == ""
    assert finished.planned_hires.exists()


def test_finished_page_is_read_only_with_report_links_and_history(login, finished):
    body = login("rovaniemi.company").get(url("mapping", finished)).content.decode()
    assert 'id="mapping-form"' not in body
    assert url("mapping_report", finished) in body
    assert url("mapping_report_pdf", finished) in body
    assert url("mapping_revise", finished) in body
    assert 'aria-current="page"' in body and "history-heading" in body


def test_planned_hires_of_a_finished_mapping_lead_to_a_vacancy(login, finished):
    body = login("rovaniemi.company").get(url("mapping", finished)).content.decode()
    hire = finished.planned_hires.get()
    vacancy = reverse(
        "www:vacancy_from_hire", kwargs={"public_id": finished.public_id, "hire_id": hire.pk}
    )
    assert f'href="{vacancy}"' in body


def test_revise_opens_a_new_draft(login, finished):
    response = login("rovaniemi.company").post(url("mapping_revise", finished))
    draft = finished.employer.mappings.get(status="draft")
    assert response.url == draft.get_absolute_url()
    assert draft.previous == finished


MORE_NEEDS = [
    services.NeedRow(f"urn:kohtaamo:licence:{code}") for code in ("ea1", "hygieniapassi", "ea2")
]


def queries_of(client, mapping) -> int:
    client.get(url("mapping", mapping))  # warm the per-process caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url("mapping", mapping)).status_code == 200
    return len(captured.captured_queries)


def test_the_finished_page_does_not_query_per_row(login, coordinator, finished):
    client = login("rovaniemi.company")
    few = queries_of(client, finished)
    draft = services.revise_mapping(actor=coordinator, mapping=finished)
    more = answers(
        needs=answers().needs + MORE_NEEDS,
        workforce=answers().workforce * 3,
        planned_hires=answers().planned_hires * 3,
    )
    services.save_draft(actor=coordinator, mapping=draft, data=more)
    services.finish_mapping(actor=coordinator, mapping=draft)
    assert queries_of(client, draft) == few <= 20


def test_the_draft_page_does_not_query_per_need(login, coordinator, filled):
    client = login("rovaniemi.company")
    few = queries_of(client, filled)
    services.save_draft(
        actor=coordinator, mapping=filled, data=answers(needs=answers().needs + MORE_NEEDS)
    )
    assert queries_of(client, filled) == few <= 30


# The report -----------------------------------------------------------------------------


def pdf_text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    reader = PdfReader(io.BytesIO(content))
    return " ".join(page.extract_text() for page in reader.pages)


def test_report_page_shows_the_needs_and_is_audited(login, finished):
    response = login("rovaniemi.company").get(url("mapping_report", finished))
    body = response.content.decode()
    assert "Työturvallisuuskortti" in body
    assert "käyttää kaivinkonetta" in body.lower()
    assert "kaivinkoneenkuljettaja" in body.lower()
    assert '<article class="report" lang="fi">' in body
    assert AuditEvent.objects.filter(
        object_id=str(finished.public_id), action=AuditAction.VIEW
    ).exists()


def test_a_draft_has_no_report(login, filled):
    assert login("rovaniemi.company").get(url("mapping_report", filled)).status_code == 404


def test_report_pdf_contains_the_companys_needs(login, finished):
    response = login("rovaniemi.company").get(url("mapping_report_pdf", finished))
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = pdf_text(response)
    assert "Lapin Maansiirto Oy" in text
    assert "Työturvallisuuskortti" in text  # the needed licence
    assert "käyttää kaivinkonetta" in text.lower()  # the needed skill
    assert "kaivinkoneenkuljettaja" in text.lower()  # the planned occupation
    assert AuditEvent.objects.filter(
        object_id=str(finished.public_id), action=AuditAction.EXPORT, detail__report="pdf"
    ).exists()


def test_report_pdf_is_in_the_companys_language(login, coordinator, rovaniemi):
    swedish = EmployerFactory(partners=[rovaniemi], language=ReportLanguage.SV)
    mapping = services.start_mapping(actor=coordinator, employer=swedish, organisation=rovaniemi)
    services.save_draft(actor=coordinator, mapping=mapping, data=answers())
    services.finish_mapping(actor=coordinator, mapping=mapping)

    client = login("rovaniemi.company")
    text = pdf_text(client.get(url("mapping_report_pdf", mapping)))
    assert "Arbetarskyddskort" in text
    assert "använda grävmaskin" in text.lower()
    assert "grävmaskinsförare" in text.lower()
    assert "Työturvallisuuskortti" not in text
    body = client.get(url("mapping_report", mapping)).content.decode()
    assert '<article class="report" lang="sv">' in body
    assert '<html lang="fi">' in body  # the coordinator's own interface stays Finnish


# On the employer's page ------------------------------------------------------------------


def test_employer_page_lists_the_versions_and_offers_a_new_one(login, finished):
    employer_url = reverse("www:employer", kwargs={"public_id": finished.employer.public_id})
    body = login("rovaniemi.company").get(employer_url).content.decode()
    assert finished.get_absolute_url() in body
    assert url("mapping_report_pdf", finished) in body
    start = reverse("www:mapping_create", kwargs={"public_id": finished.employer.public_id})
    assert f'action="{start}"' in body


def test_employer_page_leads_to_the_open_draft(login, filled):
    employer_url = reverse("www:employer", kwargs={"public_id": filled.employer.public_id})
    body = login("rovaniemi.company").get(employer_url).content.decode()
    assert f'href="{filled.get_absolute_url()}"' in body
    assert (
        reverse("www:mapping_create", kwargs={"public_id": filled.employer.public_id}) not in body
    )
