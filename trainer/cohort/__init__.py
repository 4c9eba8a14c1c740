"""Program reports from residents' exported histories (``pain-trainer cohort``, docs/cohort.md).

``reader`` merges the export files into ``model.Resident`` values (one per resident, however
many times exported; bad files reported and skipped), ``stats`` holds the formulas (pure),
``analysis`` turns the residents into a ``analysis.Report`` (pure, no I/O), ``tables`` lays the
report out as the tables every format shows, and one renderer per output format writes it
(``render_html``, ``render_csv``); ``charts`` draws the HTML's SVG charts with pygal.
"""
