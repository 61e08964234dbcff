"""What a column's name in a table written as text says of its figures: a score table's points
column (分值, 权重, 得分), or a name that states its unit in brackets (金额（万元）, 人数（人）,
占比（%）). Shared by the readers of spaced, one-space, inline and glued tables."""
from __future__ import annotations

import regex

from ..header_names import NAMED_UNITS

# a score table's points columns say their unit by their name
POINTS_NAME = regex.compile(r"^(?:分值|权重|权数|标准分值?|满分|(?:自评|评价|实际|考评)?得分)$")
# a column name that states its unit in brackets: 金额（万元）, 人数（人）, 占比（%）; or a points column
UNIT_NAME = regex.compile(rf"[（(]\s*(?:{NAMED_UNITS})\s*[)）]|{POINTS_NAME.pattern}")
