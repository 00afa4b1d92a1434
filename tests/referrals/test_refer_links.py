"""The "Refer" actions on the match pages lead to the referral form, prefilled."""

import pytest
from django.urls import reverse

from kohtaamo.matches.models import StoredMatch

pytestmark = pytest.mark.django_db


def test_the_match_pages_offer_to_refer(login):
    c = login("rovaniemi.coordinator")
    m = (
        StoredMatch.objects.filter(client__organisation__name__startswith="Rovaniemen")
        .select_related("vacancy", "client")
        .first()
    )
    html = c.get(
        reverse("www:vacancy_candidates", kwargs={"public_id": m.vacancy.public_id})
    ).content.decode()
    assert "/referrals/add/?vacancy=" in html
    html = c.get(
        reverse("www:client_matches", kwargs={"public_id": m.client.public_id})
    ).content.decode()
    assert "/referrals/add/?vacancy=" in html
