"""``--anonymise``: stable pseudonyms, and no free text.

A pseudonym is ``R-`` and the first 10 hex digits of HMAC-SHA256(secret, resident identity):
the same resident gets the same pseudonym in every run with the same secret (so reports can
be compared over time), and without the secret nobody can tell whose it is, nor test a
guess. The identity is the export's resident id (or, for an export older than ids, its
first session id), never the name. Residents' item notes (free text that may name people)
are dropped; the report never shows answer texts anyway.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import replace

from trainer.cohort.model import Resident

DIGITS = 10


def pseudonym(identity: str, secret: str) -> str:
    digest = hmac.new(secret.encode("utf-8"), identity.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"R-{digest[:DIGITS]}"


def anonymise(residents: Sequence[Resident], secret: str) -> list[Resident]:
    """The residents under their pseudonyms, sorted by them, with names, file names and notes gone."""
    hidden = [replace(r, name=pseudonym(r.key, secret), sources=(), notes=()) for r in residents]
    return sorted(hidden, key=lambda r: r.name)
