"""The service catalogue pages: every member reads it; an organisation's admins keep its own
types; the shared catalogue is read-only and another organisation's types are invisible."""

import pytest
from django.urls import reverse

from kohtaamo.audit.models import AuditEvent
from kohtaamo.paths.models import ServiceType

pytestmark = pytest.mark.django_db

NEW_TYPE = {
    "code": "ski_resort_coaching",
    "name_fi": "Rinnetyön valmennus",
    "name_sv": "Coachning för backarbete",
    "name_en": "Ski resort work coaching",
    "description_fi": "Valmennus rinnetöihin.",
    "description_sv": "Coachning för backarbete.",
    "description_en": "Coaching for work at ski resorts.",
    "provider_kinds": ["municipality"],
    "eligible_groups": ["under_30"],
    "typical_duration_days": "20",
    "is_active": "on",
}


def own_type(organisation, code="ski_resort_coaching") -> ServiceType:
    return ServiceType.objects.create(
        organisation=organisation,
        code=code,
        **{k: v for k, v in NEW_TYPE.items() if k.startswith(("name_", "description_"))},
    )


def test_members_read_the_shared_catalogue(login, in_english):
    response = login("kemi.coordinator").get(reverse("www:service_catalogue"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Pay subsidy" in page and "long-term unemployed (12+ months)" in page
    assert reverse("www:service_type_add") not in page  # not an admin


def test_an_admin_adds_a_type_of_their_own_organisation(login, rovaniemi):
    response = login("rovaniemi.admin").post(reverse("www:service_type_add"), NEW_TYPE)
    assert response.status_code == 302
    service = ServiceType.objects.get(code="ski_resort_coaching")
    assert service.organisation == rovaniemi
    assert service.eligible_groups == ["under_30"] and service.typical_duration_days == 20
    assert AuditEvent.objects.filter(object_type="paths.servicetype").exists()


def test_a_coordinator_may_not_edit_the_catalogue(login, rovaniemi):
    service = own_type(rovaniemi)
    browser = login("rovaniemi.coach")
    assert browser.get(reverse("www:service_type_add")).status_code == 404
    edit = reverse("www:service_type_edit", kwargs={"code": service.code})
    assert browser.post(edit, NEW_TYPE | {"name_fi": "x"}).status_code == 404


def test_an_admin_edits_own_types_only(login, rovaniemi, kemi):
    service = own_type(rovaniemi)
    own_type(kemi, code="kemi_only")
    browser = login("rovaniemi.admin")
    edit = reverse("www:service_type_edit", kwargs={"code": service.code})
    response = browser.post(edit, NEW_TYPE | {"name_fi": "Rinnetyövalmennus"})
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.name_fi == "Rinnetyövalmennus"
    for code in ("work_trial", "kemi_only"):  # shared: read-only; Kemi's: invisible
        assert (
            browser.get(reverse("www:service_type_edit", kwargs={"code": code})).status_code == 404
        )
    assert "kemi_only" not in browser.get(reverse("www:service_catalogue")).content.decode()


def test_a_code_already_in_the_catalogue_is_refused_with_a_summary(login, in_english):
    response = login("rovaniemi.admin").post(
        reverse("www:service_type_add"), NEW_TYPE | {"code": "work_trial"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_code"' in page and "already in use" in page
