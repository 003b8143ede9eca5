extensions = ["sphinx_superoffice"]
project = "includes"
exclude_patterns = ["_build"]
suppress_warnings = ["superoffice.toc_not_included"]
