"""The plots' envelope thinning keeps every extreme in a bounded number of points."""

from __future__ import annotations

import numpy as np

from playground.app.present.decimate import envelope


def test_short_curves_pass_through_unchanged() -> None:
    x = np.arange(1.0, 11.0)
    y = np.sin(x)
    xo, yo = envelope(x, y, bins=5)
    assert xo is x or np.array_equal(xo, x)
    np.testing.assert_array_equal(yo, y)


def test_long_curves_keep_each_bins_extremes() -> None:
    rng = np.random.default_rng(0)
    x = np.arange(1.0, 100_001.0)
    y = rng.random(100_000)
    y[12_345] = 50.0  # one spike must survive
    y[54_321] = -50.0
    xo, yo = envelope(x, y, bins=500)
    assert len(xo) <= 1000 and len(yo) == len(xo)
    assert yo.max() == 50.0 and yo.min() == -50.0
    assert np.all(np.diff(xo) >= 0) and xo[0] == 1.0 and xo[-1] == 100_000.0
    # Each bin's pair brackets the original values of that bin.
    lo, hi = yo[0::2], yo[1::2]
    assert np.all(lo <= hi)
    first = (x >= xo[0]) & (x <= xo[1])
    assert lo[0] == y[first].min() and hi[0] == y[first].max()


def test_columns_are_thinned_together_and_nan_is_a_gap() -> None:
    x = np.arange(1.0, 5001.0)
    cols = np.column_stack([np.linspace(0, 1, 5000), np.full(5000, np.nan)])
    cols[:10, 1] = 3.0
    xo, co = envelope(x, cols, bins=100)
    assert co.shape == (len(xo), 2) and len(xo) <= 200
    assert co[0, 1] == 3.0 and co[1, 1] == 3.0  # NaN ignored beside values
    assert np.isnan(co[-1, 1])  # a bin of NaN only stays a gap
    np.testing.assert_allclose(co[-1, 0], 1.0)


def test_uneven_spacing_from_a_thinned_history_bins_by_epoch() -> None:
    # Older epochs sparse, recent ones dense, as History(max_rows=...) keeps them.
    x = np.r_[np.arange(1.0, 50_000.0, 16.0), np.arange(50_000.0, 60_000.0)]
    y = np.ones_like(x)
    xo, _ = envelope(x, y, bins=600)
    widths = np.diff(xo[0::2])
    assert widths.max() < 2 * (x[-1] - x[0]) / 600  # bins follow epochs, not row numbers
