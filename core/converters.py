"""URL converter for public codes (INC-2018-00042, FAC-000123, VIC-000042, syrian-regime).

Only letters, digits, hyphens and underscores reach the database: anything
else (a NUL byte, a megabyte of text) is a plain 404.
"""

from django.urls import register_converter


class PublicCodeConverter:
    regex = r"[A-Za-z0-9_-]{1,80}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


# Registered once, when the first urls module imports this one.
register_converter(PublicCodeConverter, "code")
