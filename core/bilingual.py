"""Record text in two languages: the reader's, else the other, saying which.

A record keeps its English text in ``field`` and its Arabic in ``field_ar``;
either may be the original and either may be missing. A page shows the text
in its own language and falls back to the other; the fallback is marked with
its ``lang`` and ``dir`` so that screen readers pronounce it right and the
browser's bidirectional algorithm lays it out right inside a page of the
other direction (``templates/includes/text.html`` and ``text_block.html``).
"""

from django.utils.translation import get_language, get_language_bidi

ARABIC = "ar"
ENGLISH = "en"


class Text(str):
    """A string that knows its language, and whether it is the page's (``fallback`` when not)."""

    lang: str
    fallback: bool

    def __new__(cls, value: str, lang: str, fallback: bool = False):
        text = super().__new__(cls, value)
        text.lang = lang
        text.fallback = fallback
        return text

    @property
    def dir(self) -> str:
        return "rtl" if self.lang == ARABIC else "ltr"


def page_language() -> str:
    return ARABIC if (get_language() or ENGLISH).split("-")[0] == ARABIC or get_language_bidi() else ENGLISH


def in_language(english: str, arabic: str, language: str | None = None) -> Text:
    """The text for a page in ``language`` (the active one by default), else the other's."""
    language = language or page_language()
    english, arabic = english or "", arabic or ""
    own, other = (arabic, english) if language == ARABIC else (english, arabic)
    other_language = ENGLISH if language == ARABIC else ARABIC
    if own or not other:
        return Text(own, language)
    return Text(other, other_language, fallback=True)


def record_text(record, field: str, language: str | None = None) -> Text:
    """``record.field`` or ``record.field_ar`` (keys of a dict alike), as :func:`in_language` picks."""
    if isinstance(record, dict):
        return in_language(record.get(field, ""), record.get(f"{field}_ar", ""), language)
    return in_language(getattr(record, field, ""), getattr(record, f"{field}_ar", ""), language)


def other_text(record, field: str) -> Text | None:
    """The side :func:`record_text` did not pick, when there is one and it differs."""
    shown = record_text(record, field)
    other = ENGLISH if shown.lang == ARABIC else ARABIC
    value = getattr(record, field if other == ENGLISH else f"{field}_ar", "") or ""
    return Text(value, other, fallback=True) if value and value != shown else None
