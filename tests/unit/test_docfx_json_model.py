"""docfx.json read as DocFX reads it: JSON with comments and lines, the build model."""

from __future__ import annotations

import pytest

from sphinx_superoffice.docfx.jsonread import JsonError, read_json
from sphinx_superoffice.docfx.model import read_config

RELEASE_NOTES = """{
  "build": {
    "content": [
      {
        "files": [
          "**/*.{md,yml}",
          "*.{md,yml}"
        ],
        "exclude": [
          "**/includes/**"
        ]
      }
    ],
    "resource": [
      {
        "files": [
          "media/**",
          "**/*.png"
        ]
      }
    ],
    "dest": "_site",
    "globalMetadata": {

    },
    "globalMetadataFiles": [],
    "fileMetadataFiles": [],
    "template": [
      "default"
    ],
    "postProcessors": [],
    "markdownEngineName": "markdig",
    "noLangKeyword": false,
    "keepFileLink": false,
    "cleanupCacheHistory": false,
    "disableGitFeatures": false
  }
}"""


def test_json_with_comments_trailing_commas_and_lines() -> None:
    # System.Text.Json as DocFX configures it: comments skipped, trailing commas allowed
    text = '{\n  // a comment\n  "a": 1, /* b */\n  "b": [true, null, "x",],\n}\n'
    value, lines = read_json(text)
    assert value == {"a": 1, "b": [True, None, "x"]}
    assert lines[("a",)] == 3
    assert lines[("b",)] == 4
    assert lines[("b", 2)] == 4


def test_json_error_has_its_line() -> None:
    with pytest.raises(JsonError) as info:
        read_json('{\n  "a": 1,\n  "b" 2\n}')
    assert info.value.line == 3


def test_release_notes_docfx_json_is_silent() -> None:
    data, lines = read_json(RELEASE_NOTES)
    config = read_config(data, lines)
    assert config.issues == []
    (content,) = config.content
    assert content.files == ["**/*.{md,yml}", "*.{md,yml}"]
    assert content.src == "" and content.dest == ""
    assert config.global_metadata == {}
    assert config.global_metadata_files == [] and config.file_metadata_files == []


def test_file_mapping_forms_and_dest() -> None:
    # FileMappingConverter: a string, an object, or a list of both; FileItems: a string or a list
    data, lines = read_json(
        """{"build": {
  "content": ["**/*.md", {"src": "user-guide/", "dest": "help", "files": "**.yml"}],
  "resource": {"files": ["images/**"], "src": "./common/icons", "dest": "help/media"}
}}"""
    )
    config = read_config(data, lines)
    shorthand, guide = config.content
    assert shorthand.files == ["**/*.md"] and shorthand.src == ""
    assert guide.src == "user-guide" and guide.dest == "help" and guide.files == ["**.yml"]
    assert guide.output_path("a/toc.yml") == "help/a/toc.yml"
    (resource,) = config.resource
    assert resource.src == "common/icons" and resource.dest == "help/media"


def test_unsupported_keys_warn_at_their_line() -> None:
    data, lines = read_json(
        """{
  "metadata": [],
  "build": {
    "content": [{"files": "*.md",
                 "weird": 1}],
    "xref": ["a.yml"],
    "markdownEngineProperties": {"alerts": {"TODO": "alert alert-secondary"},
                                 "other": 1}
  }
}"""
    )
    config = read_config(data, lines)
    assert [(i.line, i.message) for i in config.issues] == [
        (2, "key 'metadata' (.NET API reference generation) is not supported; ignored"),
        (5, "key 'build.content[].weird' is not supported; ignored"),
        (
            6,
            "key 'build.xref' (xrefmap files (use superoffice_xrefmaps)) is not supported; ignored",
        ),
        (8, "key 'build.markdownEngineProperties.other' is not supported; ignored"),
    ]
    assert config.alerts == {"TODO": "alert alert-secondary"}


def test_metadata_precedence() -> None:
    # HostServiceCreator.ApplyFileMetadata: for each key the last matching glob wins,
    # over globalMetadata; globs are relative to the docfx.json folder
    data, lines = read_json(
        """{"build": {
  "globalMetadata": {"a": "global", "b": "global", "_disableToc": true},
  "fileMetadata": {"a": {"docs/**": "docs", "docs/en/**.md": "en"}, "b": {"other/**": "x"}}
}}"""
    )
    config = read_config(data, lines)
    assert config.metadata_for("docs/en/x/page.md") == {
        "a": "en",
        "b": "global",
        "_disableToc": True,
    }
    assert config.metadata_for("docs/no/page.md")["a"] == "docs"
    assert config.metadata_for("Docs/EN/page.md")["a"] == "en"  # case-insensitive
    assert config.metadata_for("page.md")["a"] == "global"
    # globalMetadataFiles: their values win over globalMetadata
    config.add_global_metadata_file({"b": "file"})
    assert config.metadata_for("page.md")["b"] == "file"


def test_a_logo_or_favicon_path_is_never_a_url() -> None:
    """_appLogoPath / _appFaviconPath name files of the site: a scheme (javascript:,
    https:) gives no link at all, with or without leading spaces."""
    from types import SimpleNamespace

    from sphinx_superoffice.state import BuildState
    from sphinx_superoffice.theme.docfxkeys import _site_path

    app = SimpleNamespace(env=SimpleNamespace(superoffice_state=BuildState()))
    assert _site_path(app, "~/assets/logo.svg") == "assets/logo.svg"  # type: ignore[arg-type]
    for url in ("javascript:alert(1)", " javascript:alert(1)", "https://x.test/l.svg", "data:x"):
        assert _site_path(app, url) is None, url  # type: ignore[arg-type]
