from django.db import models
from django.utils.translation import gettext_lazy as _


class CompetenceKind(models.TextChoices):
    """What an employer can ask for: an ESCO skill, a licence or card, a qualification unit."""

    SKILL = "skill", _("skill")
    LICENCE = "licence", _("licence or card")
    UNIT = "unit", _("qualification unit")


class Importance(models.IntegerChoices):
    USEFUL = 1, _("an advantage")
    IMPORTANT = 2, _("important")
    ESSENTIAL = 3, _("essential")
