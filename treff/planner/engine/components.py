"""Connected parts of a problem: items linked, directly or through others, by shared keys.

The solver splits a problem into parts it can bound separately, the explanation into parts it
can explain separately; both need the same grouping, so it is written once here (a
union-find with path halving). Pure Python.
"""

from collections.abc import Hashable, Iterable


def linked_groups(items: Iterable[tuple[int, Iterable[Hashable]]]) -> list[list[int]]:
    """Group item indexes that share a key, transitively.

    `items` gives (index, keys) pairs; an item with no keys is a group of its own. Returns
    the groups in the order of their first item, each listing its indexes in input order, so
    callers that sort the groups (by size) get a deterministic result.
    """
    parent: dict[int, int] = {}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order: list[int] = []
    first_of: dict[Hashable, int] = {}
    for index, keys in items:
        parent.setdefault(index, index)
        order.append(index)
        for key in keys:
            if key in first_of:
                parent[find(index)] = find(first_of[key])
            else:
                first_of[key] = index
    groups: dict[int, list[int]] = {}
    for index in order:
        groups.setdefault(find(index), []).append(index)
    return list(groups.values())
