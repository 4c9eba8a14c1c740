"""Spoken delivery figures go where the interview metrics go: the store, an export, an import, a resume."""

from __future__ import annotations

import json

from tests.practice.factory import bank, open_q, wall
from trainer.history.exchange import export_history, import_history, read_export
from trainer.history.store import Store
from trainer.practice import FakeClock, InterviewSession, InterviewSettings, select_keys
from trainer.practice.delivery import SpokenDelivery, measure_spoken


def test_spoken_figures_survive_store_export_import_and_resume(tmp_path):
    clock = FakeClock()
    q = open_q("o1", think=10, answer=60)
    b = bank("b1", [q])
    session = InterviewSession.start(
        select_keys([b], [q.key], seed=1), InterviewSettings(), clock=clock, wall=wall(), session_id="spoken"
    )
    session.start_answering()
    clock.advance(20)
    session.hold()
    spoken = measure_spoken("um multimodal analgesia and physical therapy", [(0.5, 4.0), (7.0, 12.0)], 20.0, 60.0)
    saved = session.submit("multimodal analgesia and physical therapy", spoken=spoken).saved[0]

    source = Store.open(tmp_path / "a")
    source.start_session(session.record)
    source.save_answer(saved.answer, saved.interview)
    stored = source.load_session("spoken")
    assert SpokenDelivery.from_dict(stored.interviews[0].metrics["spoken"]).as_dict() == spoken.as_dict()
    document = export_history(source)
    source.close()

    target = Store.open(tmp_path / "b")
    import_history(target, read_export(json.dumps(document), "export.json"))
    back = target.load_session("spoken")
    target.close()
    assert back.interviews[0].metrics["spoken"] == spoken.as_dict()
    resumed = InterviewSession.resume([b], back.session, back.interviews, back.answers, clock=FakeClock())
    assert resumed.feedback(0).spoken.as_dict() == spoken.as_dict()  # as stored: rounded to 0.1 wpm
    assert resumed.feedback(0).metrics.words == 5
