from tests.handlers.conftest import env  # noqa: F401 - the same real-dispatcher fixture
