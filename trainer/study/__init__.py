"""Self-study that schedules itself: which cards exist, how an outcome rates them, when each
comes back (FSRS), and the exam-date plan.

Pure: no SQLite, no history, no Textual. The history layer stores what these functions
return (``trainer.history.cards``); ``cards`` and ``plan`` import nothing heavy, so the
home screen's due count never loads the scheduler, which only ``scheduling`` imports.
"""
