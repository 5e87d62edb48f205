"""The HTTP postback messenger: one JSON POST per message, as listmonk's postback sends it.

:class:`PostbackSession` is one persistent HTTP connection to a postback endpoint (the only
httpx import); a worker runs ``connections`` of them per endpoint, as it runs SMTP sessions
per relay. The request carries listmonk's headers (``Content-Type: application/json``,
``User-Agent: listmonk``, basic auth when a username and password are set); the body is
built by :class:`~blaster.content.PostbackContent`.

What a response means, as the SMTP stack maps replies:

- ``200`` is delivered (listmonk accepts only 200);
- ``429`` and ``5xx`` are temporary (a ``Retry-After`` in seconds is honoured as a relay's
  "try again in N seconds"), as are timeouts and connections reset mid-request;
- any other status is permanent: the subscriber is recorded as failed with the status and
  the start of the response;
- an endpoint that refuses connections leaves the rotation (:class:`RelayUnavailable`) and is
  probed again with backoff.
"""

from __future__ import annotations

import base64

import httpx

from blaster.config import PostbackServer
from blaster.errors import PermanentSendError, RelayUnavailable, TransientSendError

#: characters of a refused response's body kept in the failure's message
BODY_SHOWN = 200


class PostbackSession:
    """One HTTP connection to a postback endpoint.

    :param server: the endpoint, its credentials, timeout and name.
    """

    def __init__(self, server: PostbackServer) -> None:
        self.server = server
        self.label = server.label
        self._client: httpx.AsyncClient | None = None
        self._headers = {"Content-Type": "application/json", "User-Agent": "listmonk"}
        if server.username and server.password:
            token = base64.b64encode(f"{server.username}:{server.password}".encode()).decode()
            self._headers["Authorization"] = f"Basic {token}"

    @property
    def idle_timeout(self) -> float:
        return 0.0

    @property
    def connected(self) -> bool:
        return self._client is not None

    async def connect(self) -> None:
        """Open the client (its connection opens with the first request)."""
        await self.close()
        self._client = httpx.AsyncClient(
            timeout=self.server.timeout,
            limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
        )

    async def send(self, sender: str, recipient: str, data: bytes) -> None:
        """POST ``data`` (the JSON payload; sender and recipient are inside it)."""
        if self._client is None:
            await self.connect()
        assert self._client is not None
        try:
            response = await self._client.post(self.server.url, content=data, headers=self._headers)
        except httpx.ConnectError as exc:
            await self.close()
            raise RelayUnavailable(0, f"{self.label}: cannot connect: {exc}") from None
        except httpx.TransportError as exc:  # timeouts, resets, protocol errors
            await self.close()
            raise TransientSendError(0, f"{self.label}: {type(exc).__name__}: {exc}") from None
        _check(response)

    async def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            await client.aclose()


def _check(response: httpx.Response) -> None:
    """Raise the error a non-200 response means."""
    status = response.status_code
    if status == 200:
        return
    text = f"HTTP {status} {response.reason_phrase}: {response.text[:BODY_SHOWN]}".rstrip(": ")
    if status == 429 or status >= 500:
        wait = response.headers.get("Retry-After", "")
        if wait.strip().isdigit():
            text += f" (retry after {int(wait)} seconds)"
        raise TransientSendError(status, text)
    raise PermanentSendError(status, text)
