"""The database refuses to change a submitted proof of use (models_proof.py).

A trigger on UPDATE, so no code path — a queryset update(), a raw statement — can alter what
was submitted. DELETE is left to the application (ProofVersion.delete refuses; the proof's
foreign key is PROTECT): the test runner empties tables between tests.
"""

from django.db import migrations

from treff.core.triggers import refuse_updates


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_funding")]

    operations = [
        refuse_updates(
            "funding_proofversion",
            "funding_proof_version_immutable",
            "a submitted proof of use cannot be changed",
        )
    ]
