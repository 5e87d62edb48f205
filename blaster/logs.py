"""Logging configuration built by the CLI; library modules only call ``getLogger``.

Text lines carry the node (see :func:`set_node`), the process name and PID so that the
lines of several nodes, and of a coordinator and its workers, can be told apart; ``json``
gives one object per line for log shippers.
"""

from __future__ import annotations

import json
import logging
import logging.config
import os
import socket
from typing import Any

TEXT_FORMAT = (
    "%(asctime)s %(levelname)-7s %(node)s %(processName)s[%(process)d] %(name)s: %(message)s"
)
#: the environment variable that carries the node id to the worker processes
NODE_ENV = "BLASTER_NODE_ID"


def set_node(node_id: str) -> None:
    """Name this node in every log line of this process and of the workers it starts."""
    os.environ[NODE_ENV] = node_id


class NodeFilter(logging.Filter):
    """Adds ``record.node``: the node id, or the host name before the node has one."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.node = os.environ.get(NODE_ENV) or socket.gethostname()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, process, logger, message."""

    def format(self, record: logging.LogRecord) -> str:
        doc = {
            "time": self.formatTime(record),
            "level": record.levelname,
            "node": getattr(record, "node", ""),
            "process": f"{record.processName}[{record.process}]",
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            doc["exception"] = self.formatException(record.exc_info)
        return json.dumps(doc)


def log_config(level: str = "INFO", fmt: str = "text") -> dict[str, Any]:
    """A ``logging.config.dictConfig`` mapping for the given level and format."""
    formatter: dict[str, Any] = {"()": JsonFormatter} if fmt == "json" else {"format": TEXT_FORMAT}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"default": formatter},
        "filters": {"node": {"()": NodeFilter}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "filters": ["node"],
            },
        },
        "root": {"level": level.upper(), "handlers": ["stderr"]},
        "loggers": {"aiosmtplib": {"level": "WARNING"}, "psycopg": {"level": "WARNING"}},
    }


def setup(level: str = "INFO", fmt: str = "text") -> None:
    """Apply :func:`log_config` (called once per process by the CLI and by workers)."""
    logging.config.dictConfig(log_config(level, fmt))
