"""Every page needs a login, except the ones deliberately public."""

import uuid

import pytest
from django.urls import URLPattern, reverse
from django.urls.converters import IntConverter

from kohtaamo.www.urls import urlpatterns

pytestmark = pytest.mark.django_db
PUBLIC = {"login", "referral_answer", "event_employer_link"}


def url_of(pattern: URLPattern) -> str:
    kwargs = {
        name: 1 if isinstance(converter, IntConverter) else uuid.uuid4()
        for name, converter in pattern.pattern.converters.items()
    }
    return reverse(f"www:{pattern.name}", kwargs=kwargs)


@pytest.mark.parametrize(
    "pattern", [p for p in urlpatterns if p.name not in PUBLIC], ids=lambda p: p.name
)
def test_anonymous_is_sent_to_the_login_page(client, pattern):
    for method in (client.get, client.post):
        response = method(url_of(pattern))
        assert response.status_code == 302, pattern.name
        assert response.url.startswith(reverse("www:login"))


def test_the_api_answers_401_not_a_redirect(client):
    assert client.get("/api/v1/taxonomy/search?q=x").status_code == 401
