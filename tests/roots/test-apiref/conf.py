extensions = ["sphinx_superoffice"]
project = "apiref"
html_theme = "superoffice"
exclude_patterns = ["api/README.md"]
