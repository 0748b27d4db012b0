import pytest

from .world import build_quality


@pytest.fixture
def quality(world):
    return build_quality(world)
