"""The exception tree of blaster: one root, subclasses that say what failed.

Send errors carry the SMTP code and text so that the worker can classify them (retry a
transient error, record a permanent one) without knowing which messenger raised them.
"""

from __future__ import annotations


class BlasterError(Exception):
    """Root of every error blaster raises on purpose."""


class ConfigError(BlasterError):
    """The configuration is invalid; the message names the key and the expected form."""


class StoreError(BlasterError):
    """The database could not be reached or did not hold what blaster needs."""


class CampaignError(BlasterError):
    """A campaign cannot be sent as it stands (bad template, unknown messenger, ...)."""


class RenderError(BlasterError):
    """A template failed to compile, or failed to render for one subscriber."""


class SendError(BlasterError):
    """A message could not be handed to the relay.

    :param code: SMTP reply code, or 0 when no reply was received (network error).
    :param message: the server's text or a description of the failure.
    """

    def __init__(self, code: int, message: str) -> None:
        super().__init__(f"{code} {message}" if code else message)
        self.code = code
        self.message = message


class TransientSendError(SendError):
    """4xx replies, timeouts and dropped connections: worth retrying later."""


class RelayUnavailable(TransientSendError):
    """The relay could not be reached (connect, TLS or AUTH failed): nothing was handed over,
    so the message goes to another session without counting an attempt."""


class Unanswered(TransientSendError):
    """A transaction pipelined behind another was never answered because the connection
    went with the one before it (421, dropped, no reply): its data never left, so the
    message goes again without counting an attempt."""


class PermanentSendError(SendError):
    """5xx replies and invalid addresses: retrying will not help."""


class TxError(BlasterError):
    """A transactional message was not taken (see :mod:`blaster.tx`)."""


class TxInvalid(TxError):
    """The message cannot be sent as given (bad address, header name, missing body...)."""


class TxQueueFull(TxError):
    """The transactional queue is full: try again later (nothing was queued)."""


class TxUnavailable(TxError):
    """Transactional sending is not running (not started, stopping) or its database is
    unreachable: nothing was queued."""
