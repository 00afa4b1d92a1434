from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kohtaamo.organisations.models import Organisation
from kohtaamo.organisations.services import switch_organisation


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@require_POST
def switch_organisation_view(request):
    organisation = get_object_or_404(
        Organisation.objects.visible_to(request.user), public_id=request.POST.get("organisation")
    )
    switch_organisation(request=request, organisation=organisation)
    messages.success(request, _("You now work for %(name)s.") % {"name": organisation.name})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "www:home"
    return redirect(target)
