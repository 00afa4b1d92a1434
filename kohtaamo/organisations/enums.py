from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("municipality")
    VOCATIONAL_COLLEGE = "vocational_college", _("vocational college")
    UNIVERSITY = "university", _("university")
    UAS = "uas", _("university of applied sciences")
    TE_OFFICE = "te_office", _("TE office")
    ELY_CENTRE = "ely_centre", _("ELY centre")
    PROJECT = "project", _("project")
    COMPANY = "company", _("company")
    ASSOCIATION = "association", _("association")


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("coordinator")
    COMPANY_COORDINATOR = "company_coordinator", _("company coordinator")
    ORGANISATION_ADMIN = "organisation_admin", _("organisation admin")
    REGIONAL_ANALYST = "regional_analyst", _("regional analyst")
