"""The demo city's districts: Dessau-Roßlau's Stadtteile and Ortsteile, imported from
data/districts-dessau-rosslau.csv the way a city imports its own file (treffs.services_districts).

The file was compiled by hand from general knowledge of the city's districts (the list the
city uses for its statistics), without any online lookup. Its coordinates are APPROXIMATE
CENTRES of the built-up area, good to within a few hundred metres: enough for straight-line
distances between neighbourhoods, not for routing.
"""

from pathlib import Path

from treff.treffs.services_districts import apply_districts, read_districts

FILE = Path(__file__).resolve().parent / "data" / "districts-dessau-rosslau.csv"


def demo_districts_load(user=None) -> int:
    """Import the demo districts (again: nothing changes the second time); returns how many."""
    rows = read_districts(FILE.name, FILE.read_bytes())
    apply_districts(rows, user=user)
    return len(rows)
