"""Word writing: OOXML parts and the package, fonts, document properties, the
report's content, the template (docgen's, built by ``template_builder``, or the
user's, read by ``user_template``; filled in for each output by ``template_fill``),
and the report and volume documents."""
