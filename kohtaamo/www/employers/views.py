"""The employer register: list, detail, create and edit, contact persons, sharing, import and
CSV export. Every employer is looked up through `Employer.objects.visible_to`: an outsider gets
404, a regional analyst sees none."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kohtaamo.employers import perms, services
from kohtaamo.employers.models import ContactPerson, Employer
from kohtaamo.employers.search import filter_employers
from kohtaamo.geo.models import Municipality
from kohtaamo.vacancies.models import Vacancy
from kohtaamo.www.employers.forms import (
    ContactForm,
    EmployerFilterForm,
    EmployerForm,
    ImportForm,
    ShareForm,
)

PAGE_SIZE = 25


def index(request):
    visible = Employer.objects.visible_to(request.user)
    filter_form = EmployerFilterForm(
        request.GET or None,
        municipalities=Municipality.objects.filter(
            pk__in=visible.values("municipality")
        ).order_by(),
    )
    employers = filter_employers(visible, **filter_form.filters()).select_related("municipality")
    page = Paginator(employers.order_by("name", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "employers/index.html",
        {
            "filter_form": filter_form,
            "page": page,
            "filtered": bool(filter_form.filters()),
            "can_create": perms.can_create_employers_in(request.user, request.organisation),
            "works_with_employers": perms.can_create_employers(request.user),
        },
    )


def detail(request, public_id):
    employer = _visible_employer(request, public_id)
    services.record_employer_view(
        actor=request.user, employer=employer, organisation=request.organisation
    )
    can_edit = perms.can_edit_employer(request.user, employer)
    return render(
        request,
        "employers/detail.html",
        {
            "employer": employer,
            "contacts": list(employer.contacts.all()),
            "partnerships": employer.partnerships.select_related("organisation").order_by(
                "organisation__name"
            ),
            "mappings": employer.mappings.visible_to(request.user).select_related("organisation"),
            "vacancies": Vacancy.objects.visible_to(request.user).filter(employer=employer),
            "can_edit": can_edit,
            "share_form": ShareForm(employer=employer) if can_edit else None,
        },
    )


def create(request):
    organisation = request.organisation
    if not perms.can_create_employers_in(request.user, organisation):
        raise Http404
    form = EmployerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            employer = services.create_employer(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The employer was added."))
            return redirect(employer)
    return render(request, "employers/form.html", {"form": form, "organisation": organisation})


def edit(request, public_id):
    employer = _editable_employer(request, public_id)
    form = EmployerForm(request.POST or None, initial=EmployerForm.initial_for(employer))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_employer(
                actor=request.user,
                employer=employer,
                organisation=request.organisation,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(employer)
    return render(request, "employers/form.html", {"form": form, "employer": employer})


@require_POST
def share(request, public_id):
    employer = _editable_employer(request, public_id)
    form = ShareForm(request.POST, employer=employer)
    if form.is_valid():
        organisation = form.cleaned_data["organisation"]
        try:
            services.add_partner(actor=request.user, employer=employer, organisation=organisation)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("%(organisation)s now works with the employer too.")
                % {"organisation": organisation.name},
            )
    else:
        messages.error(request, _("Choose an organisation to share the employer with."))
    return redirect(employer)


def contact_add(request, public_id):
    employer = _editable_employer(request, public_id)
    return _contact_form(request, employer, contact=None)


def contact_edit(request, public_id, contact_id):
    employer = _editable_employer(request, public_id)
    contact = get_object_or_404(employer.contacts, public_id=contact_id)
    return _contact_form(request, employer, contact=contact)


def _contact_form(request, employer: Employer, contact: ContactPerson | None):
    initial = {name: getattr(contact, name) for name in services.CONTACT_FIELDS} if contact else {}
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if contact is None:
                services.add_contact(
                    actor=request.user,
                    employer=employer,
                    organisation=request.organisation,
                    **form.cleaned_data,
                )
            else:
                services.update_contact(
                    actor=request.user,
                    contact=contact,
                    organisation=request.organisation,
                    **form.cleaned_data,
                )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The contact person was saved."))
            return redirect(employer)
    return render(
        request,
        "employers/contact_form.html",
        {"form": form, "employer": employer, "contact": contact},
    )


@require_POST
def contact_remove(request, public_id, contact_id):
    employer = _editable_employer(request, public_id)
    contact = get_object_or_404(employer.contacts, public_id=contact_id)
    services.remove_contact(actor=request.user, contact=contact, organisation=request.organisation)
    messages.success(request, _("The contact person was removed."))
    return redirect(employer)


def import_page(request):
    organisation = request.organisation
    if not perms.can_create_employers_in(request.user, organisation):
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = services.import_employers(
            actor=request.user,
            organisation=organisation,
            file=upload,
            filename=upload.name,
            dry_run=form.cleaned_data["dry_run"],
        )
        if report.written:
            messages.success(
                request,
                _("Imported: %(created)d new and %(updated)d updated employers.")
                % {"created": report.created, "updated": report.updated},
            )
            return redirect("www:employers")
    return render(
        request,
        "employers/import.html",
        {
            "form": form,
            "report": report,
            "organisation": organisation,
            "columns": services.IMPORT_COLUMNS,
        },
    )


def export(request):
    if not perms.can_create_employers(request.user):
        raise Http404
    filter_form = EmployerFilterForm(request.GET or None, municipalities=Municipality.objects.all())
    employers = filter_employers(
        Employer.objects.visible_to(request.user), **filter_form.filters()
    ).order_by("name", "pk")
    content = services.export_employers_csv(
        actor=request.user, organisation=request.organisation, employers=employers
    )
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    filename = f"employers-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _visible_employer(request, public_id) -> Employer:
    return get_object_or_404(
        Employer.objects.visible_to(request.user).select_related("municipality"),
        public_id=public_id,
    )


def _editable_employer(request, public_id) -> Employer:
    employer = _visible_employer(request, public_id)
    if not perms.can_edit_employer(request.user, employer):
        raise Http404
    return employer
