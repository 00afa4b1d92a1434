"""The referral services: sending, the status workflow with its log, links and follow-up."""

import hashlib
import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from kohtaamo.audit.models import AuditEvent
from kohtaamo.paths import referrals as services
from kohtaamo.paths.models import AnswerLink, Referral
from tests.referrals.conftest import RECEIVER, token_in

pytestmark = pytest.mark.django_db


def test_a_sent_referral_has_its_first_event_a_due_date_and_a_mailed_link(send, settings):
    settings.KOHTAAMO_REFERRAL_ANSWER_DAYS = 10
    referral, token = send()
    assert referral.status == "sent"
    assert referral.employer == referral.vacancy.employer
    assert referral.answer_due == timezone.localdate() + timedelta(days=10)
    [event] = referral.events.all()
    assert (event.old_status, event.new_status, event.actor.username) == (
        "",
        "sent",
        "rovaniemi.coordinator",
    )
    [message] = mail.outbox
    assert message.to == [RECEIVER]
    assert token_in(message.body) == token
    assert "Ounasvaara" not in message.subject + message.body  # the name is behind the link
    assert AuditEvent.objects.for_object(referral).filter(action="create").exists()


def test_only_the_hash_of_the_token_is_stored(send):
    referral, token = send()
    [link] = referral.answer_links.all()
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert not AnswerLink.objects.filter(token_hash=token).exists()
    assert len(token) >= 43  # secrets.token_urlsafe(32)


def test_without_a_receivers_email_no_link_is_made(send):
    referral, token = send(receiver_email="")
    assert token is None
    assert not referral.answer_links.exists()
    assert mail.outbox == []


def test_the_target_must_match_the_kind(send, vacancy):
    with pytest.raises(ValidationError) as error:
        send(kind="employer", target=vacancy)
    assert "employer" in error.value.message_dict


def test_an_outsider_cannot_refer_or_change_the_status(send, user, kemi):
    with pytest.raises(PermissionError):
        send(actor=user("kemi.coordinator"), organisation=kemi)
    referral, _token = send()
    with pytest.raises(PermissionError):
        services.change_referral_status(referral, "hired", actor=user("kemi.coordinator"))
    assert Referral.objects.get(pk=referral.pk).status == "sent"


def test_the_workflow_goes_forward_and_logs_each_step(send, user):
    referral, _token = send()
    coordinator = user("rovaniemi.coordinator")
    services.change_referral_status(referral, "seen", actor=coordinator)
    services.change_referral_status(referral, "interview", actor=coordinator, comment="ma klo 10")
    referral = services.change_referral_status(referral, "hired", actor=coordinator)
    assert referral.status == "hired"
    assert referral.answered_at is not None
    log = list(referral.events.values_list("old_status", "new_status"))
    assert log == [("", "sent"), ("sent", "seen"), ("seen", "interview"), ("interview", "hired")]


@pytest.mark.parametrize("ended", ["hired", "withdrawn"])
@pytest.mark.parametrize("new", ["sent", "seen", "interview", "not_chosen"])
def test_an_ended_referral_stays_ended(send, user, ended, new):
    referral, _token = send()
    coordinator = user("rovaniemi.coordinator")
    services.change_referral_status(referral, ended, actor=coordinator)
    with pytest.raises(ValidationError) as error:
        services.change_referral_status(referral, new, actor=coordinator, reason="jokin syy")
    assert "status" in error.value.message_dict
    referral.refresh_from_db()
    assert referral.status == ended
    assert referral.events.count() == 2


def test_not_chosen_needs_a_reason(send, user):
    referral, _token = send()
    coordinator = user("rovaniemi.coordinator")
    with pytest.raises(ValidationError) as error:
        services.change_referral_status(referral, "not_chosen", actor=coordinator, reason="  ")
    assert "reason" in error.value.message_dict
    referral = services.change_referral_status(
        referral, "not_chosen", actor=coordinator, reason="Valittiin kokeneempi hakija"
    )
    assert referral.status_reason == "Valittiin kokeneempi hakija"


def test_the_receiver_cannot_withdraw(send):
    _referral, token = send()
    with pytest.raises(ValidationError):
        services.answer_with_token(token, status="withdrawn")


def test_a_new_link_voids_the_old_one_and_an_ended_referral_voids_all(send, user):
    referral, first = send()
    coordinator = user("rovaniemi.coordinator")
    second = services.issue_answer_link(referral, actor=coordinator)
    with pytest.raises(services.InvalidAnswerLink):
        services.referral_for_token(first)
    assert services.referral_for_token(second)[0] == referral
    services.change_referral_status(referral, "withdrawn", actor=coordinator)
    with pytest.raises(services.InvalidAnswerLink):
        services.referral_for_token(second)
    with pytest.raises(ValidationError):
        services.issue_answer_link(referral, actor=coordinator)


def test_unanswered_referrals_are_flagged_after_the_set_number_of_days(send, settings):
    settings.KOHTAAMO_REFERRAL_ANSWER_DAYS = 3
    referral, _token = send()
    sent = referral.sent_on
    assert referral.answer_due == sent + timedelta(days=3)
    on_due_day, day_after = sent + timedelta(days=3), sent + timedelta(days=4)
    assert not referral.is_overdue(on_due_day)
    assert not Referral.objects.unanswered(on_due_day).filter(pk=referral.pk).exists()
    assert referral.is_overdue(day_after)
    assert Referral.objects.unanswered(day_after).filter(pk=referral.pk).exists()


def test_an_answer_clears_the_flag(send):
    referral, token = send()
    Referral.objects.filter(pk=referral.pk).update(answer_due=referral.sent_on - timedelta(days=1))
    assert Referral.objects.unanswered().filter(pk=referral.pk).exists()
    referral = services.answer_with_token(token, status="seen")
    assert not referral.is_overdue()
    assert not Referral.objects.unanswered().filter(pk=referral.pk).exists()


def test_the_outcome_summary_counts_statuses_and_overdue(send, user):
    coordinator = user("rovaniemi.coordinator")
    hired, _ = send()
    services.change_referral_status(hired, "hired", actor=coordinator)
    not_chosen, _ = send()
    services.change_referral_status(not_chosen, "not_chosen", actor=coordinator, reason="x")
    late, _ = send()
    Referral.objects.filter(pk=late.pk).update(answer_due=late.sent_on - timedelta(days=2))
    ours = Referral.objects.filter(pk__in=[hired.pk, not_chosen.pk, late.pk])
    summary = services.outcome_summary(ours)
    assert summary.total == 3
    assert summary.by_status["hired"] == summary.by_status["not_chosen"] == 1
    assert summary.by_status["sent"] == 1
    assert summary.overdue == 1
    assert summary.hired_share == 0.5


def test_days_waiting_counts_to_the_first_answer(send, user):
    referral, _token = send()
    Referral.objects.filter(pk=referral.pk).update(sent_on=referral.sent_on - timedelta(days=5))
    referral.refresh_from_db()
    assert services.days_waiting(referral) == 5
    referral = services.change_referral_status(
        referral, "seen", actor=user("rovaniemi.coordinator")
    )
    assert services.days_waiting(referral, timezone.localdate() + timedelta(days=30)) == 5


class FailingMailServer:
    """An email backend whose server is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("the mail server is down")


def test_a_mail_server_that_is_down_loses_no_referral(send, settings, caplog):
    settings.EMAIL_BACKEND = f"{__name__}.FailingMailServer"

    referral, token = send()

    assert token and referral.pk and referral.answer_links.count() == 1  # stored all the same
    assert "Could not mail the answer link" in caplog.text
