"""Funding addresses: a Treff's plans (urls_plan), the expense import, the city-wide
overview and the carriers' non-profit notices (urls_overview), the proof of use
(urls_proof)."""

from . import urls_overview, urls_plan, urls_proof

app_name = "funding"
urlpatterns = [*urls_plan.urlpatterns, *urls_overview.urlpatterns, *urls_proof.urlpatterns]
