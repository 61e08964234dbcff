"""Points as evaluations award them: in whole or half points (8分, 17.5分). Shared by what reads
scores stated in text (extract/text_indicators.py: such points beside their full marks are
awarded as written) and what checks them (check/tolerance.py, check/scores.py: such points are
exact, not a rounded share)."""
from __future__ import annotations

from decimal import Decimal


def whole_or_half(points) -> bool:
    """Are the points a whole or half number (17, 17.5, 9.50), not a share rounded (4.67)?"""
    doubled = 2 * Decimal(str(points))
    return doubled == doubled.to_integral_value()
