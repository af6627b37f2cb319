"""Record text in two languages: the reader's, else the other, saying which.

A record keeps its English text in ``field`` and its Arabic in ``field_ar``;
either may be the original and either may be missing. A page shows the text
in its own language and falls back to the other; the fallback is marked with
its ``lang`` and ``dir`` so that screen readers pronounce it right and the
browser's bidirectional algorithm lays it out right inside a page of the
other direction (``templates/includes/text.html`` and ``text_block.html``).

A text is taken to be in the language of its first letter's script, whatever
field holds it: an import may put an Arabic name in ``name``, and a
single-language field (an operator, a source's title, a witness's alias) may
be written in either language (:func:`as_text`). Text without letters (a
number) is in the page's language.
"""

import re

from django.conf import settings
from django.utils.translation import get_language

ARABIC = "ar"
ENGLISH = "en"
# The first letter of a text (not a digit, not punctuation), in any script.
_LETTER = re.compile(r"[^\W\d_]")
# A record's code in its label ("INC-2018-00011 ...", "... (FAC-000006)"): no language's text.
_CODE = re.compile(r"\b[A-Z]{2,}[-_][\w-]*")
# The Unicode blocks of the Arabic script: Arabic, its supplement and extended-A, and the
# presentation forms.
_ARABIC_BLOCKS = (("\u0600", "\u08ff"), ("\ufb50", "\ufdff"), ("\ufe70", "\ufeff"))


class Text(str):
    """A string that knows its language, and whether it is the page's (``fallback`` when not:
    a page marks such text with ``lang`` and ``dir``)."""

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

    def after(self, prefix: str) -> "Text":
        """This text after ``prefix`` (an indent), in the same language."""
        return Text(prefix + self, self.lang, self.fallback)


def script_language(value: str, default: str) -> str:
    """The language of ``value``'s first letter: Arabic for the Arabic script, English for any
    other; ``default`` when it has no letter."""
    letter = _LETTER.search(value)
    if letter is None:
        return default
    first = letter.group()
    return ARABIC if any(low <= first <= high for low, high in _ARABIC_BLOCKS) else ENGLISH


def page_language() -> str:
    """The page's language: Arabic for Arabic or any right-to-left language, else English. One
    lookup of the active language (a list page asks for each of its rows' texts)."""
    base = (get_language() or ENGLISH).split("-")[0]
    return ARABIC if base == ARABIC or base in settings.LANGUAGES_BIDI else ENGLISH


def in_language(english: str, arabic: str, language: str | None = None) -> Text:
    """The text for a page in ``language`` (the active one by default), else the other's."""
    language = language or page_language()
    english, arabic = english or "", arabic or ""
    own, other = (arabic, english) if language == ARABIC else (english, arabic)
    other_language = ENGLISH if language == ARABIC else ARABIC
    if own or not other:
        lang = script_language(own, language)
        return Text(own, lang, fallback=lang != language)
    lang = script_language(other, other_language)
    return Text(other, lang, fallback=lang != language)


def as_text(value, language: str | None = None) -> Text:
    """The text of a field kept in one language only (an operator, a source's title, a witness's
    alias or role, a caption), in the language its script shows; ``fallback`` when that is not
    the page's (``language``, the active one by default)."""
    language = language or page_language()
    value = "" if value is None else str(value)
    lang = script_language(value, language)
    return Text(value, lang, fallback=lang != language)


def label_text(record, language: str | None = None) -> Text:
    """How the back office names ``record`` (``str(record)``: a select's option, a page's heading),
    in the language of its text rather than of the code it may start with, as :func:`as_text`."""
    language = language or page_language()
    value = "" if record is None else str(record)
    lang = script_language(_CODE.sub(" ", value), language)
    return Text(value, lang, fallback=lang != language)


def record_text(record, field: str, language: str | None = None) -> Text:
    """``record.field`` or ``record.field_ar`` (keys of a dict alike), as :func:`in_language` picks."""
    if isinstance(record, dict):
        return in_language(record.get(field, ""), record.get(f"{field}_ar", ""), language)
    return in_language(getattr(record, field, ""), getattr(record, f"{field}_ar", ""), language)


def other_text(record, field: str) -> Text | None:
    """The side :func:`record_text` did not pick, when the record has both and they differ."""
    english = getattr(record, field, "") or ""
    arabic = getattr(record, f"{field}_ar", "") or ""
    if not (english and arabic) or english == arabic:
        return None
    language = page_language()
    value, field_language = (english, ENGLISH) if language == ARABIC else (arabic, ARABIC)
    lang = script_language(value, field_language)
    return Text(value, lang, fallback=lang != language)
