"""URLs of the referrals pages (names are in the www namespace)."""

from django.urls import path

from kohtaamo.www.referrals import views

urlpatterns = [
    path("referrals/", views.index, name="referrals"),
    path("referrals/<uuid:public_id>/", views.detail, name="referral"),
    path("referrals/<uuid:public_id>/status/", views.change_status, name="referral_status"),
    path("referrals/<uuid:public_id>/new-link/", views.new_link, name="referral_new_link"),
    path("clients/<uuid:public_id>/referrals/add/", views.add, name="referral_add"),
    path("answer/<str:token>/", views.answer, name="referral_answer"),
]
