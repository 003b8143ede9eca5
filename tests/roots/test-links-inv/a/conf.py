extensions = ["sphinx_superoffice", "sphinx.ext.intersphinx"]
project = "inv-a"
root_doc = "index"
suppress_warnings = ["toc.not_included"]
