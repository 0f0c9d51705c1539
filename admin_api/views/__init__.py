"""Views, one module per resource; each exposes register(registry)."""
