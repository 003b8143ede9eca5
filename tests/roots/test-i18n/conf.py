extensions = ["sphinx_superoffice"]
project = "i18n"
locale_dirs = ["locale"]
gettext_compact = False
suppress_warnings = ["superoffice.toc_not_included"]
