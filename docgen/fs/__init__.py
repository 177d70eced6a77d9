"""Files: reading input files safely, zip caps, output file names, the all-or-nothing
publication of outputs, docgen's manifest, the folder lock, docgen's temporary folders
(removed after a docgen killed outright), OS errors in Chinese."""
