"""Public facility pages: each facility's attack history, reached through its reverse relations.

The facility list counts attacks, so it lives with them (``incidents.views.FacilityListView``).
"""

from django.shortcuts import get_object_or_404, render

from .models import Facility


def facility_detail(request, code):
    """A facility and its attack history, reached through its reverse relations and ``.public()``."""
    facility = get_object_or_404(Facility.objects.public().select_related("place", "parent"), code=code)
    attacks = list(
        facility.attacks.public()
        .select_related("incident")
        # Every attribution of the incident: few, and ``Incident.primary_attribution`` picks one.
        .prefetch_related("incident__attributions__perpetrator")
        .order_by("incident__date", "incident_id")
    )
    context = {
        "facility": facility,
        "ancestors": facility.place.ancestors(),
        "attacks": attacks,
        "units": Facility.objects.public().filter(parent=facility).order_by("name"),
        "staff": facility.staff_victims.public()
        .counted()
        .select_related("incident")
        .order_by("-date_of_harm", "-pk"),
    }
    return render(request, "facilities/facility_detail.html", context)
