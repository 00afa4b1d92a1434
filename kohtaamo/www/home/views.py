from django.shortcuts import render

from kohtaamo.taxonomy.models import Concept, Licence


def home(request):
    counts = {
        "concepts": Concept.objects.active().count(),
        "licences": Licence.objects.count(),
    }
    return render(request, "home.html", {"counts": counts})
