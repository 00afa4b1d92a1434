from django.db import models
from django.utils.translation import gettext_lazy as _


class ParticipantStatus(models.TextChoices):
    """A participant's labour-market status at entry and at exit, as the EU social fund asks."""

    EMPLOYED_COMPANY = "employed_company", _("employed by a company")
    EMPLOYED_ASSOCIATION = "employed_association", _("employed by an association")
    EMPLOYED_FOUNDATION = "employed_foundation", _("employed by a foundation")
    EMPLOYED_MUNICIPALITY = "employed_municipality", _("employed by a municipality")
    SELF_EMPLOYED = "self_employed", _("self-employed")
    WORK_TRIAL = "work_trial", _("in a work trial")
    STUDYING = "studying", _("studying")
    UNEMPLOYED = "unemployed", _("unemployed")
    OUTSIDE_LABOUR_FORCE = "outside_labour_force", _("outside the labour force")


EMPLOYED = (
    ParticipantStatus.EMPLOYED_COMPANY,
    ParticipantStatus.EMPLOYED_ASSOCIATION,
    ParticipantStatus.EMPLOYED_FOUNDATION,
    ParticipantStatus.EMPLOYED_MUNICIPALITY,
)
