"""`python -m tests.fakebotapi` runs the emulator standalone (= `python -m sandbox.emulator`)."""

from sandbox.emulator.__main__ import main

if __name__ == "__main__":
    main()
