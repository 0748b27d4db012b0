"""Who may see and do what with counselling documentation.

Narrower than the rest of Treff on purpose: the city, carrier admins, volunteers and the
committee never see a single contact, only aggregates (statistics). A counsellor sees the
contacts they documented and the client records they work with; the Treff's coordinator
sees everything of the Treff, and alone exports, erases and reads the audit trail.
Notes are the narrowest: their author and the coordinator (see selectors.notes_visible_to).
"""

import rules

from treff.treffs.access import roles_of
from treff.treffs.rules import is_carrier_admin_of, is_city_staff, is_coordinator_of, treff_id_of


@rules.predicate
def is_counsellor_of(user, obj):
    return treff_id_of(obj) in roles_of(user).counsellor_of


@rules.predicate
def documented_it(user, contact):
    return contact is not None and contact.counsellor_id == user.pk


@rules.predicate
def wrote_it(user, note):
    return note is not None and note.author_id == user.pk


@rules.predicate
def works_with_client(user, client):
    """Created the record, or documented a contact with the person."""
    if client is None:
        return False
    return client.created_by_id == user.pk or client.contacts.filter(counsellor=user).exists()


# Documenting: coordinators and visiting counsellors of the Treff (object: the Treff).
can_document = is_coordinator_of | is_counsellor_of
# Membership is checked as well as authorship: someone who left the Treff reads nothing.
can_view_contact = is_coordinator_of | (is_counsellor_of & documented_it)
can_view_client = is_coordinator_of | (is_counsellor_of & works_with_client)

rules.add_perm("counselling.document", can_document)
rules.add_perm("counselling.view_contact", can_view_contact)
rules.add_perm("counselling.change_contact", can_view_contact)
rules.add_perm("counselling.view_note", is_coordinator_of | (can_document & wrote_it))
# Notes are changed by their author only; the coordinator reads them.
rules.add_perm("counselling.change_note", can_document & wrote_it)
rules.add_perm("counselling.view_client", can_view_client)
rules.add_perm("counselling.change_client", can_view_client)
# A person may tell their counsellor that they withdraw their consent.
rules.add_perm("counselling.withdraw_consent", can_view_client)
# Export (Art. 15), erasure (Art. 17) and the audit trail (object: a client or the Treff).
rules.add_perm("counselling.manage", is_coordinator_of)
# Aggregates without names, notes or counsellors (object: the Treff).
rules.add_perm(
    "counselling.view_statistics", is_coordinator_of | is_carrier_admin_of | is_city_staff
)
