from kohtaamo.organisations.services import SESSION_KEY, active_memberships


class CurrentOrganisationMiddleware:
    """Sets request.organisation and request.memberships for the logged-in user.

    The current organisation is the one chosen in this session, or else the organisation the
    user joined first (a municipality's coordinator who also works for a project starts in the
    municipality). A membership deactivated mid-session stops counting at the next request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organisation = None
        request.memberships = []
        if request.user.is_authenticated:
            memberships = list(active_memberships(request.user))
            request.memberships = memberships
            chosen = request.session.get(SESSION_KEY)
            organisations = {str(m.organisation.public_id): m.organisation for m in memberships}
            if chosen in organisations:
                request.organisation = organisations[chosen]
            elif memberships:
                first = min(memberships, key=lambda m: (m.created_at, m.pk))
                request.organisation = first.organisation
        return self.get_response(request)
