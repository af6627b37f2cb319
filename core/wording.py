"""Display strings of a page's rows worked out once per page: data for the templates, no markup."""

from django.template.defaultfilters import date as format_date

from core.csv_values import detail_url


class PageWording:
    """The display strings of one page's rows, each distinct one worked out once.

    Fifty rows repeat a few dates, parties and choice labels: each is
    translated and formatted once, in the language of the request the instance
    serves (make one per page; never share one between requests). Each URL
    pattern is reversed once; codes are then put in by concatenation.
    """

    def __init__(self):
        self._done: dict = {}

    def once(self, key, make):
        """``make()``, called the first time ``key`` is asked for."""
        try:
            return self._done[key]
        except KeyError:
            text = self._done[key] = make()
            return text

    def url(self, viewname: str, code: str) -> str:
        """``reverse(viewname, args=[code])``."""
        return self.once(("url", viewname), lambda: detail_url(None, viewname))(code)

    def label(self, choices, value) -> str:
        """The label of ``value`` in ``choices`` (a Choices class), as ``get_FOO_display()`` gives it."""
        return self.once((choices, value), lambda: choice_label(choices, value))

    def day_month_year(self, date) -> str:
        """``date|date:"j M Y"``, the month and year formatted once for all the days of the month."""
        month = self.once(("M Y", date.year, date.month), lambda: format_date(date, "M Y"))
        return f"{date.day} {month}"


def choice_label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)
