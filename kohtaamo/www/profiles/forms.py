from django import forms
from django.utils.translation import gettext_lazy as _

from kohtaamo.profiles.enums import Audience
from kohtaamo.profiles.services import area_choices


class ProfileOptionsForm(forms.Form):
    """The query string of a profile page: which version, which area."""

    audience = forms.ChoiceField(
        label=_("Version"), choices=Audience.choices, required=False, initial=Audience.COUNSELLOR
    )
    area = forms.ChoiceField(label=_("Area"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("All of Lapland (all data)")), *area_choices()]

    def options(self) -> tuple[str, str]:
        """The valid audience and area; a bad value falls back to the default (and is shown
        as an error by the page)."""
        self.is_valid()
        data = self.cleaned_data
        return data.get("audience") or Audience.COUNSELLOR, data.get("area") or ""
