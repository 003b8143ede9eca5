"""``python -m sphinx_superoffice``: the ``sphinx-superoffice`` command."""

from .cli import main

raise SystemExit(main())
