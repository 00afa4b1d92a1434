"""Importing job seekers from a file, and erasing a job seeker's personal data.

The import page is for the coordinators and admins of the current organisation; the erasure
page for the admins of the organisation that owns the record. Everyone else gets 404.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kohtaamo.clients import erasure, imports


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "A CSV file (UTF-8, separated by ; or ,) or an Excel workbook (.xlsx)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Check only: show what would happen and save nothing"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class ErasureForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("Why is the data erased?"),
        choices=erasure.ErasureReason.choices,
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("I understand that the erased data cannot be restored."),
        error_messages={"required": gettext_lazy("Confirm that you want to erase the data.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def import_page(request):
    organisation = request.organisation
    if not imports.can_import_into(request.user, organisation):
        raise Http404
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    report = None
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        report = imports.import_clients(
            actor=request.user,
            organisation=organisation,
            file=upload,
            filename=upload.name,
            dry_run=form.cleaned_data["dry_run"],
        )
        if report.written:
            messages.success(
                request, _("Imported %(count)d job seekers.") % {"count": report.created}
            )
            return redirect("www:clients")
    return render(
        request,
        "clients/import.html",
        {
            "form": form,
            "report": report,
            "organisation": organisation,
            "columns": imports.COLUMNS,
        },
    )


def erase_page(request, public_id):
    client = get_object_or_404(
        erasure.erasable_by(request.user).select_related("organisation"), public_id=public_id
    )
    if client.erased_at is not None:
        return render(
            request,
            "clients/erase_done.html",
            {"client": client, "report": erasure.last_report(client)},
        )
    form = ErasureForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            erasure.erase_client(
                actor=request.user, client=client, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The job seeker's personal data has been erased."))
            return redirect("www:client_erase", public_id=client.public_id)
    erasure.record_view_before_erasure(actor=request.user, client=client)
    return render(
        request,
        "clients/erase.html",
        {
            "client": client,
            "form": form,
            "erased_items": erasure.ERASED_ITEMS.values(),
            "kept_items": erasure.KEPT_ITEMS.values(),
        },
    )
