from django.contrib.auth import views as auth_views
from django.urls import path

from kohtaamo.www.accounts import views as accounts
from kohtaamo.www.clients import urls as client_urls
from kohtaamo.www.competences import views as competences
from kohtaamo.www.employers import urls as employer_urls
from kohtaamo.www.esf import urls as esf_urls
from kohtaamo.www.events import urls as event_urls
from kohtaamo.www.home import views as home
from kohtaamo.www.insights import urls as insight_urls
from kohtaamo.www.mappings import urls as mapping_urls
from kohtaamo.www.matches import urls as match_urls
from kohtaamo.www.organisations import views as organisations
from kohtaamo.www.own import urls as own_urls
from kohtaamo.www.paths import urls as path_urls
from kohtaamo.www.profiles import urls as profile_urls
from kohtaamo.www.recognition import urls as recognition_urls
from kohtaamo.www.referrals import urls as referral_urls
from kohtaamo.www.taxonomy import views as taxonomy
from kohtaamo.www.vacancies import urls as vacancy_urls

app_name = "www"

urlpatterns = [
    path("", home.home, name="home"),
    path("login/", accounts.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("organisation/switch/", accounts.switch_organisation_view, name="switch_organisation"),
    path("organisations/<uuid:public_id>/", organisations.detail, name="organisation"),
    path(
        "organisations/<uuid:public_id>/members/<uuid:membership_id>/deactivate/",
        organisations.deactivate_member,
        name="deactivate_member",
    ),
    path("taxonomy/", taxonomy.browser, name="taxonomy"),
    path("taxonomy/concept/", taxonomy.concept, name="concept"),
    path("competences/extract/", competences.extract_page, name="extract"),
    path("competences/occupations/", competences.title_page, name="title_to_occupation"),
    *employer_urls.urlpatterns,
    *mapping_urls.urlpatterns,
    *vacancy_urls.urlpatterns,
    *profile_urls.urlpatterns,
    *client_urls.urlpatterns,
    *match_urls.urlpatterns,
    *own_urls.urlpatterns,
    *path_urls.urlpatterns,
    *referral_urls.urlpatterns,
    *esf_urls.urlpatterns,
    *recognition_urls.urlpatterns,
    *event_urls.urlpatterns,
    *insight_urls.urlpatterns,
]
