extensions = ["sphinx_superoffice"]
superoffice_docfx_json = "docfx.json"
html_theme = "basic"
