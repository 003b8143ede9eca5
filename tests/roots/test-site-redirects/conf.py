extensions = ["sphinx_superoffice"]
html_theme = "basic"
superoffice_site_url = "https://docs.example.com/no/"
