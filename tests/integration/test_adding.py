"""Adding documents to a finished run: the ``add`` command, and rule ``fetch`` downloading
manifest rows from a real HTTP server on 127.0.0.1 started by the test."""

from __future__ import annotations

import http.server
import shutil
import subprocess
import sys
import threading

import pandas as pd
import pytest
from integration_helpers import (
    BUNDLED_CORPUS,
    CONFIGFILE,
    PER_DOCUMENT_RULES,
    document,
    dry_run_jobs,
    file_states,
    run_snakemake,
    write_corpus,
)

from ordskifte.ingest.checksums import read_checksums

pytestmark = pytest.mark.integration

BRUSTAD = (BUNDLED_CORPUS / "excerpts" / "stortinget-2007-brustad.txt").read_text(encoding="utf-8")
DORUM = (BUNDLED_CORPUS / "excerpts" / "stortinget-2007-dorum.txt").read_text(encoding="utf-8")
NEW_DOCUMENT = """\
St.meld. nr. 25 (1996–97) Åpenhet og helhet

Selvhjelpsgrupper kan styrke det psykiske helsearbeidet i kommunene – særlig for dem som står
utenfor arbeidslivet. Brukerorganisasjonene er viktige samarbeidspartnere for kommunen, og
tjenestene skal bygge på brukernes egne erfaringer.
"""


def test_add_command_then_only_the_new_documents_jobs_run(bundled_run, tmp_path):
    workdir = tmp_path / "copy"
    shutil.copytree(bundled_run.workdir, workdir, symlinks=True)  # keeps mtimes, .snakemake/
    source = tmp_path / "St.meld. nr. 25 (1996-97) Åpenhet og helhet.txt"
    source.write_bytes(NEW_DOCUMENT.encode("cp1252"))
    command = [
        sys.executable, "-m", "ordskifte", "add", str(source),
        "--configfile", str(CONFIGFILE), "--manifest", "corpus/documents.tsv",
        "--issuer", "Sosial- og helsedepartementet",
    ]  # fmt: skip
    added = subprocess.run(command, cwd=workdir, capture_output=True, text=True, check=False)
    assert added.returncode == 0, added.stderr
    new = "st-meld-nr-25-1996-97-apenhet-og-helhet"
    assert added.stdout.startswith(f"added {new} as corpus/added/{new}.txt")
    assert "  year      1997" in added.stdout and "  genre     stortingsmelding" in added.stdout
    assert new in read_checksums(workdir / "corpus" / "checksums.tsv")

    again = subprocess.run(command, cwd=workdir, capture_output=True, text=True, check=False)
    assert again.returncode == 2
    assert "is identical" in again.stderr and new in again.stderr

    run = run_snakemake(workdir, "-n", timeout=120)
    assert run.returncode == 0, run.describe()
    jobs = dry_run_jobs(run.stdout)
    per_document = sorted((r, w.get("doc")) for r, w in jobs if r in PER_DOCUMENT_RULES)
    assert per_document == sorted((r, new) for r in PER_DOCUMENT_RULES), per_document
    assert not any(w.get("doc") not in (None, new) for _, w in jobs), jobs


# ------------------------------------------------------------------ rule fetch
class _Server(http.server.ThreadingHTTPServer):
    routes: dict[str, bytes]


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the http.server API
        body = self.server.routes.get(self.path)
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.end_headers()
        self.wfile.write(body if body is not None else b"not found")

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.routes = {"/dorum.txt": DORUM.encode("utf-8")}
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd
    httpd.shutdown()


def test_fetch_downloads_locks_and_stops_on_a_changed_or_missing_document(server, tmp_path):
    base = f"http://127.0.0.1:{server.server_address[1]}"
    rows = [
        document("brustad", "brustad.txt", period="folkehelse"),
        document("dorum", "fetched/dorum.txt", period="folkehelse", url=f"{base}/dorum.txt"),
        document("gone", "fetched/gone.txt", period="folkehelse", url=f"{base}/gone.txt"),
    ]
    write_corpus(tmp_path, rows, files={"brustad.txt": BRUSTAD})
    targets = [f"results/tokens/{d}.parquet" for d in ("brustad", "dorum", "gone")]
    corpus = tmp_path / "corpus"

    first = run_snakemake(tmp_path, targets=targets, timeout=300)
    assert first.returncode != 0, first.describe()  # the 404 row fails, the others go through
    assert "manifest row doc_id 'gone': the server answered HTTP 404" in first.output
    assert (corpus / "fetched" / "dorum.txt").read_text(encoding="utf-8") == DORUM
    assert not (corpus / "fetched" / "gone.txt").exists()
    assert (tmp_path / "results" / "tokens" / "dorum.parquet").is_file()
    assert (tmp_path / "results" / "tokens" / "brustad.parquet").is_file()
    locked = read_checksums(corpus / "checksums.tsv")
    assert sorted(locked) == ["dorum"] and locked["dorum"]["url"] == f"{base}/dorum.txt"

    # The server now sends another text: a new download must not replace the locked one.
    # (Snakemake downloads a deleted file again when it is asked for, not for results that
    # are up to date.)
    server.routes["/dorum.txt"] = BRUSTAD.encode("utf-8")
    (corpus / "fetched" / "dorum.txt").unlink()
    before = file_states(tmp_path / "results")
    second = run_snakemake(tmp_path, targets=["corpus/fetched/dorum.txt"], timeout=300)
    assert second.returncode != 0, second.describe()
    assert "document 'dorum' (fetched/dorum.txt) has sha256" in second.output
    assert f"the document at {base}/dorum.txt changed" in second.output
    assert not (corpus / "fetched" / "dorum.txt").exists()
    assert file_states(tmp_path / "results") == before  # finished results intact

    # A downloaded file edited by hand stops the run before any job.
    (corpus / "fetched").mkdir(exist_ok=True)  # Snakemake removed the failed job's empty folder
    (corpus / "fetched" / "dorum.txt").write_text(DORUM + "\nEn rettelse.\n", encoding="utf-8")
    third = run_snakemake(tmp_path, "-n", targets=targets[:2], timeout=120)
    assert third.returncode != 0, third.describe()
    assert "checksum check failed" in third.output and "the file changed" in third.output
    assert "rule " not in third.output

    # Restoring the original lets the run continue, without downloading again.
    (corpus / "fetched" / "dorum.txt").write_text(DORUM, encoding="utf-8")
    fourth = run_snakemake(tmp_path, targets=targets[:2], timeout=300)
    assert fourth.returncode == 0, fourth.describe()
    assert "rule fetch" not in fourth.output
    tokens = pd.read_parquet(tmp_path / "results" / "tokens" / "dorum.parquet")
    assert len(tokens) > 50 and "selvhjelp" in set(tokens["lemma"])
