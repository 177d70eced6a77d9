"""The inputs folder: YAML ⇄ the model (reader, its error messages, writer), the
commented starter files, and ``docgen new`` / ``docgen init``."""
