"""Writers that take records one at a time (dataset.DatasetWriter, audit.AuditWriter)
keep what they need in files of a working folder; this runs one over records at once."""
from __future__ import annotations

import tempfile


def write_all(writer_class, records, target) -> None:
    """writer_class(workdir), add() each record (records: any iterable), write(target)."""
    with tempfile.TemporaryDirectory(prefix="extractor-") as tmp:
        writer = writer_class(tmp)
        for record in records:
            writer.add(record)
        writer.write(target)
