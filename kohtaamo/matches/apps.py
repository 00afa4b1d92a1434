from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchesConfig(AppConfig):
    name = "kohtaamo.matches"
    label = "matches"
    verbose_name = _("Matches")

    def ready(self) -> None:
        from . import signals  # noqa: F401 - connects the change handlers
