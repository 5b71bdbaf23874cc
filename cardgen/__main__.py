"""`python -m cardgen` and the `cardgen` script run the command line.

A build with nothing to do is answered first, before click and the commands are imported (commands/noop.py):
that import is most of what a no-op would otherwise cost.
"""

import sys


def main() -> None:
    from .commands.noop import nothing_to_build

    if nothing_to_build(sys.argv[1:]):
        return
    from .cli import run

    run()


if __name__ == "__main__":
    main()
