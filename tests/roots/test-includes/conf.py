extensions = ["sphinx_superoffice"]
project = "includes"
exclude_patterns = ["_build"]
