"""Is this text English?  py3langid for texts of some length, a lenient test for short ones.

py3langid's normalised probabilities are well calibrated on sentences but not on
a headline-sized text ("NATO and UN officials met in Geneva on Monday." scores
about 0.4 for English), so texts under `min_words` words are rejected only when
they are clearly foreign: mostly non-Latin letters, or another language scored
above `short_text_other_prob` with no English function word in sight.
"""

from __future__ import annotations

import re
from functools import lru_cache

from detente.ingest.knowledge import IngestKnowledge, load_knowledge
from detente.ingest.problems import Reject

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")



def language_name(code: str) -> str:
    """English name of an ISO 639-1 code ("de" -> "German"), the code itself if unknown."""
    import pycountry

    lang = pycountry.languages.get(alpha_2=code)
    return lang.name if lang else code


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def english_probability(text: str, english_like: frozenset[str] = frozenset({"en"})) -> tuple[float, str, float]:
    """(P(English), most likely other language, its probability) from py3langid.

    P(English) sums the labels in `english_like` (English and English-lexified
    varieties py3langid confuses with it).
    """
    ranked = _identifier().rank(text)
    p_en = sum(p for lang, p in ranked if lang in english_like)
    best, best_p = next(((lang, p) for lang, p in ranked if lang not in english_like), ("und", 0.0))
    return float(p_en), best, float(best_p)


def _latin_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 1.0
    latin = sum(1 for c in letters if c < "\u0250")  # Basic Latin .. Latin Extended-B
    return latin / len(letters)


def check_english(text: str, min_english: float, knowledge: IngestKnowledge | None = None) -> None:
    """Raise Reject E107 when `text` is not English (see the module docstring for the rule)."""
    kb = knowledge or load_knowledge()
    sample = text[: kb.sample_chars]
    words = _WORD.findall(sample)
    if not words:
        return  # nothing to judge (numbers, symbols): let the NLP decide
    p_en, best, best_p = english_probability(sample, kb.english_like)
    if p_en >= min_english:
        return
    name = language_name(best)
    if len(words) >= kb.min_words:
        raise Reject("E107", f"the text looks {name} (py3langid), not English: English probability "
                             f"{p_en:.2f} is below min_english {min_english:.2f}")
    latin = _latin_share(sample)
    if latin < kb.short_text_min_latin:
        raise Reject("E107", f"the short text is mostly in a non-Latin script ({name}, "
                             f"{1 - latin:.0%} of its letters), not English")
    stop_hits = sum(1 for w in words if w.lower() in kb.english_stopwords)
    if best_p >= kb.short_text_other_prob and stop_hits == 0:
        raise Reject("E107", f"the short text looks {name} (probability {best_p:.2f}) and has no "
                             "English function words")
