"""A city's districts as data (the demo's Dessau-Roßlau): lookup, clear errors, distances."""

from itertools import combinations

import pytest
from django.utils import translation

from treff.core.geo import Gazetteer, centre_of
from treff.volunteers.engine import Point, UnknownDistrict, distance_km

from ..cities import DESSAU

DISTRICTS = DESSAU.districts
district = DESSAU.district
distance_between = DESSAU.distance_between
check_coordinates = DESSAU.check_coordinates

REQUIRED = (
    "Innerstädtischer Bereich Nord",
    "Innerstädtischer Bereich Mitte",
    "Innerstädtischer Bereich Süd",
    "Ziebigk",
    "Siedlung",
    "Großkühnau",
    "Kleinkühnau",
    "Alten",
    "Kochstedt",
    "Mosigkau",
    "Haideburg",
    "Törten",
    "Süd",
    "West",
    "Zoberberg",
    "Waldersee",
    "Mildensee",
    "Kleutsch",
    "Sollnitz",
    "Rodleben",
    "Brambach",
    "Meinsdorf",
    "Mühlstedt",
    "Streetz/Natho",
    "Roßlau (Elbe)",
)


def test_every_district_of_the_city_is_known_by_its_name():
    assert [district(name).name for name in REQUIRED] == list(REQUIRED)
    assert sorted(d.name for d in DISTRICTS.values()) == sorted(REQUIRED)


def test_names_are_found_whatever_the_spelling():
    assert district("dessau-ziebigk").key == "ziebigk"
    assert district("  GROSSKÜHNAU ").key == "grosskuehnau"
    assert district("Rosslau").name == "Roßlau (Elbe)"
    assert district("Quartier Am Leipziger Tor").name == "Innerstädtischer Bereich Süd"
    assert district("Natho").name == "Streetz/Natho"
    assert district("Süd").name == "Süd"
    assert district("mitte").name == "Innerstädtischer Bereich Mitte"
    assert district("toerten").name == "Törten"


def test_an_unknown_name_says_what_was_meant_and_how_to_fix_it():
    with pytest.raises(UnknownDistrict) as caught:
        district("Ziebik")
    with translation.override("en"):
        assert str(caught.value) == (
            "“Ziebik” is not a district of the city. Did you mean “Ziebigk”? "
            "Choose the district from the list, or enter the coordinates of the address."
        )
    assert caught.value.suggestions == ("Ziebigk",)


def test_a_name_like_nothing_in_the_city_gets_an_example():
    with pytest.raises(UnknownDistrict) as caught:
        district("Berlin-Mitte")
    with translation.override("en"):
        assert str(caught.value.message) == (
            "“Berlin-Mitte” is not a district of the city. Choose the district from the "
            "list (for example “Alten” / “Brambach”), or enter the coordinates of the "
            "address."
        )
    assert isinstance(caught.value, ValueError)


def test_distance_between_districts_is_centre_to_centre():
    # Roßlau lies across the Elbe, about 6 km north of Dessau's centre.
    assert round(distance_between("Roßlau (Elbe)", "Innerstädtischer Bereich Mitte"), 1) == 6.0
    assert round(distance_between("Ziebigk", "Siedlung"), 1) == 1.2
    assert distance_between("Alten", district("alten")) == 0.0


def test_no_two_districts_are_farther_apart_than_the_city_is_wide():
    spans = [distance_km(a, b) for a, b in combinations(DISTRICTS.values(), 2)]
    assert min(spans) > 0.5
    assert max(spans) < 25.0


def test_address_coordinates_and_districts_mix():
    home = Point(51.8345, 12.2455)  # the centre of Innerstädtischer Bereich Mitte
    assert distance_between(home, "Innerstädtischer Bereich Mitte") == 0.0
    assert distance_km(home, (51.8345, 12.2455)) == 0.0
    # One minute of latitude is one nautical mile.
    assert round(distance_km((51.0, 12.0), (51.0 + 1 / 60, 12.0)), 3) == 1.853


def test_distances_are_symmetric():
    a, b = district("Kochstedt"), district("Meinsdorf")
    assert distance_km(a, b) == distance_km(b, a)


def test_an_unknown_district_in_a_distance_is_the_same_clear_error():
    with pytest.raises(UnknownDistrict):
        distance_between("Ziebigk", "Atlantis")


def test_coordinates_are_checked_for_plausibility():
    assert [check_coordinates(d.lat, d.lon) for d in DISTRICTS.values()] == [None] * 25
    with translation.override("en"):
        assert str(check_coordinates(12.2455, 51.8345)) == (
            "These coordinates lie outside the city; latitude and longitude seem swapped."
        )
        assert str(check_coordinates(52.52, 13.40)) == (
            "These coordinates lie more than 21 km from the city's centre; enter the district "
            "instead, or check the coordinates (latitude about 51.8, longitude about 12.2)."
        )
        assert str(check_coordinates(95.0, 12.0)) == (
            "Latitude must lie between -90 and 90 and longitude between -180 and 180."
        )


def test_a_point_must_be_a_coordinate():
    with pytest.raises(ValueError, match="Not a coordinate"):
        Point(512.0, 12.0)


def test_a_city_without_districts_finds_none_and_accepts_any_coordinate():
    empty = Gazetteer([])
    assert (len(empty), empty.centre, empty.choices()) == (0, None, [])
    assert empty.check_coordinates(48.14, 11.58) is None
    with pytest.raises(UnknownDistrict) as caught:
        empty.district("Mitte")
    with translation.override("en"):
        assert str(caught.value) == (
            "“Mitte” is not a district of the city; no districts have been set up yet. "
            "Enter the coordinates of the address."
        )


def test_the_centre_of_a_boundary_is_its_area_weighted_centroid():
    square = {"type": "Polygon", "coordinates": [[[12, 51], [12.2, 51], [12.2, 51.2], [12, 51]]]}
    centre = centre_of(square)
    assert (round(centre.lat, 4), round(centre.lon, 4)) == (51.0667, 12.1333)
    assert centre_of({"type": "Point", "coordinates": [12.5, 51.5]}) == Point(51.5, 12.5)
    assert centre_of({"type": "LineString", "coordinates": [[12, 51], [13, 52]]}) is None
    assert centre_of({"type": "MultiPolygon", "coordinates": []}) is None
