"""remind_unanswered_referrals: one mail a day per coordinator, counts and a link, no names."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from kohtaamo.paths.models import Referral
from kohtaamo.paths.referrals import answer_with_token
from tests.organisations.factories import MembershipFactory

pytestmark = pytest.mark.django_db
EMAIL = "uusi.koordinaattori@rovaniemi.example"


@pytest.fixture
def coordinator(rovaniemi):
    """A coordinator of Rovaniemi with no demo referrals of their own."""
    return MembershipFactory(organisation=rovaniemi, user__email=EMAIL).user


def remind(day, *options, capture):
    with capture(execute=True):
        call_command("remind_unanswered_referrals", "--today", day.isoformat(), *options,
                     verbosity=0)  # fmt: skip
    return [m for m in mail.outbox if EMAIL in m.to]


def test_overdue_referrals_are_reminded_once_a_day(
    send, coordinator, django_capture_on_commit_callbacks
):
    late, _ = send(actor=coordinator)
    Referral.objects.filter(pk=late.pk).update(answer_due=late.sent_on - timedelta(days=1))
    capture = django_capture_on_commit_callbacks
    assert remind(late.sent_on, "--dry-run", capture=capture) == []
    remind(late.sent_on, capture=capture)
    [reminder] = remind(late.sent_on, capture=capture)
    assert "/referrals/?overdue=on" in reminder.body
    assert "Rovaniemen kaupungin työllisyyspalvelut: 1" in reminder.body
    assert "Ounasvaara" not in reminder.body
    assert len(remind(late.sent_on + timedelta(days=1), capture=capture)) == 2


def test_an_answered_referral_is_not_reminded(
    send, coordinator, django_capture_on_commit_callbacks
):
    late, token = send(actor=coordinator)
    Referral.objects.filter(pk=late.pk).update(answer_due=late.sent_on - timedelta(days=1))
    answer_with_token(token, status="seen")
    assert remind(late.sent_on, capture=django_capture_on_commit_callbacks) == []
