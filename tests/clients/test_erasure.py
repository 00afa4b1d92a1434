"""Erasure: no name, contact or free text of the person is left anywhere in the database; the
anonymous statistics stay; only an admin of the owner organisation may erase."""

import json
import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from kohtaamo.accounts.models import ApiToken, User
from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.clients import consents, erasure
from kohtaamo.clients.models import Client, ClientCompetence, ClientLanguage, WorkHistoryEntry
from kohtaamo.taxonomy.models import Concept
from tests.clients.factories import ClientCompetenceFactory, ClientFactory

pytestmark = pytest.mark.django_db

COOK = "http://data.europa.eu/esco/occupation/90f75f67-495d-49fa-ab57-2f320e251d7e"
SKILL = "urn:kohtaamo:licence:hygienepassi"
PASSWORD = "Zörbulonin-salasana-2024"
PERSON = {
    "first_name": "Zörbulon",
    "last_name": "Quaxleyson",
    "email": "zorbulon.quax@example.fi",
    "phone": "+358 40 987 6543",
    "identity_code": "010190-987X",
}
FREE_TEXTS = {
    "note": "Haluaa purppuravirtahepo-kurssille keväällä.",
    "strengths_counsellor": "Sinnikäs tuulimyllyrakentaja.",
    "strengths_own": "Osaan leipoa kanelikierrepullia.",
    "development_counsellor": "Tarvitsee tukea lumikenkäjuoksussa.",
    "development_own": "Haluan oppia ruotsia lisää.",
}
EVIDENCE = "Työskenteli Revontulikeittiössä kokkina kolme talvea."
EMPLOYER = "Ravintola Kuukkeli-Xyloph Oy"
JOB_TITLE = "Yövuoron pizzaiolo-mestari"
USERNAME = "zorbulon.quax"
SECRETS = [
    *PERSON.values(),
    "987 6543",
    "purppuravirtahepo",
    "tuulimyllyrakentaja",
    "kanelikierrepullia",
    "lumikenkäjuoksussa",
    "Revontulikeittiö",
    "Kuukkeli-Xyloph",
    "pizzaiolo-mestari",
    USERNAME,
    "Zörbulonin puhelin",
]
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


@pytest.fixture
def person(rovaniemi, kemi, user, client):
    """A job seeker with everything filled in, a login with an open session and an API
    token, a consent to Kemi, an admin log entry and audit events that point to them."""
    login = User.objects.create_user(
        username=USERNAME,
        password=PASSWORD,
        email=PERSON["email"],
        first_name=PERSON["first_name"],
        last_name=PERSON["last_name"],
    )
    seeker = ClientFactory(
        organisation=rovaniemi,
        user=login,
        birth_year=1990,
        gender="other",
        education_level="vocational",
        unemployment_start=timezone.localdate() - timedelta(days=500),
        immigrant=True,
        partial_work_ability=True,
        status="in_training",
        responsible=user("rovaniemi.coordinator"),
        commuting_radius_km=70,
        **PERSON,
        **FREE_TEXTS,
    )
    seeker.wished_occupations.add(Concept.objects.get(uri=COOK))
    ClientLanguage.objects.create(client=seeker, code="fi", level="native")
    ClientLanguage.objects.create(client=seeker, code="se", level="B1")
    ClientCompetenceFactory(
        client=seeker, uri=COOK, level=4, source="work_history", evidence=EVIDENCE
    )
    ClientCompetenceFactory(client=seeker, uri=SKILL, kind="licence", source="certificate")
    WorkHistoryEntry.objects.create(
        client=seeker,
        occupation=Concept.objects.get(uri=COOK),
        title=JOB_TITLE,
        employer_name=EMPLOYER,
        years=3,
        ended_year=2023,
    )
    with transaction.atomic():
        consents.give_consent(
            actor=user("rovaniemi.coordinator"),
            client=seeker,
            organisation=kemi,
            scope="full",
            valid_until=timezone.localdate() + timedelta(days=90),
        )
    ApiToken.issue(user=login, name="Zörbulonin puhelin")
    LogEntry.objects.log_actions(
        user_id=user("rovaniemi.admin").pk,
        queryset=[seeker],
        action_flag=CHANGE,
        change_message=f"Changed email of {seeker}",
    )
    assert client.login(username=USERNAME, password=PASSWORD)
    return seeker


def erase(seeker, username="rovaniemi.admin", reason="request"):
    return erasure.erase_client(
        actor=User.objects.get(username=username), client=seeker, reason=reason
    )


def text_hits(needles: list[str], only: set[type[models.Model]] | None = None) -> list[str]:
    """Every text, char and JSON value of every table of the database (or of the `only`
    models) that holds a needle, as "app.Model.field (pk …): text"."""
    pattern = re.compile("|".join(re.escape(n) for n in needles), re.IGNORECASE)
    hits = []
    for model in only or apps.get_models(include_auto_created=True):
        if model._meta.proxy:
            continue
        fields = [f for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS)]
        if not fields:
            continue
        names = [f.attname for f in fields]
        rows = model._base_manager.values_list("pk", *names).iterator(chunk_size=5000)
        for pk, *values in rows:
            for name, value in zip(names, values, strict=True):
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                if pattern.search(text):
                    hits.append(f"{model._meta.label}.{name} (pk {pk}): {text[:80]}")
    return hits


def test_erasure_leaves_no_name_contact_or_free_text_of_the_person_in_the_database(person):
    holders = {Client, ClientCompetence, WorkHistoryEntry, User, ApiToken, LogEntry}
    before = {hit.split(" ")[0].rsplit(".", 1)[0] for hit in text_hits(SECRETS, holders)}
    assert before == {m._meta.label for m in holders}  # the person really is in all of them

    erase(person)

    assert text_hits(SECRETS) == []


def test_the_anonymous_statistics_are_kept(person, kemi):
    erase(person)

    seeker = Client.objects.get(pk=person.pk)
    assert seeker.erased_at is not None
    assert (seeker.first_name, seeker.last_name) == (erasure.ERASED_NAME, erasure.ERASED_NAME)
    assert (seeker.birth_year, seeker.gender, seeker.municipality.code) == (1990, "other", "698")
    assert (seeker.education_level, seeker.status, seeker.commuting_radius_km) == (
        "vocational",
        "in_training",
        70,
    )
    assert seeker.target_groups() == [
        "long_term_unemployed",
        "immigrant",
        "partial_work_ability",
    ]
    assert list(seeker.wished_occupations.values_list("uri", flat=True)) == [COOK]
    assert sorted(seeker.competences.values_list("uri", "level", "source", "evidence")) == [
        (COOK, 4, "work_history", ""),
        (SKILL, 3, "certificate", ""),
    ]
    assert list(seeker.work_history.values_list("occupation__uri", "years", "ended_year")) == [
        (COOK, 3, 2023)
    ]
    assert list(seeker.consents.values_list("organisation", "scope")) == [(kemi.pk, "full")]
    assert not seeker.languages.exists()
    assert seeker.user is None


def test_the_erased_client_disappears_from_every_list(person, user):
    erase(person)

    for username in ("rovaniemi.admin", "rovaniemi.coordinator", "kemi.coordinator"):
        assert (
            not Client.objects.visible_to(user(username), scope="basic")
            .filter(pk=person.pk)
            .exists()
        )


def test_the_job_seekers_login_no_longer_works(person, client):
    login_page = reverse("www:login")
    assert not client.get(reverse("www:home")).url.startswith(login_page)  # logged in

    report = erase(person)

    assert client.get(reverse("www:home")).url.startswith(login_page)  # the session has ended
    assert not client.login(username=USERNAME, password=PASSWORD)
    login = User.objects.get(pk=person.user_id)
    assert not login.is_active
    assert not login.has_usable_password()
    assert login.username.startswith("erased-")
    assert not ApiToken.objects.filter(user=login).exists()
    assert (report.erased["login"], report.erased["sessions"], report.erased["api_tokens"]) == (
        1,
        1,
        1,
    )


def test_one_erase_audit_row_with_counts_and_no_personal_data(person, rovaniemi, user):
    report = erase(person, reason="not_needed")

    event = AuditEvent.objects.for_object(person).get(action=AuditAction.ERASE)
    assert (event.actor, event.organisation) == (user("rovaniemi.admin"), rovaniemi)
    assert event.detail["reason"] == "not_needed"
    assert event.detail["erased"] == {
        "name": 1,
        "note": 1,
        "identity_code": 1,
        "email": 1,
        "phone": 1,
        "strengths_and_development": 4,
        "competence_evidence": 1,
        "work_history_texts": 1,
        "languages": 2,
        "matches": 0,  # never matched (see the next test)
        "path": 0,
        "referrals": 0,
        "environment_periods": 0,
        "event_texts": 0,
        "login": 1,
        "sessions": 1,
        "api_tokens": 1,
        "admin_log": 1,
    }
    assert event.detail["kept"] == list(erasure.KEPT_ITEMS)
    assert event.detail["audit_events_with_personal_data"] == 0
    assert event.detail["audit_events_checked"] >= 1  # the consent's
    assert erasure.last_report(person) == report


def test_erasure_deletes_the_stored_matches(user, rovaniemi):
    from kohtaamo.matches.models import StoredMatch

    row = StoredMatch.objects.filter(client__organisation=rovaniemi).first()
    assert row is not None, "load_demo computes matches"
    stored = StoredMatch.objects.filter(client=row.client).count()
    report = erasure.erase_client(
        actor=user("rovaniemi.admin"), client=row.client, reason="not_needed"
    )
    assert report.erased["matches"] == stored > 0
    assert not StoredMatch.objects.filter(client=row.client).exists()


def test_personal_data_found_in_the_audit_trail_is_reported(person, user):
    with transaction.atomic():
        audit.record(
            actor=user("rovaniemi.coordinator"),
            action=AuditAction.UPDATE,
            obj=person,
            detail={"wrongly": f"renamed to {PERSON['last_name']}"},
        )
        audit.record(
            actor=user("rovaniemi.coordinator"),
            action=AuditAction.CREATE,
            object_type="clients.clientcompetence",
            detail={"client": str(person.public_id), "wrongly": EVIDENCE},
        )

    report = erase(person)

    assert report.audit_events_with_personal_data == 2
    assert report.audit_events_checked >= 3


@pytest.mark.parametrize(
    "username",
    ["rovaniemi.coordinator", "redu.admin", "kemi.coordinator", "ely.analyst"],
)
def test_only_an_admin_of_the_owner_organisation_may_erase(person, username):
    with pytest.raises(PermissionError):
        erase(person, username=username)
    assert Client.objects.get(pk=person.pk).first_name == PERSON["first_name"]


def test_erasing_twice_or_without_a_reason_is_refused(person):
    with pytest.raises(ValidationError):
        erase(person, reason="because")
    erase(person)
    with pytest.raises(ValidationError):
        erase(person)


def test_a_login_that_works_in_an_organisation_is_only_detached(rovaniemi, user):
    colleague = user("rovaniemi.coordinator")
    seeker = ClientFactory(organisation=rovaniemi, user=colleague)

    report = erase(seeker)

    colleague.refresh_from_db()
    assert colleague.is_active and colleague.has_usable_password()
    assert report.erased["login"] == 0
    assert Client.objects.get(pk=seeker.pk).user is None


def test_erasure_knows_every_model_that_points_to_a_client():
    """A new model with a foreign key to Client must say here how erasure treats it."""
    pointing = {rel.related_model._meta.label_lower for rel in Client._meta.related_objects}
    assert pointing == set(erasure.RELATED_MODELS)


def test_the_admin_log_keeps_the_entry_without_the_name(person):
    erase(person)

    entry = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Client), object_id=str(person.pk)
    )
    assert (entry.object_repr, entry.change_message) == (erasure.ERASED_NAME, "")


def test_erasure_deletes_the_path_referrals_and_periods_and_keeps_the_fund_record(user, rovaniemi):
    from kohtaamo.esf.models import Participant
    from kohtaamo.paths.models import Path, Referral, ReferralEvent, Step
    from kohtaamo.recognition.models import EnvironmentPeriod, LearningEnvironment

    seeker = (
        Client.objects.filter(
            organisation=rovaniemi, path__isnull=False, esf_participations__isnull=False
        )
        .filter(referrals__isnull=False)
        .first()
    )
    assert seeker is not None, "the demo data gives project participants paths and referrals"
    EnvironmentPeriod.objects.create(
        client=seeker,
        environment=LearningEnvironment.objects.first(),
        start_date=timezone.localdate(),
    )
    steps = Step.objects.filter(path__client=seeker).count()
    referrals = Referral.objects.filter(client=seeker).count()
    record = Participant.objects.get(client=seeker)

    report = erase(seeker)

    assert report.erased["path"] > steps > 0  # the path, its goals, steps and their log
    assert report.erased["referrals"] == referrals > 0
    assert report.erased["environment_periods"] == 1
    assert not Path.objects.filter(client=seeker).exists()
    assert not ReferralEvent.objects.filter(referral__client=seeker).exists()
    assert not EnvironmentPeriod.objects.filter(client=seeker).exists()
    kept = Participant.objects.get(pk=record.pk)
    assert (kept.gender, kept.age_at_entry, kept.exit_status) == (
        record.gender,
        record.age_at_entry,
        record.exit_status,
    )
