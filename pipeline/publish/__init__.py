"""Tables and citations for papers: regression tables, model summaries, BibTeX."""
