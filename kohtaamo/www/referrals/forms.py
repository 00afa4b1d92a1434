"""Forms of the referral pages. They parse; `kohtaamo.paths.referrals` validates and saves."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaamo.employers.models import Employer
from kohtaamo.paths.models import ReferralKind, ReferralStatus, ServiceType
from kohtaamo.training.models import TrainingOffer
from kohtaamo.vacancies.models import Vacancy
from kohtaamo.www.clients.forms import DATE_WIDGET, PlainForm

TARGETS = {
    ReferralKind.VACANCY: "vacancy",
    ReferralKind.EMPLOYER: "employer",
    ReferralKind.TRAINING: "training_offer",
    ReferralKind.SERVICE: "service_type",
}


class ReferralForm(PlainForm):
    kind = forms.ChoiceField(
        label=_("Referred to"), choices=ReferralKind.choices, widget=forms.RadioSelect
    )
    vacancy = forms.ModelChoiceField(
        label=_("Vacancy"), queryset=Vacancy.objects.none(), required=False,
        to_field_name="public_id", empty_label="—",
    )  # fmt: skip
    employer = forms.ModelChoiceField(
        label=_("Employer"), queryset=Employer.objects.none(), required=False,
        to_field_name="public_id", empty_label="—",
    )  # fmt: skip
    training_offer = forms.ModelChoiceField(
        label=_("Training offer"), queryset=TrainingOffer.objects.none(), required=False,
        to_field_name="public_id", empty_label="—",
    )  # fmt: skip
    service_type = forms.ModelChoiceField(
        label=_("Service"), queryset=ServiceType.objects.none(), required=False, empty_label="—"
    )
    receiver_name = forms.CharField(label=_("Receiver's name"), max_length=200, required=False)
    receiver_email = forms.EmailField(
        label=_("Receiver's email"),
        required=False,
        help_text=_(
            "The receiver gets a link by mail to answer without an account; without an email, "
            "record the outcome yourself."
        ),
    )
    message = forms.CharField(
        label=_("Message to the receiver"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown to the receiver with the person's name. Write no health details."),
    )
    answer_due = forms.DateField(
        label=_("Answer due"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Left empty: in the usual number of days."),
    )

    def __init__(self, *args, user, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["vacancy"].queryset = (
            Vacancy.objects.visible_to(user).open().select_related("employer").order_by("title")
        )
        self.fields["employer"].queryset = (
            Employer.objects.visible_to(user).active().order_by("name")
        )
        self.fields["training_offer"].queryset = TrainingOffer.objects.upcoming(today).order_by(
            "title_fi"
        )
        self.fields["service_type"].queryset = ServiceType.objects.active().available_to(
            organisation
        )
        self.fields["vacancy"].label_from_instance = lambda v: f"{v.title} – {v.employer.name}"

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind and not cleaned.get(TARGETS[kind]):
            self.add_error(TARGETS[kind], _("Choose what the person is referred to."))
        return cleaned

    def target(self):
        return self.cleaned_data[TARGETS[self.cleaned_data["kind"]]]


class StatusForm(PlainForm):
    """A new status for the referral; the choices are the statuses allowed next."""

    status = forms.ChoiceField(label=_("New status"), choices=ReferralStatus.choices)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        required=False,
        help_text=_("Needed when the person was not chosen."),
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = choices
        self.fields["status"].widget = forms.RadioSelect(choices=choices)


class ReferralFilterForm(PlainForm):
    """The outcome view's filters; invalid values are ignored, not errors."""

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *ReferralStatus.choices]
    )
    kind = forms.ChoiceField(
        label=_("Referred to"), required=False, choices=[("", _("All")), *ReferralKind.choices]
    )
    overdue = forms.BooleanField(label=_("Only unanswered past their due date"), required=False)

    def filters(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v}
