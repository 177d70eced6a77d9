"""LibreOffice as the reference renderer: PDF export, reading pages back, previews."""
