"""The coordinator's HTTP port: ``/metrics`` and the transactional API, with the stdlib.

One threading WSGI server (``wsgiref``, as prometheus_client's own) on ``metrics.addr``:

- ``GET /metrics``: the merged Prometheus registry (:func:`blaster.metrics.wsgi_app`);
- ``POST /api/tx``: a JSON message (:meth:`blaster.tx.TxMessage.from_json`) is queued,
  ``202 {"id": N}``; a bad request answers 400, a full queue 503 at once;
- ``GET /api/tx/<id>``: the message's recorded status.

It listens on 127.0.0.1 by default. With ``http.token`` set, every request needs
``Authorization: Bearer <token>`` (compared in constant time; 401 otherwise), and starting
on an address that is not a loopback address without a token is a configuration error.
Errors are JSON objects with one line: ``{"error": "..."}``.
"""

from __future__ import annotations

import datetime as dt
import hmac
import ipaddress
import json
import logging
import re
import socket
import threading
from collections.abc import Iterable
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server
from wsgiref.types import StartResponse, WSGIEnvironment

from blaster import metrics
from blaster.config import Settings
from blaster.errors import ConfigError, TxInvalid, TxQueueFull, TxUnavailable
from blaster.tx import TxMessage, TxService

logger = logging.getLogger(__name__)

MAX_BODY = 10 * 1024 * 1024  #: bytes of a ``POST /api/tx`` body at most
_TX_ID = re.compile(r"/api/tx/([0-9]{1,18})")
_REASONS = {
    200: "OK",
    202: "Accepted",
    400: "Bad Request",
    401: "Unauthorized",
    404: "Not Found",
    405: "Method Not Allowed",
    411: "Length Required",
    413: "Content Too Large",
    500: "Internal Server Error",
    503: "Service Unavailable",
}

Response = tuple[int, dict[str, Any], list[tuple[str, str]]]


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback IP addresses (``127.0.0.0/8``, ``::1``)."""
    host = host.strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Api:
    """The WSGI application: authentication, then routing.

    :param token: the bearer token every request must carry; empty = none needed.
    :param tx: the transactional service behind ``/api/tx`` (None: 503).
    """

    def __init__(self, *, token: str = "", tx: TxService | None = None) -> None:
        self.token = token.encode()
        self.tx = tx
        self.metrics = metrics.wsgi_app()

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "") or "/"
        method = environ.get("REQUEST_METHOD", "GET")
        if self.token and not self._authorized(environ):
            return _reply(
                start_response,
                (401, {"error": "a bearer token is required"}, [("WWW-Authenticate", "Bearer")]),
            )
        if path == "/metrics":
            return self.metrics(environ, start_response)
        try:
            response = self._route(method, path, environ)
        except Exception:
            logger.exception("http: %s %s failed", method, path)
            response = (500, {"error": "internal error"}, [])
        return _reply(start_response, response)

    def _authorized(self, environ: WSGIEnvironment) -> bool:
        scheme, _, given = str(environ.get("HTTP_AUTHORIZATION", "")).partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(
            given.strip().encode("utf-8", "replace"), self.token
        )

    def _route(self, method: str, path: str, environ: WSGIEnvironment) -> Response:
        if path == "/api/tx":
            if method != "POST":
                return 405, {"error": "use POST"}, [("Allow", "POST")]
            return self._submit(environ)
        if path.startswith("/api/tx/"):
            if method != "GET":
                return 405, {"error": "use GET"}, [("Allow", "GET")]
            match = _TX_ID.fullmatch(path)
            return self._status(int(match.group(1))) if match else _not_found()
        return _not_found()

    def _submit(self, environ: WSGIEnvironment) -> Response:
        if self.tx is None:
            return 503, {"error": "transactional messages are not enabled here"}, []
        try:
            length = int(environ.get("CONTENT_LENGTH") or -1)
        except ValueError:
            length = -1
        if length < 0:
            return 411, {"error": "a Content-Length is required"}, []
        if length > MAX_BODY:
            return 413, {"error": f"the body is over {MAX_BODY} bytes"}, []
        body = environ["wsgi.input"].read(length)
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError) as exc:
            return 400, {"error": f"bad JSON: {_one_line(str(exc))}"}, []
        except RecursionError:
            return 400, {"error": "bad JSON: nested too deeply"}, []
        try:
            tx_id = self.tx.submit(TxMessage.from_json(data))
        except TxInvalid as exc:
            return 400, {"error": _one_line(str(exc))}, []
        except TxQueueFull as exc:
            return 503, {"error": str(exc)}, [("Retry-After", "1")]
        except TxUnavailable as exc:
            return 503, {"error": _one_line(str(exc))}, [("Retry-After", "5")]
        return 202, {"id": tx_id}, [("Location", f"/api/tx/{tx_id}")]

    def _status(self, tx_id: int) -> Response:
        if self.tx is None:
            return _not_found()
        try:
            row = self.tx.status(tx_id)
        except TxUnavailable as exc:
            return 503, {"error": _one_line(str(exc))}, []
        if row is None:
            return _not_found()
        return 200, {k: _json_value(v) for k, v in row.items()}, []


def _not_found() -> Response:
    return 404, {"error": "not found"}, []


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.datetime) else value


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _reply(start_response: StartResponse, response: Response) -> list[bytes]:
    status, payload, headers = response
    body = (json.dumps(payload, ensure_ascii=False) + "\n").encode()
    start_response(
        f"{status} {_REASONS.get(status, '')}".strip(),
        [
            ("Content-Type", "application/json; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "no-store"),
            *headers,
        ],
    )
    return [body]


class _Handler(WSGIRequestHandler):
    """Logs requests at DEBUG instead of writing them to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("http: %s %s", self.address_string(), format % args)


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    """One thread per request; request threads do not hold the process up."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        logger.debug("http: request from %s ended with an error", client_address, exc_info=True)


class HttpServer:
    """A running server: :attr:`port` is the real port; :meth:`shutdown` stops it."""

    def __init__(self, httpd: WSGIServer, thread: threading.Thread) -> None:
        self.httpd = httpd
        self.thread = thread
        self.port: int = httpd.server_address[1]

    def shutdown(self) -> None:
        """Stop serving, close the socket, join the thread (idempotent)."""
        if self.thread.is_alive():
            self.httpd.shutdown()
            self.thread.join(5)
        self.httpd.server_close()


def serve(settings: Settings, tx: TxService | None = None) -> HttpServer | None:
    """Serve :class:`Api` on ``metrics.addr`` from a background thread; None when its port
    is 0.

    :raises ConfigError: a non-loopback address without ``http.token``, or the address
        cannot be listened on.
    """
    host, _, port_text = settings.metrics.addr.rpartition(":")
    port = int(port_text)
    if port == 0:
        return None
    host = host.strip("[]")
    if not settings.http.token and not is_loopback(host):
        raise ConfigError(
            f"http.token (BLASTER_HTTP_TOKEN): required when metrics.addr ({host}) is not a"
            " loopback address"
        )
    try:
        family, bind_host = _best_family(host, port)

        class Server(_ThreadingServer):
            address_family = family

        httpd = make_server(
            bind_host, port, Api(token=settings.http.token, tx=tx), Server, handler_class=_Handler
        )
    except OSError as exc:
        raise ConfigError(
            f"metrics.addr: cannot listen on {settings.metrics.addr}: {exc.strerror or exc}"
        ) from None
    thread = threading.Thread(target=httpd.serve_forever, name="http", daemon=True)
    thread.start()
    logger.info(
        "http: serving /metrics and /api/tx on %s:%d%s",
        host,
        httpd.server_address[1],
        " (bearer token required)" if settings.http.token else "",
    )
    return HttpServer(httpd, thread)


def _best_family(host: str, port: int) -> tuple[socket.AddressFamily, str]:
    """The address family and address to bind ``host`` with (IPv6 addresses too)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, _, _, _, sockaddr = infos[0]
    return family, str(sockaddr[0])
