"""The task block of a department-wide form (年度主要任务): a row per task — its name, what
it is, and its money in columns whose header gives the unit (预算数（万元） | 执行数（万元）).
A mixin of FormReader (form_reader.py), whose walk calls these methods."""
from __future__ import annotations

from .form_cells import unit_cell
from .form_vocab import UNIT_IN_CELL, bare, value_type


class TaskBlockReader:
    def _read_task_header(self, i: int) -> int:
        """The column names after 任务名称; those whose header carries a unit are the money columns."""
        head, j, columns = self.tokens[i], i + 1, []
        while j < len(self.tokens):
            t = self.tokens[j]
            text = t.text.strip()
            if t.positional and t.line != head.line:
                break
            if text:
                if value_type(text) or len(text) > 16:
                    break
                m = UNIT_IN_CELL.search(text)
                columns.append((bare(text), (m.group(1) or m.group(2)) if m else None))
            j += 1
        self.task_columns = [c for c in columns if c[1]]
        return j

    def _read_task_value(self, i: int) -> int:
        """A figure of a task's row: the k-th figure in a run goes to the k-th money column
        (a row writes its money columns one after another, after its words)."""
        k = 0
        while i - k - 1 >= 0 and value_type(unit_cell(self.tokens[i - k - 1]).text) == "num":
            k += 1
        if k < len(self.task_columns):
            label, unit = self.task_columns[k]
            token = unit_cell(self.tokens[i])
            self.index.fact_for(token, token.unit or unit, label, None, {"form": self.form["id"], "slot": "task"})
        return i + 1
