from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kohtaamo.organisations import perms
from kohtaamo.organisations.models import Membership, Organisation
from kohtaamo.organisations.services import deactivate_membership
from kohtaamo.www.organisations.forms import DeactivateMemberForm


def detail(request, public_id):
    organisation = get_object_or_404(
        Organisation.objects.visible_to(request.user), public_id=public_id
    )
    members = (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("-is_active", "user__last_name")
    )
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "members": members,
            "can_manage": perms.can_manage_members(request.user, organisation),
            "form": DeactivateMemberForm(),
        },
    )


@require_POST
def deactivate_member(request, public_id, membership_id):
    organisation = get_object_or_404(
        Organisation.objects.visible_to(request.user), public_id=public_id
    )
    membership = get_object_or_404(organisation.memberships, public_id=membership_id)
    if not perms.can_manage_members(request.user, organisation):
        raise Http404  # a member who is not an admin learns nothing more
    form = DeactivateMemberForm(request.POST)
    if form.is_valid():
        try:
            deactivate_membership(
                actor=request.user, membership=membership, reason=form.cleaned_data["reason"]
            )
            messages.success(
                request,
                _("%(user)s can no longer act for the organisation.")
                % {"user": membership.user.get_full_name()},
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Give a reason for deactivating the member."))
    return redirect(organisation)
