"""Cities for the engine tests, without a database: the demo's Dessau-Roßlau, read from the
file the demo imports, as the app would build its Gazetteer."""

from treff.core.geo import District, Gazetteer
from treff.demo.districts import FILE
from treff.treffs.services_districts import read_districts


def gazetteer_of(path) -> Gazetteer:
    rows = read_districts(path.name, path.read_bytes())
    aliases = {alias: row["key"] for row in rows for alias in row["aliases"]}
    return Gazetteer((District(r["key"], r["name"], r["lat"], r["lon"]) for r in rows), aliases)


DESSAU = gazetteer_of(FILE)
