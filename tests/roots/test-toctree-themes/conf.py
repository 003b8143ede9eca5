extensions = ["sphinx_superoffice"]
html_theme = "alabaster"
