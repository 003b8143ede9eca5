"""Code snippets: ``[!code-<lang>[name](path?query#fragment "title")]`` (dfm-spec §5).

- Block-level only: the statement must be the whole line (in a paragraph it is text).
- The path resolves like an include: against the file holding the statement (so a
  snippet in an include resolves against the include), ``~/`` is the docset root,
  and URLs, absolute paths and paths outside the root are refused without reading.
- Selection, in DocFX's priority order: a tag (``#tag`` or ``?name=tag``) > a line
  range ``#L1-L5`` > ``?start=&end=`` > ``?range=1-3,5-`` > the whole file. Regions are
  recognised per language (``// <tag>``, ``#region``, ``<!-- <tag> -->``…, §5.3).
- Common indentation is removed (or ``?dedent=N`` spaces); ``?highlight=`` marks lines
  of the output snippet.
- The file is a dependency of the page (``env.note_dependency``), so editing it
  re-reads the page, as for includes.

``:::code source="" language="" range="" highlight="" id="":::`` (:mod:`..colons`)
is rendered by :func:`.render.render_code_snippet` with the same selection.

- :mod:`.grammar`: the markdown-it rule;
- :mod:`.selection`: which lines a query selects (regions per language, ranges,
  dedent, highlight, the lexer), plain functions without Sphinx;
- :mod:`.render`: resolving and reading the file, and the literal block.
"""
