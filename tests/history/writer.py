"""A separate program that writes answers through the store, for the crash and concurrency tests.

    python -m tests.history.writer DATA_DIR SESSION_ID COUNT [--wait]

Starts the session, then records COUNT answers one by one, printing ``saved N`` after each
call returns (so the test knows which answers were acknowledged). With ``--wait`` it first
prints ``ready`` and waits for a line on stdin, so several writers can be started together.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.history.helpers import answer, session
from trainer.history.store import Store


def main(argv: list[str]) -> int:
    data_dir, sid, count = Path(argv[0]), argv[1], int(argv[2])
    store = Store.open(data_dir)
    if "--wait" in argv:
        print("ready", flush=True)
        sys.stdin.readline()
    store.start_session(session(sid, n=count))
    for position in range(count):
        store.record_answer(answer(sid, position, correct=position % 3 != 0, tags=("t",), at=1e9 + position))
        print(f"saved {position}", flush=True)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
