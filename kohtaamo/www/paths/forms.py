"""Forms of the path pages and the service catalogue. They parse input; the rules (a kind names
its target, done is final, codes are unique) are checked by `kohtaamo.paths.services`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kohtaamo.clients.models import TARGET_GROUPS, Client
from kohtaamo.organisations.enums import OrganisationKind
from kohtaamo.organisations.models import Organisation
from kohtaamo.paths import services
from kohtaamo.paths.models import Goal, Path, Referral, ServiceType, StepKind, StepStatus
from kohtaamo.recognition.models import EnvironmentPeriod
from kohtaamo.training.models import TrainingOffer


class PlainForm(forms.Form):
    """Labels without the trailing colon, as in the rest of Kohtaamo."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def error_list(form: forms.Form) -> list[tuple[str, str]]:
    """(id of the field, message) of every error, for `clients/_error_summary.html`."""
    found = [("", str(m)) for m in form.non_field_errors()]
    for field in form:
        anchor = field.id_for_label or f"{field.auto_id}_0"
        found += [(anchor, f"{field.label}: {m}") for m in field.errors]
    return found


def add_service_errors(form: forms.Form, exc) -> None:
    """A service's ValidationError on the field it names, or on the form."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class GoalForm(PlainForm):
    title = forms.CharField(
        label=_("Goal"),
        max_length=300,
        help_text=_("In the job seeker's own words, e.g. “Work in a restaurant kitchen”."),
    )
    target_date = forms.DateField(label=_("Target date"), required=False, widget=DateInput())


class PathForm(PlainForm):
    summary = forms.CharField(
        label=_("Summary of the plan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was agreed with the job seeker, in words they recognise."),
    )
    agreed_on = forms.DateField(
        label=_("Agreed with the job seeker"), required=False, widget=DateInput()
    )
    review_on = forms.DateField(label=_("Next review"), required=False, widget=DateInput())


class StepForm(PlainForm):
    kind = forms.ChoiceField(label=_("Kind of step"), choices=StepKind.choices)
    goal = forms.ModelChoiceField(label=_("Goal"), queryset=None, required=False,
                                  empty_label=_("(no goal)"))  # fmt: skip
    service_type = forms.ModelChoiceField(
        label=_("Service"), queryset=None, required=False, help_text=_("For a service step.")
    )
    training_offer = forms.ModelChoiceField(
        label=_("Training offer"),
        queryset=None,
        required=False,
        help_text=_("For a training step."),
    )
    referral = forms.ModelChoiceField(
        label=_("Referral"),
        queryset=None,
        required=False,
        help_text=_("For a referral step: a referral already sent for the job seeker."),
    )
    environment_period = forms.ModelChoiceField(
        label=_("Learning environment period"),
        queryset=None,
        required=False,
        help_text=_("For a learning environment period."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        required=False,
        help_text=_("Optional: what the step is called in the plan."),
    )
    responsible_organisation = forms.ModelChoiceField(
        label=_("Responsible organisation"), queryset=None
    )
    start_date = forms.DateField(label=_("Starts"), required=False, widget=DateInput())
    end_date = forms.DateField(label=_("Ends"), required=False, widget=DateInput())
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, client: Client, path: Path | None, organisation=None, step=None,
                 **kwargs):  # fmt: skip
        """`step`: the step being edited, whose service and responsible organisation stay
        choosable even when the service was retired or the organisation left the team."""
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["goal"].queryset = path.goals.all() if path else Goal.objects.none()
        services_offered = ServiceType.objects.available_to(organisation).active()
        if step is not None and step.service_type_id:
            services_offered = services_offered | ServiceType.objects.filter(
                pk=step.service_type_id
            )
        fields["service_type"].queryset = services_offered
        fields["training_offer"].queryset = TrainingOffer.objects.order_by("title_fi", "pk")
        fields["referral"].queryset = Referral.objects.filter(client=client).select_related(
            "vacancy", "employer", "training_offer", "service_type", "client"
        )
        fields["environment_period"].queryset = EnvironmentPeriod.objects.filter(
            client=client
        ).select_related("environment")
        team = [o.pk for o in services.team_organisations(client)]
        if step is not None:
            team.append(step.responsible_organisation_id)
        fields["responsible_organisation"].queryset = Organisation.objects.filter(
            pk__in=team
        ).order_by("name")


class StatusForm(PlainForm):
    status = forms.ChoiceField(label=_("New status"), choices=StepStatus.choices)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        required=False,
        help_text=_("Needed when the step is interrupted."),
    )


class ServiceTypeForm(PlainForm):
    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        help_text=_("Letters, digits, hyphens and underscores, e.g. ski_resort_coaching."),
    )
    name_fi = forms.CharField(label=_("Name in Finnish"), max_length=150)
    name_sv = forms.CharField(label=_("Name in Swedish"), max_length=150)
    name_en = forms.CharField(label=_("Name in English"), max_length=150)
    description_fi = forms.CharField(
        label=_("Description in Finnish"), widget=forms.Textarea(attrs={"rows": 3})
    )
    description_sv = forms.CharField(
        label=_("Description in Swedish"), widget=forms.Textarea(attrs={"rows": 3})
    )
    description_en = forms.CharField(
        label=_("Description in English"), widget=forms.Textarea(attrs={"rows": 3})
    )
    provider_kinds = forms.MultipleChoiceField(
        label=_("Provided by"),
        choices=OrganisationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    eligible_groups = forms.MultipleChoiceField(
        label=_("Meant for"),
        choices=TARGET_GROUPS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked when the service is for every job seeker."),
    )
    typical_duration_days = forms.IntegerField(
        label=_("Typical duration (days)"), min_value=1, max_value=1100, required=False
    )
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)

    @staticmethod
    def initial_for(service: ServiceType) -> dict:
        return {f: getattr(service, f) for f in services.SERVICE_TYPE_FIELDS}
