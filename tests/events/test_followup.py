"""Follow-up: outcomes flow into referrals, paths and ESF records; the employers' links."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kohtaamo.audit.models import AuditEvent
from kohtaamo.esf.models import Participant, Project
from kohtaamo.events import followup, schedules
from kohtaamo.events.models import Event, FollowUpLink, Interview
from kohtaamo.paths.models import Path, Referral, ReferralEvent, Step
from tests.events.world import build_world

pytestmark = pytest.mark.django_db

PAST_DAY = date(2026, 11, 12)


@pytest.fixture
def world(rovaniemi):
    world = build_world(rovaniemi, seekers=8, employers=3)
    schedules.run_schedule(actor=world.coordinator, event=world.event)
    return world


def _past(world):
    """Move the event to a day gone by, as follow-up happens after it."""
    Event.objects.filter(pk=world.event.pk).update(date=PAST_DAY)
    world.event.refresh_from_db()
    return world.event


def _interview(world, n=0):
    return Interview.objects.filter(event=world.event).order_by("slot", "id")[n]


# Outcomes: referrals -------------------------------------------------------------------------


def test_hired_creates_a_hired_referral_to_the_vacancy(world):
    interview = followup.record_outcome(
        interview=_interview(world), outcome="hired", actor=world.coordinator
    )
    referral = interview.referral
    assert referral.status == "hired"
    assert referral.client == interview.registration.client
    assert referral.organisation == world.event.organisation
    assert referral.receiver_email == interview.event_employer.contact_email
    if interview.vacancy_id:
        assert (referral.kind, referral.vacancy) == ("vacancy", interview.vacancy)
    else:
        assert (referral.kind, referral.employer) == ("employer", interview.event_employer.employer)
    assert [e.new_status for e in referral.events.all()] == ["sent", "hired"]
    assert not mail.outbox


def test_not_chosen_gives_the_note_or_the_event_as_the_reason(world, in_english):
    one = followup.record_outcome(interview=_interview(world, 0), outcome="not_chosen")
    two = followup.record_outcome(
        interview=_interview(world, 1), outcome="not_chosen", note="Ei kokemusta"
    )
    assert one.referral.status_reason == f"not chosen at {world.event.title}"
    assert two.referral.status_reason == "Ei kokemusta"


def test_no_show_refers_nobody(world):
    interview = followup.record_outcome(interview=_interview(world), outcome="no_show")
    assert interview.referral is None
    assert interview.outcome == "no_show"


def test_changing_the_outcome_updates_the_same_referral(world, in_english):
    interview = _interview(world)
    before = Referral.objects.filter(client=interview.registration.client).count()
    followup.record_outcome(interview=interview, outcome="next_interview")
    followup.record_outcome(interview=interview, outcome="work_trial")
    followup.record_outcome(interview=interview, outcome="not_chosen", note="Ei sopinut")
    interview = followup.record_outcome(interview=interview, outcome="hired")
    assert Referral.objects.filter(client=interview.registration.client).count() == before + 1
    assert interview.referral.status == "hired"
    log = list(ReferralEvent.objects.filter(referral=interview.referral).order_by("id"))
    assert [e.new_status for e in log] == ["sent", "interview", "not_chosen", "hired"]
    assert "corrected" in log[-1].comment


def test_bad_outcome_is_a_validation_error_naming_outcome(world):
    with pytest.raises(ValidationError) as exc:
        followup.record_outcome(interview=_interview(world), outcome="maybe")
    assert "outcome" in exc.value.message_dict


def test_outsider_cannot_record(world, user):
    with pytest.raises(PermissionError):
        followup.record_outcome(
            interview=_interview(world), outcome="hired", actor=user("kemi.coordinator")
        )


def test_recording_is_audited(world):
    interview = followup.record_outcome(
        interview=_interview(world), outcome="hired", actor=world.coordinator
    )
    row = AuditEvent.objects.filter(
        object_type="events.interview", object_id=str(interview.public_id), action="update"
    ).last()
    assert row.actor == world.coordinator
    assert row.detail["outcome"] == ["", "hired"]


# Outcomes: paths -----------------------------------------------------------------------------


def _with_path(interview):
    client = interview.registration.client
    path = Path.objects.filter(client=client).first()
    return path or Path.objects.create(client=client, organisation=client.organisation)


def test_path_gets_an_ongoing_referral_step_done_when_decided(world):
    interview = _interview(world)
    path = _with_path(interview)
    followup.record_outcome(interview=interview, outcome="next_interview")
    step = path.steps.get(kind="referral", referral__event_interviews=interview)
    assert step.status == "ongoing"
    followup.record_outcome(interview=interview, outcome="not_chosen")
    step.refresh_from_db()
    assert step.status == "done"
    assert [t.new_status for t in step.transitions.all()] == ["planned", "ongoing", "done"]
    assert path.steps.filter(kind="referral").count() == 1


def test_work_trial_plans_a_work_trial_step(world):
    interview = _interview(world)
    path = _with_path(interview)
    followup.record_outcome(interview=interview, outcome="work_trial")
    trial = path.steps.get(kind="service", service_type__code="work_trial")
    assert trial.status == "planned"
    followup.record_outcome(interview=interview, outcome="work_trial")
    assert path.steps.filter(kind="service", service_type__code="work_trial").count() == 1


def test_without_a_path_no_steps_are_made(world):
    interview = _interview(world)
    Path.objects.filter(client=interview.registration.client).delete()
    followup.record_outcome(interview=interview, outcome="work_trial")
    assert not Step.objects.filter(path__client=interview.registration.client).exists()


# Outcomes: EU social fund records ------------------------------------------------------------


def _participant(world, interview):
    project = Project.objects.get(code="S30634")
    Event.objects.filter(pk=world.event.pk).update(project=project, date=PAST_DAY)
    client = interview.registration.client
    Participant.objects.filter(client=client, project=project).delete()
    return Participant.objects.create(
        project=project,
        client=client,
        gender=client.gender,
        age_at_entry=30,
        entry_date=max(project.start_date, PAST_DAY - timedelta(days=60)),
        entry_status="unemployed",
    )


def test_hired_closes_the_exit_form_and_a_correction_reopens_it(world):
    interview = _interview(world)
    participant = _participant(world, interview)
    followup.record_outcome(interview=interview, outcome="hired")
    participant.refresh_from_db()
    assert participant.exit_date == PAST_DAY
    assert participant.exit_status.startswith("employed_")
    followup.record_outcome(interview=interview, outcome="not_chosen")
    participant.refresh_from_db()
    assert (participant.exit_date, participant.exit_status) == (None, "")


def test_work_trial_leaves_the_exit_form_open(world):
    interview = _interview(world)
    participant = _participant(world, interview)
    followup.record_outcome(interview=interview, outcome="work_trial")
    participant.refresh_from_db()
    assert participant.exit_date is None


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("Lapin Matkailu Oy", "employed_company"),
        ("Rovaniemen Nuorisoseura ry", "employed_association"),
        ("Lapin Kulttuurisäätiö", "employed_foundation"),
        ("Rovaniemen kaupunki", "employed_municipality"),
    ],
)
def test_exit_status_from_the_employer_name(name, status):
    assert followup.exit_status_for(name) == status


# The employers' links ------------------------------------------------------------------------


def test_links_are_mailed_after_commit_and_only_hashes_stored(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tokens = followup.issue_links(event=world.event, actor=world.coordinator)
    assert len(tokens) == len(world.employers)
    assert len(mail.outbox) == len(world.employers)
    for participation, token in tokens.items():
        assert followup.link_url(token) in "".join(m.body for m in mail.outbox)
        assert not FollowUpLink.objects.filter(token_hash=token).exists()
        assert followup.participation_for_token(token) == participation
    assert not any(r.client.last_name in m.body for m in mail.outbox for r in world.registrations)


def test_a_new_link_voids_the_old(world):
    old = followup.issue_links(event=world.event, actor=world.coordinator)
    new = followup.issue_links(event=world.event, actor=world.coordinator)
    participation = world.employers[0]
    with pytest.raises(followup.InvalidEventLink):
        followup.participation_for_token(old[participation])
    assert followup.participation_for_token(new[participation]) == participation


def test_expired_and_unknown_links_do_not_work(world):
    tokens = followup.issue_links(event=world.event, actor=world.coordinator)
    FollowUpLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(followup.InvalidEventLink):
        followup.participation_for_token(next(iter(tokens.values())))
    with pytest.raises(followup.InvalidEventLink):
        followup.participation_for_token("nonsense")


def test_link_works_until_days_after_the_event(world, settings):
    tokens = followup.issue_links(event=world.event, actor=world.coordinator)
    link = FollowUpLink.objects.get(token_hash=followup.hash_token(next(iter(tokens.values()))))
    days = (link.expires_at.date() - world.event.date).days
    assert days == settings.KOHTAAMO_EVENT_LINK_DAYS


def test_only_organisers_send_links(world, user):
    with pytest.raises(PermissionError):
        followup.issue_links(event=world.event, actor=user("kemi.coordinator"))


def test_overview_counts_outcomes_and_links(world):
    participation = world.employers[0]
    interview = participation.interviews.first()
    followup.record_outcome(interview=interview, outcome="hired")
    followup.issue_links(event=world.event, actor=world.coordinator)
    row = next(r for r in followup.overview(world.event) if r.participation == participation)
    assert row.recorded == 1
    assert row.interviews == participation.interviews.count()
    assert row.link_sent_at is not None


def test_link_url_points_at_the_public_page():
    assert followup.link_url("abc").endswith(
        reverse("www:event_employer_link", kwargs={"token": "abc"})
    )


# Pages: the organisers' follow-up -------------------------------------------------------------


def _url(name, world, **kwargs):
    return reverse(f"www:{name}", kwargs={"public_id": world.event.public_id, **kwargs})


def test_followup_page_anonymous_is_sent_to_log_in(world, client):
    response = client.get(_url("event_followup", world))
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize("username", ["kemi.coordinator", "ely.analyst"])
def test_followup_pages_are_404_for_outsiders(world, login, username):
    client = login(username)
    interview = _interview(world)
    assert client.get(_url("event_followup", world)).status_code == 404
    assert client.post(_url("event_send_links", world)).status_code == 404
    url = _url("event_interview_outcome", world, interview_id=interview.public_id)
    assert client.get(url).status_code == 404
    assert client.post(url, {"outcome": "hired"}).status_code == 404
    interview.refresh_from_db()
    assert interview.outcome == ""


def test_followup_page_shows_employers_and_counts_and_is_audited(world, login):
    followup.record_outcome(interview=_interview(world), outcome="hired")
    response = login("rovaniemi.coordinator").get(_url("event_followup", world))
    assert response.status_code == 200
    html = response.content.decode()
    for participation in world.employers:
        assert participation.employer.name in html
    assert f"1/{world.employers[0].interviews.count()}" in html or "1/" in html
    assert AuditEvent.objects.filter(
        object_type="events.event", action="view", detail__page="followup"
    ).exists()


def test_send_links_mails_each_employer(world, login, django_capture_on_commit_callbacks):
    client = login("rovaniemi.coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("event_send_links", world))
    assert response.status_code == 302
    assert len(mail.outbox) == len(world.employers)
    assert FollowUpLink.objects.filter(event_employer__event=world.event).count() == 3


def test_organiser_records_an_outcome_phoned_in(world, login):
    _past(world)
    interview = _interview(world)
    url = _url("event_interview_outcome", world, interview_id=interview.public_id)
    client = login("rovaniemi.coordinator")
    assert client.get(url).status_code == 200
    response = client.post(url, {"outcome": "not_chosen", "note": "Ei ajokorttia"})
    assert response.status_code == 302
    interview.refresh_from_db()
    assert (interview.outcome, interview.referral.status_reason) == ("not_chosen", "Ei ajokorttia")


def test_outcome_form_without_a_choice_shows_the_error(world, login, in_english):
    _past(world)
    interview = _interview(world)
    url = _url("event_interview_outcome", world, interview_id=interview.public_id)
    response = login("rovaniemi.coordinator").post(url, {"note": "x"})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()


# Pages: the employer's link --------------------------------------------------------------------


def _link(world, participation=None):
    participation = participation or world.employers[0]
    tokens = followup.issue_links(event=world.event, actor=world.coordinator)
    return participation, reverse(
        "www:event_employer_link", kwargs={"token": tokens[participation]}
    )


def test_bad_and_expired_links_get_the_same_404(world, client):
    participation, url = _link(world)
    bad = client.get(reverse("www:event_employer_link", kwargs={"token": "x" * 43}))
    FollowUpLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    expired = client.get(url)
    assert bad.status_code == expired.status_code == 404
    assert 'id="link-gone"' in bad.content.decode()
    assert 'id="link-gone"' in expired.content.decode()
    assert bad["X-Robots-Tag"] == "noindex, nofollow"


def test_link_shows_the_schedule_without_login_unindexed_and_uncached(world, client):
    participation, url = _link(world)
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    html = response.content.decode()
    for interview in participation.interviews.select_related("registration__client"):
        assert str(interview.registration.client) in html
    assert 'id="outcomes-later"' in html  # the event is still to come: no form yet
    assert AuditEvent.objects.filter(
        object_type="events.eventemployer", object_id=str(participation.public_id)
    ).exists()


def test_link_shows_no_summary_without_consent(world, client, in_english):
    participation = world.employers[0]
    interview = participation.interviews.first()
    interview.registration.share_competences = False
    interview.registration.save(update_fields=["share_competences"])
    _, url = _link(world, participation)
    html = client.get(url).content.decode()
    assert "Did not consent to share their competence summary." in html


def test_link_records_outcomes_from_the_event_day_on(world, client):
    _past(world)
    participation, url = _link(world)
    interviews = list(participation.interviews.order_by("slot"))
    assert client.get(url).status_code == 200
    data = {f"outcome_{i.public_id.hex}": "" for i in interviews}
    data[f"outcome_{interviews[0].public_id.hex}"] = "work_trial"
    data[f"note_{interviews[0].public_id.hex}"] = "Kaksi viikkoa"
    response = client.post(url, data)
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    interviews[0].refresh_from_db()
    assert (interviews[0].outcome, interviews[0].outcome_note) == ("work_trial", "Kaksi viikkoa")
    assert interviews[0].referral.events.last().via_link
    interviews[1].refresh_from_db()
    assert interviews[1].outcome == ""


def test_link_of_another_employer_cannot_record_this_one(world, client):
    _past(world)
    mine, url = _link(world, world.employers[0])
    other = world.employers[1].interviews.first()
    client.post(url, {f"outcome_{other.public_id.hex}": "hired"})
    other.refresh_from_db()
    assert other.outcome == ""


def test_outcomes_wait_for_the_event_day(world, login, in_english):
    interview = _interview(world)
    url = _url("event_interview_outcome", world, interview_id=interview.public_id)
    response = login("rovaniemi.coordinator").post(url, {"outcome": "hired"})
    assert response.status_code == 400
    assert "from the event day on" in response.content.decode()
    interview.refresh_from_db()
    assert interview.outcome == ""


def test_no_show_after_a_referral_withdraws_it_and_interrupts_the_step(world):
    interview = _interview(world)
    path = _with_path(interview)
    followup.record_outcome(interview=interview, outcome="next_interview")
    interview = followup.record_outcome(interview=interview, outcome="no_show")
    assert interview.referral.status == "withdrawn"
    step = path.steps.get(kind="referral", referral=interview.referral)
    assert step.status == "interrupted"


def test_recording_an_outcome_takes_a_bounded_number_of_queries(
    world, django_assert_max_num_queries
):
    interview = _interview(world)
    _with_path(interview)
    with django_assert_max_num_queries(30):
        followup.record_outcome(interview=interview, outcome="work_trial", actor=world.coordinator)
