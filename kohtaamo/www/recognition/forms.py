"""Forms of the recognition pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kohtaamo.organisations.enums import OrganisationKind
from kohtaamo.organisations.models import Organisation
from kohtaamo.recognition.models import EnvironmentKind


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        return value.isoformat() if hasattr(value, "isoformat") else value


class EnvironmentForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=EnvironmentKind.choices)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    teacher_name = forms.CharField(
        label=_("Vocational teacher"),
        max_length=200,
        required=False,
        help_text=_("The teacher who maps the tasks with you."),
    )
    teacher_organisation = forms.ModelChoiceField(
        label=_("Teacher's college"),
        queryset=Organisation.objects.filter(
            kind=OrganisationKind.VOCATIONAL_COLLEGE, is_active=True
        ),
        required=False,
        help_text=_("Only the college signs the recognition off."),
    )


class TaskForm(forms.Form):
    name = forms.CharField(label=_("Task"), max_length=200)
    description = forms.CharField(
        label=_("What the task involves"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SignOffForm(forms.Form):
    recognised_on = forms.DateField(label=_("Recognised on"), required=False, widget=DateInput)


class PeriodForm(forms.Form):
    environment = forms.ModelChoiceField(label=_("Learning environment"), queryset=None)
    start_date = forms.DateField(label=_("Starts"), widget=DateInput)
    end_date = forms.DateField(label=_("Ends"), required=False, widget=DateInput)

    def __init__(self, *args, environments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["environment"].queryset = environments


class DemonstratedForm(forms.Form):
    tasks = forms.ModelMultipleChoiceField(
        label=_("Tasks demonstrated"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    end_date = forms.DateField(label=_("Ends"), required=False, widget=DateInput)

    def __init__(self, *args, tasks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tasks"].queryset = tasks
