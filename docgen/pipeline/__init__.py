"""What the commands run: build (in batches, by worker processes), the LibreOffice
outputs of a build (render), preview, and summary."""
