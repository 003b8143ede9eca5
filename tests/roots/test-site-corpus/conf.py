extensions = ["sphinx_superoffice"]
superoffice_site_url = "https://docs.superoffice.com/no/"
exclude_patterns = ["README.md", "LICENSE", "_build"]
suppress_warnings = ["myst.header"]
