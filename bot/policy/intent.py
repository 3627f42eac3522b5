"""What a question asks of the rule that answers it: its verdict, what it says, or its exception.

A rule has one verdict ("Not allowed" to DM a parent), but not every question about the rule
asks for it:

* "why can't we message parents on FB?", "which sources may confirm a lead?", "what happens to
  staff who misuse case info?" ask what the documents say: the answer is "Information", quoting
  the same clause (the rule's own verdict is still shown, so nobody reads it as permission).
* "if there is a court order saying she can have it, can we share it?" or "when is DCSS ever
  allowed to release information?" ask about the exception a prohibition names ("unless ordered
  by a court"). Rules that name one carry an `exceptions` list (see knowledge.py); its cues are
  matched here, and so are its requesters: a detective asking invokes "with authorized
  authorities", whose conditions then say what the request still needs.

Everything leans towards the rule's own verdict: an "Information" framing only counts when the
question does not also ask whether an action is allowed, and an exception only counts when the
question asserts it (or asks when it applies) and nothing in it denies or doubts it.

All patterns run on text.clean() output: lower case, apostrophes dropped ("cant", "theres").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.policy.models import Rule, RuleException, Verdict

# --- "Information": the question asks what the documents say, not whether something is allowed.

# Who might do something. A yes/no question about a document ("does the brochure say
# anything...") asks what it says, so documents are only subjects of "why".
_ACTOR = (
    r"(?:i|we|u|you|staff|they|workers?|caseworkers?|employees?|lcsas?|dcss|the (?:agency|county"
    r"|state|office|department|dept)|it|this|that)"
)
_SUBJECT = rf"(?:{_ACTOR}|the (?:letter|policy|brochure|rule|rules|law))"
_INFORMATION = re.compile(
    # Why a rule exists: "why can't we just message them?", "why is it not allowed", "why do we
    # have to verify". Not a reported "asking why his payment is late", nor a suggestion
    # ("why don't I just...", "why not...", "why would we just...").
    rf"\bwhy (?:exactly |again |really |tho |though )?(?:{_SUBJECT} )?(?:cant|cannot|can not|couldnt|shouldnt|mustnt|arent|isnt|wont|doesnt)\b"
    rf"|\bwhy (?:are|r|is|am) {_SUBJECT} not\b"
    rf"|\bwhy (?:exactly |again |really |tho |though )?(?:{_SUBJECT} )?(?:can|may|must|should|have to|need to|got to|gotta|are|r|is|does|do|did|would)\b"
    r"(?! (?:i|we|u) (?:just|simply)\b)"
    # "what's the actual legal risk of DMing him": what the documents say could go wrong.
    r"|\b(?:whats|what is|what are|what would be|whats really|what exactly is|whats exactly|what really is) (?:the |a |my |our )?(?:\w+ ){0,2}?(?:risk|risks|danger|dangers|harm|downside|concern|exposure)\b"
    r"|\bwhy (?:is|are) (?:it|this|that|dming|messaging|friending|following) (?:not|never|so|such)\b"
    # "what's the reasoning the letter gives", "the rationale behind it"
    r"|\b(?:whats|what is|what are|what was|is there|theres|there is|any|the|a) (?:the |a |any )?"
    r"(?:actual |real |underlying |main |official |legal )?"
    r"(?:reasoning|rationale|justification|logic|reason|reasons|purpose)"
    r"(?: (?:for|behind|why|is|the|that|given))?\b(?! (?:i|we) (?:can|may)\b)"
    # Which sources may be used: "what sources can I use to confirm...", "which resources count",
    # "what can we use to verify it", "is there a list"
    r"|\b(?:what|which) (?:other |kinds? of |types? of |sorts? of )?(?:verification |normal |usual |acceptable |valid |approved )?(?:sources?|resources?)\b"
    r"|\bwhat (?:can|could|may|should|do|are) (?:we|i|staff|you) (?:be )?(?:allowed to |supposed to )?"
    r"use to (?:verify|confirm|check|corroborate|back up)\b"
    # What a term covers: "what counts as a valid verification source", "what qualifies as
    # confidential". ("Does this count as verified?" asks about one case: the rule's verdict.)
    r"|\bwhat (?:counts|qualifies|passes|is considered|would count) as\b"
    r"|\b(?:is there|theres|there is|do we have|do you have) (?:a |an )?(?:list|checklist)\b"
    # Consequences: "what happens to staff who...", "what are the consequences of..."
    # ("what happens now/next" asks what to do: the rule's verdict says it.)
    r"|\bwhat (?:happens|will happen|would happen|could happen|can happen|happened)\b"
    r"(?! (?:now|next)\b)"
    r"|\b(?:what|any) (?:are the |is the |kind of |kinds of )?(?:consequences?|penalt(?:y|ies))\b"
    # "are we accountable under law?" asks what the law holds staff to ("on the hook for keeping it
    # confidential?" asks for the duty, and keeps it).
    r"|\b(?:accountable|liable) (?:under|by|to) (?:the |any )?laws?\b"
    # What binds someone else: "is the court required to accept them?"
    r"|\b(?:is|are|would|will) (?:the )?(?:court|courts|judge|judges|commissioner)s? (?:\w+ )?(?:required|obligated|bound|forced|going)"
    r" to (?:accept|admit|allow|consider|take|use)\b"
    r"|\b(?:does|do|would|will) (?:the )?(?:court|courts|judge|judges|commissioner)s? (?:have to|need to|got to) (?:accept|admit|allow|consider|take|use)\b"
    # Who has the say: "who decides if a post can be used as evidence?"
    r"|\bwho (?:ultimately |actually |really |finally )?(?:decides|determines|gets to decide|makes the (?:call|decision)|(?:has|gets) the (?:final )?say)\b"
    r"|\b(?:is|its) (?:that |it |this )?up to the (?:judge|court|commissioner)s?(?: to decide)?\b"
    # What a document itself permits: "does 16-04 restrict us from using posts as evidence?" (asking
    # whether *we* may do it keeps the rule's verdict, and so does "does the letter say anything
    # about…", which our own set labels with the rule's verdict).
    r"|\b(?:does|do|did|will|would) (?:the |cssp |this |that )?(?:letter|(?:cssp |letter )?16.?04|brochure"
    r"|policy|guidance|state letter|social media letter|social media policy)\b(?:\s+\w+){0,2}?\s+"
    r"(?:restrict|restricts|limit|limits|permit|permits|prohibit|prohibits|put limits|put any limits)\b"
    # What the brochure tells parents: "what does the handout say about where info is kept", "how
    # does the brochure describe...", "do our DCSS materials acknowledge that?" (The brochure speaks
    # to parents, so staff quote it; what the Letter says we must do is asked of the rule itself.)
    r"|\b(?:what|how|where) (?:does|do|did) (?:the |our |this |that |dcss )?(?:dcss )?(?:confidentiality )?"
    r"(?:brochure|handout|pamphlet|materials)\b(?:\s+\w+){0,2}?\s+(?:say|says|describe|explain|put|call|mention|mean|means)\b"
    r"|\b(?:does|do) (?:the |our |this |that )?(?:dcss )?(?:confidentiality )?(?:brochure|handout|pamphlet|materials)"
    r" (?:\w+ )?(?:say|says|mention|acknowledge|address|describe|explain|talk|tell|promise)\b"
    # The scope of a permission: "what kinds of questions are we allowed to answer on the page?"
    r"|\bwhat (?:kinds?|types?|sorts?) of (?:\w+ ){1,2}does (?:the |this )?(?:policy|letter|rule|16.?04) (?:say|allow|let)\b"
    r"|\bwhat (?:kinds?|types?|sorts?) of (?:\w+ ){1,2}does (?:it|that|this|the letter|the policy|16.?04) (?:mean|cover|include|refer to)\b"
    r"|\bwhat (?:kinds?|types?|sorts?) of (?:\w+ ){1,2}(?:are|r|can|may|should|do) (?:we|i|staff|lcsas?) (?:actually |really )?(?:be )?"
    r"(?:allowed|permitted|able|supposed|look for|search for|look up|use|collect|gather)\b"
    # "what does 16-04 say is the actual risk", "what can we actually look for when doing locate?"
    r"|\bsays? (?:is|are) the (?:\w+ )?(?:risk|risks|danger|dangers|reason|reasons|problem)\b"
    r"|\bwhat (?:can|may|should) (?:we|i|staff) (?:actually |legally )?(?:look for|search for|look up|collect|gather)\b"
    r"|\bwhats the gist\b|\bthe gist of\b"
    # "what reason does the letter give?"
    r"|\bwhat (?:reason|reasons|rationale|justification|logic) (?:does|do|did|is|are|would)\b"
    # "what does the letter mean by 'private communication systems'? what are the examples"
    r"|\bwhat (?:does|do|did) (?:the |this |cssp )?(?:letter|brochure|policy|16.?04|rule) mean by\b"
    r"|\bwhat (?:are|r) (?:the |some )?examples\b"
    # "whats the exact wording?" asks for the text itself.
    r"|\b(?:exact|precise) (?:wording|words|language|quote|text|sentence)\b|\bactual (?:wording|words|language|quote)\b"
    r"|\bword for word\b|\bverbatim\b"
    r"|\bwording check\b|\bwant to quote (?:it|that|this|the brochure|the letter)\b"
    # "does 16-04 explain why social media is risky?", "accountable to what exactly?"
    r"|\b(?:letter|16.?04|brochure|policy|rule|it) (?:\w+ )?(?:explain|explains|say|says|spell out|spells out) why\b"
    r"|\baccountable (?:to|for) what\b"
    # "what's 22 CCR 113100 got to do with the social media policy?"
    r"|\bwhat(?:s| is| does| do)? (?:\w+ ){0,4}?(?:got|have|has) to do with\b"
    # "what are we actually allowed to use social media for case-wise?"
    r"|\bwhat (?:are|r|is) (?:we|i|staff|lcsas?) (?:actually |really )?(?:allowed|permitted|able) to use (?:\w+ ){0,3}?for\b"
    # "what's the agency page supposed to be for per the letter?"
    r"|\bwhat(?:s| is| are)? (?:\w+ ){0,3}?(?:supposed|meant|intended) to be (?:for|used for)\b"
    r"|\b(?:is|are) (?:it|they|the page|our page|the account|our account) (?:meant|supposed|intended) (?:for|to be for)\b"
    r"|\bwhat (?:info|information|kinds? of \w+|things) (?:is|does) (?:the |this )?(?:social media )?(?:letter|policy|16.?04)"
    r" (?:saying|say|says|allow|let) (?:we|i|staff|us) (?:can|may|to)\b"
    # "what is FC 17212?", "people keep saying 17212 - what is that?" ask what the law is; what it
    # requires of us is the duty itself.
    r"|\b(?:what is|whats|what are) (?:fc |family code |22 ccr |ccr |section |sec )?(?:17212|113100)\b(?!.*\b(?:require|requires|obligat\w*|duty|duties|make us|have to|must)\b)"
    r"|\b(?:17212|113100)\b.{0,20}\b(?:what is|whats) (?:that|this|it)\b(?!.*\b(?:require|requires|obligat\w*|duty|duties|make us|have to|must)\b)"
)
# Which law says so: "which family code section makes us keep it confidential", "what's the
# actual law that says we have to", "what regs cover verifying". Independent writers label these
# "Information" even when the law they ask for is a duty: they want the cite. Asking what the law
# makes us do ("what does 17212 require?") asks for the duty itself (_ASKS_LAWS_DUTY).
_WHICH_LAW = re.compile(
    r"\b(?:what|which|whats the) (?:\w+ ){0,2}?(?:code|section|statute|statutes|law|laws"
    r"|regulation|regulations|regs?|citation|cite)\b(?! (?:allows?|lets?|permits?) (?:us|me|staff)\b)"
    # "...because of some family code section. which one?"
    r"|\b(?:code|section|statute|law|regulation|reg|cite|citation)s?\b.{0,80}\b(?:which|what) one\b"
    # "is 22 CCR 113100 the reg for verifying...?"
    r"|\bis (?:\w+ ){0,2}\d+ the (?:right |correct |actual )?(?:reg|regulation|code|section|statute|law|cite|citation)\b"
)
_ASKS_LAWS_DUTY = re.compile(
    r"\bwhat (?:does|do|did|would|will) (?:\w+ ){1,4}?(?:require|requires|mandate|mandates|obligate"
    r"|make (?:us|me|staff|lcsas?|the agency|agencies) do|tell (?:us|me|staff) to do)\b"
)
# "is there a reg that says how we verify...": whether a rule of law exists. When it says what we
# must do ("is there a law that says we gotta keep it confidential") the duty is the answer.
_IS_THERE_LAW = re.compile(
    r"\b(?:is there|theres|there is|are there) (?:a |an |any |some )?(?:\w+ )?(?:code|section|statute|law|regulation"
    r"|reg|regs|regulations)s? (?:that|which) (?:says|say|covers|cover|explains|governs|tells|spells out)\b"
)
_ASKS_DUTY = re.compile(
    r"\b(?:duty|duties|require|requires|required|requirement|requirements|obligat\w*|mandat\w*"
    r"|have to|has to|got to|gotta|must|(?:make|makes|making) (?:us|me|staff|lcsas?|agencies|the agency) do)\b"
)
# A yes/no question about an action ("can I DM him?", "is it ok to...", "do we have to
# verify?") wants the rule's verdict, whatever else the question asks.
_CLAUSE_START = r"(?:^|[.?!;:,()/\n-]\s*|\b(?:and|but|so|or|also|then|like|ok|okay|q|quick)\s+)"
_YES_NO = re.compile(
    rf"{_CLAUSE_START}(?:can|could|may|might|should|shall|must|am|are|is|do|does|did|will|would"
    rf"|cant|shouldnt|isnt|arent|wouldnt)\s+(?:{_ACTOR}|one of us|someone|anyone)\b"
    r"|\b(?:ok|okay|alright|fine|allowed|permitted|legal|kosher|cool|safe) (?:to|if|for)\b"
    r"|\b(?:allowed|permitted|permissible|prohibited|forbidden|banned)\b"
    r"|\b(?:if|whether) (?:i|we|staff|they|you|one of us) (?:can|could|may|should|must|have to"
    r"|need to|am|are)\b"
    r"|\b(?:any|a) (?:problem|issue) (?:with|if)\b"
    # "...is linkedin ok?", "is his facebook good enough on its own?"
    r"|\b(?:ok|okay|alright|fine|kosher|legit|acceptable|cool)\s*(?:\?|$)"
    r"|\b(?:good enough|enough on its own|sufficient|suffice|suffices)\b"
)


# A why-clause up to the next punctuation: its "allowed" ("why aren't we allowed to DM them")
# is part of the why, not a separate yes/no question. So are "am I accountable under the law" and
# "is it considered sensitive".
_WHY_CLAUSE = re.compile(
    r"\bwhy\b[^,.?!;:\n]*|\bwhat (?:\w+ ){0,3}?(?:are|r|is|am) (?:we|i|staff) (?:allowed|permitted) to\b"
    r"|\b(?:am|are|is|would|will) (?:i|we|staff|they|you|employees)\b[^,.?!;:\n]*\b(?:accountable|liable) (?:under|by|to) (?:the |any )?laws?\b"
    # "Not asking if we can DM them, I know we can't": the yes/no is set aside, not asked.
    r"|\b(?:not|im not|i am not|i'm not) asking (?:if|whether|about whether)\b[^.?!;:\n]*"
    r"|\bi know (?:we|i|staff) (?:cant|cannot|can not|are not allowed|arent allowed)\b[^.?!;:\n]*"
    # "how does the brochure describe it - is it considered sensitive?" asks what it says.
    r"|\b(?:is|are) (?:it|that|this|they|those|these) (?:considered|described as|called|seen as)\b[^,.?!;:\n]*"
    # "what sources count? does it have to be a special type of source?" asks what the rule says.
    r"|\bdoes (?:it|that|this) (?:have|need) to (?:be|come from)\b[^,.?!;:\n]*"
    # "why does 16-04 treat it as so risky? is it bc its public?": a guess at the reason.
    r"|\bis (?:it|that) (?:bc|b/c|because|cause|cuz|due to)\b[^?!;:\n]*"
    # "is it meant for case questions or just general stuff?" asks what the page is for.
    r"|\b(?:is|are) (?:it|they|the page|our page|the account|our account) (?:meant|supposed|intended) (?:for|to be for)\b[^?!;:\n]*"
)


# "Any reason we can't?" is "can we?" in other words (unlike "what's the reason we can't?").
_ANY_REASON_NOT = re.compile(
    r"\b(?:any|is there any|is there a|is there some|theres no|there is no|no) (?:good |real )?reasons? (?:why )?"
    r"(?:i|we|u|you|staff) (?:cant|cannot|can not|couldnt|shouldnt|wouldnt|mustnt)\b"
)


# A parent's question relayed to be answered from the brochure ("customer asked if DCSS will ever
# give her info to her ex - what's the official answer per the brochure?", "what can I tell her
# from the brochure to reassure her"): what the brochure says, unless we ask about our own action.
_RELAYED = re.compile(
    r"\b(?:customer|caller|cp|ncp|parent|mom|dad|participant|client|she|he|they|someone|somebody|commenter|people|ppl)s? (?:\w+ )?(?:(?:asked|asks|asking) (?:if|whether|me if|us if|how|who)"
    r"|wants to know|wanted to know|is worried|is terrified|is scared|is afraid|is nervous|keeps asking|is furious|is upset|is angry)\b"
    r"|\breassure\b|\b(?:tell|explain to|say to) (?:her|him|them|the (?:cp|ncp|parent|customer|caller))\b"
)
_ASKS_BROCHURE = re.compile(
    r"\b(?:per|from|according to|in) (?:the|our) (?:dcss )?(?:confidentiality )?(?:brochure|handout|pamphlet)\b"
    r"|\b(?:what|how) (?:does|do|did|can|could|should|would) (?:\w+ ){0,4}?(?:brochure|handout|pamphlet)\b"
    r"|\bofficial (?:answer|line|wording)\b"
    # "what does DCSS tell customers about...", "what's DCSS's stance / line on releasing info?"
    r"|\bwhat (?:does|do|did) dcss (?:tell|say to|promise|guarantee)\b|\bdcss (?:stance|line|position)\b"
)
# "CP is scared the NCP will get her info from us. what do I tell her?" asks what the brochure
# promises; "the NCP's ex is asking where he lives, what can I tell her" asks what to disclose.
_WHAT_TO_TELL = re.compile(
    r"\bwhat (?:do|can|should) (?:i|we) (?:tell|say to) (?:her|him|them|the (?:cp|ncp|parent|customer|caller))\b"
    r"(?! about (?:his|her|their|the (?:ncp|cp|other)))"
)
_ASKS_FOR_DETAILS = re.compile(
    r"\b(?:ask|asks|asking|asked|wants?|wanting|know) (?:\w+ ){0,2}?(?:where|for (?:his|her|their|the))\b"
    r"|\bknow (?:his|her|their)\b|\bhow much (?:he|she|they) (?:still |actually |really )?(?:owes?|makes?|earns?|pays?)\b"
)
_OUR_ACTION_ASKED = re.compile(
    rf"{_CLAUSE_START}(?:can|could|may|should|must|do|am|are)\s+(?:i|we|u|staff|one of us)\b(?! (?:reassure|tell (?:her|him|them) (?:what|that) the brochure)\b)"
    r"|\b(?:ok|okay|allowed|permitted) (?:to|if)\b"
)


def asks_information(cleaned: str) -> bool:
    """The question asks why a rule exists, which sources it allows, or what happens."""
    if _ANY_REASON_NOT.search(cleaned):
        return False
    if _RELAYED.search(cleaned) and not _OUR_ACTION_ASKED.search(cleaned) and (
        _ASKS_BROCHURE.search(cleaned) or (_WHAT_TO_TELL.search(cleaned) and not _ASKS_FOR_DETAILS.search(cleaned))
    ):
        return True
    if not (
        _INFORMATION.search(cleaned)
        or (_WHICH_LAW.search(cleaned) and not _ASKS_LAWS_DUTY.search(cleaned))
        or (_IS_THERE_LAW.search(cleaned) and not _ASKS_DUTY.search(cleaned))
    ):
        return False
    return not _YES_NO.search(_WHY_CLAUSE.sub(" . ", cleaned))


# --- Exceptions: the question asserts one, or asks when one applies.

# "when is DCSS allowed to release...", "under what circumstances can we share..."
_ASKS_WHEN = re.compile(
    r"\bwhen (?:is|are|am|can|may|could|would|will|does|do|should)\b(?:\s+\w+){0,4}?\s+"
    r"(?:allowed|permitted|authorized|ok|okay|allow|allows|permit|permits|ever|legal)\b"
    r"|\bunder what (?:circumstances|conditions)\b|\bin what (?:cases|situations|circumstances)\b"
    r"|\b(?:what|which) (?:are the )?(?:exceptions?|circumstances|situations)\b"
    r"|\b(?:are there|is there) (?:an |any )?exceptions?\b"
    # "is there ever a situation where we can give one parent's info to the other?"
    r"|\b(?:is there|are there|would there be) (?:ever )?(?:an? |any )?(?:situations?|cases?|times?|circumstances?"
    r"|scenarios?|instances?) (?:where|when|in which)\b"
    r"|\b(?:is it|are we) ever (?:allowed|permitted|ok|okay|able)\b"
    # "can the other parent EVER get my info?"
    r"|\b(?:can|could|will|would) (?:the |my |her |his )?(?:\w+ ){1,2}ever (?:get|see|have|access|obtain|find out|be given|learn"
    r"|be shared|be released|be disclosed|be given out|go to|end up)\b"
    # "can we ever give the CP the NCP's address? or is it a hard no"
    r"|\b(?:can|could|may) (?:we|i|dcss|the agency|staff) ever\b"
    # "is there ANY way we can release that to her?", "when (if ever) can we release it?"
    r"|\b(?:is there|are there|would there be) (?:ever )?(?:any|some) ways? (?:we|i|dcss|the agency|staff|that|to|for|he|she|they|the (?:ncp|cp|other parent))\b"
    r"|\bwhen,? if ever\b|\bif ever\b"
)
# A yes/no question about doing it now ("can I give her the address?") is not asking when.
# ("When (if ever) can we release it?" asks when.)
_ASKS_NOW = re.compile(
    rf"(?<!if ever){_CLAUSE_START}(?:can|could|may|should|shall|must|do|does)\s+(?:i|we|u|you|staff|one of us)\b(?! ever\b)"
    r"|\b(?:is|it|its) (?:it |that |this )?(?:ok|okay|alright|fine) (?:to|if)\b"
)
# Anything that denies or doubts the exception keeps the rule's verdict. Any negation at all
# ("no court order", "the order says nothing about his address", "nothing legally requires
# us"), a question about the order rather than an order ("do we need a court order", "does she
# have one?") or a doubtful order ("supposedly", "unsigned"). Someone's word for it ("she says she
# has a court order letting her get his info") is not a doubt: every independent writer answered it
# with the exception's conditions, which say the order itself must be checked.
_DENIES_EXCEPTION = re.compile(
    # "or is it all confidential no matter what", "or is it a hard no" deny nothing;
    # "I told her no, but is there any situation..." reports an answer; it denies nothing either.
    # Nor do doubts about oneself: "I've never dealt with this before", "not sure if that's a party we can share with".
    r"\b(?:(?<!hard )(?<!told her )(?<!told him )(?<!told them )(?<!gut says )(?<!gut said )(?<!i said )(?<!we said )no(?! matter\b)|not(?! (?:sure|certain)\b)|none|nothing"
    r"|never(?! (?:dealt|done|handled|seen|encountered|been asked|worked)\b)|without|neither|nor|unless|until|except|isnt|arent|wasnt"
    r"|werent|dont|doesnt|didnt|cant|cannot|wont|wouldnt|shouldnt|havent|hasnt|hadnt)\b"
)
_DOUBTS_EXCEPTION = re.compile(
    _DENIES_EXCEPTION.pattern + r"|\b(?:lacks?|lacking|missing|need|needs|needed|require|requires|any|expired|old|pending"
    r"|requested|requesting|applied|applying|waiting|getting|get|obtain)"
    r"\b(?:\s+\w+){0,3}?\s+(?:court|courts|judge|judges|commissioner|order|orders|ordered|law|laws"
    r"|legal|legally|subpoena|subpoenas|warrant|warrants|statute|statutes|required|requirement)\b"
    r"|\b(?:does|do|did|will|would|has|have) (?:she|he|they|the cp|the ncp|cp|ncp|the parent|the"
    r" other parent|the caller|it|we|you) (?:\w+ )?(?:have|has|got|get|need|show|bring|provide)\b"
    r"|\b(?:are|is|am|was|were) (?:we|i|dcss|it|the agency|they|you|staff|this|that|release"
    r"|disclosure) (?:\w+ )?(?:legally|required|obligated|mandated|compelled)\b"
    r"|\b(?:supposedly|allegedly|apparently|fake|forged|unsigned|unverified|draft|proposed|swears|swore|insists|insisted)\b"
)


# A doubt, then the question asked about the real thing: "does she even have one? if she actually
# brings it in, can we share it then?", "if there really is an order, can we?". Independent writers
# answer that case with the exception's conditions, which say the order itself must be checked.
_IF_THE_ORDER_IS_REAL = re.compile(
    r"\bif (?:she|he|they|the cp|the ncp|the parent|the attorney|their attorney|her attorney|his attorney|there)"
    r" (?:really |actually |truly |in fact )?(?:brings?|shows?|has|have|provides?|produces?|gets?|is|are|turns? in)"
    r" (?:in |us )?(?:a |an |the |that |this )?(?:valid |signed |real |actual |certified )?(?:court )?orders?\b"
    # "they're getting a court order. once there's an order can we release it?"
    r"|\bonce (?:there is|theres|there|they have|they get|she has|he has|she gets|he gets|we have|we get|it is|its)"
    r" (?:a |an |the )?(?:signed |valid |real )?(?:court )?orders?\b"
    # "he says he's getting one. if he does get one, can we share it then?"
    r"|\bif (?:she|he|they|the attorney|their attorney|her attorney|his attorney) (?:does |do |really |actually |ever )?"
    r"(?:gets?|obtains?|brings?) (?:one|it|that|the order)\b"
)


# "do we give it to him or not?" asks the question both ways; it denies nothing.
_OR_NOT = re.compile(r"\b(?:whether )?or not\b|\bor (?:is (?:that|it) )?never(?: ever)?(?: allowed| ok| okay| possible)?\b")
_NOT_SOMEONE = re.compile(
    r"\(?\bnot (?:law enforcement|police|the police|a cop|a detective|an attorney|a lawyer"
    r"|(?:our|this|the same) (?:office|agency|unit|dept|department|county))\b\)?"
)
# "I know we normally don't share between parents - was this one ok?" states the rule, and
# denies nothing about the order the question goes on to name.
_AS_A_RULE_NOT = re.compile(
    r"\b(?:normally|usually|generally|typically|ordinarily) (?:we |dcss |staff )?(?:dont|do not|cant|cannot|wont|arent|are not)\b"
)
# "brochure says we don't release info... is there any exception to that?" asks for the exception
# whatever the question quotes.
_ASKS_FOR_THE_EXCEPTION = re.compile(
    r"\b(?:is there|are there|theres|there are) (?:an? |any |some )?exceptions?\b|\bany exceptions?\b(?! (?:and|so|to make)\b)"
)
# "can we make an exception and give her the address?" asks to break the rule, not about its exception.
_MAKE_AN_EXCEPTION = re.compile(r"\b(?:make|makes|making|made) (?:an? |one |the )?exceptions?\b")


@dataclass(frozen=True, slots=True)
class ExceptionCues:
    """A rule's exception patterns, compiled once: what asserts it, and who it is for."""

    asserts: re.Pattern[str] | None
    requesters: re.Pattern[str] | None
    answers_when: bool = True
    negation_denies: bool = True

    @classmethod
    def compile(cls, exception: RuleException) -> ExceptionCues:
        return cls(
            _whole_words(exception.cues),
            _whole_words(exception.requesters),
            exception.answers_when,
            exception.negation_denies,
        )


def _whole_words(patterns: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for a list of regexes, matched as whole words on cleaned text."""
    joined = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(rf"(?<![a-z0-9])(?:{joined})(?![a-z0-9])") if joined else None


def exception_applies(cleaned: str, cues: ExceptionCues | None) -> bool:
    """The question asserts a rule's exception (its cues), or asks when it applies, and
    nothing in it denies or doubts the exception.

    A request from someone the exception is for (a detective, for "authorized authorities") is
    the case the exception's conditions are written for, so only an outright denial ("no
    subpoena", "without a warrant") keeps the rule's verdict: "he says the law requires it"
    still gets the conditions, which say a claim alone is not enough.
    """
    cleaned = _OR_NOT.sub(" ", cleaned)
    # "another county dept (not law enforcement) asked...": who they are not, not a denial.
    cleaned = _NOT_SOMEONE.sub(" ", cleaned)
    cleaned = _AS_A_RULE_NOT.sub(" ", cleaned)
    if (
        cues is not None and cues.answers_when and cues.negation_denies
        and _ASKS_FOR_THE_EXCEPTION.search(cleaned) and not _MAKE_AN_EXCEPTION.search(cleaned)
    ):
        return True
    if cues is not None and not cues.negation_denies:
        return cues.asserts is not None and bool(cues.asserts.search(cleaned))
    if cues is not None and cues.requesters is not None and cues.requesters.search(cleaned):
        if not _DENIES_EXCEPTION.search(cleaned):
            return True
    if _DOUBTS_EXCEPTION.search(cleaned) and not (
        _IF_THE_ORDER_IS_REAL.search(cleaned) and not _DENIES_EXCEPTION.search(cleaned)
    ):
        return False
    if cues is not None and cues.asserts is not None and cues.asserts.search(cleaned):
        return True
    if cues is not None and not cues.answers_when:
        return False
    return bool(_ASKS_WHEN.search(cleaned)) and not _ASKS_NOW.search(cleaned)


# --- "Allowed": whether a permission exists at all ("can we use social media for locate at
# all, or is that a no-go?"). Independent writers answer the permission itself, "Allowed"; the
# conditions are still shown, under the rule's own verdict (render.rule_verdict_note).
_IN_PRINCIPLE = re.compile(r"\bat all\b|\bfair game\b|\bapproved (?:\w+ )?tools?\b|\bgr[ae]y area\b")
# "He has no social media at all" says nothing about the permission.
_NEGATED_AT_ALL = re.compile(r"\b(?:no|not|none|nothing|never|without)\b(?:\s+\w+){0,3}\s+at all\b")


def asks_in_principle(cleaned: str) -> bool:
    return bool(_IN_PRINCIPLE.search(cleaned)) and not _NEGATED_AT_ALL.search(cleaned)


def answer_verdict(
    rule: Rule, cleaned: str, cues: Sequence[ExceptionCues], information: bool
) -> tuple[Verdict, RuleException | None]:
    """The verdict the question asks for, and the exception it invoked (if any).

    `cues` are the compiled cues of rule.exceptions, in the same order; `information` is
    asks_information(cleaned), computed once per question by the caller.
    """
    for exception, exception_cues in zip(rule.exceptions, cues, strict=True):
        # Some permissions ("the usual sources will do") do not answer a question about what the
        # documents say ("what counts as verifying it? does it need to be something specific?").
        if information and exception.information_first:
            continue
        if exception_applies(cleaned, exception_cues):
            return exception.verdict, exception
    if rule.verdict is not Verdict.INFORMATION and information:
        return Verdict.INFORMATION, None
    if rule.verdict is Verdict.ALLOWED_WITH_CONDITIONS and asks_in_principle(cleaned):
        return Verdict.ALLOWED, None
    return rule.verdict, None
