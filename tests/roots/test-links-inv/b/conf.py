extensions = ["sphinx_superoffice", "sphinx.ext.intersphinx"]
project = "inv-b"
root_doc = "index"
suppress_warnings = ["toc.not_included"]
