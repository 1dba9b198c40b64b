"""One root error class with specific subclasses.

The CLI turns these into a message and an exit code, never a traceback.
"""

from __future__ import annotations


class TimelineError(Exception):
    """Root of every error this package raises on purpose."""

    exit_code = 1


class UsageError(TimelineError):
    """A command-line argument or option value is not acceptable."""

    exit_code = 2


class DispatchError(TimelineError):
    """A dispatch file is invalid. Names the file, the field path and what was expected."""

    exit_code = 3

    def __init__(self, file: str, field: str, expected: str, found: object = None) -> None:
        self.file = file
        self.field = field
        self.expected = expected
        self.found = found
        where = f"{file}: {field}" if field else file
        message = f"{where}: expected {expected}"
        if found is not None:
            shown = repr(found)
            if len(shown) > 80:
                shown = shown[:77] + "..."
            message += f", found {shown}"
        super().__init__(message)


class DateError(TimelineError):
    """A date or time could not be understood without guessing."""

    exit_code = 2


class ConflictingDispatchError(TimelineError):
    """A report already in the log was ingested again with different content."""

    exit_code = 4


class NotFoundError(TimelineError):
    """A conflict, country, actor or development that the log does not know."""

    exit_code = 5


class StoreError(TimelineError):
    """The event store or the read-model database cannot be used."""

    exit_code = 6


class ProjectionError(TimelineError):
    """A projection failed to apply an event. Never swallowed: the read model would drift."""

    exit_code = 7


class IntegrityError(TimelineError):
    """``timeline verify`` found the log or the read models not as they should be."""

    exit_code = 8


class PortInUseError(TimelineError):
    """``timeline serve`` cannot listen: the address is taken or not this machine's."""

    exit_code = 10


class ExtractionError(TimelineError):
    """An article cannot be read or turned into a draft dispatch (``timeline extract``).

    Names the file (or data file) and what was expected, like :class:`DispatchError`.
    """

    exit_code = 9

    def __init__(self, file: str, expected: str, found: object = None) -> None:
        self.file = file
        self.expected = expected
        self.found = found
        message = f"{file}: expected {expected}"
        if found is not None:
            shown = repr(found)
            if len(shown) > 80:
                shown = shown[:77] + "..."
            message += f", found {shown}"
        super().__init__(message)
