"""The README states the bundled banks' real size and coverage (``tools/bank_size.py``).

When the banks change, this fails until ``python tools/bank_size.py --write`` updates the README.
"""

from __future__ import annotations

from tools.bank_size import README, readme_copy, sentence


def test_the_readme_states_the_bundled_banks_numbers():
    wanted = sentence()
    assert "knowledge items" in wanted and "interview prompts" in wanted
    assert readme_copy(README.read_text(encoding="utf-8")) == wanted, "run: python tools/bank_size.py --write"


def test_the_sentence_is_read_from_between_the_markers():
    assert readme_copy("x\n<!-- bank-size -->\nOne\ntwo.\n<!-- /bank-size -->\n") == "One two."
    assert readme_copy("no block") is None
