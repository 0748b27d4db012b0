"""The funding engine: plain Python, dataclasses in and out, no ORM (Fachkonzept §5).

`money` parses and rounds euro amounts (Decimal, never float); `budget` compares a Treff's
approved budget with what was paid and spent at any date and warns by the general grant
conditions (ANBest-P). Messages are LazyText, translated when shown.
"""
