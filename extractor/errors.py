"""Errors a single input can raise. Each has a short machine-readable `code` that goes
into the manifest next to a sentence a person can act on."""


class ExtractorError(Exception):
    code = "error"
    status = "failed"  # the input's status in the manifest (a file left for another pass: skipped)

    def __init__(self, message: str, code: str | None = None):
        super().__init__(message)
        if code:
            self.code = code


class IngestError(ExtractorError):
    """The file could not be turned into a Document (unreadable, encrypted, empty …)."""

    code = "unreadable"


class UnsupportedFormat(IngestError):
    code = "unsupported_format"
