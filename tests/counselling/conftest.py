import pytest

from .world import build_counselling


@pytest.fixture
def counselling(world):
    """The world (tests/conftest.py) plus its counselling objects, as `world.counselling`."""
    world.counselling = build_counselling(world)
    return world


@pytest.fixture
def login(client, counselling):
    """A test client logged in as one of the world's users, or as 'counsellor2'."""

    def log_in(name):
        client.logout()
        user = (
            counselling.counselling.counsellor2
            if name == "counsellor2"
            else counselling.users[name]
        )
        if user is not None:
            client.force_login(user)
        return client

    return log_in
