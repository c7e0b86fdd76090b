"""The words the meeting finder reads: its phrase tables and compiled patterns.

``proposed_meetings`` holds the logic; this module holds what it looks for, each table with the rule it
serves. Patterns are compiled once, at import.
"""

import re

from ..choices import DatePrecision, MeetingKind, ParticipantRole
from .speech import word_set

Kind, Role = MeetingKind, ParticipantRole


def words(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# --- The words that report a meeting -------------------------------------------------------------

# How words count: alone; only pointing back; with a participant as their object; as a name; only giving roles
# ("co-chaired by", which says who hosts a meeting other words report).
STRONG, WEAK, OBJECT, NAMED, ROLES = "strong", "weak", "object", "named", "roles"
# (kind, how they count, the roles of who stands before and after them, the words)
TRIGGERS: tuple[tuple[str, str, tuple[str, str] | None, str], ...] = (
    (Kind.PHONE_CALL, STRONG, (Role.RECIPIENT, Role.CALLER),
     r"(?:received|took|got|had)\s+an?\s+(?:[\w-]+\s+)?call\s+from"),
    (Kind.PHONE_CALL, STRONG, None, r"(?:tele)?phone[\s-]+(?:call|conversation|talk)s?|video\s*(?:call|conference)|"
     r"(?:spoke|spoken|speak|speaks|speaking)\s+(?:by|on\s+the|over\s+the)\s+(?:tele)?phone|(?:tele)?phoned|an?\s+call\s+(?:with|from|between)|"
     r"(?:spoke|spoken|speaks?|speaking|talked)\s+(?:with|to)\s+[^.,;:]{3,80}?\s+(?:by|on\s+the|over\s+the)\s+(?:tele)?phone"),
    (Kind.PHONE_CALL, OBJECT, (Role.CALLER, Role.RECIPIENT), r"(?:called|calls|rang|will\s+call)"
     r"(?!\s+(?:on|for|off|it|in|upon|back|out|up)\b)"),
    # A joint press conference is a meeting; one person's briefing only as a session of a visit, or with another.
    (Kind.PRESS_CONFERENCE, STRONG, None, r"joint\s+(?:press|news|media)\s+(?:conference|briefing|point|appearance)|"
     r"(?:spoke|speaking|talking|talked)\s+to\s+(?:reporters|journalists|the\s+press|the\s+media)\s+alongside|"
     r"(?:press|news)\s+conference\s+(?:with|alongside)"),
    (Kind.PRESS_CONFERENCE, WEAK, None, r"(?:press|news)\s+conference|press\s+briefing"),
    (Kind.WORKING_GROUP, NAMED, None, r"(?:(?!(?:the|an?|at|in|on|of|and)\s)(?-i:[A-Z])[\w–-]*\s+){0,2}"
     r"(?:joint|technical|bilateral|bi-?national|mixed|"
     r"intergovernmental)\s+(?:[a-z-]+\s+){0,2}?(?:commission|committee|working\s+group)|"
     r"(?:(?-i:[A-Z])[\w-]*\s+)?working\s+group|technical\s+teams|"
     r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\s+session"),
    (Kind.TALKS, STRONG, None, r"(?:held|hold|holds|holding|had|have|has)\s+(?:[a-z-]+\s+){0,3}?(?:talks|"
     r"consultations|dialogue)|(?:talks|consultations)\s+(?:with|between)|(?:strategic|political|security)\s+dialogue"),
    (Kind.TALKS, WEAK, None, r"talks|consultations|(?<=next\s)round"),
    (Kind.MEETING, STRONG, (Role.GUEST, Role.HOST), r"(?:was|were|is|are|been|being|be)\s+"
     r"(?:(?:\w+ly|also|later|then|first)\s+)?(?:received|hosted|welcomed)\s+by"),
    (Kind.MEETING, OBJECT, (Role.HOST, Role.GUEST), r"received|receives?|hosted|hosts?|welcomed|welcomes?"),
    (Kind.MEETING, ROLES, (Role.ATTENDEE, Role.HOST), r"(?:co-?)?chaired\s+by|(?<=,\s)hosted\s+by"),
    (Kind.MEETING, ROLES, (Role.ATTENDEE, Role.ATTENDEE), r"attended\s+by|led\s+by"),
    (Kind.MEETING, STRONG, None, r"met|meets?|meeting\s+(?:with|between)|bilateral\s+meeting|sat\s+down\s+with|"
     r"courtesy\s+(?:call|visit)|(?:an\s+)?audience\s+with|(?:working\s+|official\s+|state\s+)?(?:lunch|dinner|breakfast|"
     r"banquet)\s+(?:with|for|in\s+honou?r\s+of)|"
     r"(?:held|hold|holds|had)\s+(?:an?\s+)?(?:[a-z-]+\s+){0,2}meeting|"
     # "paid a call on the President", "is expected to call on Prime Minister Cole" (not "called on Russia to …")
     r"(?:paid|pay|pays|paying)\s+(?:a\s+)?(?:courtesy\s+)?call\s+on|(?<=\bto\s)call\s+on(?=\s+(?-i:[A-Z]))"),
    (Kind.MEETING, WEAK, None, r"meeting"),
    (Kind.VISIT, STRONG, None, r"visit(?:ed|s|ing)?(?=\s+(?-i:[A-Z]))|visit\s+to|(?:state|official|working)\s+visit|"
     r"travel(?:l?ed|s|l?ing)?\s+to|arriv(?:ed|es|e|ing)\s+in|(?:trip|tour|journey)\s+to|(?:flew|fly|flies)\s+to"),
    (Kind.VISIT, WEAK, None, r"visit"),
)  # fmt: skip
COMPILED = tuple((k, s, r, words(rf"(?<![\w-])(?:{p})(?![\w-])")) for k, s, r, p in TRIGGERS)
# The most specific kind wins in a clause; a visit is proposed apart, as the parent of the others.
PRIORITY = (Kind.PHONE_CALL, Kind.PRESS_CONFERENCE, Kind.WORKING_GROUP, Kind.TALKS, Kind.MEETING)
# "met with criticism", "meets the criteria", "met reporters": no meeting.
NOT_MET = words(
    r"\s+(?:with\s+)?(?:(?:the|its|his|her|their|all|an?|some|little|much|strong|fierce|widespread)\s+)?(?:criteri|"
    r"deadline|target|goal|requirement|standard|expectation|demand|condition|need|threshold|criticism|resistance|"
    r"protest|opposition|sc?epticism|anger|approval|silence|derision|applause|concern|dismay|outrage|condemnation|"
    r"suspicion|reception|response|fate|death|end|reporters|journalists|press|students|supporters|voters|residents|"
    r"families|victims|troops|soldiers|crowds?)"
)
# What may stand between a verb and its object: "received his Chilean counterpart, Ana Quispe,".
OBJECT_GAP = words(
    r"[\s,]*(?:(?!(?:by|of|from|for|on|in|to|that|with|about)\b)[\w'-]+[\s,]+){0,5}"
    # or the object's office, set off by a comma: "received today the Minister of Foreign Affairs of Guatemala, …"
    r"|[\s,]*(?:(?:today|yesterday|on\s+\w+day)\s+)?(?:the|his|her|their|[\w-]+['’]s)\s+(?:[\w'’-]+\s+){0,10}?[\w'’-]+\s*,\s*"
)
# "hosted a delegation of …", "received his counterpart": an object no participant names.
UNNAMED_OBJECT = words(r"\s+(?:an?|the|his|her|their)\s+(?:[\w-]+\s+){0,2}(?:delegations?|counterparts?)\b")
NEGATED = words(r"(?:\b(?:not|never|no\s+plans?\s+to|refused\s+to|declined\s+to)|n't)(?:\s+\w+){0,2}\s+$")
MEET_WORD = words(r"\b(?:meet|met|meets|meeting|convene\w*|session|gather\w*|hold|held|sit)\b")

# "postponed" with no new date: not held when planned ("postponed to May" plans it anew).
CANCELLED = words(r"\b(?:cancel(?:l?ed|s|l?ing)?|call(?:ed|s)?\s+off|postponed(?!\s+(?:to|until|till)\b)|scrapped)\b")
# "are now holding talks", "has just arrived": the article's own day, in a report written as it happens.
HAPPENING_NOW = words(
    r"\b(?:is|are)\s+(?:now\s+|currently\s+)?(?:holding|having|giving|meeting|speaking|talking)\b|\b(?:has|have)\s+just\b"
)
PROPOSED_BEFORE = words(
    r"\b(?:propos(?:ed|es|ing|e|als?\s+(?:for|to|of))|suggest\w*|offer\w*\s+to|invit\w*(?:\s+\S+){0,5}?\s+to|call\w*\s+for|ready\s+to|willing\s+to|"
    r"open\s+to|possible|potential)(?:\s+[\w'-]+){0,3}?\s+$"
)
ACCEPTED = words(r"\baccept\w*\s+(?:\w+\s+)?invitation")
PLANNED_BEFORE = words(
    r"(?:\b(?:will|would|shall|(?:is|are|was|were|be)\s+(?:also\s+|now\s+|\w+ly\s+)?(?:expected|due|scheduled|set|"
    r"slated|going|poised)\s+to|"
    r"(?:plans?|planned|intends?|agreed|agree|hopes?|aims?|is|are)\s+to|(?:had\s+been|was|were)\s+(?:due|expected|set|"
    r"scheduled)\s+to|upcoming|forthcoming|planned|scheduled|next)"
    r"|'ll)(?:\s+[\w'’–-]+){0,4}?\s*$"
)
PLANNED_AFTER = words(
    r"[^,.;]{0,40}?,\s*(?:planned|scheduled|set)\s+for\b|"  # "a visit …, planned for next week,"
    r"(?:[^,.;]|,[^,.;]{1,50},){0,60}?\b(?:(?:is|are|was|were|has\s+been|have\s+been)\s+(?:now\s+)?(?:expected|due|"
    r"scheduled|set|slated|planned)|(?:will|would|is\s+to|are\s+to)\s+(?:\w+\s+)?(?:meet|convene|be\s+held|take\s+place|"
    r"go\s+ahead)|(?:scheduled|planned|set)\s+for)\b"
)
# "said on Monday", "was cancelled on Thursday": the day of the words, not the meeting's.
NOT_ITS_DATE = words(
    r"\b(?:said|says|told\s+\w+|announced|confirmed|cancell?ed|called\s+off|postponed|published|broadcast|aired)\s+"
    r"(?:\w+\s+)?$|\bsince\s+$"
)

# --- Summits and conferences --------------------------------------------------------------------

NAME_WORD = r"(?:[A-Z0-9](?:[\w&'-]|\.(?=\w))*)"
EVENT_WORD = r"(?:climate|security|leaders'?|peace|donors'?|ministerial|annual|regional|economic|trade|[a-z]+-day)"
EVENT = re.compile(
    rf"(?P<name>(?:{NAME_WORD}\s+){{0,5}}(?:{EVENT_WORD}\s+){{0,2}})(?<![Pp]ress )(?<![Nn]ews )(?<![Vv]ideo )"
    rf"(?P<head>[Ss]ummit|[Cc]onference|[Ff]orum|General\s+Assembly|Ministerial(?:\s+(?:Council|Meeting|Conference))?|"
    rf"(?:(?:[Ff]oreign|[Dd]efen[cs]e|[Ff]inance|[Tt]rade)\s+)?[Mm]inisters'?\s+[Mm]eeting|[Mm]inisterial\s+meeting|"
    rf"Council\s+(?:[Mm]eeting|[Ss]ession)|(?<=[a-z] )(?P<council>Council))(?![\w-])"
    rf"(?:\s+of\s+(?:the\s+)?(?P<of>{NAME_WORD}(?:\s+(?:of\s+|and\s+|the\s+)*{NAME_WORD}){{0,4}}))?"
)
# "at the Foreign Affairs Council": a council named as the place of a meeting is one of its sessions (but not "the
# Security Council said", an institution).
AT_COUNCIL = words(r"\b(?:at|during|sidelines\s+of|margins\s+of|after|before|ahead\s+of)\s+(?:the|this|a)\s+$")
NOT_EVENT_NAME = re.compile(
    r"The|A|An|On|At|In|During|After|Before|Ahead|This|That|Last|Next|Its|Their|\w+'s?|[A-Z][a-z]+day|January|"
    r"February|March|April|May|June|July|August|September|October|November|December|[a-z][\w'-]*"
)
# "African Union leaders ended a two-day summit": whose an unnamed summit is.
LEADERS = re.compile(
    r"(?P<name>(?:[A-Z][\w-]*\s+){1,3})(?:leaders|heads\s+of\s+(?:state|government)|foreign\s+ministers)\b"
)
LEADERS_AFTER = re.compile(r"\s+(?:leaders|heads\s+of\s+(?:state|government)|foreign\s+ministers)\b")
# "a regional forum", "next year's summit": not the one named before.
ANOTHER = words(r"\b(?:an?|another|(?:next|last|this|previous)\s+(?:year|month|week)'s)\s+(?:[\w'-]+\s+){0,2}$")
PARENT_FRAME = words(
    r"(?:(?:sidelines|margins|fringes?)\s+of|\bat|\bduring|course\s+of|day\s+of|where)\s+(?:(?:the|this|an?|his|her)\s+)?$"
)
UNRELATED_FRAME = words(
    r"\b(?:ahead\s+of|eve\s+of|before|after|following|since|preparations?\s+for)\s+(?:\S+\s+){0,2}$"
)
ATTENDS = words(
    r"\b(?:attend\w*|t[ao]ok?e?\s+part|taking\s+part|participat\w*|join\w*|address\w*|chair\w*|host\w*|open\w*|"
    r"gather\w*|arriv\w*|travel\w*|fl[eyi]w?\w*\s+to|convene\w*|(?:spoke|speaking)\s+at|met|meet)\b"
)

# --- Who took part ------------------------------------------------------------------------------

THE_TWO = re.compile(
    r"(?<![\w-])(?:[Tt]he\s+two|[Bb]oth)\s+(?:(?P<office>(?i:foreign|prime|defen[cs]e|trade))\s+)?(?P<who>(?i:ministers|"
    r"leaders|presidents|chancellors|ambassadors|men|women|diplomats|envoys|officials|counterparts|sides|delegations))"
    r"(?![\w-])"
    # "their talks", "their first meeting": the two people named last.
    r"|(?<![\w-])(?P<their>[Tt]heir)(?=\s+(?:[\w-]+\s+){0,2}?(?:talks|meeting|consultations|(?:phone\s+)?call|conversation)\b)"
)
# "the foreign ministers of Austria and Slovenia", "the Kenyan and Ugandan presidents": one of each country.
_COUNTRY = r"(?:[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|the)){0,3})"
BY_COUNTRIES = re.compile(
    r"(?<![\w-])[Tt]he\s+(?:(?P<adj1>[A-Z][\w-]+)\s+and\s+(?P<adj2>[A-Z][\w-]+)\s+)?"
    r"(?P<office>(?i:(?:deputy\s+|vice\s+)?(?:foreign|defen[cs]e|trade|prime|finance)\s+ministers|presidents|leaders|"
    r"heads\s+of\s+state|chancellors))"
    rf"(?:\s+of\s+(?P<first>{_COUNTRY})(?:,\s+(?P<third>{_COUNTRY}))?,?\s+and\s+(?P<second>{_COUNTRY}))?(?![\w-])"
)
# "her French counterpart": a person of that country.
COUNTERPART = re.compile(r"(?<![\w-])(?i:his|her|their)\s+(?P<whose>[A-Z][\w-]+)\s+counterpart(?![\w-])")
DEPUTY = words(r"\b(?:deputy|vice|state\s+secretary)\b")
ANYONE = word_set("leaders men women diplomats envoys officials counterparts sides delegations")
SPEAKS = words(
    r"(?:'s)?\s*(?:\([^()]*\)\s*)?(?:,[^,]{0,80},\s*)?"
    # "a State Department readout said": the body whose document reports it.
    r"(?:(?:readout|read-out|statement|communiqu[eé]|spokes\w+|officials?|press\s+(?:office|service))\s+)?"
    r"(?:(?:also|has|had|later|then)\s+)*(?:said|says|told|announced|"
    r"reported|confirmed|stated|added|noted|wrote|tweeted|posted|revealed|disclosed|spokes\w+)\b"
)
PRONOUN = re.compile(r"\b(?:he|she|they|we|I|his|her|their|our|my)\b")
REPORTED_BY = words(r"(?:according\s+to|said|says|told)\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}$")
ACCORDING_TO = words(r"according\s+to\s+(?:\S+\s+){0,3}$")
SUBJECT_MATTER = words(r"\b(?:to\s+discuss|discuss\w*|about|regarding|concerning|amid|despite|following|after)\b")
POSSESSIVE = re.compile(r"'s?(?!\w)")
# What may come before a clause's verb when it has no subject of its own: "…, and on Tuesday held talks".
NO_SUBJECT = words(
    r"(?:(?:he|she|they|we|it|also|then|later|again|would|will|had|has|have|was|were|is|are|to|on|in|at|that|last|"
    r"next|(?-i:[A-Z][a-z]+day)|\w+ly)\s+)*"
)
# "X and Y agreed that …": who agreed is who will meet, in the clause after.
AGREED_THAT = words(r"\b(?:agreed|agree|agreeing|decided|resolved)\s+(?:\w+\s+)?that\s+$")
# "the visit of President Kaya", "a visit to Mongolia by Foreign Minister Nurlanova".
VISIT_OF = words(r"(?:\s+(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){0,2})?\s+(?:of|by)\s+")
HOSTED_BY = words(r"\b(?:at\s+the\s+invitation\s+of|hosted\s+by|received\s+by|welcomed\s+by|guest\s+of)\s")
INVITED = words(r"\binvit\w*(?=(?:\s+\S+){0,6}?\s+to\s+$)")

# --- Sentences and clauses ----------------------------------------------------------------------

SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
CLAUSE_BREAK = re.compile(
    r";\s+|,\s+(?:and|but|while|whereas|before)\s+|\s+(?:while|whereas)\s+|\b(?:after|before|since)\s+(?=[A-Z])|"
    r"\b(?:said|says|agreed|announced|confirmed|decided|stated|added|told\s+\w+)(?:\s+on\s+\w+)?,?\s+that\s+|"
    r"\btold\s+(?:a|an|the)\s+(?:[\w-]+\s+){1,7}?that\s+"
)
NOUNS: dict[str, str] = {Kind.TALKS: "talks", Kind.MEETING: "meeting", Kind.PHONE_CALL: "phone call"}
NOUNS[Kind.PRESS_CONFERENCE] = "press conference"
FINER: dict[str, int] = {DatePrecision.YEAR: 1, DatePrecision.MONTH: 2, DatePrecision.DAY: 3}

# --- Gatherings and visits ----------------------------------------------------------------------

# "the meeting", "the session" after a gathering was named: the gathering, when framed as one.
GATHERING_WORD = words(r"meeting|session|conference|summit|forum")
# "the next meeting", "the next round of consultations": another session, to come, of the same.
NEXT = words(
    r"\bnext\s+(?:(?:round|session|meeting|summit)\s+of\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}|(?:ordinary|regular|annual|full)\s+)?$"
)
# "met … on the sidelines on Friday": on the sidelines of the gathering named before.
BARE_SIDELINES = words(
    r"\b(?:on|at)\s+the\s+(?:sidelines|margins|fringes?)(?:\s+of\s+the\s+(?-i:Assembly|Council|Conference|Summit)\b|"
    r"\b(?!\s+of\b))"
)
# "ended a two-day summit on Friday": the day it ended; it began the days before.
ENDED_DAYS = words(
    r"\b(?:ended|concluded|closed|wrapped\s+up|wound\s+up)\s+(?:a|an|its|the|their)\s+"
    r"(?P<days>two|three|four|five|[2-5])-day\b"
)
DAYS = {"two": 2, "three": 3, "four": 4, "five": 5}
# "He met Valdivia": the clause's subject is the last person named as one.
PRONOUN_SUBJECT = words(r"(?:(?:and|but|then|later|also)\s+)*(?P<pronoun>he|she|they)\b")
SESSION = words(r"\bsession\b")
# "It was co-chaired by …", "The meeting was attended by …": who took part in the meeting just reported.
THE_LAST_MEETING = words(
    r"\s*(?:it|the\s+(?:meeting|session|talks|consultations|commission|summit)|the\s+(?:[\w-]+\s+)?delegations?)\s+"
    r"(?:was|were)\s+$"
)
# "a joint press conference", "a joint news briefing": with someone the sentence may not name.
JOINT = words(r"\bjoint\s+(?:press|news|media)\s+(?:conference|briefing|point|appearance)")
