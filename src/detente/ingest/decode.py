"""Bytes to text: the binary, empty and encoding checks, and format sniffing.

Order matters: a UTF-16 file with a byte-order mark has NUL bytes but is text,
so BOMs are honoured before the binary test; an undecodable file without
control bytes (e.g. Latin-1) is E103, not E101.
"""

from __future__ import annotations

import codecs
import json
import re

from detente.ingest.problems import Reject

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# bytes that never occur in text: C0 controls except tab, LF, VT, FF, CR, ESC
_CONTROL = set(range(0, 32)) - {9, 10, 11, 12, 13, 27}
_CONTROL_RATIO = 0.05
_SAMPLE = 8192
_DECLARED = re.compile(rb"""(?:encoding|charset)\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def _bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def check_binary(data: bytes) -> None:
    """E101 when the bytes look like a binary file (NUL bytes or many control bytes)."""
    if _bom_encoding(data):
        return
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        raise Reject("E101", "the file contains NUL bytes, so it is binary data, not text")
    controls = sum(1 for b in sample if b in _CONTROL)
    if sample and controls / len(sample) > _CONTROL_RATIO:
        raise Reject("E101", f"{controls} of the first {len(sample)} bytes are control characters: "
                             "binary data, not text")


def decode(data: bytes) -> str:
    """Decode bytes as text: BOM, then UTF-8, then a charset the document declares.

    Raises Reject E101 (binary), E102 (empty) or E103 (undecodable).
    Line endings are normalised to "\\n".
    """
    if not data.strip():
        raise Reject("E102", "the input is empty" if not data else "the input contains only whitespace")
    check_binary(data)
    enc = _bom_encoding(data)
    try:
        text = data.decode(enc or "utf-8")
    except UnicodeDecodeError as exc:
        text = _decode_declared(data)
        if text is None:
            raise Reject("E103", f"the bytes are not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset "
                                 f"{exc.start}) and no other encoding is marked") from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise Reject("E102", "the input contains only whitespace")
    return text


def _decode_declared(data: bytes) -> str | None:
    """Decode with the charset an XML declaration or HTML meta tag names, if any."""
    m = _DECLARED.search(data[:2048])
    if not m:
        return None
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    if name == "utf-8":
        return None
    try:
        return data.decode(name)
    except UnicodeDecodeError:
        return None


def sniff(text: str) -> str:
    """Guess the format from the content: "html", "feed", "json", "jsonl" or "text"."""
    head = text.lstrip("\ufeff \t\n")[:2048].lower()
    if head.startswith(("<!doctype html", "<html")) or (head.startswith("<") and "<html" in head[:1024]):
        return "html"
    if head.startswith(("<rss", "<feed", "<rdf:rdf")) or (
        head.startswith("<?xml") and any(t in head for t in ("<rss", "<feed", "<rdf:rdf"))
    ):
        return "feed"
    if head.startswith("<?xml"):
        return "feed"  # some other XML: the feed reader reports it (E105)
    stripped = text.strip()
    if stripped[:1] in "{[" and stripped[-1:] in "}]":
        try:
            json.loads(stripped)
            return "json"
        except ValueError:
            lines = [ln for ln in stripped.split("\n") if ln.strip()]
            if len(lines) > 1 and all(ln.lstrip().startswith("{") for ln in lines):
                return "jsonl"
            return "json"  # looks like JSON but is broken: the JSON reader reports E106
    return "text"
