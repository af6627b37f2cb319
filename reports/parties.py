"""The party a counted record falls under: its incident's primary perpetrator.

Shared by the report counted from the records (``reports.queries``) and the tallies counted
per day (``reports.tallies``), which must group exactly alike.
"""

from django.db.models import BigIntegerField, Case, F, When

from incidents.models import primary_attribution_join


def with_party(queryset, attributions: str):
    """Annotate ``party``: the primary perpetrator through ``attributions`` (None: unattributed).

    A LEFT JOIN on the one primary attribution, not a subquery per row: these
    queries aggregate whole periods.
    """
    return queryset.annotate(primary_attribution=primary_attribution_join(attributions)).annotate(
        party=F("primary_attribution__perpetrator_id")
    )


def with_counted_party(victims):
    """Annotate ``party``: the incident's primary perpetrator, or the victim's own without incident."""
    primary = primary_attribution_join("incident__attributions")
    return victims.annotate(primary_attribution=primary).annotate(
        party=Case(
            When(incident__isnull=True, then=F("perpetrator_id")),
            default=F("primary_attribution__perpetrator_id"),
            output_field=BigIntegerField(),
        )
    )
