"""Compact numbers for everything the window shows: readouts, captions, cards and tick labels.

One rule everywhere: about four significant digits, trailing zeros dropped, and
scientific notation once a magnitude reaches a million or falls below 1e-4, so a
diverged loss of 4.8e+280 takes ten characters rather than three hundred.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

#: Magnitudes from here on are written in scientific notation.
SCIENTIFIC_ABOVE = 1e6
#: Non-zero magnitudes below this are written in scientific notation.
SCIENTIFIC_BELOW = 1e-4
#: Shown for a missing or non-finite value.
DASH = "–"
#: Most significant digits a tick label may need to tell its neighbours apart.
MAX_TICK_DIGITS = 12


def compact(value: float | None, digits: int = 4, sign: bool = False) -> str:
    """Return ``value`` with ``digits`` significant digits: 0.1235, 123.5, 4.788e+280, 1.2e-5.

    A dash stands for None, NaN and infinities; ``sign`` writes a "+" before positive values.
    """
    if value is None or not math.isfinite(value):
        return DASH
    value = float(value)
    plus = "+" if sign and value > 0 else ""
    magnitude = abs(value)
    if magnitude == 0.0:
        return "0"
    digits = max(1, int(digits))
    if SCIENTIFIC_BELOW <= magnitude < SCIENTIFIC_ABOVE:
        places = max(0, digits - 1 - math.floor(math.log10(magnitude)))
        text = _trim(f"{value:.{places}f}")
        if abs(float(text)) < SCIENTIFIC_ABOVE:  # rounding may carry up to a million
            return plus + text
    mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
    return f"{plus}{_trim(mantissa)}e{int(exponent):+d}"


def compact_rate(value: float) -> str:
    """Return a speed as 950, 12.3k, 1.2M or, from a thousand million on, 3.7e+15."""
    if not math.isfinite(value) or abs(value) >= 1e9:
        return compact(value, 3)
    for limit, suffix in ((1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            return compact(value / limit, 3) + suffix
    return compact(value, 3)


def tick_strings(values: Sequence[float], spacing: float) -> list[str]:
    """Return tick labels with just the digits that ``spacing`` makes significant.

    Ticks of 0, 20, …, 100 read "100" rather than "100.00000000002", and ticks of
    1.25 apart keep their two decimals.
    """
    spacing = abs(float(spacing))
    if not math.isfinite(spacing) or spacing == 0.0:
        return [compact(v) for v in values]
    # The last significant place: the spacing's leading one, or further right (1.25 needs two).
    step = math.floor(math.log10(spacing))
    for _ in range(MAX_TICK_DIGITS):
        ratio = spacing / 10.0**step
        if math.isclose(ratio, round(ratio), rel_tol=1e-6):
            break
        step -= 1
    strings = []
    for value in values:
        magnitude = abs(value)
        if magnitude < spacing * 1e-6:  # zero up to rounding: a tick at 1e-17 is 0
            strings.append("0")
            continue
        digits = math.floor(math.log10(magnitude)) - step + 1 if math.isfinite(magnitude) else 1
        strings.append(compact(value, min(max(digits, 1), MAX_TICK_DIGITS)))
    return strings


def _trim(text: str) -> str:
    """Drop trailing zeros after a decimal point, and the point itself."""
    return text.rstrip("0").rstrip(".") if "." in text else text
