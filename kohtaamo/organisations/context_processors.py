def current_organisation(request):
    memberships = getattr(request, "memberships", [])
    organisation = getattr(request, "organisation", None)
    roles = [m.get_role_display() for m in memberships if m.organisation == organisation]
    organisations = list({m.organisation.pk: m.organisation for m in memberships}.values())
    return {
        "current_organisation": organisation,
        "current_roles": roles,
        "my_organisations": organisations,
    }
