"""Settings for the test suite: production settings (DEBUG off) with local-only transport."""

import os

os.environ.setdefault("KOHTAAMO_SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("KOHTAAMO_SSL_REDIRECT", "0")
os.environ.setdefault("KOHTAAMO_SECURE_COOKIES", "0")
os.environ.setdefault("KOHTAAMO_HSTS_SECONDS", "0")
os.environ.setdefault("KOHTAAMO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; tests only
