"""The languages a job seeker speaks: ISO 639-1 codes with a CEFR level or "native".

The codes and levels are those of vacancies (`kohtaamo.vacancies.languages`), so that a
person's languages and a vacancy's requirements compare directly.
"""

from __future__ import annotations

from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from kohtaamo.vacancies.languages import CEFR_LEVELS, ISO_639_1, LEVELS, NATIVE, normalise_level

__all__ = [
    "CEFR_LEVELS",
    "ISO_639_1",
    "LEVELS",
    "NATIVE",
    "language_choices",
    "language_name",
    "normalise_level",
]

# The languages met most in Lapland's employment services, first in the lists.
COMMON = {
    "fi": _("Finnish"),
    "sv": _("Swedish"),
    "se": _("Northern Sami"),
    "en": _("English"),
    "no": _("Norwegian"),
    "ru": _("Russian"),
    "et": _("Estonian"),
    "de": _("German"),
    "fr": _("French"),
    "es": _("Spanish"),
    "it": _("Italian"),
    "uk": _("Ukrainian"),
    "pl": _("Polish"),
    "ar": _("Arabic"),
    "so": _("Somali"),
    "fa": _("Persian"),
    "zh": _("Chinese"),
    "ja": _("Japanese"),
    "th": _("Thai"),
}


def language_name(code: str) -> str:
    """The language's name in the UI language (Django's own names after ours), else the code."""
    if code in COMMON:
        return str(COMMON[code])
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def language_choices() -> list:
    """Grouped choices for a select: the common languages, then every other named one."""
    others = sorted(
        ((code, language_name(code)) for code in ISO_639_1 if code not in COMMON),
        key=lambda choice: choice[1].lower(),
    )
    others = [(code, name) for code, name in others if name != code]
    return [
        ("", "–"),
        (_("Common languages"), [(code, str(name)) for code, name in COMMON.items()]),
        (_("Other languages"), others),
    ]


def level_label(level: str) -> str:
    return str(_("native")) if level == NATIVE else level
