"""Two language trees published at https://docs.example.com/{lang}/: sitemap, robots, 404."""

extensions = ["sphinx_superoffice"]
html_theme = "superoffice"
project = "Published"
superoffice_languages = {"en": "../en", "no": "../no"}
superoffice_site_url = "https://docs.example.com/{lang}/"
