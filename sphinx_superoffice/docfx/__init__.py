"""DocFX's ``docfx.json``, read as DocFX reads it (pure: no Sphinx).

- :mod:`.glob`: DocFX's glob matcher (``Docfx.Glob``): brace expansion, ``**``, ``!``,
  case-insensitive by default, dot files left out, and the pruned file walk.
- :mod:`.jsonread`: JSON as DocFX reads it (comments, trailing commas), with the line of
  every key.
- :mod:`.model`: the ``build`` section: file mappings (``src``/``dest``/``files``/
  ``exclude``, string shorthand), metadata (``globalMetadata``, ``fileMetadata``, their
  files) and the keys nothing here implements.

The Sphinx glue is :mod:`sphinx_superoffice.docfx_json`.
"""
