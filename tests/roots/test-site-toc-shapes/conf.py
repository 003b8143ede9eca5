extensions = ["sphinx_superoffice"]
html_theme = "basic"
templates_path = ["_templates"]
