"""Files: reading input files safely, zip caps, output file names, the all-or-nothing
publication of outputs, docgen's manifest, the folder lock, OS errors in Chinese."""
