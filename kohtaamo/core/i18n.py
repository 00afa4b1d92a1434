"""Pick the label of the active interface language, falling back to the others."""

from django.utils import translation

FALLBACK_ORDER = ("fi", "en", "sv")


def active_language() -> str:
    lang = (translation.get_language() or "fi")[:2]
    return lang if lang in FALLBACK_ORDER else "fi"


def localized(obj, prefix: str, lang: str | None = None) -> str:
    """Return `obj.<prefix>_<lang>`, else the first non-empty of fi, en, sv."""
    lang = lang or active_language()
    for code in (lang, *FALLBACK_ORDER):
        value = getattr(obj, f"{prefix}_{code}", "")
        if value:
            return value
    return ""


class LocalizedNameMixin:
    """For models with name_fi / name_sv / name_en."""

    @property
    def name(self) -> str:
        return localized(self, "name")

    def __str__(self) -> str:
        return self.name
