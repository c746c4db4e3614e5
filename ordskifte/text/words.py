"""What a word is: the token pattern shared by the tokenizer and the actor aliases, and the
languages ordskifte lemmatizes.

Kept apart from :mod:`ordskifte.text.tokenize` (which needs the lemmatizers) so that the steps that
only split names into words import nothing else.
"""

import re

# Letters and digits of any script (so æøå need no special case), keeping word-internal
# hyphens, apostrophes and dots together: "IT-løsninger", "1940-tallet", "St.meld", "bl.a";
# and runs of sentence-final punctuation.
TOKEN = re.compile(r"[^\W_]+(?:[-.'’][^\W_]+)*|[.!?]+")
HAS_LETTER = re.compile(r"[^\W\d_]")

# The languages ordskifte lemmatizes and has stopwords for (config `languages` takes only
# these); simplemma tries them for every word, the paragraph's own first (so Nynorsk
# paragraphs try nn before nb), and the workflow unpacks their tables (rule lexicon).
LEMMA_LANGUAGES = ("nb", "nn")
