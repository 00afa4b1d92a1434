"""URLs of the referrals pages (names are in the www namespace)."""

urlpatterns: list = []
