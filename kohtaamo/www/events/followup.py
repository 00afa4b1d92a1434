"""After the event: the organisers' follow-up, the employers' link and the event's report.

The follow-up pages and the outcome form are for the event's organisers (anyone else: 404).
The employer's link is public (no account): it shows the employer's schedule with the
consented competence summaries and, from the event day on, takes each interview's outcome;
every bad token gets the same 404 page, and every use is audited. The report is an aggregate
with small counts suppressed: organisers and the region's analysts see it.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.events import followup as services
from kohtaamo.events import perms, printouts
from kohtaamo.events import report as reports
from kohtaamo.events.enums import Outcome
from kohtaamo.events.models import Event, Interview
from kohtaamo.www.paths.forms import add_service_errors, error_list

# Forms ---------------------------------------------------------------------------------------


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=gettext_lazy("Comment"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Not chosen: the reason, if the employer gave one."),
    )


class LinkOutcomesForm(forms.Form):
    """One outcome and comment per interview; an interview left blank is left as it was."""

    def __init__(self, *args, interviews, **kwargs):
        super().__init__(*args, **kwargs)
        self.interviews = interviews
        choices = [("", _("Not recorded yet")), *Outcome.choices]
        for interview in interviews:
            key = interview.public_id.hex
            self.fields[f"outcome_{key}"] = forms.ChoiceField(
                label=_("Outcome"), choices=choices, required=False, initial=interview.outcome
            )
            self.fields[f"note_{key}"] = forms.CharField(
                label=_("Comment"), required=False, max_length=500, initial=interview.outcome_note
            )

    def rows(self):
        for interview in self.interviews:
            key = interview.public_id.hex
            yield interview, self[f"outcome_{key}"], self[f"note_{key}"]

    def changes(self):
        """(interview, outcome, note) for every interview whose answer changed."""
        for interview in self.interviews:
            key = interview.public_id.hex
            outcome = self.cleaned_data.get(f"outcome_{key}", "")
            note = self.cleaned_data.get(f"note_{key}", "").strip()
            if outcome and (outcome, note) != (interview.outcome, interview.outcome_note):
                yield interview, outcome, note


# Organisers' follow-up -----------------------------------------------------------------------


def _managed_event(request, public_id) -> Event:
    return get_object_or_404(
        Event.objects.managed_by(request.user).select_related("organisation"), public_id=public_id
    )


@require_GET
def followup(request, public_id):
    """Per employer: link sent, outcomes recorded n/m, and its interviews with outcomes."""
    event = _managed_event(request, public_id)
    rows = services.overview(event)
    interviews = list(Interview.objects.filter(event=event).with_people().order_by("slot", "id"))
    for row in rows:
        row.lines = [i for i in interviews if i.event_employer_id == row.participation.pk]
    _record_view(request, event, interviews, "followup")
    return render(
        request,
        "events/followup.html",
        {
            "event": event,
            "rows": rows,
            "recorded": sum(1 for i in interviews if i.outcome),
            "total": len(interviews),
            "can_record": services.can_record(event),
        },
    )


def _record_view(request, event: Event, interviews, page: str) -> None:
    clients = sorted({str(i.registration.client.public_id) for i in interviews})
    audit.record(
        actor=request.user,
        action=AuditAction.VIEW,
        obj=event,
        organisation=perms.acting_organisation(request.user, event),
        detail={"page": page, "clients": clients},
    )


@require_POST
def send_links(request, public_id):
    event = _managed_event(request, public_id)
    tokens = services.issue_links(event=event, actor=request.user)
    if tokens:
        messages.success(
            request,
            ngettext(
                "A link was mailed to %(n)d employer.",
                "Links were mailed to %(n)d employers.",
                len(tokens),
            )
            % {"n": len(tokens)},
        )
    else:
        messages.warning(request, _("No employer has a contact's email: no links were sent."))
    return redirect("www:event_followup", public_id=event.public_id)


def interview_outcome(request, public_id, interview_id):
    """An organiser records the outcome an employer phoned in."""
    event = _managed_event(request, public_id)
    interview = get_object_or_404(
        Interview.objects.filter(event=event).with_people(), public_id=interview_id
    )
    initial = {"outcome": interview.outcome, "note": interview.outcome_note}
    form = OutcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and not services.can_record(event):
        form.add_error(None, _("Outcomes can be recorded from the event day on."))
    elif request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.record_outcome(
                    interview=interview, actor=request.user, **form.cleaned_data
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The outcome was recorded."))
            return redirect("www:event_followup", public_id=event.public_id)
    elif request.method != "POST":
        _record_view(request, event, [interview], "interview_outcome")
    return render(
        request,
        "events/followup_outcome.html",
        {"event": event, "interview": interview, "form": form, "errors": error_list(form)},
        status=400 if form.errors else 200,
    )


# The employer's link (public) ----------------------------------------------------------------


@login_not_required
@never_cache
def employer_link(request, token):
    """The employer's schedule with the consented summaries and, from the event day on, the
    outcomes form. Opening it changes nothing but the link's last use (scanners open links)."""
    try:
        participation = services.participation_for_token(token)
    except services.InvalidEventLink:
        return _link_gone(request)
    event = participation.event
    schedule = printouts.employer_schedule(participation)
    interviews = [line.interview for slot in schedule.slots for line in slot.interviews]
    can_record = services.can_record(event)
    form = LinkOutcomesForm(request.POST or None, interviews=interviews)
    if request.method == "POST" and can_record and form.is_valid() and _save_link_outcomes(form):
        return _unindexed(redirect(request.path + "?saved=1"))
    _audit_link(participation, interviews, "post" if request.method == "POST" else "view")
    context = {
        "event": event,
        "participation": participation,
        "schedule": schedule,
        "form": form,
        "errors": error_list(form),
        "can_record": can_record,
        "saved": request.GET.get("saved") == "1",
    }
    status = 400 if form.errors else 200
    return _unindexed(render(request, "events/followup_link.html", context, status=status))


def _save_link_outcomes(form: LinkOutcomesForm) -> bool:
    try:
        with transaction.atomic():
            for interview, outcome, note in form.changes():
                services.record_outcome(
                    interview=interview, outcome=outcome, note=note, via_link=True
                )
    except ValidationError as exc:
        form.add_error(None, exc)
        return False
    return True


def _audit_link(participation, interviews, use: str) -> None:
    audit.record(
        actor=None,
        action=AuditAction.VIEW,
        obj=participation,
        organisation=participation.event.organisation,
        detail={
            "via_link": True,
            "use": use,
            "registrations": sorted(str(i.registration.public_id) for i in interviews),
        },
    )


def _link_gone(request):
    return _unindexed(render(request, "events/followup_link_gone.html", status=404))


def _unindexed(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# The report ----------------------------------------------------------------------------------


def _report_event(request, public_id) -> Event:
    event = get_object_or_404(
        Event.objects.select_related("organisation__municipality", "municipality"),
        public_id=public_id,
    )
    if not reports.can_see_report(request.user, event):
        raise Http404
    return event


@require_GET
def report(request, public_id):
    event = _report_event(request, public_id)
    built = reports.build(event)
    if reports.check_protected(built):  # a bug in the suppression must never reach a page
        raise RuntimeError("The event report is not protected")
    return render(
        request,
        "events/report.html",
        {
            "event": event,
            "report": built,
            "people_columns": reports.PEOPLE_COLUMNS,
            "outcome_columns": reports.OUTCOME_COLUMNS,
            "manages": perms.can_manage(request.user, event),
        },
    )


@require_GET
def report_csv(request, public_id):
    event = _report_event(request, public_id)
    content, name = reports.export_csv(
        actor=request.user, event=event, organisation=request.organisation
    )
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
