extensions = ["sphinx_superoffice"]
html_theme = "basic"
templates_path = ["_templates"]
myst_heading_anchors = 3
