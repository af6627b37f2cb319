"""Pages that combine several apps: the home page, the period report (HTML, tidy CSV, XLSX) and
the perpetrators' pages (incidents, attacks and victims counted under each party)."""

import datetime

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import date as format_date
from django.utils.formats import localize
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from core.bilingual import record_text
from core.csv_download import csv_response
from core.fragments import fragment
from core.views import bad_request, form_parameters, reads_parameters
from facilities.models import FacilityCategory
from incidents.choices import PerpetratorKind
from incidents.models import Incident, Perpetrator
from incidents.wording import IncidentWording
from victims.filters import DEATHS

from . import queries
from .charts import monthly_chart
from .forms import PeriodForm
from .tables import headline, kind_rows, list_path, report_tables, tables_html
from .tallies import add_months
from .xlsx import report_workbook

HEADLINE_CACHE_SECONDS = 300
TOTALS_CACHE_SECONDS = 300
TIDY_HEADER = ["table", "perpetrator", "parent_perpetrator", "category", "sex", "count", "kind", "age_group"]
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def home(request):
    latest = (
        Incident.objects.public()
        .select_related("place")
        # Every attribution: few, and ``Incident.primary_attribution`` picks the primary one.
        .prefetch_related("attributions__perpetrator")
        .order_by("-date", "-pk")[:10]
    )
    month = queries.latest_public_month()
    last = add_months(month, 1) - datetime.timedelta(days=1)
    periods = {
        "month": queries.Period(first=month, last=last),
        "year": queries.Period(first=month.replace(month=1), last=last),
    }
    titles = {
        "month": format_date(month, "F Y"),
        "year": _("%(year)s to the end of %(month)s")
        % {"year": month.year, "month": format_date(month, "F")},
    }
    groups = []
    for name, period in periods.items():
        figures = cache.get_or_set(
            f"headline:{get_language()}:{period.first}:{period.last}",
            lambda period=period: headline(queries.build_report(period, details=False)),
            HEADLINE_CACHE_SECONDS,
        )
        groups.append((titles[name], figures, link("reports:report", period.period_query)))
    return render(request, "home.html", {"latest": latest, "headline_groups": groups})


@reads_parameters(lambda: form_parameters(PeriodForm()) | {"format"})
def report(request):
    wanted = request.GET.get("format", "html")
    if wanted not in ("html", "csv", "xlsx"):
        return bad_request(
            request, _("Unknown format “%(format)s”: use csv, xlsx or leave it out.") % {"format": wanted}
        )
    form = PeriodForm(request.GET)
    if not form.is_valid():
        if wanted != "html":
            return HttpResponse(
                "\n".join(" ".join(errors) for errors in form.errors.values()),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        return render(request, "reports/report.html", {"form": form, "invalid": True}, status=400)
    period = form.period(queries.latest_public_month)
    data = queries.build_report(period)
    stem = f"report-{period.first:%Y-%m-%d}-{period.last:%Y-%m-%d}"
    if period.governorate is not None:
        stem += f"-{period.governorate.pcode or period.governorate.pk}"
    if wanted == "csv":
        rows = ([row[key] for key in TIDY_HEADER] for row in data.tidy)
        return csv_response(f"{stem}.csv", TIDY_HEADER, rows)
    if wanted == "xlsx":
        response = HttpResponse(report_workbook(data, TIDY_HEADER), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
        return response
    repeat_cards(data)
    tables = report_tables(data)
    kinds = kind_rows(data)
    by_id = {table.id: table for table in tables}
    context = {
        "form": form,
        "report": data,
        "period_label": period_label(period, form.is_single_month(period)),
        "period_dates": period_dates(period, form.is_single_month(period)),
        "period_governorate": record_text(period.governorate, "name") if period.governorate else None,
        "tables": tables,
        "victim_table": by_id["killed"],
        "attack_table": by_id["attacks"],
        "kind_rows": kinds,
        "tables_html": tables_html(tables, kinds),
        "killed_total": sum(data.totals[queries.VICTIMS_KILLED].values()),
        "attacks_total": sum(data.totals[queries.ATTACKS].values()),
        "category_totals": [
            (column.label, cell.n)
            for column, cell in zip(by_id["attacks"].columns[:-1], by_id["attacks"].totals, strict=False)
        ],
        "chart_html": fragment(
            "reports/chart.html", {"chart": monthly_chart(data.months), "title_id": "chart-title"}
        ),
        "last_month": data.months[-1]["month"] if data.months else None,
        "chart_rows": chart_rows(data),
        "repeat_html": fragment("reports/repeat_cards.html", {"entries": data.repeat_facilities["entries"]}),
        "repeat_link": link("incidents:facility_list", period.list_query(repeat="1")),
        "attack_list": link("incidents:attack_list", period.list_query()),
        "victim_list": link("victims:victim_list", period.list_query(harm=list(DEATHS))),
        "download": period.list_params(),
    }
    return render(request, "reports/report.html", context)


def repeat_cards(data: queries.Report) -> None:
    """Each repeatedly attacked facility's URL, name, category and attack count, and its attacks'
    URLs and dates (``entry["facility_url"]``, ``["name"]``, ``["category"]``, ``["count"]``,
    ``["dates"]``): up to
    fifty facilities and hundreds of attacks, each URL pattern reversed once."""
    wording = IncidentWording()  # this page's language
    for entry in data.repeat_facilities["entries"]:
        facility = entry["facility"]
        entry["facility_url"] = wording.url("facilities:facility_detail", facility.code)
        entry["name"] = record_text(facility, "name")
        entry["category"] = wording.label(FacilityCategory, facility.category)
        n = len(entry["attacks"])
        entry["count"] = wording.once(("attacks", n), lambda n=n: attack_count(n))
        entry["dates"] = [
            {
                "url": wording.url("incidents:incident_detail", attack.incident_code),
                "when": wording.short_date(attack.date, attack.date_precision),
            }
            for attack in entry["attacks"]
        ]


def attack_count(n: int) -> str:
    """ "1 attack", "12 attacks": plain text, the number localized."""
    return ngettext("%(n)s attack", "%(n)s attacks", n) % {"n": localize(n)}


def period_dates(period: queries.Period, single_month: bool) -> str:
    if single_month:
        return format_date(period.first, "F Y")
    return _("%(first)s to %(last)s") % {
        "first": format_date(period.first, "j F Y"),
        "last": format_date(period.last, "j F Y"),
    }


def period_label(period: queries.Period, single_month: bool) -> str:
    """The period and its governorate, named in the page's language (else the other's), as plain
    text for the page's title (the heading marks the name: ``reports/report.html``)."""
    label = period_dates(period, single_month)
    if period.governorate is not None:
        governorate = record_text(period.governorate, "name")
        label = _("%(period)s, %(governorate)s") % {"period": label, "governorate": governorate}
    return label


def link(name: str, query: str) -> str:
    """The list ``name`` with ``query``."""
    return f"{list_path(name)}?{query}"


def chart_rows(data: queries.Report) -> list[dict]:
    rows = []
    for month in data.months:
        first = month["month"]
        last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        # The last month is counted up to the period's end (queries.chart_months): so is its list.
        last = min(last, data.period.last)
        span = queries.Period(first=first, last=last, governorate=data.period.governorate)
        rows.append(
            {
                **month,
                "attacks_url": link("incidents:attack_list", span.list_query()),
                "killed_url": link("victims:victim_list", span.list_query(harm=list(DEATHS))),
            }
        )
    return rows


def perpetrator_list(request):
    parties = queries.parties_with_parents()
    # All-time totals over every public row: computed at most every few minutes.
    counts = cache.get_or_set(
        "perpetrators:totals", lambda: queries.party_totals(parties), TOTALS_CACHE_SECONDS
    )
    context = {"rows": queries.party_tree(parties, counts, keep_empty=True)}
    return render(request, "reports/perpetrator_list.html", context)


def perpetrator_detail(request, code):
    tree = Perpetrator.objects.public().tree()
    party = tree.get(code)
    if party is None:
        raise Http404
    context = {
        "party": party,
        "ancestors": tree.ancestors(party),
        "children": tree.children.get(party.pk, []),
        "members": list(party.members.order_by("name")) if party.kind == PerpetratorKind.UNDETERMINED else [],
        "undetermined_groups": list(party.undetermined_groups.order_by("name")),
        "by_year": cache.get_or_set(
            f"perpetrators:{party.pk}:by-year",
            lambda: queries.party_by_year(party, tree.descendant_ids(party)),
            TOTALS_CACHE_SECONDS,
        ),
        "latest": Incident.objects.public()
        .attributed_to(party)
        .select_related("place")
        .order_by("-date", "-pk")[:10],
    }
    return render(request, "reports/perpetrator_detail.html", context)
