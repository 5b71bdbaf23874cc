"""Bad input, round two, for what tests/bad_inputs/cases.yaml cannot express as one `build` over a broken copy:
a signal in the middle of a client batch, a watched folder that disappears, hostile requests to `serve`, the EN
tags of a copied translation, a routine with more steps than its overview card holds, and property tests over
CSV parsing and the numeric options.
"""

from __future__ import annotations

import contextlib
import csv
import http.client
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import click
import pdfplumber
import pytest
import yaml
from cli_process import CliProcess
from click.testing import CliRunner
from conftest import ROOT, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cardgen.clients.table import MAX_CELL, read_clients, slug
from cardgen.commands.options import CORNER_RADIUS, CREEP, MARGIN, OFFSET, SEAL, Number
from cardgen.errors import InputError, OutputError
from cardgen.live.site import PreviewSite, make_server
from cardgen.output.atomic import check_writable, write_all_atomic

# --- 6. signals during a client batch ------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False).stdout
    return [int(p) for p in found.split()]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=lambda s: s.name)
def test_a_signal_stops_the_batch_its_workers_and_removes_the_staging_folder(
    content_copy: Path, tmp_path: Path, signum: signal.Signals
) -> None:
    clients = tmp_path / "clients.csv"
    clients.write_text("client\n" + "".join(f"Client {i}\n" for i in range(96)), encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CARDGEN_JOBS": "2"}
    args = ["build", "--content", str(content_copy), "--out", str(out), "--lang", "en", "--lang", "de"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "cardgen", *args, "--clients", str(clients)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=True,  # the signal goes to cardgen alone, as `kill PID` sends it
    )
    try:
        deadline = time.monotonic() + 120
        while not list(out.glob(".clients-*/*/*.pdf")) and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert list(out.glob(".clients-*/*/*.pdf")), "the batch never started writing booklets"
        workers = _children(proc.pid)
        assert workers, "expected worker processes"
        proc.send_signal(signum)
        output, _ = proc.communicate(timeout=30)  # workers still holding the pipe open would time this out
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 128 + signum, output
    assert f"stopped by {signum.name}; no client booklet was written and the staging folder was removed" in output
    assert "Traceback" not in output
    assert not [p for p in out.rglob("*") if p.is_file()], "a client's booklet or the staging folder remains"
    assert not list(out.glob(".clients-*"))
    time.sleep(0.2)
    assert [pid for pid in workers if Path(f"/proc/{pid}").exists() and _zombie(pid) is False] == []


def _zombie(pid: int) -> bool | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"
    except OSError:
        return None


# --- 12. watch after its folder is deleted and recreated ------------------------------------------------


def test_watch_recovers_when_the_content_folder_is_deleted_and_recreated(content_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    saved = tmp_path / "saved"
    shutil.copytree(content_copy, saved)
    proc = CliProcess("watch", "--content", str(content_copy), "--out", str(out), "--lang", "en")
    try:
        proc.wait_for(r"^watching ")
        shutil.rmtree(content_copy)
        proc.wait_for(r"content is gone; waiting for it to come back")
        shutil.copytree(saved, content_copy)
        proc.wait_for(r"rebuilt en in")
        text = content_copy / "text" / "en.yaml"
        text.write_text(text.read_text(encoding="utf-8").replace("title: Stroking", "title: Long strokes"), "utf-8")
        proc.wait_for(r"rebuilt en in")  # and it is watching the new folder
        assert proc.alive()
    finally:
        proc.stop()


# --- 13. serve: bursts, Host headers, clients that go away ----------------------------------------------


@pytest.fixture
def server() -> Iterator[tuple[int, object]]:
    site = PreviewSite()
    httpd = make_server(site, 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd.server_address[1], httpd
    finally:
        httpd.shutdown()
        httpd.server_close()


def _get(port: int, path: str, host: str | None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        connection.putrequest("GET", path, skip_host=True)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_serve_answers_a_burst_of_200_requests(server: tuple[int, object]) -> None:
    port, _ = server
    sockets = []
    start = time.perf_counter()
    for _ in range(200):  # 200 connections opened at once, before any is answered: the listen backlog's test
        sock = socket.create_connection(("127.0.0.1", port), timeout=20)
        sock.sendall(f"GET /version.json HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
        sockets.append(sock)
    answered = 0
    for sock in sockets:
        with sock, contextlib.suppress(OSError):
            answered += sock.recv(64).startswith(b"HTTP/1.0 200")
    assert answered == 200
    # with the stdlib's backlog of 5 the kernel drops most of the burst's connection requests and each client
    # waits out SYN retries (1, 3, 7 s ...): 31.7 s for this burst, against 0.17 s with a backlog of 256
    assert time.perf_counter() - start < 10


def test_serve_answers_only_to_loopback_host_names(server: tuple[int, object]) -> None:
    port, _ = server
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost", f"[::1]:{port}"):
        assert _get(port, "/state.json", host)[0] == 200, host
    for host in ("attacker.example", f"attacker.example:{port}", "127.0.0.1.attacker.example", "", None):
        status, body = _get(port, "/state.json", host)
        assert status == 403, host
        assert b'"documents"' not in body


def test_a_client_that_goes_away_prints_no_traceback(server: tuple[int, object], capfd: pytest.CaptureFixture) -> None:
    port, httpd = server
    for _ in range(20):  # ask, then reset the connection before the answer is read
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(f"GET / HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n".encode())
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        sock.close()
    try:  # and the case that must stay quiet, for certain: the error a broken pipe raises in a handler
        raise BrokenPipeError(32, "Broken pipe")
    except BrokenPipeError:
        httpd.handle_error(None, ("127.0.0.1", 1))  # type: ignore[attr-defined]
    time.sleep(0.3)
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert "Exception occurred" not in captured.err


# --- 4. a copied translation prints its English tagged, and is listed ----------------------------------


def test_after_lang_add_the_english_that_stands_in_is_tagged_and_listed(content_copy: Path, tmp_path: Path) -> None:
    assert run("lang", "add", "fr", "--content", str(content_copy))[0] == 0
    path = content_copy / "text" / "fr.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["safety"] = {"heading": "Sécurité", "body": "Ne massez pas sur une peau blessée ou enflammée."}
    data["ui"]["general_guidance"] = "Conseils généraux, pas un avis médical."
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, out = run("build", "--content", str(content_copy), "--out", str(tmp_path / "out"), "--lang", "fr")
    assert code == 0, out
    assert "meta.title: not translated yet: still the English of" in out
    assert "missing (printed in English, tagged EN)" in out and "fr: 0 missing" not in out
    with pdfplumber.open(tmp_path / "out" / "fr" / "deck.pdf") as pdf:
        words = pdf.pages[1].extract_text().split()  # the legend card: English labels
    assert words.count("EN") >= 5, words
    with pdfplumber.open(tmp_path / "out" / "fr" / "booklet.pdf") as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Ne massez pas sur une peau blessée" in text


# --- 14. more steps than the overview card holds: reported at the routine ------------------------------


def test_twenty_steps_continue_the_overview_on_more_cards(content_copy: Path, tmp_path: Path) -> None:
    """20 steps once failed as 'too many for the overview card'; now the overview continues on as many cards as
    keep every miniature legible (issue 15), and only more steps than the schema's limit are an error (cases.yaml
    routine_200_steps)."""
    routine = content_copy / "routine.yaml"
    text = content_copy / "text" / "en.yaml"
    steps = "".join(
        f"  - id: extra{i}\n    hands: palms\n    direction: up_and_down\n    minutes: 1\n"
        "    diagram:\n      - {kind: glide, path: [waist, spine_top], side: both, order: 1}\n"
        for i in range(12)
    )
    routine.write_text(routine.read_text(encoding="utf-8").replace("steps:\n", "steps:\n" + steps, 1), "utf-8")
    words = "".join(f"  extra{i}:\n    title: Extra {i}\n    instruction: Stroke.\n" for i in range(12))
    text.write_text(text.read_text(encoding="utf-8").replace("\nsteps:\n", "\nsteps:\n" + words, 1), "utf-8")
    code, out = run("build", "--content", str(content_copy), "--out", str(tmp_path / "out"), "--lang", "en")
    assert code == 0, out
    heading = yaml.safe_load(text.read_text(encoding="utf-8"))["ui"]["overview_heading"]
    with pdfplumber.open(tmp_path / "out" / "en" / "deck.pdf") as pdf:
        overview = [page for page in pdf.pages if heading in (page.extract_text() or "")]
        titles = "".join(page.extract_text() or "" for page in overview)
    assert len(overview) >= 3, len(overview)
    assert all(f"Extra {i}" in titles for i in range(12))


# --- property tests: CSV parsing ------------------------------------------------------------------------

PROPERTIES = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
NAME = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")), min_size=1, max_size=MAX_CELL
).filter(lambda s: " ".join(s.split()) and slug(s))


@PROPERTIES
@given(names=st.lists(NAME, min_size=1, max_size=12))
def test_a_well_formed_csv_gives_every_client_back_in_order(tmp_path: Path, names: list[str]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["client", "contact"])
    writer.writerows([name, "x"] for name in names)
    path = tmp_path / "c.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    rows = read_clients(path)
    assert [r.personal.client for r in rows] == [" ".join(n.split()) for n in names]
    assert [r.row for r in rows] == list(range(2, len(names) + 2))
    assert len({r.slug for r in rows}) == len(rows)


@PROPERTIES
@given(body=st.text(st.sampled_from('ab ,"\n\r\tZ'), max_size=80))
def test_any_csv_gives_one_line_names_or_an_error_by_row(tmp_path: Path, body: str) -> None:
    """Quotes, commas and line breaks anywhere: either one-line names each from one row, or InputError with
    row numbers; never a name that swallowed other rows, never another exception."""
    path = tmp_path / "c.csv"
    path.write_text("client\n" + body, encoding="utf-8")
    try:
        rows = read_clients(path)
    except InputError as exc:
        assert all(p.line is None or p.line >= 1 for p in exc.problems)
        return
    for row in rows:
        assert "\n" not in (row.personal.client or "") and "\r" not in (row.personal.client or "")
        assert len(row.personal.client or "") <= MAX_CELL


# --- property tests: numeric options -------------------------------------------------------------------

NUMBERS = {"--offset-x": OFFSET, "--margin": MARGIN, "--corner-radius": CORNER_RADIUS, "--seal": SEAL, "--creep": CREEP}


def _command(name: str, kind: Number) -> click.Command:
    @click.command()
    @click.option(name, "value", type=kind)
    def command(value: float | None) -> None:
        click.echo(f"ok {value!r}")

    return command


@PROPERTIES
@given(
    name=st.sampled_from(sorted(NUMBERS)),
    value=st.one_of(
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.sampled_from(["nan", "-nan", "inf", "-Infinity", "1e308", "1e400", "-0", "0x10", "", "5mm", "1_000"]),
        st.integers(-(10**30), 10**30).map(str),
    ),
)
def test_a_numeric_option_takes_a_finite_number_in_range_or_exits_2_naming_itself(name: str, value: str) -> None:
    kind = NUMBERS[name]
    result = CliRunner().invoke(_command(name, kind), [name, value])
    if result.exit_code == 0:
        number = float(result.output.split(" ", 1)[1])
        assert number == number and abs(number) != float("inf")
        assert number <= kind.high and (kind.low is None or number >= kind.low)
    else:
        assert result.exit_code == 2, result.output
        assert f"Invalid value for '{name}'" in result.output
        assert "Traceback" not in result.output


# --- 1. every write confined to --out (whatever name reaches the writer) ------------------------------


def test_no_file_is_written_outside_the_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (out / "link").symlink_to(tmp_path / "elsewhere")
    for target in (out / ".." / "deck.pdf", out / "link" / "deck.pdf", tmp_path / "deck.pdf"):
        with pytest.raises(OutputError, match="lies outside the output folder"):
            write_all_atomic({out / "en" / "deck.pdf": b"%PDF", target: b"%PDF"}, out)
        with pytest.raises(OutputError, match="lies outside the output folder"):
            check_writable([target], out)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
    write_all_atomic({out / "en" / "deck.pdf": b"%PDF"}, out)
    assert (out / "en" / "deck.pdf").read_bytes() == b"%PDF"
