from tests.test_planner_app import planner_world  # noqa: F401 -- the fixture, for test_worker
