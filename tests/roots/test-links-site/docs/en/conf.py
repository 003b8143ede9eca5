extensions = ["sphinx_superoffice"]
project = "links-site-en"
language = "en"
root_doc = "mobile/app"
superoffice_root = "../.."
suppress_warnings = ["toc.not_included"]
exclude_patterns = ["includes/**", "**/includes/**"]
