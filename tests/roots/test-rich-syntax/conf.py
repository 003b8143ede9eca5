extensions = ["sphinx_superoffice"]
root_doc = "index"
# `**/includes/**` (superoffice_exclude_includes) does not match a top-level folder
exclude_patterns = ["_build", "includes"]
