extensions = ["sphinx_superoffice"]
project = "frontmatter"
language = "no"
suppress_warnings = ["toc.not_included", "superoffice.toc_not_included"]
templates_path = ["_templates"]
