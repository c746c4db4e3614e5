"""Download a manifest row's ``url`` into the corpus folder, checked and locked.

Only ``http://`` and ``https://`` URLs are fetched (redirects included), with a time limit
per request and a size limit on the body. The body must be what the row's ``file`` promises:
a PDF (``%PDF-`` in its first kilobyte) for ``.pdf``, readable text (not an HTML page, not
binary) otherwise. The file is written atomically, so a failed or interrupted download leaves
nothing behind, and its sha256 is recorded in the lock file on the first download and checked
on every later one (:mod:`ordskifte.ingest.checksums`).
"""

from __future__ import annotations

import os
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from ordskifte.ingest.checksums import mismatch_message, record_checksum, sha256_file

ALLOWED_SCHEMES = ("http", "https")
USER_AGENT = "ordskifte (corpus fetch)"
_CHUNK = 1 << 16


class FetchError(ValueError):
    """A document could not be downloaded, or the download is not the expected document."""


def check_url(url: str, *, where: str) -> None:
    """Raise :class:`FetchError` unless ``url`` is an absolute http(s) URL with a host."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ALLOWED_SCHEMES or not parts.netloc:
        raise FetchError(
            f"{where}: {url!r} is not an http:// or https:// address; only those are fetched"
        )


def download(url: str, *, where: str, max_bytes: int, timeout: float) -> tuple[bytes, str]:
    """The body of ``url`` and its content type; raise :class:`FetchError` naming ``where`` on
    any failure (HTTP error, no connection, time-out, too large, empty)."""
    check_url(url, where=where)
    # urllib follows redirects to http(s) addresses only (others are an HTTPError)
    opener = urllib.request.build_opener()
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise _too_large(where, url, int(length), max_bytes)
            chunks, size = [], 0
            while chunk := response.read(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise _too_large(where, url, size, max_bytes)
                chunks.append(chunk)
            content_type = response.headers.get_content_type()
    except urllib.error.HTTPError as err:
        raise FetchError(
            f"{where}: the server answered HTTP {err.code} {err.reason} for {url}; check the "
            "`url` column (open it in a browser), or download the file by hand and clear `url`"
        ) from None
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise FetchError(
            f"{where}: could not download {url} ({reason}); check the address and the network, "
            "or raise `fetch.timeout` in config for a slow server"
        ) from None
    body = b"".join(chunks)
    if not body:
        raise FetchError(f"{where}: {url} sent an empty body; check the `url` column")
    return body, content_type


def _too_large(where: str, url: str, size: int, max_bytes: int) -> FetchError:
    return FetchError(
        f"{where}: {url} is larger than config `fetch.max_bytes` ({size:,} > {max_bytes:,} "
        "bytes); raise the limit if the document really is that large"
    )


def body_kind(body: bytes) -> str:
    """``"pdf"``, ``"html"`` or ``"text"`` (anything else: ``"binary"``)."""
    if b"%PDF-" in body[:1024]:
        return "pdf"
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:512]:
        return "html"
    from ordskifte.ingest.extract import ExtractionError, decode_text

    try:
        decode_text(body, name="download")
    except ExtractionError:
        return "binary"
    return "text"


def check_body(body: bytes, *, suffix: str, content_type: str, where: str, url: str) -> str:
    """Raise :class:`FetchError` unless the body is a PDF or text (matching ``suffix`` if
    given); return its kind."""
    kind = body_kind(body)
    if kind == "html":
        raise FetchError(
            f"{where}: {url} sent an HTML page ({content_type}), not the document: the address "
            "is probably a landing page; use the direct link to the PDF or text file"
        )
    if kind == "binary":
        raise FetchError(
            f"{where}: {url} sent neither a PDF nor text ({content_type}); fetch supports PDF "
            "and plain-text documents"
        )
    if suffix:
        wanted = "pdf" if suffix.lower() == ".pdf" else "text"
        if kind != wanted:
            raise FetchError(
                f"{where}: {url} sent {'a PDF' if kind == 'pdf' else 'text'}, but the `file` "
                f"column names a {suffix} file; change the file name's suffix to "
                f"{'.pdf' if kind == 'pdf' else '.txt'}"
            )
    return kind


def fetch_document(
    *,
    doc_id: str,
    url: str,
    file: str,
    out: str | Path,
    lock: str | Path,
    max_bytes: int,
    timeout: float,
) -> str:
    """Download a manifest row's document to ``out`` and check it against the lock file.

    Parameters
    ----------
    doc_id, url, file
        The manifest row (``file`` as written there, relative to the corpus folder).
    out
        Where to write the document (the corpus folder joined with ``file``).
    lock
        The lock file (``checksums.tsv``); the sha256 is recorded there on the first download
        and must match on later ones.
    max_bytes, timeout
        Size limit of the body and time limit (seconds) of the request.

    Returns
    -------
    str
        The document's sha256.
    """
    where = f"manifest row doc_id {doc_id!r}"
    body, content_type = download(url, where=where, max_bytes=max_bytes, timeout=timeout)
    check_body(body, suffix=Path(file).suffix, content_type=content_type, where=where, url=url)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(body)
        found = sha256_file(tmp)
        expected = record_checksum(lock, doc_id=doc_id, file=file, sha256=found, url=url)
        if expected != found:
            raise FetchError(
                mismatch_message(
                    doc_id=doc_id,
                    file=file,
                    expected=expected,
                    found=found,
                    lock=str(lock),
                    what_changed=f"the document at {url}",
                )
            )
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return found
