from django.db import models
from django.utils.translation import gettext_lazy as _


class SizeClass(models.TextChoices):
    """The EU size classes by head count."""

    MICRO = "micro", _("micro (under 10)")
    SMALL = "small", _("small (10-49)")
    MEDIUM = "medium", _("medium (50-249)")
    LARGE = "large", _("large (250 or more)")


class ReportLanguage(models.TextChoices):
    FI = "fi", _("Finnish")
    SV = "sv", _("Swedish")
    EN = "en", _("English")
