"""The trivial task of bench/tasks.py, in a module the worker processes import by its path
(`bench.tasks_noop.noop`: bench/ is a namespace package, the workers run from the repo root)."""

from treff.core.tasks import task


@task
def noop(n: int) -> int:
    """Do nothing but return the argument: what is left is the task layer's own cost."""
    return n
