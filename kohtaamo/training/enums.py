from django.db import models
from django.utils.translation import gettext_lazy as _


class OfferKind(models.TextChoices):
    """What kind of training an offer is; from a one-day card course to an apprenticeship."""

    CARD_COURSE = "card_course", _("card course")
    DRIVING = "driving", _("driving licence training")
    SHORT_COURSE = "short_course", _("short course")
    QUALIFICATION_UNIT = "qualification_unit", _("qualification unit")
    APPRENTICESHIP = "apprenticeship", _("apprenticeship route")
    RECRUITMENT = "recruitment", _("recruitment training")


class OfferLanguage(models.TextChoices):
    FINNISH = "fi", _("Finnish")
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")
    NORTHERN_SAMI = "se", _("Northern Sami")
