"""The resources of the interchange format (interfaces.md), by short name."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from facilities.resources import FacilityResource, PlaceResource
from incidents.resources import AttackResource, IncidentResource, MunitionResource, PerpetratorResource
from victims.resources import VictimResource

RESOURCES = {
    "place": PlaceResource,
    "facility": FacilityResource,
    "perpetrator": PerpetratorResource,
    "incident": IncidentResource,
    "attack": AttackResource,
    "munition": MunitionResource,
    "victim": VictimResource,
}
PLURALS = {
    "places": "place",
    "facilities": "facility",
    "perpetrators": "perpetrator",
    "parties": "perpetrator",
}


def resolve_resource(name: str):
    """A resource class from a short name (``incident``, ``incidents``), a class name or a dotted path."""
    key = name.strip().lower().removesuffix("resource")
    key = PLURALS.get(key, key.removesuffix("s"))
    for short, resource in RESOURCES.items():
        if key == short or name.strip() in (resource.__name__, f"{resource.__module__}.{resource.__name__}"):
            return resource
    known = ", ".join(f"{short} ({r.__module__}.{r.__name__})" for short, r in RESOURCES.items())
    raise CommandError(_("Unknown resource %(name)r. Use one of: %(known)s") % {"name": name, "known": known})
