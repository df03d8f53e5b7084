"""One error hierarchy for the whole product.

Every error a user can cause carries a stable code (``AW1xx`` input, ``AW2xx`` data, ``AW3xx`` store,
``AW4xx`` network) and an exit status. The CLI prints ``error[CODE]: message`` on one line and exits with
``exit_code``; the HTTP API renders the same fields as JSON. Nothing else should reach the user.
"""

from __future__ import annotations


class AllianceWatchError(Exception):
    """Base of every error the product raises on purpose."""

    code = "AW000"
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def as_dict(self) -> dict[str, str | int]:
        return {"code": self.code, "message": self.message, "exit_code": self.exit_code}


class UserInputError(AllianceWatchError):
    """The user asked for something malformed (bad option value, bad year range)."""

    code = "AW100"
    exit_code = 2


class UnknownCountryError(UserInputError):
    """A country name or code that resolves to nothing; the message lists the closest valid codes."""

    code = "AW101"

    def __init__(self, text: str, suggestions: list[str], note: str = "") -> None:
        hint = f"; closest valid codes: {', '.join(suggestions)}" if suggestions else ""
        extra = f" ({note})" if note else ""
        super().__init__(f"unknown country {text!r}{extra}{hint}")
        self.text = text
        self.suggestions = suggestions


class UnknownDatasetError(UserInputError):
    code = "AW102"


class InvalidEventError(UserInputError):
    """An event (or actor, evidence, document) whose fields break the event model's rules."""

    code = "AW103"


class DataError(AllianceWatchError):
    """A data file is missing, malformed, truncated or not what the registry expects."""

    code = "AW200"
    exit_code = 3


class MissingFileError(DataError):
    code = "AW201"


class ChecksumMismatchError(DataError):
    code = "AW202"


class MalformedFileError(DataError):
    code = "AW203"


class NotLoadedError(DataError):
    """A query needs a dataset that has not been loaded into the store yet."""

    code = "AW204"


class StoreError(AllianceWatchError):
    code = "AW300"
    exit_code = 4


class FetchError(AllianceWatchError):
    """A download failed (unreachable host, HTTP error)."""

    code = "AW400"
    exit_code = 5
