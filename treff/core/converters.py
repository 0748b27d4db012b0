"""Path converters. `<id:pk>` is Django's `<int:pk>` limited to what a database id can hold.

A plain `<int:pk>` matches any run of digits, and an id beyond 2**63 − 1 makes PostgreSQL
raise inside the query (a 500). With at most 18 digits the address simply does not match,
which is the same 404 as any other unknown object.
"""

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(IdConverter, "id")


class YearConverter:
    """`<year:year>`: a year of 2000–2099 (core.params' range); any other is a 404."""

    regex = "20[0-9]{2}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(YearConverter, "year")
