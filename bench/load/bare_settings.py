"""Settings for the reference views of bench/lunch_peak.sh: Treff's settings and middleware,
with bench/load/bare_urls.py added in front of Treff's own addresses."""

from treff.settings import *  # noqa: F403

ROOT_URLCONF = "bench.load.bare_urls"
