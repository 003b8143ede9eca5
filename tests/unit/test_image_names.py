"""Image output names: source-path order, linear in the number of same-named images."""

from __future__ import annotations

import random
from pathlib import Path

from sphinx_superoffice.assets import stable_image_names


def _naive(names: list[str]) -> dict[str, str]:
    """Sphinx's own scheme (x.png, x1.png, …) applied in source-path order, quadratic."""
    taken: set[str] = set()
    result = {}
    for filename in sorted(names):
        base, ext = Path(filename).stem, Path(filename).suffix
        unique, i = base + ext, 0
        while unique in taken:
            i += 1
            unique = f"{base}{i}{ext}"
        taken.add(unique)
        result[filename] = unique
    return result


def test_same_names_are_numbered_in_source_order() -> None:
    names = ["b/x.png", "a/x.png", "c/x.png", "a/x1.png", "d/y.gif"]
    assert stable_image_names(names) == {
        "a/x.png": "x.png",
        "a/x1.png": "x1.png",
        "b/x.png": "x2.png",
        "c/x.png": "x3.png",
        "d/y.gif": "y.gif",
    }


def test_equals_the_naive_scheme_on_random_trees() -> None:
    rng = random.Random(7)
    for _ in range(300):
        names = {
            f"{rng.choice('abc')}/{rng.choice(['x', 'x1', 'x2', 'y', 'x11'])}"
            f"{rng.choice(['.png', '.gif'])}"
            for _ in range(rng.randint(1, 12))
        }
        assert stable_image_names(list(names)) == _naive(list(names))


def test_many_same_named_images_are_linear() -> None:
    names = [f"folder{i:05d}/image.png" for i in range(20_000)]
    result = stable_image_names(names)  # the naive scheme takes minutes here
    assert result["folder19999/image.png"] == "image19999.png"
