"""Permissions of the people pages; which role may be granted where is grants.py's."""

import rules

from .grants import may_manage_people


@rules.predicate
def grants_roles(user):
    return may_manage_people(user)


rules.add_perm("people.manage", grants_roles)
