"""The frozen program's entry point: the same `main` as the `citizenship-app` script."""

import sys

from citizenship_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
