"""Word writing: OOXML parts and the package, fonts, document properties, the
report's content, the template (docgen's, built by ``template_builder``, or the
user's), and the report and volume documents."""
