"""The events services and the stored schedule as a specification, through the database: the
waiting list moves, cancellations free places and interviews, wishes hold, and the stored
interviews keep every rule of the issue (one interview per seeker and slot, tables within
capacity, everyone with a fitting employer interviewed, breaks and slots away honoured,
must-not-meet honoured, a re-plan keeps every unaffected interview where it was)."""

from collections import Counter

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kohtaamo.events import schedules, services
from kohtaamo.events.enums import RegistrationStatus, WishedBy, WishKind
from kohtaamo.events.models import Interview, Registration
from kohtaamo.events.scheduling import Schedule, violations
from tests.events.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(rovaniemi):
    return build_world(rovaniemi, seekers=12, employers=4)


def stored(event):
    return list(Interview.objects.filter(event=event))


def as_plan(interviews):
    from kohtaamo.events.scheduling import Interview as Planned

    return Schedule(
        interviews=tuple(
            Planned(str(i.registration_id), str(i.event_employer_id), i.slot) for i in interviews
        ),
        objective=0.0, bound=0.0, gap=0.0, unmet_must_meet=(), seekers_without_interview=(),
        seconds=0.0,
    )  # fmt: skip


# The waiting list and cancellations -----------------------------------------------------------


def test_registrations_beyond_the_places_wait_in_order(rovaniemi):
    world = build_world(rovaniemi, seekers=6, employers=2, capacity=4)
    statuses = [r.status for r in world.registrations]
    assert statuses == ["registered"] * 4 + ["waiting"] * 2
    waiting = list(world.event.registrations.waiting())
    assert waiting == world.registrations[4:]
    assert [r.waiting_position() for r in world.registrations] == [None] * 4 + [1, 2]


def test_a_cancellation_lets_the_first_one_waiting_in(rovaniemi):
    world = build_world(rovaniemi, seekers=6, employers=2, capacity=4)
    promoted = services.cancel_registration(
        actor=world.coordinator, registration=world.registrations[1]
    )
    assert promoted == world.registrations[4]
    assert Registration.objects.get(pk=promoted.pk).status == RegistrationStatus.REGISTERED
    assert Registration.objects.get(pk=world.registrations[5].pk).waiting_position() == 1
    assert world.event.registrations.active().count() == 4


def test_a_cancellation_removes_the_persons_interviews(world):
    schedules.run_schedule(actor=world.coordinator, event=world.event)
    person = next(r for r in world.registrations if r.interviews.exists())
    services.cancel_registration(actor=world.coordinator, registration=person)
    assert not Interview.objects.filter(registration=person).exists()


def test_registering_twice_is_refused_but_again_after_cancelling_is_not(world, in_english):
    person = world.registrations[0]
    with pytest.raises(ValidationError) as error:
        services.register(
            actor=world.coordinator, event=world.event, client=person.client,
            share_competences=True,
        )  # fmt: skip
    assert "already registered" in str(error.value)
    services.cancel_registration(actor=world.coordinator, registration=person)
    again = services.register(
        actor=world.coordinator, event=world.event, client=person.client, share_competences=False
    )
    assert again.pk == person.pk and again.status == "registered" and not again.share_competences


def test_an_outsider_cannot_register_someone_they_do_not_see(world, user):
    with pytest.raises(PermissionDenied):
        services.register(
            actor=user("kemi.coordinator"), event=world.event,
            client=world.registrations[0].client, share_competences=True,
        )  # fmt: skip


# Wishes ---------------------------------------------------------------------------------------


def test_a_must_not_meet_wish_removes_the_interview_and_a_new_schedule_keeps_it(world):
    schedules.run_schedule(actor=world.coordinator, event=world.event)
    interview = Interview.objects.filter(event=world.event).first()
    services.set_wish(
        actor=world.coordinator, registration=interview.registration,
        participation=interview.event_employer, kind=WishKind.MUST_NOT_MEET,
        wished_by=WishedBy.EMPLOYER,
    )  # fmt: skip
    assert not Interview.objects.filter(pk=interview.pk).exists()
    schedules.run_schedule(actor=world.coordinator, event=world.event)
    assert not Interview.objects.filter(
        registration=interview.registration, event_employer=interview.event_employer
    ).exists()


def test_a_must_meet_wish_is_met_when_the_employer_fits(world):
    data = schedules.load(world.event)
    fitting = sorted(data.fits, key=lambda pair: data.fits[pair].fit)[0]  # the weakest fit
    registration, participation = data.registrations[fitting[0]], data.employers[fitting[1]]
    services.set_wish(
        actor=world.coordinator, registration=registration, participation=participation,
        kind=WishKind.MUST_MEET, wished_by=WishedBy.SEEKER,
    )  # fmt: skip
    run = schedules.run_schedule(actor=world.coordinator, event=world.event)
    assert run.unmet_must_meet == 0
    assert Interview.objects.filter(registration=registration, event_employer=participation)


def test_one_wish_per_pair_the_latest_replaces(world):
    registration, participation = world.registrations[0], world.employers[0]
    for kind in (WishKind.MUST_MEET, WishKind.MUST_NOT_MEET):
        services.set_wish(
            actor=world.coordinator, registration=registration, participation=participation,
            kind=kind, wished_by=WishedBy.SEEKER,
        )  # fmt: skip
    assert [w.kind for w in registration.wishes.all()] == [WishKind.MUST_NOT_MEET]


# The stored schedule keeps the rules ------------------------------------------------------------


def test_no_seeker_is_double_booked_and_no_table_over_capacity(world):
    schedules.run_schedule(actor=world.coordinator, event=world.event)
    interviews = stored(world.event)
    assert interviews
    per_seeker_slot = Counter((i.registration_id, i.slot) for i in interviews)
    assert max(per_seeker_slot.values()) == 1
    tables = {p.pk: p.tables for p in world.employers}
    per_table = Counter((i.event_employer_id, i.slot) for i in interviews)
    assert all(n <= tables[employer] for (employer, _slot), n in per_table.items())
    assert all(1 <= i.table <= tables[i.event_employer_id] for i in interviews)
    assert len({(i.event_employer_id, i.slot, i.table) for i in interviews}) == len(interviews)
    assert not violations(schedules.problem(schedules.load(world.event)), as_plan(interviews))


def test_every_seeker_with_a_fitting_employer_gets_an_interview(world):
    schedules.run_schedule(actor=world.coordinator, event=world.event)
    data = schedules.load(world.event)
    with_fit = {int(seeker) for seeker, _employer in data.fits}
    interviewed = {i.registration_id for i in stored(world.event)}
    assert with_fit and with_fit <= interviewed


def test_breaks_slots_away_and_interview_limits_are_honoured(world):
    participation = world.employers[0]
    services.update_employer(
        actor=world.coordinator, participation=participation, unavailable_slots=[1, 2]
    )
    schedules.run_schedule(actor=world.coordinator, event=world.event)
    interviews = stored(world.event)
    assert not [i for i in interviews if i.slot_number == 5]  # the break
    assert not [i for i in interviews if i.event_employer_id == participation.pk and i.slot < 2]
    per_seeker = Counter(i.registration_id for i in interviews)
    assert max(per_seeker.values()) <= world.event.max_interviews


def test_the_fit_and_the_why_are_stored(world):
    schedules.run_schedule(actor=world.coordinator, event=world.event)
    interview = stored(world.event)[0]
    assert schedules.FIT_MINIMUM <= interview.fit <= 1
    assert interview.vacancy is not None
    assert set(interview.why) >= {"met", "essential_met", "essential"}


def test_a_replan_after_a_late_cancellation_keeps_every_unaffected_interview(world):
    schedules.run_schedule(actor=world.coordinator, event=world.event)
    before = {i.pk: (i.registration_id, i.event_employer_id, i.slot, i.table)
              for i in stored(world.event)}  # fmt: skip
    leaving = Counter(registration for registration, *_rest in before.values()).most_common(1)[0]
    services.cancel_registration(
        actor=world.coordinator, registration=Registration.objects.get(pk=leaving[0])
    )
    run = schedules.replan(actor=world.coordinator, event=world.event)
    after = {i.pk: (i.registration_id, i.event_employer_id, i.slot, i.table)
             for i in stored(world.event)}  # fmt: skip
    unaffected = {pk: row for pk, row in before.items() if row[0] != leaving[0]}
    assert all(after.get(pk) == row for pk, row in unaffected.items())
    assert run.kept == len(unaffected)
    assert not [row for row in after.values() if row[0] == leaving[0]]
    assert not violations(
        schedules.problem(schedules.load(world.event)), as_plan(stored(world.event))
    )


def test_a_new_schedule_is_refused_once_outcomes_are_recorded(world, in_english):
    schedules.run_schedule(actor=world.coordinator, event=world.event)
    Interview.objects.filter(event=world.event).update(outcome="not_chosen")
    with pytest.raises(ValidationError) as error:
        schedules.run_schedule(actor=world.coordinator, event=world.event)
    assert "re-plan" in str(error.value)


def test_slots_cannot_change_under_a_schedule(world, in_english):
    schedules.run_schedule(actor=world.coordinator, event=world.event)
    with pytest.raises(ValidationError) as error:
        services.update_event(actor=world.coordinator, event=world.event, slot_count=6)
    assert "slot_count" in error.value.message_dict
