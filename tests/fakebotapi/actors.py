"""`tests.fakebotapi.actors`: the emulator's users and chats (see `sandbox.emulator.actors`)."""

from sandbox.emulator.actors import TINY_PNG, FakeChat, FakeUser

__all__ = ["TINY_PNG", "FakeChat", "FakeUser"]
