"""Funding and proof of use (Fachkonzept §5): budget plans, grants, payments, expenses and
the Verwendungsnachweis. So far the pure engine (engine/); models, services and views follow
(issue 14)."""
