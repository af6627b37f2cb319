"""The OpenAPI document's words for readers: each component described in the language of the URL
(the serializers' docstrings are for developers and stay out of it)."""

from django.utils.translation import gettext_lazy as _

COMPONENTS = {
    "Incident": _("A public incident: one event at one place and time."),
    "IncidentDetail": _(
        "A public incident with its attributions, victims, witness accounts, evidence and sources."
    ),
    "Attack": _("An attack on a facility: one public incident hitting one facility."),
    "Attribution": _("A party held responsible for an incident, and how sure the documenters are."),
    "Witness": _("A witness account whose statement may be published, under the witness's alias."),
    "Evidence": _("A public piece of evidence."),
    "Source": _("Where information came from."),
    "Munition": _("How many strikes or munitions of one weapon an incident comprised."),
    "Facility": _("Something that can be attacked: a building or a vehicle."),
    "Victim": _("A person harmed. A name that is not to be published is null."),
    "VictimDetail": _("A person harmed, with the biography when the name may be published."),
    "Perpetrator": _("A party to the conflict."),
    "Place": _("A place of the gazetteer."),
    "TidyRow": _("One row of the period report's tidy table."),
    "TidyTable": _("The period report's tidy table."),
    "ReportPeriod": _("The period a report counts."),
    "Error": _("What went wrong."),
}


def describe_components(result, generator, request, public):
    """drf-spectacular post-processing hook: the readers' description of each component; an enum
    keeps the list of its codes with their labels."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name in COMPONENTS:
            component["description"] = str(COMPONENTS[name])
        elif not name.endswith("Enum"):
            component.pop("description", None)
    return result
