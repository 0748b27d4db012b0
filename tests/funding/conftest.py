import pytest

from .world import build_funding


@pytest.fixture
def funding(world):
    return build_funding(world)
