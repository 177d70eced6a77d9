"""What every stage shares: the document model, the report keys (schema), numbering,
findings, unit names and text rules (sentences, XML-safe text). Imports nothing else of docgen."""
