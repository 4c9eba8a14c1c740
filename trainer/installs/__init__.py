"""Banks installed from a program's file, folder or git repository (``pain-trainer banks install``).

A layer above ``trainer.banks`` and below the CLI: it fetches a source into a hidden staging
folder, validates every bank there with the banks layer, and only then moves it into the data
folder (``DATA/banks/installed/<slug>/``, with a ``manifest.json`` saying where it came from).
The app finds installed banks like any bank in ``DATA/banks/``; the history is never touched.
"""
