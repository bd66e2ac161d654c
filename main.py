"""Launch MLP Playground: ``python main.py`` opens the window (see ``--help``)."""

from __future__ import annotations

import sys

from playground.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
