"""Issue 22, history import: checked against the export schema before anything is written,
bounded in size, linear in time, and written in short transactions.

Each case here was accepted before and then broke the program (a crash on listing, on
resume or in SQLite), or read without limit, or took quadratic time in one long transaction.
"""

from __future__ import annotations

import copy
import json
import time

import pytest

from tests.history.helpers import T0, answer, interview, session
from trainer.cli import main
from trainer.history import exchange
from trainer.history.errors import HistoryError
from trainer.history.exchange import export_history, import_history, read_export
from trainer.history.store import Store


@pytest.fixture(scope="module")
def document(tmp_path_factory) -> dict:
    with Store.open(tmp_path_factory.mktemp("source")) as store:
        store.start_session(session("quiz", n=3))
        store.record_answer(answer("quiz", 0, response=["a", "c"]))
        store.start_session(session("iv", n=1, kind="interview", mode="interview", started_at=T0 + 500))
        store.record_answer(answer("iv", 0, correct=None, question_type="open", response="text"), interview("iv", 0))
        return export_history(store)


class _Deep(str):
    """Stands for a list nested ``depth`` deep, spliced into the JSON text (too deep to dump)."""

    def __new__(cls, depth: int):
        made = super().__new__(cls, f"@@deep{depth}@@")
        made.depth = depth
        return made


def _deep(depth: int) -> _Deep:
    return _Deep(depth)


def _text(doc: dict, value) -> str:
    text = json.dumps(doc)
    for deep in _find_deep(value):
        text = text.replace(json.dumps(str(deep)), "[" * deep.depth + "1" + "]" * deep.depth)
    return text


def _find_deep(value) -> list:
    if isinstance(value, _Deep):
        return [value]
    if isinstance(value, dict):
        return [d for v in value.values() for d in _find_deep(v)]
    return []


def _set(doc: dict, path: tuple, value) -> dict:
    doc = copy.deepcopy(doc)
    target = doc
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return doc


BAD = [
    (("sessions", 0, "started_at"), 1e300, "/sessions/0/started_at: must be at most"),
    (("sessions", 0, "started_at"), 1_700_000_000_000, "/sessions/0/started_at: must be at most"),  # milliseconds
    (("sessions", 0, "finished_at"), -1.0, "/sessions/0/finished_at"),
    (("sessions", 0, "answers", 0, "answered_at"), 1e18, "/sessions/0/answers/0/answered_at"),
    (("sessions", 0, "answers", 0, "answered_at"), -1e18, "/sessions/0/answers/0/answered_at"),
    (("sessions", 0, "answers", 0, "position"), 2**63, "/sessions/0/answers/0/position: must be at most"),
    (("sessions", 0, "seed"), 2**63, "/sessions/0/seed"),
    (("sessions", 0, "seed"), 1.5, "/sessions/0/seed"),
    (("sessions", 0, "answers", 0, "difficulty"), 2.0, "/sessions/0/answers/0/difficulty: expected a whole number"),
    (("sessions", 0, "answers", 0, "response"), _deep(990), "nested more than 32 levels"),
    (("sessions", 0, "settings"), {"x": _deep(985)}, "nested more than 32 levels"),
    (("sessions", 0, "answers", 0, "response"), _deep(40), "/sessions/0/answers/0/response"),
    (("sessions", 0, "kind"), "garbage", "/sessions/0/kind: must be one of"),
    (("sessions", 0, "mode"), "\x1b[2J", "/sessions/0/mode"),
    (("sessions", 1, "mode"), "exam", "/sessions/1/mode"),  # an interview is never in exam mode
    (("sessions", 0, "plan"), [5], "/sessions/0/plan/0: expected an object"),
    (("sessions", 0, "plan"), "garbage", "/sessions/0/plan: expected a list"),
    (("sessions", 0, "settings", "question_seconds"), "soon", "/sessions/0/settings/question_seconds"),
    (("sessions", 1, "settings", "probes"), "yes", "/sessions/1/settings/probes"),
    (("sessions", 0, "answers", 0, "score"), 7, "/sessions/0/answers/0/score: must be at most 1"),
    (("sessions", 1, "interviews", 0, "answer_seconds_allowed"), 10**30, "/sessions/1/interviews/0"),
]


@pytest.mark.parametrize(("path", "value", "message"), BAD, ids=[m for _p, _v, m in BAD])
def test_a_bad_field_is_refused_with_its_pointer_and_nothing_is_written(tmp_path, document, path, value, message):
    bad = _text(_set(document, path, value), value)
    with pytest.raises(HistoryError) as refused:
        read_export(bad, "in.json")
    assert str(refused.value).startswith("in.json: ") and message in str(refused.value), str(refused.value)
    assert "\n" not in str(refused.value) and len(str(refused.value)) < 300
    file = tmp_path / "in.json"
    file.write_text(bad)
    assert main(["history", "import", str(file), "--data-dir", str(tmp_path / "data")]) == 1
    with Store.open(tmp_path / "data") as store:
        assert store.sessions() == []


def test_the_export_schema_is_shipped_and_accepts_what_export_writes(document):
    from trainer.paths import resource_path

    schema = json.loads(resource_path("schemas", "history-export.schema.json").read_text())
    assert schema["title"].startswith("pain-trainer history export")
    assert len(read_export(json.dumps(document), "x").sessions) == 2


def test_import_reads_no_more_than_the_size_limit(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(exchange, "MAX_IMPORT_BYTES", 1000)
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 5000)
    assert main(["history", "import", str(big), "--data-dir", str(tmp_path / "d")]) == 1
    assert "larger than" in capsys.readouterr().err


def test_import_of_dev_zero_stops_at_the_limit(tmp_path, capsys):
    start = time.perf_counter()
    assert main(["history", "import", "/dev/zero", "--data-dir", str(tmp_path / "d")]) == 1
    assert "larger than" in capsys.readouterr().err
    assert time.perf_counter() - start < 10


def _big_session(tmp_path, n: int) -> list:
    """One session of ``n`` answers, as an export (made by copying one exported answer)."""
    with Store.open(tmp_path / f"src{n}") as store:
        store.start_session(session("big", n=n))
        store.record_answer(answer("big", 0))
        document = export_history(store)
    (big,) = document["sessions"]
    first = big["answers"][0]
    big["answers"] = [dict(first, position=p, question_id=f"q{p}", content_hash=f"h-q{p}") for p in range(n)]
    return read_export(json.dumps(document), "x").sessions


def _import_seconds(tmp_path, sessions) -> float:
    with Store.open(tmp_path / f"dst{len(sessions[0]['answers'])}") as store:
        start = time.perf_counter()
        import_history(store, sessions)
        return time.perf_counter() - start


def test_importing_one_long_session_is_linear(tmp_path):
    # The per-row summary trigger rescanned the session: 5,000 answers 9.6 s, 20,000 154 s.
    small = min(_import_seconds(tmp_path / f"a{i}", _big_session(tmp_path / f"a{i}", 500)) for i in range(2))
    large = _import_seconds(tmp_path, _big_session(tmp_path, 4000))
    assert large < 24 * small + 0.5, (small, large)  # linear is ~8x; quadratic is ~64x


def test_import_commits_in_bounded_batches(tmp_path, monkeypatch):
    monkeypatch.setattr(exchange, "IMPORT_BATCH_ANSWERS", 50)
    sessions = []
    with Store.open(tmp_path / "src") as store:
        for s in range(6):
            store.start_session(session(f"s{s}", n=30, started_at=T0 + s))
            for position in range(30):
                store.record_answer(answer(f"s{s}", position))
        sessions = read_export(json.dumps(export_history(store)), "x").sessions
    sizes: list[int] = []
    original = Store.transaction

    def counting(self, what):
        sizes.append(0)
        return original(self, what)

    import trainer.history.store as store_module

    real_upsert = exchange.upsert_answer

    def counted(conn, record, only_if_newer=False):
        sizes[-1] += 1
        return real_upsert(conn, record, only_if_newer=only_if_newer)

    monkeypatch.setattr(store_module.Store, "transaction", counting)
    monkeypatch.setattr(exchange, "upsert_answer", counted)
    with Store.open(tmp_path / "dst") as store:
        import_history(store, sessions)
        assert len(sizes) >= 3 and max(sizes) <= 60, sizes  # never the whole file in one transaction
        assert sum(s.answered for s in store.sessions()) == 180


def test_summaries_after_an_import_equal_those_kept_answer_by_answer(tmp_path):
    tables = ("weekly_totals", "item_totals", "session_totals", "tag_totals")
    with Store.open(tmp_path / "a") as a, Store.open(tmp_path / "b") as b:
        a.start_session(session("s", n=4))
        b.start_session(session("s", n=4))
        b.record_answer(answer("s", 0, correct=True, at=T0 + 1, tags=("x",)))  # replaced by a newer one
        for position, correct in enumerate([False, True, None, False]):
            a.record_answer(
                answer(
                    "s",
                    position,
                    correct=correct,
                    at=T0 + 100 + position,
                    tags=("x", "y"),
                    category="c" if position % 2 else "d",
                )
            )
        a.start_session(session("t", n=1, started_at=T0 + 9 * 86400))
        a.record_answer(answer("t", 0, question="q1", at=T0 + 9 * 86400))
        import_history(b, read_export(json.dumps(export_history(a)), "x"))
        for table in tables:
            with a.reading() as ca, b.reading() as cb:
                rows_a = sorted(tuple(r) for r in ca.execute(f"SELECT * FROM {table}"))
                rows_b = sorted(tuple(r) for r in cb.execute(f"SELECT * FROM {table}"))
            assert rows_a == rows_b, table
        with b.reading() as conn:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert {"answers_insert", "answers_delete", "answers_update"} <= names  # restored
