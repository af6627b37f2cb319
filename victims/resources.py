"""Spreadsheet interchange of victims (interfaces.md, "Spreadsheet interchange")."""

from django.utils.translation import gettext_lazy

from core.interchange_resources import InterchangeResource
from facilities.resources import place_field
from incidents.resources import PARTY, ReviewedRecordsMixin

from .models import Victim


class VictimResource(ReviewedRecordsMixin, InterchangeResource):
    """Victims, matched on ``code`` (generated when blank)."""

    bulk_new = True
    export_ordering = ("code",)
    constraint_columns = {
        "victim_retraction_has_reason": (
            "status",
            gettext_lazy(
                "a retracted victim record needs a retraction reason: retract it in the admin, not by import"
            ),
        ),
        "victim_age_plausible": ("age", gettext_lazy("is not a plausible age (0 to 130)")),
        "victim_without_incident_has_perpetrator": (
            "perpetrator",
            gettext_lazy("a victim without an incident needs a perpetrator"),
        ),
    }

    hometown = place_field("hometown")

    class Meta(InterchangeResource.Meta):
        model = Victim
        fields = ("code", "name", "name_ar", "sex", "age", "role", "affiliation", "organization",
                  "hometown", "harm", "incident", "date_of_harm", "perpetrator", "circumstances", "on_duty",
                  "publish_name", "status", "circumstances_ar", "biography_ar", "duplicate_of")  # fmt: skip
        widgets = {"perpetrator": PARTY}

    def check_row(self, instance, row, errors):
        super().check_row(instance, row, errors)
        # save() dates the harm on the incident's day when left blank; so does the comparison
        # with the stored record, so that importing the same file again changes nothing.
        if instance.date_of_harm is None and instance.incident_id and "incident" not in errors:
            instance.date_of_harm = instance.incident.date
