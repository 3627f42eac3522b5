"""A cheap "is this English?" test.

The rules are English and BM25 would happily match a Spanish question on the one word
"Facebook", so non-English questions abstain rather than risk a confident wrong answer.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W\d_]+")

_ENGLISH = frozenset(
    """the a an to of and or in on at for with about from by is are am was be can could
    should may might must do does did i we you he she they it my our your his her their me
    him them this that what how when where who why if not it's i'm ok okay allowed any""".split()
)

# Frequent function words of the languages LCSA staff and customers most often use besides
# English; chosen so that none of them is also a common English word.
_OTHER_LANGUAGES = frozenset(
    """el la los las del que puedo puede para con por una es esta este estos mi mis su sus
    pero como cuando donde quien padre madre hijo hija hijos pagos pago mensaje mensajes
    informacion caso usted ustedes nosotros tengo tiene hay sobre entre tambien muy otro otra
    ang ng mga sa ko ba po ako siya pwede puwede hindi namin natin kami sila ito iyon
    je tu il nous vous les des est avec pour pas une peux sont
    posso pode voce nao com uma sobre
    ich du er sie wir ihr ist und nicht mit fur das der die kann darf
    toi khong duoc cua nguoi cho voi""".split()
)

NON_ASCII_LETTER_SHARE = 0.15


def looks_english(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return True
    # Chinese, Korean, Armenian, Russian, Punjabi... and Vietnamese diacritics.
    non_ascii = sum(1 for c in letters if not c.isascii())
    if non_ascii / len(letters) > NON_ASCII_LETTER_SHARE:
        return False
    tokens = [_fold(w) for w in _WORD.findall(text.lower())]
    english = sum(1 for t in tokens if t in _ENGLISH)
    other = sum(1 for t in tokens if t in _OTHER_LANGUAGES)
    return not (other >= 2 and other > english)


def _fold(word: str) -> str:
    """Strip accents so "información" and "informacion" count alike."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
