"""How articles report speech: the verbs that say someone spoke, and the words around a speaker's name.

The patterns match on the normalised text (see ``text.normalise``), so one apostrophe or space
stands for all of them; the attribution rules in ``attribution`` say where each one is tried.
"""

import re


def word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# --- Speech verbs -----------------------------------------------------------------------------

# Verbs that say someone spoke, or held a view they stated: they name a quote's speaker.
_SPEECH_VERBS = (
    "said|says|stated|states|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|underlined|underscored|added|adds|"
    "noted|notes|told|tells|wrote|writes|tweeted|explained|declared|announced|remarked|insisted|insists|warned|"
    "argued|acknowledged|admitted|asked|replied|answered|continued|concluded|commented|described|called|"
    "reiterated|pointed out|claimed|claims|confirmed|mentioned|recalled|urged|highlighted|expressed|assured|"
    "assures|responded|believes|thinks|hopes|considers|vowed|promised|pledged|posted|repeated|indicated|"
    "signall?ed|hinted|revealed|disclosed|clarified|observed|predicted|suggested|reaffirmed|maintained|asserted|"
    "contended|conceded|complained|lamented|alleged|informed|estimated|specified|made\\s+(?:it\\s+)?clear|put\\s+it|"
    "went on"
)
# Verbs after which the rest of the sentence is what was said, so it can be a paraphrase.
REPORTING_VERBS = word_set(
    "said says stated states stressed stresses emphasised emphasized emphasises emphasizes underlined "
    "underscored added adds noted notes told tells explained declared announced insisted insists warned "
    "argued acknowledged admitted reiterated claimed claims confirmed mentioned recalled believes "
    "expressed replied responded answered assured assures wrote writes tweeted posted repeated indicated "
    "signaled signalled hinted revealed disclosed clarified observed predicted suggested reaffirmed maintained "
    "asserted contended conceded complained lamented alleged informed estimated specified hopes thinks"
) | {"pointed out", "made clear", "made it clear"}
# Verbs after which a reported clause is someone else's words, relayed: "Lavrov said Putin believes …".
RELAYING_VERBS = REPORTING_VERBS | word_set("told tells thinks hopes considers")
DIRECT_CLAUSE_VERBS = word_set("said says stated stressed added noted believes insisted insists warned argued")
# Verbs that also take a plain object ("announced the visit"): a clause after them needs a verb of its own.
OBJECT_VERBS = word_set(
    "announced confirmed acknowledged admitted claimed reiterated replied responded assured told tells hopes thinks "
    "revealed predicted suggested maintained"
)
# What may stand between a subject and its verb: "(R)", ", commenting on …,", "also", "has".
TO_VERB = re.compile(
    r"(?:\s*\([^()]{0,20}\))?(?:\s*,[^,.;:\"“”]{1,150},)?"
    r"(?:\s+(?:also|further|then|again|later|earlier|repeatedly|once|has|have|had|\w+ly))*"
    rf"\s+(?P<verb>{_SPEECH_VERBS})(?!\w)"
)
# Verbs that judge rather than report, which name a quote's speaker when no speech verb does:
# "Quispe hailed the deal as “historic”", "Lavrov dismissed the report as “nonsense”".
EVALUATIVE_VERB = re.compile(
    r"(?:\s*,[^,.;:\"“”]{1,150},)?(?:\s+(?:also|then|again|later|earlier|has|have|had|\w+ly))*"
    r"\s+(?P<verb>hailed|praised|welcomed|dismissed|condemned|denounced|critici[sz]ed|slammed|rejected|lauded|"
    r"labell?ed|dubbed|branded|termed|defended|accused|blamed|spoke\s+of|referred\s+to)(?!\w)"
)
# Verbs whose object is what was said, so the statement runs from the verb: "Lavrov expressed concern
# about …", "the ministry called for restraint", "Quispe reaffirmed Peru's support for …".
ACT_VERB = re.compile(
    r"(?:\s*,[^,.;:\"“”]{1,150},)?(?:\s+(?:also|further|then|again|later|earlier|once|has|have|had|\w+ly))*"
    r"\s+(?P<verb>expressed|reaffirmed|reiterated|highlighted|emphasi[sz]ed|underlined|underscored|stressed|"
    r"called\s+(?:for|on)|called|urged|welcomed|mentioned|voiced|proposed|suggested|condemned|denounced|praised|"
    r"critici[sz]ed|rejected|dismissed|denied|warned|raised|pledged|promised|vowed|described|outlined|reported|"
    r"appealed|commended|applauded|deplored|regretted|insisted\s+on)(?!\w)"
)
# The verbs of stance that are a statement when an institution or a spokesperson reports them.
STANCE_VERBS = word_set(
    "welcomed underscored stressed reaffirmed reiterated expressed voiced proposed urged condemned rejected "
    "emphasised emphasized underlined highlighted"
) | {"called for", "called on"}
SPOKESPERSON = re.compile(r"spokes|press\s+(?:secretary|officer|attach)|secretary\s+for\s+the\s+press", re.IGNORECASE)
# "welcomed Tillerson at the airport": a greeting, not a statement.
GREETED = re.compile(r"\s+(?:[A-Z](?![\w.-]*'s?\s)|the\s+(?:visiting|delegation|guests?)\b)")


# --- Who speaks, and where the words say so ---------------------------------------------------

# Titles before the name that opens a relayed clause, lower-case too: "said minister Haddad told …".
CLAUSE_TITLES = re.compile(
    r"\s*(?:(?:[A-Z][\w.'-]*|of|the|minister|president|foreign|prime|deputy|secretary|state|ambassador|envoy|king|"
    r"crown|prince|chancellor|premier|spokes(?:man|woman|person))\s+){0,5}"
)
# A name the finder may not know: two to four capitalised words ("Maria Ruiz", "Jean-Luc O'Neill").
NAME_RUN = re.compile(r"(?<![\w'])(?:[A-Z][\w'.-]*\s+){1,3}[A-Z][\w'-]+(?![\w'])")
# Capitalised words that open a sentence or an office, not a name: "The", "Foreign Minister".
NOT_NAME_WORDS = word_set(
    "The A An In On At As After Before When While But And If According Asked Speaking Meanwhile Later Earlier "
    "Ministry Department Office Council Committee Commission Agency Embassy Government Palace House Union"
)
# "Benali, who said …", "Quispe, who also spoke to reporters, said": a relative clause names the speaker too.
WHO = re.compile(r"\s*,\s*who(?=\s)")
# Who speaks for someone or a body, unnamed: "Mwangi's office said", "a Downing Street spokesman said".
REPRESENTATIVE = re.compile(
    r"(?:'s?)?\s+(?:[\w-]+\s+)?(?:office|press\s+(?:service|office|secretary)|spokes(?:man|woman|person)|"
    r"representative|aides?|officials?|team|statement|readout|communiqu[eé])(?!\w)"
)
# A document that speaks: "a statement said", "the readout, released late on Friday, said".
DOCUMENT = re.compile(
    r"(?<!\w)(?P<cue>(?:an?|the|its|their)\s+(?:(?:joint|written|brief|short|separate|official|later|earlier|"
    r"subsequent|final|closing|[\w]+-\w+)\s+)?(?P<body>(?:foreign\s+)?(?:ministry|department|government|office|"
    r"presidency|embassy|palace)\s+)?(?:statement|readout|read-out|communiqu[eé]|press\s+release|"
    r"release|transcript|declaration))(?:\s+(?P<owner>(?:from|by|of|issued\s+by)\s+[^,.;:\"“”]{1,60}?))?"
    r"(?=(?:\s*,[^,.;:\"“”]{1,150},)?\s+(?:said|says|stated|states|added|noted|stressed|read|reads|announced|"
    r"confirmed)(?!\w))",
    re.IGNORECASE,
)
# "a statement carried by the news agency", "issued on Sunday": no clause, however it follows "said".
PARTICIPLE_ADJUNCT = re.compile(r"\w+ed\s+(?:by|on|in|via|through|from|late|early|after)\b", re.IGNORECASE)
# A clause that ends with who reported it: "…, according to a ministry statement".
TRAILING_SOURCE = re.compile(r"(?<=[,\"”»])\s*,?\s*according\s+to\s+[^,.;:\"“”«»„‹]{1,80}$", re.IGNORECASE)
# The words that bring in a quote after what the subject did: "Quispe thanked Lavrov, saying: “…”".
SAYING_COLON = re.compile(
    r",\s*(?:saying|adding|noting|stressing|declaring|writing|telling\s+[^,.;:\"“”]{1,40}?)\s*:?\s*$", re.IGNORECASE
)
# Between a quote and its trailing speaker only title words may stand, not another clause.
TITLE_WORDS = re.compile(
    r"[\s,—–-]*(?:(?!(?:while|and|but|as|when|whereas|after|before|because|although|though|which|who|that|if|since|so)"
    r"(?!\w))(?:(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Prof|Amb|Lt|Col)\.|[^.!?;:\"“”,\s]+)\s+)*",
    re.IGNORECASE,
)
TRAILING_VERB_FIRST = re.compile(rf"[\s,—–-]*(?P<cue>{_SPEECH_VERBS})(?!\w)")
# "according to Lavrov", "according to Russian presidential spokesman Dmitry Peskov", "in the words of …".
ACCORDING_TO = re.compile(r"(?:according\s+to|in\s+the\s+words\s+of)(?:\s+[^\s,.;:\"“”]+){0,5}?\s+$", re.IGNORECASE)
TRAILING_ACCORDING_TO = re.compile(r"[\s,]*(?P<cue>according\s+to)\s+", re.IGNORECASE)
# The comma closing "According to X (WHO), …", "according to a Kremlin readout, …", "according to
# Lavrov, who spoke after the talks, …".
COMMA_AFTER_NAME = re.compile(
    r"(?:'s?)?(?:\s+(?:readout|read-out|statement|transcript|communiqu[eé]|account))?(?:\s*\([^()]{1,30}\))?"
    r"(?:\s*,\s*who\s[^,.;:\"“”]{1,80})?\s*,\s*",
    re.IGNORECASE,
)
AS_BEFORE = re.compile(r"(?:^|[\s,])as\s+$", re.IGNORECASE)
IN_HIS_WORDS = re.compile(r"(?:in|to)\s+(?:his|her)\s+(?:opinion|words|view|mind)|according\s+to\s+(?:him|her)", re.I)
CONNECTOR = re.compile(r"\s*(?:[A-Z][\w ]{0,30},\s*)?")
POSSESSIVE = re.compile(r"'s?(?!\w)")
# How far after a quote its speaker may be named, and how long a bare attribution may run on.
TRAIL_WINDOW = 130
BARE_ATTRIBUTION_TAIL = 60


# --- What was said: the reported clause -------------------------------------------------------

# "… said that X", "… told Sputnik on Wednesday that X", "… said, as quoted by Y, that X".
THAT_CLAUSE = re.compile(r"(?:\s*,[^,.;:\"“”]{1,80},)?(?:\s+[^\s,.;:\"“”]+){0,14}?\s+that\s+")
# "Lavrov said Russia …": a clause straight after the verb, unless a preposition starts an adjunct.
NEXT_WORD = re.compile(r"\s+(\w[\w'-]*)")
NOT_A_CLAUSE = word_set(
    "on in at after before during to about this so as while when it for with by of against nothing and or but "
    "was were is are had has have"
)
# "said it would", "said this was": "it" and "this" open a clause when a verb follows them.
SUBJECT_PRONOUN_CLAUSE = re.compile(
    r"(?:it|this)\s+(?:would|will|was|is|had|has|could|should|might|may|must|did|does|remained|remains|"
    r"wanted|wants|hoped|hopes|expected|expects|saw|sees|needed|needs|\w+ed)(?!\w)",
    re.IGNORECASE,
)
# A finite verb early in a clause without "that": "France would double …", "the talks had been …".
FINITE_VERB = re.compile(
    r"(?:\S+\s+){0,7}?(?:would|will|was|were|is|are|had|has|have|could|can|should|must|may|might|did|does|do|"
    r"remains?|remained|\w+ed)(?!\w)",
    re.IGNORECASE,
)
# "said two days before the US launched …": when it was said, not what.
TIME_CLAUSE = re.compile(
    r"(?:\w+\s+){0,2}(?:minutes?|hours?|days?|weeks?|months?|years?|moments?)\s+(?:before|after|later|earlier|ago)\b",
    re.IGNORECASE,
)
# What may stand between "said" and a clause without "that": when, where and how it was said.
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
ADJUNCTS = re.compile(
    rf"""
    (?:\s*,)?(?:\s+(?:
        (?:(?:late|early)\s+)?(?:on\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?
      | (?:on\s+)?(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?
      | yesterday | today | earlier | later | afterwards | again | also | separately
      | (?:last|this|next)\s+(?:week|month|year)
      | on\s+(?:Twitter|X|Facebook|Telegram|social\s+media|state\s+television|television|radio)
      | (?:by|over\s+the)\s+(?:tele)?phone
      | in\s+(?:a|an|the|his|her|its|their)\s+(?:[\w-]+\s+){{0,2}}?(?:statement|interview|speech|briefing|address|
            post|message|tweet|letter|remarks|comments|conversation|call|meeting)
            (?:\s+(?:with|to|on|at|in|for)\s+(?:the\s+)?[A-Z][\w.'&-]*(?:\s+[A-Z][\w.'&-]*){{0,3}})?
      | at\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,2}}?(?:conference|briefing|meeting|summit|ceremony|event|forum|session|
            rally|dinner|reception)(?:\s+(?:in|with)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)?
      | after\s+(?:the|a|his|her|their)\s+(?:[\w-]+\s+){{0,2}}?(?:talks|meeting|meetings|call|visit|summit|session)
            (?:\s+with\s+(?:[A-Z][\w-]*\s*){{1,3}})?
      | in\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?
    ))*(?:\s*,)?
    """,
    re.VERBOSE,
)
# Who was told: "told reporters", "told the BBC", "told a news conference in Lima", "told him".
AUDIENCE = re.compile(
    r"""
    \s+(?:him|her|them|us|me
      | (?:(?:the|a|an)\s+)?(?:[\w-]+\s+){0,3}?(?:reporters|journalists|correspondents|press|media|conference|briefing|
            parliament|lawmakers|legislators|senators|deputies|MPs|agency|broadcaster|newspaper|daily|television|
            radio|channel|audience|crowd|students|diplomats|envoys|ambassadors|counterparts?|colleagues|
            delegates|delegation|summit|forum|assembly|session|meeting)
      | (?:The\s+)?[A-Z][\w.&'-]*(?:\s+(?:of\s+)?[A-Z][\w.&'-]*){0,3})
    (?:\s*,?\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}\s*,?)?    # and a name: "his counterpart Mevlüt Demir"
    """,
    re.VERBOSE,
)
# Reported speech after the attribution: "…, Demin said, adding that …", "…, expressing hope that …",
# "… “…” and that …".
PARTICIPLE_CLAUSE = re.compile(
    r"(?:(?<!\bas),?\s+(?:adding|saying|noting|stressing|insisting|warning|explaining|arguing|stating|emphasi[sz]ing|"
    r"underlining|expressing\s+(?:(?:his|her|their)\s+)?(?:hope|concern|confidence|regret|satisfaction))\s+|"
    r",?\s+and\s+(?=that\s))(?:that\s+)?",
    re.IGNORECASE,
)
# Where the speaker's own action resumes after a reported clause: "…, but did not comment on …",
# "…, but declined to say …", "… and thanked …" (with no subject of its own, the verb is the speaker's).
SPEAKER_RESUMES = re.compile(
    r",\s+(?:but|and)\s+(?:(?:did|does|do|would|could|has|had)\s+not|declined|refused|gave\s+no|offered\s+no|"
    r"stopped\s+short|would\s+not\s+say)\b"
    # "… and thanked London for its help": an act of the speaker's, not more of what was said.
    r"|,?\s+and\s+(?:then\s+|also\s+|later\s+)?(?:thanked|invited|welcomed|praised|condemned|signed|met|visited|"
    r"left|arrived|shook|handed|presented|laid|toured)\b",
    re.IGNORECASE,
)
