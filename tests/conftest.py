"""Fixtures with real parts: a throwaway PostgreSQL cluster the suite starts itself, one
fresh migrated database per test, and an in-process aiosmtpd sink that records messages."""

from __future__ import annotations

import asyncio
import itertools
import shutil
import ssl
import subprocess
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from hypothesis import settings as hypothesis_settings

from blaster.pgembed import EmbeddedPostgres
from blaster.sink import Sink, SinkHandler
from blaster.store import schema
from tests.scripted_smtp import Fake

# shared CI machines are slow at times: property tests check properties, not speed
hypothesis_settings.register_profile("default", deadline=None)
hypothesis_settings.load_profile("default")

_counter = itertools.count()


@pytest.fixture(scope="session")
def pg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedPostgres]:
    server = EmbeddedPostgres(tmp_path_factory.mktemp("pg") / "data", fast=True)
    server.start()
    with psycopg.connect(server.dsn, autocommit=True) as conn:
        conn.execute("CREATE DATABASE blaster_template")
    with psycopg.connect(_db_dsn(server.dsn, "blaster_template"), autocommit=True) as conn:
        schema.migrate(conn)
    yield server
    server.destroy()


def _db_dsn(base: str, name: str) -> str:
    return base.replace("/postgres?", f"/{name}?")


@pytest.fixture
def dsn(pg: EmbeddedPostgres) -> Iterator[str]:
    """A fresh, migrated database for this test."""
    name = f"t{next(_counter)}"
    with psycopg.connect(pg.dsn, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE blaster_template")
    yield _db_dsn(pg.dsn, name)
    with psycopg.connect(pg.dsn, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def empty_dsn(pg: EmbeddedPostgres) -> Iterator[str]:
    """A fresh database without blaster's schema."""
    name = f"e{next(_counter)}"
    with psycopg.connect(pg.dsn, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield _db_dsn(pg.dsn, name)
    with psycopg.connect(pg.dsn, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def conn(dsn: str) -> Iterator[psycopg.Connection[Any]]:
    with psycopg.connect(dsn, autocommit=True) as c:
        yield c


@pytest.fixture
def sink() -> Iterator[Sink]:
    """A recording SMTP sink on 127.0.0.1 (any free port)."""
    with Sink(SinkHandler(keep=True)) as s:
        yield s


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    return tmp_path


@pytest.fixture(scope="session")
def tls_context(tmp_path_factory: pytest.TempPathFactory) -> ssl.SSLContext:
    """A server-side TLS context with a throwaway self-signed certificate for 127.0.0.1."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    d = tmp_path_factory.mktemp("tls")
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-keyout", str(d / "key.pem"), "-out", str(d / "cert.pem")),
            *("-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1"),
        ],
        check=True,
        capture_output=True,
    )
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(d / "cert.pem", d / "key.pem")
    return ctx


@pytest.fixture
async def fake() -> AsyncIterator[Fake]:
    """A scripted SMTP server on 127.0.0.1 (:class:`tests.scripted_smtp.Fake`)."""
    script = Fake()
    server = await asyncio.start_server(script.serve, "127.0.0.1", 0)
    script.port = server.sockets[0].getsockname()[1]
    async with server:
        yield script
