"""The one union-find the planner engine uses to split problems into independent parts."""

from treff.planner.engine.components import linked_groups


def test_items_sharing_a_key_directly_or_through_others_form_one_group():
    groups = linked_groups([(0, ["room-a"]), (1, ["room-b"]), (2, ["room-a", "room-b"]), (3, [])])
    assert groups == [[0, 1, 2], [3]]


def test_groups_keep_the_order_of_their_first_item_and_input_order_within():
    groups = linked_groups([(5, ["x"]), (2, ["y"]), (7, ["x"]), (1, ["y"]), (4, ["z"])])
    assert groups == [[5, 7], [2, 1], [4]]


def test_no_items_no_groups():
    assert linked_groups([]) == []
