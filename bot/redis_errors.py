"""Redis's exception class, imported when first needed: the redis package (about
3 MB of memory) is loaded only by a process configured with REDIS_URL, and only such
a process can meet its errors. `except redis_error():` evaluates the call only when
an exception reaches that clause."""

from __future__ import annotations


def redis_error() -> type[Exception]:
    """redis.exceptions.RedisError (LockError and every other Redis error derive from it)."""
    from redis.exceptions import RedisError

    return RedisError
