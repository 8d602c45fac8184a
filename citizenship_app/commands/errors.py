"""The error a command raises for a problem the user can fix (`cli.main` prints it, exit 1).

Here rather than in `cli.py`, which loads the command modules: a command imports nothing
from the module above it.
"""


class UserError(Exception):
    """A problem the user can fix; printed on stderr, exit status 1."""
