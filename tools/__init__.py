"""Developer tools (not part of the bot): run them as `python -m tools.<name>`."""
