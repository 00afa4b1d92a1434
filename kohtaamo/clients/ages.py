"""Age groups: what a partner organisation sees instead of the year of birth.

The bands keep the EU social fund's target groups (under 30, over 54) readable from the group.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# (lowest age, highest age or None, label)
AGE_GROUPS = (
    (0, 24, _("under 25")),
    (25, 29, _("25–29")),
    (30, 44, _("30–44")),
    (45, 54, _("45–54")),
    (55, 64, _("55–64")),
    (65, None, _("65 or over")),
)


def age_group(birth_year: int | None, year: int) -> str:
    """The label of the band the person's age falls in during `year`; empty when unknown."""
    if not birth_year:
        return ""
    age = year - birth_year
    for lowest, highest, label in AGE_GROUPS:
        if age >= lowest and (highest is None or age <= highest):
            return str(label)
    return ""
