"""Logging configuration built by the CLI; library modules only call ``getLogger``.

Text lines carry the process name and PID so that coordinator and worker lines can be told
apart; ``json`` gives one object per line for log shippers.
"""

from __future__ import annotations

import json
import logging
import logging.config
from typing import Any

TEXT_FORMAT = "%(asctime)s %(levelname)-7s %(processName)s[%(process)d] %(name)s: %(message)s"


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, process, logger, message."""

    def format(self, record: logging.LogRecord) -> str:
        doc = {
            "time": self.formatTime(record),
            "level": record.levelname,
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
        "handlers": {
            "stderr": {"class": "logging.StreamHandler", "formatter": "default"},
        },
        "root": {"level": level.upper(), "handlers": ["stderr"]},
        "loggers": {"aiosmtplib": {"level": "WARNING"}, "psycopg": {"level": "WARNING"}},
    }


def setup(level: str = "INFO", fmt: str = "text") -> None:
    """Apply :func:`log_config` (called once per process by the CLI and by workers)."""
    logging.config.dictConfig(log_config(level, fmt))
