"""The districts for the volunteers' models and forms: the installation's (treffs.districts).

`validate_district` stays importable here: migrations 0004 and 0009 name it."""

from treff.treffs.districts import choices, gazetteer, name_of, validate_district

__all__ = ["choices", "gazetteer", "name_of", "validate_district"]
