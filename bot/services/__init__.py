"""Domain operations shared by the Telegram handlers and the admin API."""
