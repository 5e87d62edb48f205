"""Sprig v3's functions (``sprig.GenericFuncMap()``, as listmonk installs it) with Sprig's
behaviour, registered in :data:`blaster.gotemplate.funcs.REGISTRY` on import.

The functions live in topic modules (strings, case conversion, lists and dicts, math,
encodings, regexes, reflection/paths/URLs/random); the date functions are in
:mod:`.gotime`. :data:`REFUSED` names those blaster deliberately does not provide: the
environment and network lookups listmonk removes, and the crypto and certificate functions.
"""

from __future__ import annotations

from typing import Final

from blaster.gotemplate import (  # noqa: F401 - imported to register their functions
    sprig_case,
    sprig_encoding,
    sprig_lists,
    sprig_math,
    sprig_misc,
    sprig_regex,
    sprig_semver,
    sprig_strings,
)

#: Sprig names not provided: listmonk removes the first three; the rest are crypto.
REFUSED: Final[frozenset[str]] = frozenset(
    {
        "env",
        "expandenv",
        "getHostByName",
        "bcrypt",
        "htpasswd",
        "genPrivateKey",
        "derivePassword",
        "buildCustomCert",
        "genCA",
        "genCAWithKey",
        "genSelfSignedCert",
        "genSelfSignedCertWithKey",
        "genSignedCert",
        "genSignedCertWithKey",
        "encryptAES",
        "decryptAES",
    }
)
