"""Forms of the EU social fund pages. They parse; `kohtaamo.esf.services` validates and saves."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kohtaamo.esf.enums import ParticipantStatus
from kohtaamo.www.clients.forms import DATE_WIDGET, PlainForm

LICENCE_HELP = _("Codes separated by commas, e.g. hygiene_passport, occupational_safety_card.")


class PeriodForm(PlainForm):
    """The period of the indicator table; empty means the whole project."""

    start = forms.DateField(
        label=pgettext_lazy("period", "From"), required=False, widget=DATE_WIDGET
    )
    end = forms.DateField(label=pgettext_lazy("period", "To"), required=False, widget=DATE_WIDGET)

    def add_prefix(self, field_name):
        # The query parameters are `from` and `to`, as in the API.
        return {"start": "from", "end": "to"}.get(field_name, field_name)


class ClientSearchForm(PlainForm):
    q = forms.CharField(label=_("Name of the job seeker"), max_length=100, required=False)


class EntryForm(PlainForm):
    client = forms.ChoiceField(label=_("Job seeker"), widget=forms.RadioSelect)
    entry_date = forms.DateField(label=_("Entry date"), widget=DATE_WIDGET)
    entry_status = forms.ChoiceField(label=_("Status at entry"), choices=ParticipantStatus.choices)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].choices = [
            (str(c.public_id), f"{c.last_name}, {c.first_name} ({c.birth_year})")
            for c in candidates
        ]


class ParticipantForm(PlainForm):
    entry_date = forms.DateField(label=_("Entry date"), widget=DATE_WIDGET)
    entry_status = forms.ChoiceField(label=_("Status at entry"), choices=ParticipantStatus.choices)
    exit_date = forms.DateField(label=_("Exit date"), required=False, widget=DATE_WIDGET)
    exit_status = forms.ChoiceField(
        label=_("Status at exit"),
        required=False,
        choices=[("", _("not recorded yet")), *ParticipantStatus.choices],
    )
    licences_gained = forms.CharField(
        label=_("Licences and cards gained"),
        required=False,
        max_length=500,
        help_text=LICENCE_HELP,
    )
    new_entrepreneur = forms.BooleanField(label=_("Started a business"), required=False)

    def clean_licences_gained(self) -> list[str]:
        text = self.cleaned_data.get("licences_gained") or ""
        return [code.strip() for code in text.split(",") if code.strip()]

    def clean(self):
        data = super().clean()
        if data.get("exit_status") and not data.get("exit_date"):
            self.add_error("exit_date", _("A status at exit needs the exit date."))
        return data


def form_errors(form: forms.Form) -> list[tuple[str, str]]:
    """(id of the field, message) of every error, for the error summary."""
    found = [("", str(m)) for m in form.non_field_errors()]
    for field in form:
        anchor = field.id_for_label or f"{field.auto_id}_0"
        found += [(anchor, f"{field.label}: {m}") for m in field.errors]
    return found
