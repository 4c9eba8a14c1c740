"""A bank imported from Moodle GIFT validates and is quizzed like any other (issue 17)."""

from __future__ import annotations

from tests.tui.conftest import screen_text, start_quiz
from trainer.cli import main

GIFT = """// A program's Moodle export
$CATEGORY: $course$/top/Pharmacology

::bup-partial:: Buprenorphine is a partial agonist at the mu-opioid receptor. {T#It is a partial agonist.#Yes: a partial mu agonist with high affinity.}
"""


async def test_import_validate_then_quiz_the_imported_bank(make_app, store, tmp_path, capsys):
    source = tmp_path / "moodle.gift"
    source.write_text(GIFT, encoding="utf-8")
    bank = tmp_path / "imported.yaml"
    assert main(["import", str(source), "--out", str(bank)]) == 0
    assert main(["validate", "--data-dir", str(tmp_path / "data"), str(bank)]) == 0
    assert "reference is a TODO placeholder" in capsys.readouterr().err
    app = make_app(banks=[bank])
    async with app.run_test() as pilot:
        await start_quiz(pilot)
        text = screen_text(app)
        assert "Buprenorphine is a partial agonist at the mu-opioid receptor." in text
        assert "1. ( ) True" in text and "2. ( ) False" in text  # true/false keeps its order
        await pilot.press("1", "enter")
        text = screen_text(app)
        assert "Correct" in text
        found = store.unfinished_session()
        (answer,) = found.answers
        assert (answer.bank_id, answer.question_id, answer.response, answer.correct) == (
            "imported",
            "bup-partial",
            "a",
            True,
        )


MATCHING = """$CATEGORY: $course$/top/Pharmacology

::classes::Analgesic classes\\n\\nFor each drug, choose its class. {
  =Morphine -> Full mu-opioid agonist
  =Pregabalin -> Gabapentinoid
  = -> NSAID
  = -> SNRI
  = -> Tricyclic antidepressant
  = -> NMDA receptor antagonist
####Classes as the labels give them.
}
"""


async def test_an_imported_matching_question_is_quizzed_as_extended_matching(make_app, store, tmp_path):
    from textual.widgets import Input

    source = tmp_path / "matching.gift"
    source.write_text(MATCHING, encoding="utf-8")
    bank = tmp_path / "imported.yaml"
    assert main(["import", str(source), "--out", str(bank)]) == 0
    app = make_app(banks=[bank])
    async with app.run_test(size=(100, 50)) as pilot:
        screen = await start_quiz(pilot)
        assert screen.session.view().total == 2  # one item per subquestion
        assert "Theme: Analgesic classes" in screen_text(app)
        first = screen.session.view().question
        # options alphabetical: A Full mu-opioid agonist, B Gabapentinoid, C NMDA..., D NSAID, E SNRI, F TCA
        right = {"classes.s1": "a", "classes.s2": "b"}
        screen.query_one("#matching-input", Input).value = right[first.id]
        await pilot.press("enter")
        assert "Correct" in screen_text(app)
        found = store.unfinished_session()
        (answer,) = found.answers
        assert (answer.bank_id, answer.question_id, answer.correct) == ("imported", first.id, True)
