import importlib

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import env


def test_debug_is_off_by_default(settings):
    assert settings.DEBUG is False


def test_production_security_settings_are_on_when_debug_is_off(monkeypatch):
    import config.settings as module

    for name in (
        "KOHTAAMO_DEBUG",
        "KOHTAAMO_SECURE_COOKIES",
        "KOHTAAMO_SSL_REDIRECT",
        "KOHTAAMO_HSTS_SECONDS",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KOHTAAMO_SECRET_KEY", "x" * 50)
    try:
        fresh = importlib.reload(module)
        assert (
            fresh.SESSION_COOKIE_SECURE and fresh.CSRF_COOKIE_SECURE and fresh.SECURE_SSL_REDIRECT
        )
        assert fresh.SECURE_HSTS_SECONDS > 0
        assert "*" not in fresh.ALLOWED_HOSTS
        assert fresh.DATABASES["default"]["ATOMIC_REQUESTS"] is True
    finally:
        monkeypatch.undo()
        importlib.reload(module)


def test_missing_secret_key_fails_loudly_in_production(monkeypatch):
    monkeypatch.delenv("KOHTAAMO_SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="KOHTAAMO_SECRET_KEY"):
        env.env_str("KOHTAAMO_SECRET_KEY")


@pytest.mark.parametrize("raw", ["maybe", "2"])
def test_bad_boolean_fails_loudly(monkeypatch, raw):
    monkeypatch.setenv("KOHTAAMO_X", raw)
    with pytest.raises(ImproperlyConfigured, match="KOHTAAMO_X"):
        env.env_bool("KOHTAAMO_X")


@pytest.mark.django_db
def test_pages_send_a_strict_content_security_policy(client):
    response = client.get("/login/")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
