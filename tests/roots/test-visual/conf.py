"""The visual test site: a landing page with every hub-page icon, an article with images
and alerts, a tabbed article (tests/browser/test_visual.py, tools/screenshots.py)."""

project = "SuperOffice Docs"
extensions = ["sphinx_superoffice"]
html_theme = "superoffice"
language = "en"
# the calendar card's image is missing on purpose: it shows the glyph its name names
suppress_warnings = ["superoffice.landing"]
