"""From bytes to text: binary detection and character encodings, for articles of unknown origin.

The order of trust: a byte-order mark; a UTF-16 text without one (every other byte NUL); the charset the
server or the document declares; UTF-8; Windows-1252 (what most mislabelled Western pages really are);
Latin-1, which accepts any byte. A text that decoded cleanly as Windows-1252 but holds the tell-tale pairs
of UTF-8 read as Windows-1252 ("â€™", "Ã©") is repaired. Whatever decoding was not plain UTF-8 is
reported in a note. Bytes with NUL characters or many control characters are binary, not text.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

#: How many leading bytes are inspected for binary content and declared charsets.
SNIFF_BYTES = 8192
#: Share of control characters above which decoded text is treated as binary or mis-encoded.
MAX_CONTROL_SHARE = 0.05

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_MOJIBAKE = re.compile("[âÃÂ][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")


class UndecodableError(ValueError):
    """The bytes are binary or not text in any encoding we accept; ``reason`` is ``binary`` or
    ``mis-encoded``."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the encoding used, and a note when it was not plain UTF-8."""

    text: str
    encoding: str
    note: str | None = None


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data`` (see the module docstring); raises :class:`UndecodableError`."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace"), encoding, f"decoded as {encoding}")
    utf16 = _utf16_without_bom(data[:SNIFF_BYTES])
    if utf16 is not None:
        return _checked(data.decode(utf16, errors="replace"), utf16, f"decoded as {utf16} (no BOM)")
    if b"\x00" in data[:SNIFF_BYTES]:
        raise UndecodableError("binary", "binary content (NUL bytes), not text")
    declared = declared or declared_charset(data[:SNIFF_BYTES])
    if declared and _known(declared) and codecs.lookup(declared).name != "utf-8":
        try:
            return _checked(data.decode(declared), declared, f"decoded as declared {declared}")
        except UnicodeDecodeError:
            pass  # a wrong declaration is common: fall through to what the bytes say
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        encoding = "cp1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "latin-1"
    return _checked(text, encoding, f"not valid UTF-8; decoded as {encoding}")


def repair_mojibake(text: str) -> str | None:
    """``text`` with UTF-8-read-as-Windows-1252 undone, or None when there is nothing (safe) to undo."""
    if not _MOJIBAKE.search(text):
        return None
    try:
        fixed = text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return None
    return fixed if len(_MOJIBAKE.findall(fixed)) < len(_MOJIBAKE.findall(text)) else None


def declared_charset(head: bytes) -> str | None:
    """The charset a document declares in its first bytes (HTML meta, XML declaration), if any."""
    match = _DECLARED.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def charset_of(content_type: str | None) -> str | None:
    """The charset parameter of an HTTP Content-Type header, if any."""
    if not content_type:
        return None
    match = _DECLARED.search(content_type.encode("latin-1", errors="replace"))
    return match.group(1).decode("ascii").lower() if match else None


def _known(encoding: str) -> bool:
    try:
        codecs.lookup(encoding)
    except LookupError:
        return False
    return True


def _utf16_without_bom(head: bytes) -> str | None:
    if len(head) < 16:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _checked(text: str, encoding: str, note: str | None = None) -> Decoded:
    if encoding in ("cp1252", "latin-1") or note is None:
        fixed = repair_mojibake(text)
        if fixed is not None:
            text, note = fixed, "repaired UTF-8 text that had been decoded as Windows-1252"
    sample = text[:SNIFF_BYTES]
    if sample and len(_CONTROL.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        raise UndecodableError(
            "mis-encoded" if note else "binary", "too many control or replacement characters to be text"
        )
    return Decoded(text, encoding, note)
