"""Work spread over the machine's cores: worker processes that make what they are given and hand
it back in order (``workers``), used by build for the reports and by import for the files read."""
