"""Theme analysis: which themes a budget spends its words on, traceable to the words that decided.

Two layers, both from one editable YAML taxonomy (``themes.yaml`` beside this package): cross-cutting
themes (``dienstverlening``, ``samenwerking``, ...) and the national taakvelden (ids are their codes,
``"0.1"``).

The package: :mod:`.taxonomy` (the matcher), :mod:`.taxonomy_file` (reading and validating the YAML),
:mod:`.tagging` (themes per sentence, shares per group), :mod:`.highlight` (the evidence as escaped HTML).
The term statistics that need no taxonomy (TF-IDF, keyness, NMF topics) live in :mod:`begrotingslab.terms`
and are re-exported here for existing callers.
"""
from ..terms import STOPWORDS, content_lemmas, distinctive_terms, keyness, topics
from .highlight import highlight, sentences_html
from .tagging import GROUPS, tag_sentences, tag_texts, theme_long, theme_matrix, theme_shares
from .taxonomy import LAYERS, Category, Taxonomy, TokenHits, WordHits
from .taxonomy_file import DEFAULT_TAXONOMY, THEME_ID, TAAKVELD_ID, as_taxonomy, default_taxonomy, load_taxonomy

__all__ = ["DEFAULT_TAXONOMY", "GROUPS", "LAYERS", "STOPWORDS", "TAAKVELD_ID", "THEME_ID", "Category", "Taxonomy",
           "TokenHits", "WordHits", "as_taxonomy", "content_lemmas", "default_taxonomy", "distinctive_terms",
           "highlight", "keyness", "load_taxonomy", "sentences_html", "tag_sentences", "tag_texts", "theme_long",
           "theme_matrix", "theme_shares", "topics"]
