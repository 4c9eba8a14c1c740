"""Durations: rounded for reports, rounded up for countdowns."""

from trainer.durations import format_duration


def test_durations_read_as_minutes_and_hours():
    assert [format_duration(s) for s in (0, 0.4, 59.6, 61, 3600, 3723)] == [
        "0:00",
        "0:00",
        "1:00",
        "1:01",
        "1:00:00",
        "1:02:03",
    ]


def test_countdowns_round_up_so_zero_means_time_is_out():
    assert [format_duration(s, round_up=True) for s in (0, 0.01, 9.2, 10, -3)] == [
        "0:00",
        "0:01",
        "0:10",
        "0:10",
        "0:00",
    ]
