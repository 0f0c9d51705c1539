"""Database client classes tortoise loads by module name (its "engine" setting)."""
