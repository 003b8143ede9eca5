"""Configuration of example-docs: one conf.py for every language tree.

Build one language with::

    sphinx-build -c example-docs -D language=no example-docs/docs/no example-docs/_build/html/no

or all of them with ``tox -e example``.
"""

project = "SuperOffice CRM (example)"
author = "SuperOffice Docs"
copyright = "2020 SuperOffice Docs (MIT)"

extensions = ["sphinx_superoffice"]
html_theme = "superoffice"
html_theme_options = {
    "product_name": "SuperOffice CRM",
    "edit_url": "https://github.com/SuperOfficeDocs/docs/edit/main/docs/{lang}/{path}",
}

# the language of a build: -D language=…, else READTHEDOCS_LANGUAGE, else the tree
# being built (docs/no builds in Norwegian), else this
language = "en"
superoffice_languages = {"en": "../en", "no": "../no"}
# where the site is published: maps redirect_from paths and absolute links to local pages
superoffice_site_url = "https://docs.superoffice.com/{lang}/"

# the DocFX docset root: includes (`~/`), shared media and common/includes live under it
superoffice_root = "../.."

root_doc = "index"
exclude_patterns = ["_build"]
