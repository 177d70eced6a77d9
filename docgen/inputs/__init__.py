"""The inputs folder: YAML ⇄ the model (``yaml_file`` reads a file as nodes,
``yaml_values`` each key as the schema table says, ``yaml_reader`` the folder;
``yaml_errors`` puts YAML's errors in Chinese; ``yaml_writer`` writes the model
back), the commented starter files, and ``docgen new`` / ``docgen init``."""
