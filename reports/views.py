"""Home page and the period report (HTML, tidy CSV, XLSX)."""

import datetime
import functools
import html
from collections import Counter

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import date as format_date
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from core.csv_download import csv_response
from core.csv_values import detail_url
from core.form_rendering import FILTER_FORM_RENDERER
from facilities.models import FacilityCategory
from incidents.models import Attack, Attribution, Incident
from victims.filters import DEATHS
from victims.models import ReportClass, Sex, Victim

from . import queries
from .charts import monthly_chart
from .forms import PeriodForm
from .templatetags.public import PageWording
from .xlsx import report_workbook

HEADLINE_CACHE_SECONDS = 300
TIDY_HEADER = ["table", "perpetrator", "parent_perpetrator", "category", "sex", "count"]
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def home(request):
    today = timezone.localdate()
    since = today - datetime.timedelta(days=30)
    latest = (
        Incident.objects.public()
        .select_related("place")
        .prefetch_related(
            Prefetch(
                "attributions",
                queryset=Attribution.objects.filter(primary=True).select_related("perpetrator"),
                to_attr="primary_attributions",
            )
        )
        .order_by("-date", "-pk")[:10]
    )
    context = {
        "recent": cache.get_or_set(
            f"headline:{since}", lambda: headline_counts(since), HEADLINE_CACHE_SECONDS
        ),
        "overall": cache.get_or_set("headline:all", lambda: headline_counts(None), HEADLINE_CACHE_SECONDS),
        "since": since,
        "latest": latest,
    }
    return render(request, "home.html", context)


def headline_counts(since: datetime.date | None) -> dict:
    incidents = Incident.objects.public()
    attacks = Attack.objects.public()
    killed = Victim.objects.public().counted().filter(harm__in=DEATHS)
    if since is not None:
        incidents = incidents.filter(date__gte=since)
        attacks = attacks.filter(incident__date__gte=since)
        killed = killed.filter(date_of_harm__gte=since)
    return {"incidents": incidents.count(), "attacks": attacks.count(), "killed": killed.count()}


def report(request):
    wanted = request.GET.get("format", "html")
    if wanted not in ("html", "csv", "xlsx"):
        return HttpResponse(
            _("Unknown format “%(format)s”: use csv, xlsx or leave it out.") % {"format": wanted},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    form = PeriodForm(request.GET)
    form.renderer = FILTER_FORM_RENDERER
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
    context = {
        "form": form,
        "report": data,
        "period_label": period_label(period, form.is_single_month(period)),
        "victim_table": victim_table(data),
        "attack_table": attack_table(data),
        "killed_total": sum(n for (_cls, sex), n in data.victims_total.items() if sex != "child"),
        "attacks_total": sum(data.attacks_total.values()),
        "category_totals": [
            (FacilityCategory(c).label, data.attacks_total[c]) for c in data.attack_categories
        ],
        "chart": monthly_chart(data.months),
        "chart_rows": chart_rows(data),
        "repeat_link": link("facilities:facility_list", period.list_query(repeat="1")),
        "attack_list": link("incidents:attack_list", period.list_query()),
        "victim_list": link("victims:victim_list", period.list_query(harm=list(DEATHS))),
        "download": period.list_params(),
    }
    return render(request, "reports/report.html", context)


def repeat_cards(data: queries.Report) -> None:
    """Each repeatedly attacked facility's card (``entry["card"]``): its link, category, attack
    count and dated attack links (up to fifty facilities and hundreds of attacks)."""
    wording, count = PageWording(), functools.cache(attack_count)  # this page's language
    facility_url = detail_url(None, "facilities:facility_detail")
    incident_url = detail_url(None, "incidents:incident_detail")
    for entry in data.repeat_facilities["entries"]:
        facility, attacks = entry["facility"], entry["attacks"]
        dates = ", ".join(
            [
                f'<a href="{html.escape(incident_url(attack.incident_code))}">'
                f"{html.escape(wording.short_date(attack.date, attack.date_precision))}</a>"
                for attack in attacks
            ]
        )
        entry["card"] = mark_safe(  # noqa: S308 (every part escaped)
            CARD.format(
                url=html.escape(facility_url(facility.code)),
                name=html.escape(facility.name),
                category=html.escape(wording.label(FacilityCategory, facility.category)),
                count=count(len(attacks)),
                dates=dates,
            )
        )


CARD = """<li>
      <h3><a href="{url}">{name}</a></h3>
      <p>{category} · {count}:
        {dates}</p>
    </li>"""


def attack_count(n: int) -> str:
    """As ``{% blocktranslate count %}`` writes it: the translation as it is, the number localized."""
    text = ngettext("%(n)s attack", "%(n)s attacks", n) % {"n": localize(n)}
    return mark_safe(text)  # noqa: S308 (a translation and a number)


def period_label(period: queries.Period, single_month: bool) -> str:
    if single_month:
        label = format_date(period.first, "F Y")
    else:
        label = _("%(first)s to %(last)s") % {
            "first": format_date(period.first, "j F Y"),
            "last": format_date(period.last, "j F Y"),
        }
    if period.governorate is not None:
        label = _("%(period)s, %(governorate)s") % {"period": label, "governorate": period.governorate.name}
    return label


def link(name: str, query: str) -> str:
    """The list ``name`` with ``query``."""
    return f"{list_path(name)}?{query}"


def list_path(name: str) -> str:
    """The path of the list ``name``, reversed once per script prefix and language (a report links
    each of its hundreds of numbers: a table reads the path once and adds each number's query)."""
    key = (name, get_script_prefix(), get_language())
    if key not in _LIST_PATHS:
        _LIST_PATHS[key] = reverse(name)
    return _LIST_PATHS[key]


_LIST_PATHS: dict[tuple[str, str, str], str] = {}


def victim_table(data: queries.Report) -> dict:
    """Rows of the "killed" table with a list link behind every number."""
    period, classes = data.period, data.victim_classes
    sexes, all_classes = Sex.values, ReportClass.values  # each read builds a new list
    path = list_path("victims:victim_list")

    def cells(code, total: Counter):
        base = {"harm": list(DEATHS), "perpetrator": code}
        row = [
            {
                "n": sum(total[(cls, sex)] for sex in sexes),
                "url": f"{path}?{period.list_query(**base, report_class=cls)}",
            }
            for cls in classes
        ]
        row.append(
            {
                "n": sum(n for (_cls, sex), n in total.items() if sex != "child"),
                "url": f"{path}?{period.list_query(**base)}",
            }
        )
        row.append(
            {
                "n": sum(total[(cls, Sex.FEMALE)] for cls in all_classes),
                "url": f"{path}?{period.list_query(**base, sex=Sex.FEMALE)}",
            }
        )
        row.append(
            {
                "n": sum(total[(cls, "child")] for cls in all_classes),
                "url": f"{path}?{period.list_query(**base, child='yes')}",
            }
        )
        return row

    rows = [party_line(row, cells(row.code, row.total)) for row in data.victim_rows]
    totals = cells(None, data.victims_total)
    return {
        "headers": [ReportClass(c).label for c in classes],
        "rows": rows,
        "totals": totals,
        "totals_html": totals_html(totals),
    }


def attack_table(data: queries.Report) -> dict:
    period, categories = data.period, data.attack_categories
    path = list_path("incidents:attack_list")

    def cells(code, total: Counter):
        row = [
            {
                "n": total[category],
                "url": f"{path}?{period.list_query(perpetrator=code, category=category)}",
            }
            for category in categories
        ]
        row.append(
            {
                "n": sum(total.values()),
                "url": f"{path}?{period.list_query(perpetrator=code)}",
            }
        )
        return row

    rows = [party_line(row, cells(row.code, row.total)) for row in data.attack_rows]
    totals = cells(None, data.attacks_total)
    return {
        "headers": [FacilityCategory(c).label for c in categories],
        "rows": rows,
        "totals": totals,
        "totals_html": totals_html(totals),
    }


def party_line(row: queries.PartyRow, cells: list[dict]) -> dict:
    """A party table's row: the party's name and its cells drawn once (a zero is a dash)."""
    return {
        "row": row,
        "cells": cells,
        "name": row.party.name if row.party else _("Unattributed"),
        "cells_html": mark_safe(  # noqa: S308 (URLs and numbers escaped)
            "".join([linked_number(cell) if cell["n"] else ZERO_CELL for cell in cells])
        ),
    }


def totals_html(cells: list[dict]) -> str:
    return mark_safe("".join([linked_number(cell) for cell in cells]))  # noqa: S308 (escaped)


ZERO_CELL = '<td class="num"><span aria-label="0">–</span></td>'


def linked_number(cell: dict) -> str:
    """``<td class="num"><a href="{{ cell.url }}">{{ cell.n }}</a></td>``."""
    return f'<td class="num"><a href="{html.escape(cell["url"])}">{number(cell["n"])}</a></td>'


def number(n: int) -> str:
    """``{{ n }}``: a count is its digits unless numbers are grouped (``USE_THOUSAND_SEPARATOR``)."""
    if type(n) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(n)
    return html.escape(localize(n))


def chart_rows(data: queries.Report) -> list[dict]:
    rows = []
    for month in data.months:
        first = month["month"]
        last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        span = queries.Period(first=first, last=last, governorate=data.period.governorate)
        row = {
            **month,
            "attacks_url": link("incidents:attack_list", span.list_query()),
            "killed_url": link("victims:victim_list", span.list_query(harm=list(DEATHS))),
        }
        row["html"] = mark_safe(  # noqa: S308 (every part escaped)
            f'<tr><th scope="row">{html.escape(format_date(first, "F Y"))}</th>'
            + linked_number({"url": row["attacks_url"], "n": row["attacks"]})
            + linked_number({"url": row["killed_url"], "n": row["killed"]})
            + "</tr>"
        )
        rows.append(row)
    return rows
