"""The ``docgen`` command: its grammar (``grammar``, argparse in Chinese), the entry
point (``launcher``), the console, and the commands run through the API (``commands``)."""
