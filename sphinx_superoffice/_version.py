"""The version of sphinx-superoffice (one place, read by flit and by the theme)."""

__version__ = "0.1.0.dev0"
