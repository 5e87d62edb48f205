"""blaster: a fast, crash-safe bulk e-mail campaign engine on PostgreSQL.

The package is layered (see README, "Architecture"): pure modules at the bottom, I/O adapters
(``store``, ``messengers``, ``metrics``) above them, and the ``worker``/``coordinator``
processes on top. Importing the package has no side effects.
"""

__version__ = "0.1.0"
