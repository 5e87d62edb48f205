"""Entry point for ``python -m blaster``."""

from blaster.cli import main

raise SystemExit(main())
