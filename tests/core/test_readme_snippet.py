"""The README's plain-NumPy forward pass and scripting example really work."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from playground.core.activations import ACTIVATIONS
from playground.core.config import ModelConfig
from playground.core.features import FEATURES
from playground.core.files import save_weights
from playground.core.model import Model

README = Path(__file__).resolve().parents[2] / "README.md"
FORWARD_MARKER = "# mlp-playground: numpy forward pass"
SCRIPT_MARKER = "# mlp-playground: scripting"


def code_block(marker: str) -> str:
    """The ```python block of the README's files region that contains ``marker``."""
    text = README.read_text(encoding="utf-8")
    region = text.split("<!-- files:start -->", 1)[1].split("<!-- files:end -->", 1)[0]
    blocks = [b for b in re.findall(r"```python\n(.*?)```", region, re.DOTALL) if marker in b]
    assert len(blocks) == 1, f"expected one README code block marked {marker!r}"
    return blocks[0]


def forward_function() -> Any:
    source = code_block(FORWARD_MARKER)
    tree = ast.parse(source)
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in (
            node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")]
        )
    }
    assert imported <= {"json", "numpy"}, imported
    namespace: dict[str, Any] = {}
    exec(compile(tree, "README forward pass", "exec"), namespace)
    return namespace["forward"]


def test_forward_block_is_short_and_self_contained() -> None:
    source = code_block(FORWARD_MARKER)
    body = source.split("def forward", 1)[1]
    assert len([line for line in body.splitlines() if line.strip()]) <= 12
    assert "playground" not in source.replace(FORWARD_MARKER, "")


CASES = [
    *[
        ModelConfig(tuple(FEATURES), (5, 4), (name, "tanh"), bias_init=0.1, seed=i)
        for i, name in enumerate(ACTIVATIONS)
    ],
    ModelConfig(("x1", "x2", "x1x2"), (6,), ("relu",), "multiclass", 5, "cross_entropy", seed=4),
    ModelConfig(("sin_x1", "x2^2"), (3, 3), ("gelu", "silu"), "regression", 1, "mse", seed=5),
    ModelConfig(("x1", "x2"), (), (), "regression", 1, "tanh_mse", bias_init=0.1),
    ModelConfig(("x2", "x1^2"), (4,), ("elu",), "binary", 2, "tanh_mse", "he_normal"),
]


@pytest.mark.parametrize(
    "config", CASES, ids=lambda c: f"{c.task}-{'-'.join(c.activations)}-{c.loss}"
)
def test_readme_forward_pass_matches_the_engine(tmp_path: Path, config: ModelConfig) -> None:
    forward = forward_function()
    rng = np.random.default_rng(config.seed)
    model = Model.build(config, rng.uniform(-6.0, 6.0, (50, 2)))
    model.network.set_params(rng.normal(0.0, 0.7, model.network.n_params))
    path = tmp_path / "exported.npz"
    save_weights(model, path)
    points = rng.uniform(-7.0, 7.0, (300, 2))
    output = forward(str(path), points)
    assert output.shape == (300, config.n_outputs)
    np.testing.assert_allclose(output, model.output(points), rtol=0, atol=1e-12)
    if config.task == "binary":
        proba = model.predict_proba(points)[:, 1]
        if config.loss == "tanh_mse":
            output = np.clip((output + 1.0) / 2.0, 0.0, 1.0)
        np.testing.assert_allclose(output[:, 0], proba, rtol=0, atol=1e-12)
    elif config.task == "multiclass":
        np.testing.assert_allclose(output, model.predict_proba(points), rtol=0, atol=1e-12)
        np.testing.assert_array_equal(output.argmax(axis=1), model.predict(points))


def test_readme_scripting_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {"print": lambda *args, **kwargs: None}
    exec(compile(code_block(SCRIPT_MARKER), "README scripting", "exec"), namespace)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["circle.mlps", "circle.npz"]
    assert namespace["trainer"].epoch == 200
    assert round(namespace["loss"], 4) == 0.7334 and namespace["evaluation"].test_metric == 0.97
