from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetencesConfig(AppConfig):
    name = "kohtaamo.competences"
    label = "competences"
    verbose_name = _("Text to competences")
