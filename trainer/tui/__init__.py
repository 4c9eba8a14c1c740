"""The Textual app: screens and widgets only. It asks the practice layer what to show and
hands answer records to the history store; no SQL, no YAML and no scoring rules here."""
