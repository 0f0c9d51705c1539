"""The strict fake Bot API the tests use: the product's emulator (`sandbox.emulator`),
kept importable here so that tests written against `tests.fakebotapi` need no change.
One emulator serves the tests and `helpdesk sandbox`."""

# The emulator's public names, whatever they become (one list, in sandbox.emulator).
from sandbox.emulator import *  # noqa: F403
from sandbox.emulator import __all__  # noqa: F401
