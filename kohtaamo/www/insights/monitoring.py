"""Monitoring: the EU social fund indicators of the projects side by side and the impact
follow-up of paths to work (`kohtaamo.insights.monitoring`).

Aggregates only, every count protected: every staff member (an active membership) may see the
page, analysts included; a job seeker's own login gets 404. The follow-up is the same
region-wide table for everyone; the projects are those whose indicators the user may see. The
quarter of the table by service type is chosen from the published quarters only.
"""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from kohtaamo.esf import indicators
from kohtaamo.esf import services as esf_services
from kohtaamo.insights import impact
from kohtaamo.insights import monitoring as services
from kohtaamo.www.clients.forms import PlainForm
from kohtaamo.www.esf.forms import form_errors


class QuarterForm(PlainForm):
    quarter = forms.ChoiceField(label=_("Quarter"))

    def __init__(self, *args, quarters=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].choices = [(q.key, services.quarter_label(q)) for q in quarters]


@require_GET
def monitoring(request, **kwargs):
    follow, projects = _data(request)
    form = QuarterForm(
        request.GET if "quarter" in request.GET else None,
        quarters=[t.quarter for t in follow.quarters],
    )
    chosen = follow.quarter(form.cleaned_data["quarter"] if form.is_valid() else None)
    if not form.is_bound and chosen is not None:
        form = QuarterForm(
            initial={"quarter": chosen.quarter.key}, quarters=[t.quarter for t in follow.quarters]
        )
    context = {
        "projects": projects,
        "indicator_rows": services.indicator_rows(projects),
        "columns": esf_services.columns(),
        "column_count": len(indicators.COLUMNS),
        "any_suppressed": any(p.table.any_suppressed for p in projects),
        "counting_note": esf_services.COUNTING_NOTE,
        "suppression_note": esf_services.SUPPRESSION_NOTE,
        "follow": follow,
        "quarter_rows": services.quarter_rows(follow),
        "chosen": chosen,
        "chosen_label": services.quarter_label(chosen.quarter) if chosen else "",
        "service_rows": services.service_rows(follow, chosen) if chosen else [],
        "follow_ups": impact.FOLLOW_UPS,
        "minimum": indicators.MINIMUM_COUNT,
        "form": form,
        "errors": form_errors(form) if form.is_bound else [],
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "insights/monitoring.html", context, status=status)


@require_GET
def monitoring_csv(request, **kwargs):
    follow, projects = _data(request)
    response = HttpResponse(
        services.monitoring_csv(projects, follow).encode("utf-8-sig"),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="monitoring.csv"'
    return response


def _data(request):
    if not services.is_staff(request.user):
        raise Http404
    region = services.region_of(request.user, getattr(request, "organisation", None))
    return services.follow_up(region), services.project_indicators(request.user)
