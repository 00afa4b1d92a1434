"""The situation room's scenario form: the event, its occupations with counts and sharing.

Occupations are chosen from a list of the common ones (those of open vacancies, planned hires
of employers' mappings and saved scenarios, by label), with up to OCCUPATION_ROWS rows.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kohtaamo.geo.models import Municipality
from kohtaamo.insights.models import Scenario, ScenarioOccupation
from kohtaamo.insights.scenario_services import MAX_WORKERS
from kohtaamo.mappings.models import PlannedHire
from kohtaamo.organisations.models import Organisation
from kohtaamo.taxonomy.models import Concept
from kohtaamo.vacancies.models import Vacancy

OCCUPATION_ROWS = 8


def occupation_choices(extra: list[int] = ()) -> list[tuple[str, str]]:
    ids = set(Vacancy.objects.values_list("occupation_id", flat=True))
    ids |= set(PlannedHire.objects.values_list("occupation_id", flat=True))
    ids |= set(ScenarioOccupation.objects.values_list("occupation_id", flat=True))
    ids |= set(extra)
    concepts = Concept.objects.filter(kind="occupation", pk__in=ids - {None})
    rows = sorted((c.label_fi or c.label_en, str(c.pk)) for c in concepts)
    return [("", "–")] + [(pk, label) for label, pk in rows]


class ScenarioForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Scenario.Kind.choices, widget=forms.RadioSelect
    )
    employer_name = forms.CharField(label=_("Employer"), max_length=200, required=False)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none()
    )
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("When the closure takes effect or the new workers are needed."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    shared_with = forms.ModelMultipleChoiceField(
        label=_("Share with"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Members of these organisations may read the scenario and its briefing."),
    )

    def __init__(self, *args, owner: Organisation, scenario: Scenario | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by("name_fi")
        self.fields["shared_with"].queryset = (
            Organisation.objects.filter(is_active=True).exclude(pk=owner.pk).order_by("name")
        )
        current = list(scenario.occupations.all()) if scenario else []
        choices = occupation_choices([o.occupation_id for o in current])
        for n in range(1, OCCUPATION_ROWS + 1):
            self.fields[f"occupation_{n}"] = forms.ChoiceField(
                label=_("Occupation %(n)s") % {"n": n}, choices=choices, required=False
            )
            self.fields[f"count_{n}"] = forms.IntegerField(
                label=_("Workers %(n)s") % {"n": n},
                min_value=1,
                max_value=MAX_WORKERS,
                required=False,
            )
        if scenario is not None and not self.is_bound:
            self.initial |= {
                "title": scenario.title,
                "kind": scenario.kind,
                "employer_name": scenario.employer_name,
                "municipality": scenario.municipality_id,
                "date": scenario.date,
                "description": scenario.description,
                "shared_with": list(scenario.shared_with.values_list("pk", flat=True)),
            }
            for n, row in enumerate(current[:OCCUPATION_ROWS], start=1):
                self.initial[f"occupation_{n}"] = str(row.occupation_id)
                self.initial[f"count_{n}"] = row.count

    def occupation_rows(self):
        """(occupation field, count field) pairs for the template."""
        return [
            (self[f"occupation_{n}"], self[f"count_{n}"]) for n in range(1, OCCUPATION_ROWS + 1)
        ]

    def clean(self):
        data = super().clean()
        chosen = []
        for n in range(1, OCCUPATION_ROWS + 1):
            occupation, count = data.get(f"occupation_{n}"), data.get(f"count_{n}")
            if occupation and not count:
                self.add_error(f"count_{n}", _("Give the number of workers."))
            elif count and not occupation:
                self.add_error(f"occupation_{n}", _("Choose the occupation."))
            elif occupation and count:
                chosen.append((int(occupation), count))
        if not chosen and not self.errors:
            self.add_error("occupation_1", _("Add at least one occupation."))
        found = {c.pk: c for c in Concept.objects.filter(Q(pk__in=[pk for pk, _ in chosen]))}
        data["occupations"] = [(found[pk], count) for pk, count in chosen if pk in found]
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in ("kind", "title", "employer_name", "municipality", "date", "description")
        }
