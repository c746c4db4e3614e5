"""Downloading manifest rows (ordskifte.ingest.fetch) and the lock file
(ordskifte.ingest.checksums), against a real HTTP server on 127.0.0.1 started by the tests."""

from __future__ import annotations

import hashlib
import http.server
import re
import threading
from pathlib import Path

import pytest

from ordskifte.ingest.checksums import (
    ChecksumError,
    read_checksums,
    record_checksum,
    sha256_file,
    verify_checksums,
)
from ordskifte.ingest.fetch import FetchError, body_kind, fetch_document
from tests.pdfmaker import minimal_pdf

TEXT = b"Selvhjelp er en viktig ressurs i folkehelsearbeidet.\n"
PDF = minimal_pdf([["Selvhjelp er en viktig ressurs i folkehelsearbeidet."]])
ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/plan.txt": (200, "text/plain; charset=utf-8", TEXT),
    "/plan.pdf": (200, "application/pdf", PDF),
    "/landing.pdf": (200, "text/html", b"<!DOCTYPE html><html><body>Last ned</body></html>"),
    "/image.pdf": (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
    "/empty.txt": (200, "text/plain", b""),
    "/big.txt": (200, "text/plain", b"ord " * 5000),
}


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the http.server API
        if self.path == "/moved.txt":
            self.send_response(302)
            self.send_header("Location", "/plan.txt")
            self.end_headers()
            return
        if self.path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
            return
        status, content_type, body = ROUTES.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def fetch(server: str, path: str, tmp_path: Path, *, file: str | None = None, **options):
    file = file or "added/doc" + Path(path).suffix
    return fetch_document(
        doc_id="plan",
        url=server + path,
        file=file,
        out=tmp_path / "corpus" / file,
        lock=tmp_path / "corpus" / "checksums.tsv",
        max_bytes=options.get("max_bytes", 10_000_000),
        timeout=options.get("timeout", 10),
    )


@pytest.mark.parametrize(("path", "body"), [("/plan.txt", TEXT), ("/plan.pdf", PDF)])
def test_download_is_written_and_locked(server, tmp_path, path, body):
    digest = fetch(server, path, tmp_path)
    out = tmp_path / "corpus" / ("added/doc" + Path(path).suffix)
    assert out.read_bytes() == body
    assert digest == hashlib.sha256(body).hexdigest()
    assert read_checksums(tmp_path / "corpus" / "checksums.tsv") == {
        "plan": {
            "doc_id": "plan",
            "file": out.relative_to(tmp_path / "corpus").as_posix(),
            "sha256": digest,
            "url": server + path,
        }
    }
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no partial file left


def test_second_download_of_the_same_body_passes(server, tmp_path):
    first = fetch(server, "/plan.txt", tmp_path)
    (tmp_path / "corpus" / "added" / "doc.txt").unlink()
    assert fetch(server, "/plan.txt", tmp_path) == first


def test_redirect_is_followed(server, tmp_path):
    assert fetch(server, "/moved.txt", tmp_path) == hashlib.sha256(TEXT).hexdigest()


def test_changed_document_is_refused_and_not_written(server, tmp_path):
    lock = tmp_path / "corpus" / "checksums.tsv"
    record_checksum(lock, doc_id="plan", file="added/doc.txt", sha256="0" * 64)
    with pytest.raises(FetchError) as info:
        fetch(server, "/plan.txt", tmp_path)
    message = str(info.value)
    assert message.startswith("document 'plan' (added/doc.txt) has sha256 ")
    assert f"the document at {server}/plan.txt changed" in message
    assert "delete the 'plan' row of" in message
    assert not (tmp_path / "corpus" / "added" / "doc.txt").exists()
    assert read_checksums(lock)["plan"]["sha256"] == "0" * 64


@pytest.mark.parametrize(
    ("path", "file", "words"),
    [
        ("/missing.pdf", None, "the server answered HTTP 404 Not Found for"),
        ("/landing.pdf", None, "sent an HTML page (text/html), not the document"),
        ("/image.pdf", None, "sent neither a PDF nor text (image/png)"),
        ("/empty.txt", None, "sent an empty body"),
        ("/plan.pdf", "added/doc.txt", "sent a PDF, but the `file` column names a .txt file"),
        ("/plan.txt", "added/doc.pdf", "sent text, but the `file` column names a .pdf file"),
        ("/to-file", "added/doc.txt", "Redirection to url 'file:///etc/passwd' is not allowed"),
    ],
)
def test_bad_downloads_name_the_row_and_write_nothing(server, tmp_path, path, file, words):
    with pytest.raises(FetchError) as info:
        fetch(server, path, tmp_path, file=file)
    assert str(info.value).startswith("manifest row doc_id 'plan': ")
    assert words in str(info.value)
    assert not (tmp_path / "corpus" / "added").exists() or not any(
        (tmp_path / "corpus" / "added").iterdir()
    )
    assert not (tmp_path / "corpus" / "checksums.tsv").exists()


def test_size_limit(server, tmp_path):
    with pytest.raises(FetchError, match=r"larger than config `fetch.max_bytes` \(20,000 > 1,000"):
        fetch(server, "/big.txt", tmp_path, max_bytes=1000)


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/plan.txt", "file:///etc/passwd", "plan.txt"])
def test_only_http_and_https(tmp_path, url):
    with pytest.raises(FetchError, match="is not an http:// or https:// address"):
        fetch_document(
            doc_id="plan",
            url=url,
            file="a.txt",
            out=tmp_path / "a.txt",
            lock=tmp_path / "checksums.tsv",
            max_bytes=100,
            timeout=1,
        )


def test_unreachable_server(tmp_path):
    with pytest.raises(FetchError, match="could not download http://127.0.0.1:9/plan.txt"):
        fetch_document(
            doc_id="plan",
            url="http://127.0.0.1:9/plan.txt",
            file="a.txt",
            out=tmp_path / "a.txt",
            lock=tmp_path / "checksums.tsv",
            max_bytes=100,
            timeout=2,
        )


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (PDF, "pdf"),
        (TEXT, "text"),
        ("Æ ø å".encode("cp1252"), "text"),
        ("Selvhjelp".encode("utf-16"), "text"),
        (b"  <!doctype html><p>x", "html"),
        (b"\x00\x01\x02\x03" * 100, "binary"),
    ],
)
def test_body_kind(body, kind):
    assert body_kind(body) == kind


# ------------------------------------------------------------------ the lock file
def test_record_keeps_the_first_checksum_and_sorts_rows(tmp_path):
    lock = tmp_path / "checksums.tsv"
    assert record_checksum(lock, doc_id="b", file="b.txt", sha256="b" * 64) == "b" * 64
    assert record_checksum(lock, doc_id="a", file="a.txt", sha256="a" * 64, url="https://x.no/a")
    assert record_checksum(lock, doc_id="b", file="b.txt", sha256="c" * 64) == "b" * 64
    assert lock.read_text(encoding="utf-8") == (
        f"doc_id\tfile\tsha256\turl\na\ta.txt\t{'a' * 64}\thttps://x.no/a\nb\tb.txt\t{'b' * 64}\t\n"
    )


def test_parallel_writers_lose_no_row(tmp_path):
    lock = tmp_path / "checksums.tsv"
    threads = [
        threading.Thread(
            target=record_checksum,
            kwargs={"path": lock, "doc_id": f"d{i:02d}", "file": f"d{i}.txt", "sha256": "f" * 64},
        )
        for i in range(30)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(read_checksums(lock)) == [f"d{i:02d}" for i in range(30)]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("doc_id\tsha256\n", "missing column(s) file, url"),
        ("doc_id\tfile\tsha256\turl\na\ta.txt\tabc\t\n", "line 2: 'abc' is not a sha256"),
        (
            f"doc_id\tfile\tsha256\turl\na\ta.txt\t{'a' * 64}\t\na\ta.txt\t{'a' * 64}\t\n",
            "line 3: doc_id 'a' is listed twice",
        ),
    ],
)
def test_malformed_lock_file(tmp_path, content, message):
    lock = tmp_path / "checksums.tsv"
    lock.write_text(content, encoding="utf-8")
    with pytest.raises(ChecksumError, match=re.escape(message)):
        read_checksums(lock)


def test_verify_reports_changed_files_only(tmp_path):
    (tmp_path / "same.txt").write_text("uendret", encoding="utf-8")
    (tmp_path / "edited.txt").write_text("endret for hånd", encoding="utf-8")
    lock = tmp_path / "checksums.tsv"
    record_checksum(lock, doc_id="same", file="same.txt", sha256=sha256_file(tmp_path / "same.txt"))
    record_checksum(lock, doc_id="edited", file="edited.txt", sha256="e" * 64)
    record_checksum(lock, doc_id="gone", file="gone.txt", sha256="0" * 64)  # not in manifest
    record_checksum(lock, doc_id="later", file="later.txt", sha256="1" * 64)  # not fetched yet
    problems = verify_checksums(
        {"same": "same.txt", "edited": "edited.txt", "later": "later.txt"},
        corpus_dir=tmp_path,
        lock=lock,
    )
    assert len(problems) == 1
    assert problems[0].startswith("document 'edited' (edited.txt) has sha256 ")
    assert "the file changed" in problems[0] and "restore the original file" in problems[0]
