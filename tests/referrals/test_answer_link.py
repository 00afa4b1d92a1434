"""The receiver's answer link: it works once, expires, and shows the referral and nothing else.

Must show (issue 7): a used, an expired, an unknown link and the link of an ended referral all
get the same neutral page, so that a guesser learns nothing.
"""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kohtaamo.paths import referrals as services
from kohtaamo.paths.models import AnswerLink, Referral
from tests.vacancies.factories import VacancyFactory

pytestmark = pytest.mark.django_db


def url(token: str) -> str:
    return reverse("www:referral_answer", kwargs={"token": token})


def neutral(response) -> str:
    """The page without what differs per request: the CSRF token and the page's own address
    (the language form's `next`)."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r'name="next" type="hidden" value="[^"]*"', "", html)


def test_the_receiver_answers_once_without_an_account(client, send, in_english):
    referral, token = send()
    page = client.get(url(token))
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("max-age=0")
    assert "no-store" in page["Cache-Control"]
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    answered = client.post(url(token), {"status": "hired", "comment": "Aloittaa maanantaina"})
    assert answered.status_code == 200
    assert "Thank you" in answered.content.decode()
    referral.refresh_from_db()
    assert referral.status == "hired"
    event = referral.events.last()
    assert (event.new_status, event.via_link, event.actor) == ("hired", True, None)
    assert event.comment == "Aloittaa maanantaina"
    assert AnswerLink.objects.get(referral=referral).used_at is not None
    # The link then stops working, for a look as for another answer.
    assert client.get(url(token)).status_code == 404
    again = client.post(url(token), {"status": "not_chosen", "reason": "toinen valittiin"})
    assert again.status_code == 404
    referral.refresh_from_db()
    assert referral.status == "hired"
    assert referral.events.count() == 2


def test_opening_the_link_changes_nothing(client, send):
    referral, token = send()
    client.get(url(token))
    client.get(url(token))
    referral.refresh_from_db()
    assert referral.status == "sent"
    assert referral.answered_at is None
    assert AnswerLink.objects.get(referral=referral).used_at is None


def test_the_link_expires(client, send, settings):
    settings.KOHTAAMO_ANSWER_LINK_DAYS = 30
    referral, token = send()
    link = AnswerLink.objects.get(referral=referral)
    assert link.expires_at - link.created_at == timedelta(days=30)
    AnswerLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(url(token)).status_code == 404
    assert client.post(url(token), {"status": "seen"}).status_code == 404
    assert Referral.objects.get(pk=referral.pk).status == "sent"


def test_used_expired_unknown_and_ended_links_look_the_same(client, send, user):
    _used, used = send()
    client.post(url(used), {"status": "seen"})
    expired_referral, expired = send()
    AnswerLink.objects.filter(referral=expired_referral).update(expires_at=timezone.now())
    ended_referral, ended = send()
    services.change_referral_status(
        ended_referral, "withdrawn", actor=user("rovaniemi.coordinator")
    )
    unknown = "x" * len(used)
    responses = [client.get(url(t)) for t in (used, expired, ended, unknown)]
    assert {r.status_code for r in responses} == {404}
    assert {r["X-Robots-Tag"] for r in responses} == {"noindex, nofollow"}
    assert len({neutral(r) for r in responses}) == 1
    assert all(r.templates[0].name == "referrals/answer_gone.html" for r in responses)


def test_the_page_shows_the_referral_and_nothing_else(client, send, seeker, vacancy, in_english):
    referral, token = send()
    other, _ = send(target=VacancyFactory(title="Toinen Salainen Paikka"), message="Eri viesti")
    html = client.get(url(token)).content.decode()
    # What the receiver needs: the person's name, the target, the sender and the message.
    for shown in ("Saana Ounasvaara", "Hotellisiivooja", "Poro-Testi Oy", referral.message):
        assert shown in html
    assert referral.organisation.name in html
    # No ids, no profile data, no other referrals, no links into the service.
    hidden = [
        str(seeker.public_id),
        str(referral.public_id),
        str(other.public_id),
        str(vacancy.public_id),
        str(vacancy.employer.public_id),
        seeker.email,
        seeker.phone,
        str(seeker.birth_year),
        "Toinen Salainen Paikka",
        "Eri viesti",
        "Riikka",  # the receiver's own data is not needed either
    ]
    for secret in hidden:
        assert secret not in html, secret
    assert not re.search(r'href="/(clients|referrals|vacancies|employers)/', html)


def test_a_logged_in_outsider_sees_the_same_page_as_anyone(client, login, send):
    _referral, token = send()
    anonymous = client.get(url(token))
    assert anonymous.status_code == 200
    outsider = login("kemi.coordinator").get(url(token))
    assert outsider.status_code == 200
    assert "Saana Ounasvaara" in outsider.content.decode()


def test_a_bad_answer_keeps_the_link_usable(client, send, in_english):
    referral, token = send()
    response = client.post(url(token), {"status": "not_chosen", "reason": ""})
    assert response.status_code == 400
    assert "Say why the person was not chosen" in response.content.decode()
    assert client.post(url(token), {"status": "withdrawn"}).status_code == 400
    assert client.get(url(token)).status_code == 200
    assert (
        client.post(url(token), {"status": "not_chosen", "reason": "Ei ajokorttia"}).status_code
        == 200
    )
    referral.refresh_from_db()
    assert (referral.status, referral.status_reason) == ("not_chosen", "Ei ajokorttia")


def test_the_answers_offered_go_forward_from_the_status(client, send, user):
    referral, token = send()
    services.change_referral_status(referral, "interview", actor=user("rovaniemi.coordinator"))
    html = client.get(url(token)).content.decode()
    assert 'value="hired"' in html and 'value="not_chosen"' in html
    assert 'value="seen"' not in html and 'value="withdrawn"' not in html
    assert client.post(url(token), {"status": "seen"}).status_code == 400
