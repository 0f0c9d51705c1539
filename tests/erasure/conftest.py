# The real dispatcher polling the fake Bot API, and the admin API client on the same
# database and attachments directory.
from tests.api.conftest import api_settings, client, make_token  # noqa: F401
from tests.handlers.conftest import env  # noqa: F401
