"""How articles report speech: the verbs that say someone spoke, and the words around a speaker's name.

The patterns match on the normalised text (see ``text.normalise``), so one apostrophe or space
stands for all of them; the attribution rules in ``attribution`` say where each one is tried.
"""

import re


def word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_SPEECH_VERBS = (
    "said|says|stated|states|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|underlined|underscored|added|adds|"
    "noted|notes|told|tells|wrote|writes|tweeted|explained|declared|announced|remarked|insisted|insists|warned|"
    "argued|acknowledged|admitted|asked|replied|answered|continued|concluded|commented|described|called|"
    "reiterated|pointed out|claimed|claims|confirmed|mentioned|recalled|urged|highlighted|expressed|assured|"
    "believes|went on"
)
# Verbs after which the rest of the sentence is what was said, so it can be a paraphrase.
REPORTING_VERBS = word_set(
    "said says stated states stressed stresses emphasised emphasized emphasises emphasizes underlined "
    "underscored added adds noted notes told tells explained declared announced insisted insists warned "
    "argued acknowledged admitted reiterated claimed claims confirmed mentioned recalled believes "
    "expressed"
) | {"pointed out"}
# What may stand between a subject and its verb: "(R)", ", commenting on …,", "also", "has".
TO_VERB = re.compile(
    r"(?:\s*\([^()]{0,20}\))?(?:\s*,[^,.;:\"“”]{1,150},)?"
    r"(?:\s+(?:also|further|then|again|later|earlier|repeatedly|once|has|have|had|\w+ly))*"
    rf"\s+(?P<verb>{_SPEECH_VERBS})(?!\w)"
)
# "… said that X", "… told Sputnik on Wednesday that X", "… said, as quoted by Y, that X".
THAT_CLAUSE = re.compile(r"(?:\s*,[^,.;:\"“”]{1,80},)?(?:\s+[^\s,.;:\"“”]+){0,14}?\s+that\s+")
# "Lavrov said Russia …": a clause straight after the verb, unless a preposition starts an adjunct.
NEXT_WORD = re.compile(r"\s+(\w[\w'-]*)")
NOT_A_CLAUSE = word_set("on in at after before during to about this so as while when it for with by of against nothing")
DIRECT_CLAUSE_VERBS = frozenset({"said", "says", "stated", "stressed", "added", "noted", "believes"})
# Between a quote and its trailing speaker only title words may stand, not another clause.
TITLE_WORDS = re.compile(
    r"[\s,]*(?:(?!(?:while|and|but|as|when|whereas|after|before|because|although|though|which|who|that|if|since|so)"
    r"(?!\w))[^.!?;:\"“”,\s]+\s+)*",
    re.IGNORECASE,
)
TRAILING_VERB_FIRST = re.compile(rf"[\s,]*(?P<cue>{_SPEECH_VERBS})(?!\w)")
# "according to Lavrov", "according to Russian presidential spokesman Dmitry Peskov".
ACCORDING_TO = re.compile(r"according\s+to(?:\s+[^\s,.;:\"“”]+){0,5}?\s+$", re.IGNORECASE)
# The comma closing "According to X (WHO), …".
COMMA_AFTER_NAME = re.compile(r"(?:\s*\([^()]{1,30}\))?\s*,\s*")
AS_BEFORE = re.compile(r"(?:^|[\s,])as\s+$", re.IGNORECASE)
IN_HIS_WORDS = re.compile(r"(?:in|to)\s+(?:his|her)\s+(?:opinion|words|view|mind)|according\s+to\s+(?:him|her)", re.I)
CONNECTOR = re.compile(r"\s*(?:[A-Z][\w ]{0,30},\s*)?")
POSSESSIVE = re.compile(r"'s?(?!\w)")
TRAILING_ACCORDING_TO = re.compile(r"[\s,]*(?P<cue>according\s+to)\s+", re.IGNORECASE)
# How far after a quote its speaker may be named, and how long a bare attribution may run on.
TRAIL_WINDOW = 130
BARE_ATTRIBUTION_TAIL = 60
