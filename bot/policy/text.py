"""Turning free text into comparable tokens: clean-up, stop words, light stemming, typo repair.

Rules and questions go through the same functions, so a stem only has to be consistent,
not linguistically correct.
"""

from __future__ import annotations

import re
import re._constants as _regex_constants
import re._parser as _regex_parser
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache

# "[SSN]", "[case number]", "<@U123>" and URLs carry no policy meaning; the caller has
# already redacted the real values, so drop the markers before they skew the ranking.
_PLACEHOLDER = re.compile(r"\[[^\[\]]{0,40}\]|<[^<>]{0,80}>|https?://\S+")
_WORD = re.compile(r"[a-z0-9]+")
_APOSTROPHES = re.compile(r"['\u2018\u2019`]")
_POSSESSIVE = re.compile(r"(?<=[a-z])['\u2019]s\b")
# Slack users write the platform formerly known as Twitter as a bare "x".
_PLATFORM_X = re.compile(r"\b(on|via|from|through|in|use|using) x\b")
# "twitter/X", "X (twitter)", "X/Twitter": one platform, named twice.
_TWITTER_OR_X = re.compile(r"\btwitter ?(?:/|\(|or) ?x\b\)?|\bx ?(?:/|\() ?twitter\b\)?")
# "what does the brochure tell parents" asks what a document says, not whether staff may tell
# one party about another: it must not carry the disclosure verb "tell" (a cue of the
# other-parent rule). Likewise "the reason the letter gives": a document gives no case data.
_DOCUMENT_TELLS = re.compile(
    r"\b(brochure|brochures|letter|policy|policies|document|documents|doc|docs|pamphlet|handout"
    r"|flyer|cssp) (tell|tells|told|telling|give|gives|gave|giving)\b"
)
# "our agency's X account": the platform formerly known as Twitter, named as a bare "x".
_ACCOUNT_X = re.compile(
    r"\b(agency|county|office|our|the|an|official|dept|department|lcsa|my|his|her|their|own"
    r"|personal) x (account|acct|page|profile|handle|post|posts|feed)\b"
)
# A rank in a management title is not a sheriff's deputy: "our deputy director" is a director.
_RANKED_TITLE = re.compile(
    r"\b(deputy|assistant|associate)"
    r" (director|directors|manager|managers|administrator|supervisor)\b"
)
# The asker introducing themself: "investigator here", "I'm an investigator" is a staff role at
# the LCSA, not an investigator from the police asking for case information (a requester the
# release rule's exception names).
_SELF_INTRODUCED = re.compile(
    r"\b(?:(?:(?:i am|im|as) an? |our )?(?:lcsa |county |staff |child support |cs )?investigator here"
    r"|(?:i am|im|as) an? (?:lcsa |county |staff |child support |cs )?investigator)\b"
)
# Working cases is case management, not anyone's job: "for case work", "to work cases" must not
# trigger the locate rule's employment cue ("where he works"). Rule texts are folded the same way.
_CASE_WORK = re.compile(r"\bcase work\b|\bwork(?:ing)? (?:a |the |our |my |their |these |those )?cases?\b")
# The Letter named as the authority ("is that OK under 16-04?", "per the letter") says nothing about
# which of its rules applies; the topic decides. (Rule texts never name it that way.)
_UNDER_THE_LETTER = re.compile(
    r"\b(?:under|per|according to|by|with|in line with) (?:cssp |the |this |our )?(?:letter |policy letter |cssp letter )?16.?04\b"
)
# A page going live is a launch, not where someone lives (a cue of the locate rule).
_GO_LIVE = re.compile(r"\b(?:go|goes|going|went|gone)[ -]live\b|\blive[ -]?stream\w*|\blaunch date\b")
# "IG live", "a FB Live Q&A" is a broadcast, not where someone lives.
_PLATFORM_LIVE = re.compile(r"\b(ig|fb|facebook|instagram|insta|tiktok|youtube|twitter|linkedin) live\b")
# "ask about their own cases live", "a live Q&A" is in real time, not where someone lives.
_LIVE_EVENT = re.compile(
    r"\b(?:(cases?|questions?|answers?|chat|session|broadcast|q&a|qa) live\b"
    r"|live (q&a|qa|chat|session|event|video|questions?)\b)"
)
# "...or is that off limits / a no-go?" asks whether something is allowed; "limits" is a word of the
# litigation clause ("not intended to limit"), so the phrase becomes one token retrieval ignores
# (retrieval.NEUTRAL_WORDS) and intent patterns can still read.
_OFF_LIMITS = re.compile(r"\boff[ -]?limits?\b|\b(?:a )?no[ -]?go\b(?!-)")
# A question that says it is generic ("totally generic, no case details", "nothing about her own
# case") becomes one token: its negations deny nothing the rules care about, and its quoted words
# ("how do I request a review of my order?") must not read as a parent's own case (lexicon
# "genericq", which the no-case-specific rule yields to).
_GENERIC_QUESTION = re.compile(
    r"\b(?:totally|completely|purely|very|just) generic\b|\bgeneric (?:question|q|qs|ask|inquiry|one)\b"
    # ("making sure no case info gets out" is the duty to keep it in, not a generic question.)
    r"|(?<!make sure )(?<!making sure )(?<!makes sure )(?<!ensure )(?<!ensuring )(?<!so )(?<!that )"
    r"\b(?:no|without|not any|zero) (?:case|personal|identifying) (?:info|information|details|specifics|numbers?|num|no|#)(?!\w)"
    r"|\bnothing (?:specific|case[ -]?specific)\b"

    r"|\b(?:nothing|not) (?:about|on|re|related to|specific to) (?:their|his|her|a specific|a particular|any|an individual|a|the persons?) (?:own )?(?:specific |particular )?case\b"
)
# "a legit locate tool" asks whether a use is allowed, not whether information is reliable ("legit"
# is a cue of the verification duty).
_LEGIT_TOOL = re.compile(r"\blegit\b(?= (?:\w+ )?(?:tool|tools|source|sources|resource|resources|option|options|way|method|thing to do)\b)")
# "new to the locate unit" says who is asking; "unit" is a word of the no-disclosure rule ("a coworker
# in another unit").
_LOCATE_UNIT = re.compile(r"\blocate (?:unit|team|dept|department|section|staff|worker|workers|investigator|investigators)\b")
# "he runs a food truck" names his business, not an asset ("truck" is a cue of the locate rule).
_FOOD_TRUCK = re.compile(r"\bfood trucks?\b")
# "his profile isn't set to private" says it is public ("private" is a cue of the no-private-
# profiles rule); "not private messaging" is left alone.
_NOT_PRIVATE = re.compile(
    r"\b(?:isnt|is not|arent|are not|wasnt|was not|not|no longer)\s+(?:set\s+(?:to\s+)?|marked\s+(?:as\s+)?|made\s+)?"
    r"(?:private|locked|friends only)\b(?!\s+(?:messag|chat|dm|inbox|convers|group))"
)
# "just to confirm, social media is allowed as a locate tool right?" asks for the rule, not about
# confirming a lead ("confirm" is a cue of the verification duty).
_JUST_CHECKING = re.compile(r"\b(?:just|quick(?:ly)?|i want(?:ed)?) to (?:confirm|double check|doublecheck|clarify)\b(?= *[,:-])")
# "social networking sites" are social media sites; "social networking" alone is a phrase of the
# privacy duty's quote ("participate in social networking in a public environment").
_SOCIAL_NETWORKING_SITES = re.compile(r"\bsocial networking (?=sites?\b|websites?\b|platforms?\b|apps?\b)")
# "setting up a TikTok" is establishing a page, not the privacy *settings* of the no-getting-around-
# privacy rule's cue.
_SETTING_UP = re.compile(
    r"\b(?:setting|set|sets) up\b(?= (?:a |an |our |the |its |their )?(?:new |official |agency |county |lcsa )?"
    r"(?:tiktok|fb|facebook|ig|instagram|insta|twitter|x|youtube|linkedin|nextdoor|threads|page|account|channel)\b"
    r"(?! (?:group|groups|chat|chats|messenger)\b))"
)
# "anything specific I have to do?" is not about a specific case (a word of the no-case-specifics rule).
_ANYTHING_SPECIFIC = re.compile(r"\b(anything|something|any thing) (?:specific|in particular|particular)\b")
# "family law court / attorney" is a court or an attorney; "family" is a word of DCSS's mission
# statement ("support California's families").
_FAMILY_LAW = re.compile(r"\bfamily law\b(?= (?:court|courts|attorney|attorneys|atty|lawyer|lawyers|judge|facilitator|case|cases|matter)\b)")
# "as long as we keep it generic" is the page's condition, stated: a general answer (not the
# "genericq" of a question that says it is generic).
_KEEP_IT_GENERAL = re.compile(r"\b(?:as long as|if) (?:we|i|you) keep (?:it|them|things|answers|replies|the answers?) (?:generic|general|vague)\b")
# A location tag is a geotag, not tagging a person (a cue of the no-follow rule).
_GEOTAG = re.compile(r"\b(?:location|geo|place)[ -]?tag(?:s|ged|ging)?\b|\btagged (?:his |her |their |the )?location\b")
# "signed in to my own FB" is logging in, not signing a post (a cue of the self-identify rule).
_SIGN_IN = re.compile(r"\bsign(ed|ing|s)? ?(in|into|on|onto)\b")
# Following rules is not following a person: "what rules do we have to follow", "follow the
# same confidentiality rules". The verb becomes "abide by" so it cannot trigger the no-follow
# rule's "follow" cue (the confidentiality-duty rule lists "abide" with "follow").
_RULE_NOUNS = (
    r"(rules?|guidelines?|polic(?:y|ies)|requirements?|procedures?|protocols?|standards?"
    r"|laws?|steps)"
)
_FOLLOW_RULES = re.compile(
    # "what rules do we have to follow" (but not "...follow him", "...follow the NCP")
    rf"\b(({_RULE_NOUNS}|what) (do|does|should|must|would|will|have|are)? ?"
    r"(we|i|staff|they|you|everyone|workers)"
    r" (have to |need to |must |should |got to |gotta |are supposed to |are expected to )?)"
    r"follow(ing)?\b(?! (him|her|them|the|a|an|his|their|this|that|these|those|ncps?|cps?"
    r"|obligors?|obligees?|parents?|participants?|dads?|moms?|customers?|clients?|people"
    r"|accounts?|pages?|profiles?)\b)"
    # "follow the same confidentiality rules"
    r"|\bfollow(s|ed|ing)?(?= (the|these|those|our|all|any|same|state|county|agency|its|their)"
    rf" (\w+ ){{0,2}}{_RULE_NOUNS}\b)"
)

# The folds clean() applies, in this order (each is explained where it is defined above). Order
# matters where two could match the same words: each sees what the earlier ones wrote.
_FOLDS = (
    (_DOCUMENT_TELLS, r"\1 says"),
    (_TWITTER_OR_X, "twitter"),
    (_ACCOUNT_X, r"\1 twitter \2"),
    (_RANKED_TITLE, r"\2"),
    (_SELF_INTRODUCED, " "),
    (_CASE_WORK, "casework"),
    (_GEOTAG, "geotag"),
    (_GO_LIVE, "launch"),
    (_PLATFORM_LIVE, r"\1 broadcast"),
    (_LIVE_EVENT, lambda m: f"{m.group(1)} broadcast" if m.group(1) else f"broadcast {m.group(2)}"),
    (_OFF_LIMITS, "offlimits"),
    (_LEGIT_TOOL, "ok"),
    (_LOCATE_UNIT, "locate"),
    (_FOOD_TRUCK, "restaurant"),
    (_NOT_PRIVATE, "public"),
    (_JUST_CHECKING, " "),
    (_SOCIAL_NETWORKING_SITES, "social media"),
    (_SETTING_UP, "establishing"),
    (_FAMILY_LAW, " "),
    (_KEEP_IT_GENERAL, "generally"),
    (_GENERIC_QUESTION, "genericq"),
    (_ANYTHING_SPECIFIC, r"\1"),
    (_UNDER_THE_LETTER, " "),
    (_SIGN_IN, "logged in"),
    (_FOLLOW_RULES, lambda m: (m.group(1) or "") + "abide by"),
    (_PLATFORM_X, r"\1 twitter"),
)

# Function words plus Slack filler ("quick question", "lol", "asap"), and the Spanish function words
# bilingual staff drop into an English question ("...para encontrar su dirección"; a question
# wholly in another language abstains before this, language.py). Deliberately NOT stop
# words: "own" (my own account), "other" (the other parent), "not", "who" (who do I call),
# "where" (where he works).
STOPWORDS: frozenset[str] = frozenset(
    """
    a able about above actually after again all allow allowed allowing already also am an
    and any anybody anyone anything anyway are aren around as asap ask asking at basically
    be because been before being below between both btw but by can cant could couldnt crazy
    current currently did didnt do does doesnt doing dont down during each either else even
    ever every few folks for from further fyi get gets getting go going gonna got gotta guy
    guys had hafta has have having he hed hell hello her here hers herself hes hey hi him
    himself his how hows i id idk if ill im in into is isnt it its itself ive just kind
    kinda know lady let lets like literally ll lol maybe me might mine more most must my
    myself need needs new no nor now of off ok okay omg on once one only or others our ours
    ourselves out over permitted please pls plz probably question questions quick quickly re
    real really recently right s same say says shall she shes should shouldnt so some
    somebody someone something sort still stuff such supposed sure t tbh team than thank
    thanks that thats the their theirs them themselves then there theres these they theyre
    thing things this those though through thx to today tomorrow tonight too totally u under
    until up us ve very wanna want wanted wants was wasnt we weird well were what whats when
    whenever which while why will with wonder wondering wont would wouldnt y yall yes
    yesterday yet you your youre yours yourself whether
    tmrw tmr tmw rn min mins ya yeah yep nope hmm ugh ah oh q qq since everything r ur
    para por pero que los las del una con esta este estos como cuando donde puedo puede tambien muy sus su
    """.split()
)


def clean(text: str) -> str:
    """Lower-case, drop redaction placeholders, mentions and URLs, fold apostrophes and accents."""
    text = _PLACEHOLDER.sub(" ", _fold_accents(text.lower()))
    text = text.replace("i'm", "i am").replace("i\u2019m", "i am")
    text = _APOSTROPHES.sub("", _POSSESSIVE.sub("", text))
    for pattern, replacement in _FOLDS:
        text = pattern.sub(replacement, text)
    return text


def _fold_accents(text: str) -> str:
    """"dirección" -> "direccion": a bilingual word stays one word (curly quotes and dashes stay)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """A deliberately small suffix stripper: plurals, -ing, -ed, -ly, -ment, final -e."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith(("ches", "shes", "xes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) >= 6:
        word = _restore_e(_undouble(word[:-3]), word[:-3])
    elif word.endswith("ed") and len(word) >= 5:
        word = _restore_e(_undouble(word[:-2]), word[:-2])
    if word.endswith("ly") and len(word) >= 7:
        word = word[:-2]
    if word.endswith("ment") and len(word) >= 9:
        word = word[:-4]
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


_VOWELS = "aeiou"


def _restore_e(word: str, before_undoubling: str) -> str:
    # living -> liv -> live, giving -> give, dated -> date (as "live", "give", "date" stem), but
    # stopped -> stop and posted -> post: a short consonant-vowel-consonant stem lost an "e".
    if (word == before_undoubling and len(word) == 3 and word[0] not in _VOWELS and word[1] in _VOWELS
            and word[2] not in _VOWELS + "wxy"):
        return word + "e"
    return word


def _undouble(word: str) -> str:
    # chatting -> chatt -> chat, but keep "follow", "pass", "buzz".
    if len(word) >= 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        return word[:-1]
    return word


# Longer "words" are pasted hashes, tokens or keyboard mashing, never policy vocabulary.
MAX_WORD_LENGTH = 30


def words(text: str) -> list[str]:
    """Content-word stems of text, in order."""
    return cleaned_words(clean(text))


def cleaned_words(cleaned: str) -> list[str]:
    """words() of text that has already been through clean()."""
    return [
        stem(w) for w in _WORD.findall(cleaned) if w not in STOPWORDS and len(w) <= MAX_WORD_LENGTH
    ]


@lru_cache(maxsize=4096)
def _cached_words(text: str) -> tuple[str, ...]:
    return tuple(words(text))


def first_word_prefixes(pattern: str) -> frozenset[str] | None:
    """The word beginnings one of which every match of the phrase pattern starts with.

    "(tell|told) (that )?(i am|im)..." gives {"tell", "told"}; "appl(y|ies) to" gives {"apply",
    "applies"}; a pattern that may start with anything ("(\\w+ )?for all") gives None. Phrase
    patterns match at the start of a word (compile_phrase), so a question none of whose words
    begins with one of these cannot match.
    """
    return _sequence_prefixes(list(_regex_parser.parse(pattern)))


def _sequence_prefixes(items: list) -> frozenset[str] | None:
    prefix = ""
    for op, argument in items:
        if op in (_regex_constants.AT, _regex_constants.ASSERT, _regex_constants.ASSERT_NOT):
            continue  # \b, look-aheads and look-behinds take no characters
        if op is _regex_constants.LITERAL:
            char = chr(argument)
            if not (char.isascii() and char.isalnum()):
                break  # a word ends here
            prefix += char
            continue
        if op is _regex_constants.SUBPATTERN:
            alternatives = _sequence_prefixes(list(argument[3]))
        elif op is _regex_constants.BRANCH:
            alternatives = frozenset()
            for branch in argument[1]:
                found = _sequence_prefixes(list(branch))
                if found is None:
                    return frozenset({prefix}) if prefix else None
                alternatives |= found
        else:  # a class, repeat or wildcard: the known part of the word ends here
            break
        if alternatives is None:
            break
        return frozenset(prefix + alternative for alternative in alternatives)
    return frozenset({prefix}) if prefix else None


def compile_phrase(pattern: str) -> re.Pattern[str]:
    """A phrase pattern that matches whole words only.

    Look-arounds rather than \\b, so a pattern may end in punctuation ("phone #").
    """
    return re.compile(rf"(?<![a-z0-9])(?:{pattern})(?![a-z0-9])")


# Words that deny what follows: "not connected", "no case info", "don't follow him".
# "without" is deliberately absent: "without verifying", "without saying who we are" name
# the very thing a rule is about.
NEGATORS = frozenset("not no never dont didnt doesnt isnt arent wasnt werent nor non".split())
# A negator reaches the first content word within this many words ("not on his friends list").
NEGATION_REACH = 2
_INVERSION_PRONOUNS = frozenset("i we you it he she they that this".split())


def negated_words(cleaned: str) -> frozenset[str]:
    """Stems that occur in cleaned text (see clean()) only right after a negator.

    "we're not connected" denies "connect"; "not friends, can I send a friend request"
    does not, because "friend" also occurs un-negated.
    """
    raw = _WORD.findall(cleaned)
    negated: set[str] = set()
    plain: set[str] = set()
    reach = 0
    for word in raw:
        if word in NEGATORS:
            reach = NEGATION_REACH
            continue
        if reach and word in _INVERSION_PRONOUNS:
            reach = 0  # "why don't I just...", "isn't it fine to..." deny nothing
            continue
        if word in STOPWORDS or len(word) > MAX_WORD_LENGTH:
            reach = max(reach - 1, 0)
            continue
        (negated if reach else plain).add(stem(word))
        reach = 0
    return frozenset(negated - plain)


class Lexicon:
    """Query-side vocabulary: per-word synonyms and multi-word phrases.

    Phrases matter because their words are often stop words on their own: in "say I'm with
    child support" or "take it down" nothing but the phrase carries the meaning. A phrase's
    meaning is attached to the content words of the span it matched.
    """

    def __init__(
        self,
        expansions: Mapping[str, Iterable[str]],
        phrases: Iterable[tuple[str, str, str | None]] = (),
        out_of_scope: Iterable[tuple[str, str, Iterable[str]]] = (),
    ) -> None:
        table: dict[str, list[str]] = defaultdict(list)
        for key, values in expansions.items():
            for stemmed_key in words(key):
                for value in values:
                    table[stemmed_key].extend(words(value))
        self._table = {key: tuple(dict.fromkeys(values)) for key, values in table.items()}
        # (pattern, meaning, the word beginnings one of which any match starts with or None,
        # the pattern on the whole question under which the phrase does not apply or None)
        self._phrases = [
            (compile_phrase(pattern), tuple(words(meaning)), first_word_prefixes(pattern),
             re.compile(not_when) if not_when else None)
            for pattern, meaning, not_when in phrases
        ]
        # (topic, pattern, stems that bring the question back into scope, word beginnings)
        self._out_of_scope = [
            (
                topic,
                compile_phrase(pattern),
                frozenset(t for u in unless for t in words(u)),
                first_word_prefixes(pattern),
            )
            for topic, pattern, unless in out_of_scope
        ]
        self._prefix_length = max(
            len(p)
            for prefixes in [p for _, _, p, _ in self._phrases] + [p for *_, p in self._out_of_scope]
            for p in prefixes or ("",)
        )
        # Most patterns cannot match a given question at all; the beginnings of its words say
        # which can, so they cost a set intersection instead of a regex scan each.
        self._word_beginnings = lru_cache(maxsize=64)(self._beginnings)

    @property
    def meanings(self) -> frozenset[str]:
        """Every stem some phrase can give a question."""
        return frozenset(stem for _, meaning, _, _ in self._phrases for stem in meaning)

    def out_of_scope(self, cleaned: str, affirmed: frozenset[str]) -> str | None:
        """The near-miss topic the question is about (PTO, paid ads, retention...), or None.

        These are questions the documents do not answer but that share enough words with
        the rules ("screenshots", "post", "personal FB") to be matched with confidence. A
        topic does not apply when the question also affirms one of its `unless` words: "post
        about my job on my personal FB" is out of scope, "post about a case" is not.
        """
        beginnings = self._word_beginnings(cleaned)
        for topic, pattern, unless, prefixes in self._out_of_scope:
            if prefixes is not None and prefixes.isdisjoint(beginnings):
                continue
            if pattern.search(cleaned) and not unless & affirmed:
                return topic
        return None

    def _beginnings(self, cleaned: str) -> frozenset[str]:
        return frozenset(
            word[:length]
            for word in _WORD.findall(cleaned)
            for length in range(1, min(len(word), self._prefix_length) + 1)
        )

    def phrase_senses(self, cleaned: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        """(content words of the matched span, stems of its meaning) for each known phrase."""
        found: dict[tuple[tuple[str, ...], tuple[str, ...]], None] = {}
        beginnings = self._word_beginnings(cleaned)
        for pattern, meaning, prefixes, not_when in self._phrases:
            if prefixes is not None and prefixes.isdisjoint(beginnings):
                continue
            if not_when is not None and not_when.search(cleaned):
                continue
            for match in pattern.finditer(cleaned):
                found[(_cached_words(match.group(0)), meaning)] = None
        return list(found)

    def keys(self) -> frozenset[str]:
        return frozenset(self._table)

    def expand(self, tokens: Iterable[str]) -> list[str]:
        out: list[str] = []
        for token in tokens:
            out.append(token)
            out.extend(self._table.get(token, ()))
        return out


class TypoCorrector:
    """Maps an unknown token to a known one at edit distance 1 (symmetric-delete lookup)."""

    MIN_LENGTH = 5

    def __init__(self, vocabulary: Iterable[str]) -> None:
        self._vocabulary = frozenset(vocabulary)
        self._by_deletion: dict[str, set[str]] = defaultdict(set)
        for word in self._vocabulary:
            for variant in _deletions(word):
                self._by_deletion[variant].add(word)
        self.correct = lru_cache(maxsize=4096)(self._correct)

    def _correct(self, token: str) -> str:
        if token in self._vocabulary or len(token) < self.MIN_LENGTH or token.isdigit():
            return token
        candidates = set()
        for variant in _deletions(token):
            candidates |= self._by_deletion.get(variant, set())
        # Typos rarely hit the first letter; requiring it keeps "lunch" from becoming "launch".
        matches = sorted(
            c for c in candidates if c[0] == token[0] and _edit_distance_at_most_one(token, c)
        )
        return matches[0] if matches else token


def _deletions(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def _edit_distance_at_most_one(a: str, b: str) -> bool:
    """Optimal-string-alignment distance <= 1 (one insert, delete, substitute or swap)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    short, long_ = sorted((a, b), key=len)
    for i in range(len(long_)):
        if long_[:i] + long_[i + 1 :] == short:
            return True
    return False
