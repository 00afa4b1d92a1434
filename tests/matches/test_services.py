"""Stored matches: the full computation, one person's or one vacancy's refresh, the refresh
after a change, and the must-show of issue 6 on the demo data."""

from datetime import date

import pytest
from django.db import transaction
from django.db.models import Count

from kohtaamo.clients.competences import add_competence
from kohtaamo.clients.models import Client
from kohtaamo.demo.clients import TODAY
from kohtaamo.employers.models import Employer
from kohtaamo.geo.distance import road_km
from kohtaamo.matches import services
from kohtaamo.matches.details import client_matches
from kohtaamo.matches.models import StoredMatch
from kohtaamo.training.models import TrainingOffer
from kohtaamo.vacancies.models import Vacancy, VacancyCompetence
from kohtaamo.vacancies.services import set_status

pytestmark = pytest.mark.django_db

HYGIENE_PASSPORT = "urn:kohtaamo:licence:hygieniapassi"
LIMITS = services.LIMITS


@pytest.fixture
def matches():
    """Matches computed for the demo's "today" (the session's load_demo used the real date)."""
    services.recompute_all(today=TODAY)


def best_of(client_id: int) -> list[tuple[int, float]]:
    rows = StoredMatch.objects.filter(client_id=client_id, client_best=True)
    return list(rows.order_by("-score", "vacancy_id").values_list("vacancy_id", "score"))


def test_lists_stay_within_their_limits_and_scores_within_0_and_1(matches):
    rows = StoredMatch.objects.all()
    assert rows.count() > 5000
    for flag, side, limit in (
        ("client_best", "client", LIMITS.best),
        ("client_near", "client", LIMITS.near),
        ("vacancy_best", "vacancy", LIMITS.vacancy_best),
        ("vacancy_near", "vacancy", LIMITS.vacancy_near),
    ):
        counts = rows.filter(**{flag: True}).values(side).annotate(n=Count("id"))
        assert max(c["n"] for c in counts) <= limit, flag
    for score, potential, missing in rows.values_list("score", "potential", "missing_mandatory"):
        assert 0 <= score <= potential <= 1
        assert (score < potential) <= (missing > 0)  # only a missing mandatory lowers it
    assert not rows.filter(client_best=True, score=0).exists()
    near = rows.filter(client_near=True)
    assert near.exists() and not near.filter(missing_mandatory=0).exists()
    assert not near.filter(potential__lt=LIMITS.near_potential).exists()


def test_only_active_job_seekers_and_open_vacancies_are_matched(matches):
    assert not StoredMatch.objects.exclude(client__status="active").exists()
    assert not StoredMatch.objects.exclude(vacancy__status="open").exists()
    assert not StoredMatch.objects.filter(client__erased_at__isnull=False).exists()


def test_the_same_data_gives_the_same_stored_lists(matches):
    first = sorted(StoredMatch.objects.values_list("client_id", "vacancy_id", "score"))
    services.recompute_all(today=TODAY)
    assert sorted(StoredMatch.objects.values_list("client_id", "vacancy_id", "score")) == first


def test_refreshing_one_person_gives_their_list_of_the_full_run(matches):
    client_ids = list(
        StoredMatch.objects.filter(client_best=True)
        .values_list("client_id", flat=True)
        .distinct()
        .order_by("client_id")[:40:8]
    )
    for client_id in client_ids:
        before = best_of(client_id)
        services.refresh_client(client_id, today=TODAY)
        after = best_of(client_id)
        assert [v for v, _ in after[:10]] == [v for v, _ in before[:10]]
        assert [s for _, s in after[:10]] == pytest.approx([s for _, s in before[:10]], abs=1e-6)


def test_refreshing_one_vacancy_keeps_its_candidates(matches):
    vacancy_id = (
        StoredMatch.objects.filter(vacancy_best=True)
        .values("vacancy_id")
        .annotate(n=Count("id"))
        .order_by("-n", "vacancy_id")[0]["vacancy_id"]
    )

    def candidates():
        rows = StoredMatch.objects.filter(vacancy_id=vacancy_id, vacancy_best=True)
        return list(rows.order_by("-score", "client_id").values_list("client_id", flat=True))

    before = candidates()
    services.refresh_vacancy(vacancy_id, today=TODAY)
    assert candidates()[:20] == before[:20]


def _near_hygiene_match(name: str) -> StoredMatch:
    first, last = name.split()
    return StoredMatch.objects.get(
        client__first_name=first,
        client__last_name=last,
        client_near=True,
        vacancy__competences__uri=HYGIENE_PASSPORT,
        vacancy__competences__mandatory=True,
        vacancy__title="Kokki",
    )


def test_demo_client_without_a_hygiene_passport_sees_a_restaurant_near_match_and_the_course(
    matches,
):
    """Issue 6 must-show: the gap is closed by the nearest hygiene passport course, dated."""
    near = _near_hygiene_match("Marjatta Tolonen")
    client = near.client
    assert not client.competences.filter(uri=HYGIENE_PASSPORT).exists()
    assert near.score == 0 and near.potential >= LIMITS.near_potential  # the vacancy excludes
    item = next(i for i in client_matches(client, near=True, today=TODAY) if i.stored == near)
    gap = next(g for g in item.gaps if g.uri == HYGIENE_PASSPORT)
    assert gap.mandatory and item.gaps[0] == gap  # the blocking gap comes first
    first = gap.routes[0]
    reach = client.commuting_radius_km * 1.5
    home = client.municipality
    courses = [
        (o.days_to_close(TODAY), o.start_date, o.municipality.name)
        for o in TrainingOffer.objects.upcoming(TODAY).filter(competences__uri=HYGIENE_PASSPORT)
        if not o.remote
        and road_km(
            home.latitude, home.longitude, o.municipality.latitude, o.municipality.longitude
        )
        <= reach
    ]
    assert min(courses)[1:] == (first.start_date, first.municipality)
    assert first.start_date == date(2026, 11, 30) and first.municipality == "Rovaniemi"
    assert item.met, "a near match still says what the person already has"


def test_recording_the_missing_licence_turns_the_near_match_into_a_match(
    matches, user, django_capture_on_commit_callbacks
):
    near = _near_hygiene_match("Marjatta Tolonen")
    with django_capture_on_commit_callbacks(execute=True):
        add_competence(
            actor=user("rovaniemi.coordinator"),
            client=near.client,
            uri=HYGIENE_PASSPORT,
            source="certificate",
            completed_on=date(2026, 11, 30),
        )
    now = StoredMatch.objects.get(client=near.client, vacancy=near.vacancy)
    assert now.client_best and not now.client_near and now.missing_mandatory == 0
    assert now.score > near.potential  # no longer excluded, and the licence counts too
    assert best_of(near.client_id)[0][0] == near.vacancy_id  # now the best vacancy


def test_a_closed_vacancy_leaves_every_list(matches, user, django_capture_on_commit_callbacks):
    actor = user("rovaniemi.company")
    editable = Employer.objects.visible_to(actor)
    best = StoredMatch.objects.filter(vacancy_best=True, vacancy__employer__in=editable)
    vacancy = Vacancy.objects.get(pk=best.order_by("vacancy_id")[0].vacancy_id)
    with django_capture_on_commit_callbacks(execute=True):
        set_status(actor=actor, vacancy=vacancy, status="closed")
    assert not StoredMatch.objects.filter(vacancy=vacancy).exists()


def test_a_new_vacancy_finds_its_candidates_and_enters_their_lists(matches):
    model = Vacancy.objects.get(
        pk=StoredMatch.objects.filter(client_best=True).order_by("vacancy_id")[0].vacancy_id
    )
    twin = Vacancy.objects.create(
        employer=model.employer,
        organisation=model.organisation,
        occupation=model.occupation,
        title=model.title + " (2)",
        municipality=model.municipality,
        languages=model.languages,
    )
    VacancyCompetence.objects.bulk_create(
        VacancyCompetence(
            vacancy=twin,
            uri=c.uri,
            kind=c.kind,
            essential=c.essential,
            importance=c.importance,
            mandatory=c.mandatory,
        )
        for c in model.competences.all()
    )
    services.refresh_vacancy(twin.pk, today=TODAY)
    assert StoredMatch.objects.filter(vacancy=twin, vacancy_best=True).count() > 0
    # The twin scores a hair apart from the model (its own rarity was not counted), so it
    # enters the lists of the people who have the model among their best.
    holders = StoredMatch.objects.filter(vacancy=model, client_best=True).values("client_id")
    assert StoredMatch.objects.filter(vacancy=twin, client_best=True, client_id__in=holders)


def test_an_erased_or_employed_person_leaves_every_list(matches):
    best = StoredMatch.objects.filter(client_best=True).order_by("client_id")
    client = Client.objects.get(pk=best[0].client_id)
    client.status = "employed"
    client.save()
    services.refresh_client(client.pk, today=TODAY)
    assert not StoredMatch.objects.filter(client=client).exists()


def test_a_rolled_back_change_does_not_stop_later_refreshes(
    matches, user, django_capture_on_commit_callbacks
):
    near = _near_hygiene_match("Marjatta Tolonen")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            near.client.save()  # queues a refresh, then the transaction is rolled back
            raise RuntimeError
        add_competence(
            actor=user("rovaniemi.coordinator"),
            client=near.client,
            uri=HYGIENE_PASSPORT,
            source="certificate",
            completed_on=date(2026, 11, 30),
        )
    assert len(callbacks) == 1
    assert StoredMatch.objects.get(client=near.client, vacancy=near.vacancy).client_best
