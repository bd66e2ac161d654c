"""Compare and scrub wiring against fake views and a fake worker (as ndv tests its controller).

The window and the worker are ``MagicMock``s: these tests read which commands the
wiring posts and which ``set_*``/``show_*`` calls it makes, with the real Runs model.
"""

from __future__ import annotations

from unittest.mock import MagicMock

import numpy as np

from playground.app.comparing import CompareWiring, ScrubWiring
from playground.app.state.defaults import DEFAULT_MODEL, DEFAULT_TRAIN
from playground.app.state.runs import Runs
from playground.app.training.commands import Compare, Preview, SetActive
from playground.core.model import Model
from playground.core.presets import make_dataset
from playground.core.trainer import Trainer

DATA = make_dataset("xor", 60, 0.0, seed=1, test_ratio=0.5)


def _controller() -> MagicMock:
    c = MagicMock()
    c.runs = Runs()
    c.runs.single(DEFAULT_MODEL, DEFAULT_TRAIN)
    c.model_config, c.train_config = DEFAULT_MODEL, DEFAULT_TRAIN
    c.data_model.dataset = DATA
    c.running = False
    c.window.views = {"runs": MagicMock(), "compare_table": MagicMock()}
    return c


def _posted(c: MagicMock, kind: type) -> list:
    return [call.args[0] for call in c.worker.post.call_args_list if isinstance(call.args[0], kind)]


def test_starting_a_comparison_posts_one_rebuild_per_value() -> None:
    c = _controller()
    wiring = CompareWiring(c)
    assert wiring.start("lr=0.03,3")
    (compare,) = _posted(c, Compare)
    assert [r.train_config.learning_rate for r in compare.runs] == [0.03, 3.0]
    assert [r.run_id for r in compare.runs] == list(c.runs.ids)
    assert {r.model_config for r in compare.runs} == {DEFAULT_MODEL}
    c.window.views["runs"].set_runs.assert_called_with(["lr=0.03", "lr=3"])
    c.window.set_comparing.assert_called_with(True)


def test_a_bad_spec_changes_nothing_and_says_why() -> None:
    c = _controller()
    before = c.runs.ids
    assert not CompareWiring(c).start("lr=0.03")
    assert c.runs.ids == before and not _posted(c, Compare)
    text = c.window.show_banner.call_args.args[0]
    assert "2" in text and "lr" in text


def test_selecting_a_run_tells_the_worker_and_the_views() -> None:
    c = _controller()
    wiring = CompareWiring(c)
    wiring.start("activation=tanh,relu")
    wiring.select(1)
    assert c.runs.active == 1
    assert _posted(c, SetActive)[-1].run_id == c.runs.runs[1].run_id
    c.window.views["compare_table"].set_selected.assert_called_with(1)


def test_scrubbing_previews_each_runs_checkpoint_and_moves_the_cursor_lines() -> None:
    c = _controller()
    scrub = ScrubWiring(c)
    run = c.runs.active_run
    trainer = Trainer(Model.build(DEFAULT_MODEL, DATA.train_x), DEFAULT_TRAIN, DATA.train_x,
                      DATA.train_y)  # fmt: skip
    for _ in range(6):
        run.checkpoints.offer(trainer.get_state())
        trainer.run_epoch()
    run.checkpoints.offer(trainer.get_state())
    scrub.move_to(3)
    (preview,) = _posted(c, Preview)
    assert preview.states is not None
    assert {state.epoch for state in preview.states.values()} == {3}
    assert np.isfinite(preview.states[run.run_id].params).all()
    c.window.loss_plot.set_cursor.assert_called_with(3)
    scrub.back_to_latest()
    assert _posted(c, Preview)[-1].states is None and c.runs.cursor is None
    c.window.gradient_plot.set_cursor.assert_called_with(None)
