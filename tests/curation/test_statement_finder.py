"""The statement finder on development articles: quotes, reported and relayed speech, in many styles.

The articles are our own, written for these tests: fictional people in real places, each in a
style the finder meets in the wild (a wire story, a ministry's readout, an op-ed, a live blog
with reader comments, guillemets, low-high quotes, British single quotes). The speakers are
passed as the participant finder proposes them for an article ("+1" keys), so attribution is
checked for speakers it has never seen. Each test asserts the whole list of what is found.
"""

import time

from meetings.choices import StatementKind
from meetings.provenance import find_span
from meetings.suggest import Candidate, Speaker, find_candidates

QUOTE, REPORTED = "quote", "reported"
_KINDS = {StatementKind.DIRECT_QUOTE: QUOTE, StatementKind.PARAPHRASE: REPORTED}


def found(text: str, speakers: list[Speaker]) -> list[tuple[str, str, str | None, str | None]]:
    """(kind, text, speaker's name, relayer's name) of everything the finder proposes, in text order."""
    names = {speaker.key: speaker.name for speaker in speakers}
    candidates = find_candidates(text, speakers)
    for candidate in candidates:  # every passage stands where provenance will find it
        span = find_span(text, candidate.text, candidate.occurrence)
        assert (span.start, span.end) == (candidate.start, candidate.end), candidate
    return [
        (_KINDS[c.kind], c.text, names.get(c.speaker) if c.speaker else None, names.get(c.via) if c.via else None)
        for c in candidates
    ]


def person(key: str, name: str, position: str) -> Speaker:
    return Speaker(key, name, (), position, True)


def institution(key: str, name: str, *other_names: str) -> Speaker:
    return Speaker(key, name, tuple(other_names), "", False)


# --- A wire story --------------------------------------------------------------------------------

VALDIVIA = person("+1", "Andrés Valdivia", "Chilean Foreign Minister")
QUISPE = person("+2", "Ana Quispe", "Peruvian Foreign Minister")
CHILE_MINISTRY = institution("+3", "Chilean Foreign Ministry")

WIRE_STORY = (
    "Chile and Peru agree to reopen maritime talks\n\n"
    "LIMA, March 4 (Reuters) - Chile and Peru agreed on Tuesday to reopen talks on their maritime "
    "border, Chilean Foreign Minister Andrés Valdivia said after meeting his Peruvian counterpart in "
    "Lima.\n\n"
    "“We have turned a page, and we will not turn it back,” Valdivia told reporters at the Torre "
    "Tagle palace.\n\n"
    "Peruvian Foreign Minister Ana Quispe said the two countries would set up a joint commission by "
    "June.\n\n"
    "“This is not a concession. It is common sense,” Quispe said. “Our fishermen have waited long "
    "enough.”\n\n"
    "Critics in Santiago called the deal “a surrender of sovereignty”, and opposition lawmakers have "
    "demanded a vote.\n\n"
    "Asked whether the agreement was “dead on arrival” in Congress, Quispe replied: “It is very much "
    "alive.”\n\n"
    "The Chilean Foreign Ministry said in a statement that the talks had been “frank and "
    "constructive”.\n\n"
    "(Reporting by Tomás Ruiz; Editing by Helen Gray)\n"
)


def test_a_wire_story():
    assert found(WIRE_STORY, [VALDIVIA, QUISPE, CHILE_MINISTRY]) == [
        (
            REPORTED,
            "Chile and Peru agreed on Tuesday to reopen talks on their maritime border",
            "Andrés Valdivia",
            None,
        ),
        (QUOTE, "We have turned a page, and we will not turn it back,", "Andrés Valdivia", None),
        (REPORTED, "the two countries would set up a joint commission by June", "Ana Quispe", None),
        (QUOTE, "This is not a concession. It is common sense,", "Ana Quispe", None),
        (QUOTE, "Our fishermen have waited long enough.", "Ana Quispe", None),
        (QUOTE, "a surrender of sovereignty", None, None),
        (QUOTE, "It is very much alive.", "Ana Quispe", None),
        (QUOTE, "frank and constructive", "Chilean Foreign Ministry", None),
    ]


# --- A ministry's readout of a phone call --------------------------------------------------------

PRYCE = person("+4", "Harlan Pryce", "US Secretary of State")
HOLT = person("+5", "Marian Holt", "US President")
STATE_DEPARTMENT = institution("+6", "State Department")

READOUT = (
    "Telephone conversation between Minister Valdivia and Secretary of State Harlan Pryce\n\n"
    "On 12 May, Minister of Foreign Affairs Andrés Valdivia held a telephone conversation with United "
    "States Secretary of State Harlan Pryce.\n\n"
    "The two sides agreed to intensify cooperation on critical minerals and port security, the "
    "ministry said.\n\n"
    "Minister Valdivia stressed that Chile remained committed to an open trading system and to the "
    "rules of the World Trade Organization.\n\n"
    "Secretary Pryce conveyed President Marian Holt's message that Washington valued Chile as \"a "
    'partner of first rank".\n\n'
    "In a statement, the ministry said that both officials would meet in Washington in the autumn.\n\n"
    "The Minister also thanked the Secretary for the assistance provided after the forest fires in "
    "the Biobío region.\n\n"
    'A readout from the State Department quoted Pryce as saying the United States was "ready to do '
    'more".\n\n'
    "Share this article\n"
    "Print this page\n"
)


def test_a_ministry_readout_of_a_phone_call():
    assert found(READOUT, [VALDIVIA, PRYCE, HOLT, CHILE_MINISTRY, STATE_DEPARTMENT]) == [
        (
            REPORTED,
            "The two sides agreed to intensify cooperation on critical minerals and port security",
            "Chilean Foreign Ministry",
            None,
        ),
        (
            REPORTED,
            "Chile remained committed to an open trading system and to the rules of the World Trade Organization",
            "Andrés Valdivia",
            None,
        ),
        (QUOTE, "a partner of first rank", "Marian Holt", "Harlan Pryce"),
        (REPORTED, "both officials would meet in Washington in the autumn", "Chilean Foreign Ministry", None),
        (QUOTE, "ready to do more", "Harlan Pryce", "State Department"),
    ]


# --- An op-ed --------------------------------------------------------------------------------------

BERG = person("+7", "Jonas Berg", "Swedish Foreign Minister")
VAITKUTE = person("+8", "Rasa Vaitkutė", "Lithuanian President")

OP_ED = (
    "Opinion: Why the Baltic reset will not last\n\n"
    "By Greta Lindqvist\n\n"
    "When Foreign Minister Jonas Berg flew to Vilnius last week, he promised what some have called a "
    "“reset” in relations with Lithuania.\n\n"
    "Berg told reporters in Vilnius that Sweden would “never again take its neighbours for granted”. "
    "That is a fine sentiment. But the record tells another story.\n\n"
    "Skeptics describe the new energy pact as “a fig leaf”, and they have a point. Even Lithuanian "
    "President Rasa Vaitkutė, who signed it, said the pact was “only a beginning.”\n\n"
    "“We don't need slogans; we need pipelines,” Vaitkutė said at the signing ceremony.\n\n"
    "Greta Lindqvist is a senior fellow at the Stockholm Institute of International Affairs.\n\n"
    "Share this article\n\n"
    "Tags: Sweden, Lithuania, energy\n"
)


def test_an_op_ed_with_scare_quotes_and_an_author_blurb():
    assert found(OP_ED, [BERG, VAITKUTE]) == [
        (QUOTE, "reset", None, None),
        (QUOTE, "never again take its neighbours for granted", "Jonas Berg", None),
        (QUOTE, "a fig leaf", None, None),
        (QUOTE, "only a beginning.", "Rasa Vaitkutė", None),
        (QUOTE, "We don't need slogans; we need pipelines,", "Rasa Vaitkutė", None),
    ]


# --- A live blog with reader comments -----------------------------------------------------------------

DUNNE = person("+9", "Ciarán Dunne", "Irish Foreign Minister")
CARVALHO = person("+10", "Inês Carvalho", "Portuguese Foreign Minister")
STRAND = person("+11", "Hedda Strand", "EU foreign policy chief")

LIVE_BLOG = (
    "Live: EU foreign ministers meet in Brussels\n\n"
    "10:02\n"
    "Good morning and welcome to our live coverage of the Foreign Affairs Council in Brussels.\n\n"
    "Related: Ministers split over “the Strand plan” for Gaza\n\n"
    "10:15\n"
    'Arriving at the meeting, Irish Foreign Minister Ciarán Dunne said sanctions on the regime "must '
    'be tightened, not loosened".\n\n'
    "Dunne and Carvalho arrive at the Council in Brussels. Photograph: Olivier Hoslet/EPA\n\n"
    "10:41\n"
    "Dunne's Portuguese counterpart, Inês Carvalho, told journalists the bloc should speak \"with one "
    'voice".\n\n'
    "11:20\n"
    "The EU's foreign policy chief, Hedda Strand, said: \"We will discuss all options. Nothing is off "
    'the table."\n\n'
    'Read more: "We are not naive", Strand tells MEPs\n\n'
    "Comments\n"
    "12 comments\n"
    "blue_heron 2h ago\n"
    '"Nothing is off the table" means nothing will happen, as usual.\n'
    "Reply\n"
    "Marco_Polo_22 1h ago\n"
    'Dunne said it best: "must be tightened".\n'
    "Reply\n"
)


def test_a_live_blog_with_reader_comments():
    assert found(LIVE_BLOG, [DUNNE, CARVALHO, STRAND]) == [
        (QUOTE, "must be tightened, not loosened", "Ciarán Dunne", None),
        (QUOTE, "with one voice", "Inês Carvalho", None),
        (QUOTE, "We will discuss all options. Nothing is off the table.", "Hedda Strand", None),
    ]


def test_comments_without_a_heading_are_skipped_by_their_headers():
    text = (
        "Published 3 hours ago\n"  # the article's own date is no comment's header
        "Dunne said the talks had been useful for everyone involved.\n\n"
        "blue_heron 2h ago\n"
        '"Useful" for whom? Dunne said nothing of substance.\n'
        "Reply\n"
    )
    assert found(text, [DUNNE]) == [
        (REPORTED, "the talks had been useful for everyone involved", "Ciarán Dunne", None),
    ]


def test_a_comments_link_above_the_article_does_not_hide_it():
    text = "Home | World | Comments\nComments\n\nDunne said the talks had been useful for everyone involved.\n"
    assert found(text, [DUNNE]) == [
        (REPORTED, "the talks had been useful for everyone involved", "Ciarán Dunne", None),
    ]


# --- Guillemets ------------------------------------------------------------------------------------

IMHOF = person("+12", "Lukas Imhof", "Swiss Foreign Minister")
PETROSYAN = person("+13", "Aram Petrosyan", "Armenian Foreign Minister")
HAKOBYAN = person("+14", "Nune Hakobyan", "Armenian Deputy Foreign Minister")

GUILLEMETS = (
    "GENEVA — Swiss Foreign Minister Lukas Imhof said on Friday that Bern was ready to host a new "
    "round of talks on the Caucasus.\n\n"
    "«Switzerland's door is open, as it always has been», Imhof told a press conference. «But the "
    "parties must want to walk through it.»\n\n"
    "Armenian Foreign Minister Aram Petrosyan welcomed the offer. According to Petrosyan, the talks "
    "could start «as early as April».\n\n"
    "The Armenian minister added that Yerevan had «no preconditions».\n\n"
    "In a message read out by Deputy Foreign Minister Nune Hakobyan, Petrosyan said that Armenia "
    "would send a delegation to Geneva.\n"
)


def test_guillemets_and_a_message_read_out_by_a_deputy():
    assert found(GUILLEMETS, [IMHOF, PETROSYAN, HAKOBYAN]) == [
        (REPORTED, "Bern was ready to host a new round of talks on the Caucasus", "Lukas Imhof", None),
        (QUOTE, "Switzerland's door is open, as it always has been", "Lukas Imhof", None),
        (QUOTE, "But the parties must want to walk through it.", "Lukas Imhof", None),
        (QUOTE, "as early as April", "Aram Petrosyan", None),
        (QUOTE, "no preconditions", "Aram Petrosyan", None),
        (REPORTED, "Armenia would send a delegation to Geneva", "Aram Petrosyan", "Nune Hakobyan"),
    ]


# --- Low-high quotes -----------------------------------------------------------------------------------

WIERZBICKI = person("+15", "Tomasz Wierzbicki", "Polish President")
TAMM = person("+16", "Kadri Tamm", "Estonian Prime Minister")

LOW_HIGH = (
    "WARSAW (PAP) - Polish President Tomasz Wierzbicki said on Monday he expected „concrete results” "
    "from the summit with Baltic leaders.\n\n"
    "„We are not here for photographs,” Wierzbicki said. „We are here to sign.”\n\n"
    "Estonian Prime Minister Kadri Tamm responded that Tallinn shared the goal of a common "
    "air-defence shield, but „the details still matter”.\n\n"
    "The president's office said the leaders would adopt a joint declaration on air defence.\n\n"
    "According to Tamm, Wierzbicki told her that Poland would fund half of the new radar network.\n"
)


def test_low_high_quotes_and_relayed_speech():
    assert found(LOW_HIGH, [WIERZBICKI, TAMM]) == [
        # A clause that goes on after its quote is reported speech too, the quote in it.
        (
            REPORTED,
            "he expected „concrete results” from the summit with Baltic leaders",
            "Tomasz Wierzbicki",
            None,
        ),
        (QUOTE, "concrete results", "Tomasz Wierzbicki", None),
        (QUOTE, "We are not here for photographs,", "Tomasz Wierzbicki", None),
        (QUOTE, "We are here to sign.", "Tomasz Wierzbicki", None),
        (REPORTED, "Tallinn shared the goal of a common air-defence shield", "Kadri Tamm", None),
        (QUOTE, "the details still matter", "Kadri Tamm", None),
        (REPORTED, "the leaders would adopt a joint declaration on air defence", "Tomasz Wierzbicki", None),
        (REPORTED, "Poland would fund half of the new radar network", "Tomasz Wierzbicki", "Kadri Tamm"),
    ]


# --- British single quotes ---------------------------------------------------------------------------

MARSH = person("+17", "Eleanor Marsh", "British Foreign Secretary")
RUSU = person("+18", "Victor Rusu", "Moldovan Prime Minister")
FOREIGN_OFFICE = institution("+19", "Foreign Office")

BRITISH = (
    "Foreign Secretary Eleanor Marsh has said Britain will ‘stand shoulder to shoulder’ with "
    "Ukraine’s neighbours.\n\n"
    "Speaking in Chișinău, Ms Marsh said: ‘We won’t be found wanting. The people of Moldova have our "
    "support.’\n\n"
    "Moldovan Prime Minister Victor Rusu said the visit sent ‘a clear signal to Moscow’ and thanked "
    "London for its help.\n\n"
    "‘We are grateful,’ Mr Rusu said, ‘but words must be followed by deeds.’\n\n"
    "The ministers’ joint statement, published on Tuesday evening, said both governments would "
    "‘deepen cooperation on energy and cyber security’.\n\n"
    "A Foreign Office spokeswoman later quoted Ms Marsh as saying: ‘This is a partnership for the "
    "long term.’\n"
)


def test_british_single_quotes_and_apostrophes():
    assert found(BRITISH, [MARSH, RUSU, FOREIGN_OFFICE]) == [
        (QUOTE, "stand shoulder to shoulder", "Eleanor Marsh", None),
        (QUOTE, "We won’t be found wanting. The people of Moldova have our support.", "Eleanor Marsh", None),
        (QUOTE, "a clear signal to Moscow", "Victor Rusu", None),
        (QUOTE, "We are grateful,", "Victor Rusu", None),
        (QUOTE, "but words must be followed by deeds.", "Victor Rusu", None),
        (QUOTE, "deepen cooperation on energy and cyber security", None, None),
        (QUOTE, "This is a partnership for the long term.", "Eleanor Marsh", "Foreign Office"),
    ]


def test_single_quotes_nested_in_double_quotes_stay_inside():
    text = "“They called it ‘a reset’, and it wasn’t one,” Marsh said of the ministers’ talks."
    assert found(text, [MARSH]) == [(QUOTE, "They called it ‘a reset’, and it wasn’t one,", "Eleanor Marsh", None)]


# --- Guillemets closed by a straight quote, single guillemets, relays ---------------------------------

DEMIN = person("+20", "Oleg Demin", "Kremlin spokesman")
SOROKIN = person("+21", "Pavel Sorokin", "Russian President")
KREMLIN = institution("+22", "Kremlin")

KREMLIN_BRIEFING = (
    "MOSCOW, June 3 (Interfax) - Kremlin spokesman Oleg Demin said on Tuesday that President Pavel "
    "Sorokin had no plans to meet the Georgian leader this year.\n\n"
    '«There is no such meeting in the schedule", Demin told reporters, adding that contacts at the '
    "level of foreign ministers continued.\n\n"
    "Sorokin believes the Geneva format ‹has exhausted itself›, Demin said.\n\n"
    'Demin said, as quoted by Interfax, that the Kremlin would respond to any new sanctions "in a '
    'measured way".\n\n'
    "The Kremlin said Moscow would not recognise the results of the vote.\n"
)


def test_mixed_guillemets_and_relayed_speech_before_the_attribution():
    assert found(KREMLIN_BRIEFING, [DEMIN, SOROKIN, KREMLIN]) == [
        (
            REPORTED,
            "President Pavel Sorokin had no plans to meet the Georgian leader this year",
            "Oleg Demin",
            None,
        ),
        (QUOTE, "There is no such meeting in the schedule", "Oleg Demin", None),
        (REPORTED, "contacts at the level of foreign ministers continued", "Oleg Demin", None),
        (QUOTE, "has exhausted itself", "Pavel Sorokin", "Oleg Demin"),
        # A clause complete before its quote is reported speech of its own (the curators' convention).
        (REPORTED, "the Kremlin would respond to any new sanctions", "Oleg Demin", None),
        (QUOTE, "in a measured way", "Oleg Demin", None),
        (REPORTED, "Moscow would not recognise the results of the vote", "Kremlin", None),
    ]


# --- A reporter's question, and someone who told the speaker ------------------------------------------

MOURA = person("+23", "Rafael Moura", "Brazilian Foreign Minister")
FERRANTE = person("+24", "Lucía Ferrante", "Argentine President")
ARGENTINE_MINISTRY = institution("+25", "Argentine Foreign Ministry", "Argentina's Foreign Ministry")

PRESS_CONFERENCE = (
    "Brazilian Foreign Minister Rafael Moura said on Thursday that Argentine President Lucía Ferrante "
    "had told him that Buenos Aires would back Brazil's bid for a permanent seat on the Security "
    "Council.\n\n"
    "Moura, speaking at a news conference in Brasília, was asked whether the two countries were "
    '"drifting apart".\n\n'
    '"On the contrary. We have never been closer," he said.\n\n'
    'Asked about the trade dispute over steel, Moura said the issue would be resolved "within weeks".\n\n'
    "Argentina's Foreign Ministry confirmed that Ferrante had spoken with Moura, but did not comment "
    "on the Security Council.\n\n"
    "The Brazilian minister told TV Globo that he would travel to Buenos Aires in September.\n"
)


def test_a_reporters_question_and_what_someone_told_the_speaker():
    assert found(PRESS_CONFERENCE, [MOURA, FERRANTE, ARGENTINE_MINISTRY]) == [
        (
            REPORTED,
            "Buenos Aires would back Brazil's bid for a permanent seat on the Security Council",
            "Lucía Ferrante",
            "Rafael Moura",
        ),
        (QUOTE, "On the contrary. We have never been closer,", "Rafael Moura", None),
        (QUOTE, "within weeks", "Rafael Moura", None),
        (REPORTED, "Ferrante had spoken with Moura", "Argentine Foreign Ministry", None),
        (REPORTED, "he would travel to Buenos Aires in September", "Rafael Moura", None),
    ]


# --- An agency story: someone's office, a split quote, a statement that names no body -----------------

MWANGI = person("+26", "Joseph Mwangi", "Kenyan President")
ACHIENG = person("+27", "Grace Achieng", "Kenyan Energy Minister")
BEKELE = person("+28", "Dawit Bekele", "Ethiopian Energy Minister")
ETHIOPIAN_MINISTRY = institution("+29", "Ethiopian Ministry of Water and Energy")

AGENCY_STORY = (
    "NAIROBI, Kenya (AP) — Kenya and Ethiopia will build a second power line across their border, "
    "Kenyan President Joseph Mwangi's office said Saturday.\n\n"
    "The agreement was signed in Addis Ababa by Energy Minister Grace Achieng and her Ethiopian "
    "counterpart, Dawit Bekele.\n\n"
    'Mwangi said in a statement: "This line will power homes and factories on both sides of the '
    'border."\n\n'
    '"Energy has no borders," Bekele said, "and neither should our ambitions."\n\n'
    "The Ethiopian Ministry of Water and Energy welcomed the deal. The statement said construction "
    "would begin in January and take three years.\n\n"
    "Achieng told The Associated Press the project would be financed by the African Development Bank.\n\n"
    "A statement said the two countries would also study a railway link between their capitals.\n"
)


def test_an_office_a_split_quote_and_statements_that_speak():
    assert found(AGENCY_STORY, [MWANGI, ACHIENG, BEKELE, ETHIOPIAN_MINISTRY]) == [
        (REPORTED, "Kenya and Ethiopia will build a second power line across their border", "Joseph Mwangi", None),
        (QUOTE, "This line will power homes and factories on both sides of the border.", "Joseph Mwangi", None),
        (QUOTE, "Energy has no borders,", "Dawit Bekele", None),
        (QUOTE, "and neither should our ambitions.", "Dawit Bekele", None),
        (
            REPORTED,
            "construction would begin in January and take three years",
            "Ethiopian Ministry of Water and Energy",
            None,
        ),
        (REPORTED, "the project would be financed by the African Development Bank", "Grace Achieng", None),
        (REPORTED, "the two countries would also study a railway link between their capitals", None, None),
    ]


# --- A court's readouts: quoted as saying, a conveyed message ----------------------------------------

KING = person("+30", "King Hamdan", "King of Jordan")
FERRI = person("+31", "Paolo Ferri", "Italian Foreign Minister")
HADDAD = person("+32", "Samir Haddad", "Royal Court spokesman")
LONG = person("+33", "Tran Van Long", "Vietnamese Ambassador to Kazakhstan")
HOA = person("+34", "Nguyen Thi Hoa", "Vietnamese President")
NURLANOVA = person("+35", "Aigerim Nurlanova", "Kazakh Deputy Foreign Minister")

ROYAL_COURT = (
    "AMMAN — King Hamdan received the visiting Italian foreign minister, Paolo Ferri, at the Royal "
    "Palace on Sunday.\n\n"
    "The royal court's spokesman, Samir Haddad, quoted the king as saying \"Jordan will not accept any "
    'solution imposed from outside".\n\n'
    'Ferri, for his part, assured that Italy would keep funding the refugee programme "for as long as '
    'it takes".\n\n'
    '"We are friends in difficult times," Ferri told the Jordan News Agency. "Friends show up."\n\n'
    "Haddad said the two men had also discussed the situation in Gaza.\n"
)

AN_AMBASSADORS_CALL = (
    "Vietnamese Ambassador Tran Van Long was received at the Ministry of Foreign Affairs of "
    "Kazakhstan by Deputy Minister Aigerim Nurlanova.\n\n"
    "Ambassador Long conveyed President Nguyen Thi Hoa's message that Vietnam attached great "
    "importance to its partnership with Kazakhstan.\n\n"
    "Nurlanova noted that bilateral trade had grown by a third last year.\n\n"
    "She responded that Astana was ready to open a trade mission in Hanoi.\n"
)


def test_a_spokesman_quotes_the_king_as_saying():
    assert found(ROYAL_COURT, [KING, FERRI, HADDAD]) == [
        (QUOTE, "Jordan will not accept any solution imposed from outside", "King Hamdan", "Samir Haddad"),
        (QUOTE, "for as long as it takes", "Paolo Ferri", None),
        (QUOTE, "We are friends in difficult times,", "Paolo Ferri", None),
        (QUOTE, "Friends show up.", "Paolo Ferri", None),
        (REPORTED, "the two men had also discussed the situation in Gaza", "Samir Haddad", None),
    ]


def test_an_ambassador_conveys_his_presidents_message():
    assert found(AN_AMBASSADORS_CALL, [LONG, HOA, NURLANOVA]) == [
        (
            REPORTED,
            "Vietnam attached great importance to its partnership with Kazakhstan",
            "Nguyen Thi Hoa",
            "Tran Van Long",
        ),
        (REPORTED, "bilateral trade had grown by a third last year", "Aigerim Nurlanova", None),
        (REPORTED, "Astana was ready to open a trade mission in Hanoi", "Aigerim Nurlanova", None),
    ]


# --- A headline quote, institutions that speak, appositions ------------------------------------------

DUVAL = person("+36", "Claire Duval", "French President")
BENALI = person("+37", "Youssef Benali", "Moroccan Foreign Minister")
ELYSEE = institution("+38", "Élysée")
MOROCCAN_MINISTRY = institution("+39", "Moroccan Foreign Ministry")

STATE_VISIT = (
    '"A new chapter": France and Morocco mend ties\n\n'
    "RABAT — French President Claire Duval arrived in Rabat on Monday for a three-day state visit.\n\n"
    'A statement from the Élysée said the visit would "open a new chapter" in relations between the '
    "two countries.\n\n"
    "Morocco's foreign minister, Youssef Benali, said on Monday that Rabat warmly welcomed the French "
    "president's visit.\n\n"
    "Benali, the foreign minister, said both countries had an interest in a stable Sahel.\n\n"
    "The two sides agreed to hold annual consultations, the Moroccan ministry said.\n\n"
    "Duval announced that France would double its investments in renewable energy in Morocco by 2030.\n"
)


def test_a_headline_quote_has_no_speaker_and_institutions_speak():
    assert found(STATE_VISIT, [DUVAL, BENALI, ELYSEE, MOROCCAN_MINISTRY]) == [
        (QUOTE, "A new chapter", None, None),
        (
            REPORTED,
            'the visit would "open a new chapter" in relations between the two countries',
            "Élysée",
            None,
        ),
        (QUOTE, "open a new chapter", "Élysée", None),
        (REPORTED, "Rabat warmly welcomed the French president's visit", "Youssef Benali", None),
        (REPORTED, "both countries had an interest in a stable Sahel", "Youssef Benali", None),
        (REPORTED, "The two sides agreed to hold annual consultations", "Moroccan Foreign Ministry", None),
        (
            REPORTED,
            "France would double its investments in renewable energy in Morocco by 2030",
            "Claire Duval",
            None,
        ),
    ]


# --- A readout that names nobody, an answer to a question --------------------------------------------

SATO = person("+40", "Haruto Sato", "Japanese Foreign Minister")
PARK = person("+41", "Min-jun Park", "South Korean Foreign Minister")
JAPANESE_MINISTRY = institution("+42", "Japanese Foreign Ministry")

BILATERAL_TALKS = (
    "TOKYO — Japanese Foreign Minister Haruto Sato and South Korean Foreign Minister Min-jun Park "
    "held talks in Tokyo on Friday, the Japanese Foreign Ministry said.\n\n"
    "Both ministers condemned North Korea's latest missile launch, a readout said.\n\n"
    'Sato told journalists the talks had been "very productive" and stressed that Tokyo wanted '
    '"future-oriented" ties.\n\n'
    "Park confirmed that Seoul would host the next round in the spring.\n\n"
    "The ministry said in a statement that the two countries would resume shuttle diplomacy between "
    "their leaders.\n\n"
    'Asked if the history dispute had been discussed, Park replied that it "was not the focus" of the '
    "meeting.\n\n"
    'Park told reporters: "We have a shared responsibility for the region."\n'
)


def test_a_readout_that_names_no_body_and_an_answer_to_a_question():
    assert found(BILATERAL_TALKS, [SATO, PARK, JAPANESE_MINISTRY]) == [
        (
            REPORTED,
            "Japanese Foreign Minister Haruto Sato and South Korean Foreign Minister Min-jun Park held talks in Tokyo "
            "on Friday",
            "Japanese Foreign Ministry",
            None,
        ),
        (REPORTED, "Both ministers condemned North Korea's latest missile launch", None, None),
        (QUOTE, "very productive", "Haruto Sato", None),
        (QUOTE, "future-oriented", "Haruto Sato", None),
        (REPORTED, "Seoul would host the next round in the spring", "Min-jun Park", None),
        (
            REPORTED,
            "the two countries would resume shuttle diplomacy between their leaders",
            "Japanese Foreign Ministry",
            None,
        ),
        (QUOTE, "was not the focus", "Min-jun Park", None),
        (QUOTE, "We have a shared responsibility for the region.", "Min-jun Park", None),
    ]


# --- Rules on their own ------------------------------------------------------------------------------

PESKOV = person("dmitry-peskov", "Dmitry Peskov", "Kremlin spokesman")
PUTIN = person("vladimir-putin", "Vladimir Putin", "Russian President")
LAVROV = person("sergey-lavrov", "Sergey Lavrov", "Russian Foreign Minister")
TILLERSON = person("rex-tillerson", "Rex Tillerson", "US Secretary of State")


def test_relayed_speech_in_its_common_forms():
    text = (
        "Lavrov told Tillerson that Putin believes the sanctions have failed.\n\n"
        "According to Peskov, Putin said the summit could take place in Vienna.\n\n"
        "Putin said, as quoted by Peskov, that Moscow was open to a new arms treaty.\n\n"
        "Peskov said Putin had told him that the decision was final.\n\n"
        'Peskov quoted Putin as saying: "We will not be rushed."\n\n'
        "Putin was quoted by Lavrov as saying that Russia wanted predictable relations.\n\n"
        "Peskov said, as quoted by TASS, that the Kremlin saw no need for a new meeting.\n\n"
        'Peskov, quoting Putin, said the West had "miscalculated".\n\n'
        "Peskov said, citing Putin, that Russia would not be isolated.\n\n"
        "According to a Kremlin readout, Putin told Tillerson that Moscow valued the dialogue.\n\n"
        "According to a Kremlin readout, the two men discussed arms control and Syria.\n\n"
        "Lavrov cited Putin as saying that the door to talks remained open.\n\n"
        "Putin, according to Peskov, told Tillerson that Russia would extend the moratorium.\n\n"
        "Putin told Tillerson that Moscow was ready to resume the talks, the Kremlin said.\n\n"
        '"We are ready," Putin told Tillerson, according to Peskov.'
    )
    assert found(text, [PESKOV, PUTIN, LAVROV, TILLERSON, KREMLIN]) == [
        (REPORTED, "the sanctions have failed", "Vladimir Putin", "Sergey Lavrov"),
        (REPORTED, "the summit could take place in Vienna", "Vladimir Putin", "Dmitry Peskov"),
        (REPORTED, "Moscow was open to a new arms treaty", "Vladimir Putin", "Dmitry Peskov"),
        (REPORTED, "the decision was final", "Vladimir Putin", "Dmitry Peskov"),
        (QUOTE, "We will not be rushed.", "Vladimir Putin", "Dmitry Peskov"),
        (REPORTED, "Russia wanted predictable relations", "Vladimir Putin", "Sergey Lavrov"),
        (REPORTED, "the Kremlin saw no need for a new meeting", "Dmitry Peskov", None),
        (QUOTE, "miscalculated", "Vladimir Putin", "Dmitry Peskov"),
        (REPORTED, "Russia would not be isolated", "Vladimir Putin", "Dmitry Peskov"),
        (REPORTED, "Moscow valued the dialogue", "Vladimir Putin", "Kremlin"),
        (REPORTED, "the two men discussed arms control and Syria", "Kremlin", None),
        (REPORTED, "the door to talks remained open", "Vladimir Putin", "Sergey Lavrov"),
        (REPORTED, "Russia would extend the moratorium", "Vladimir Putin", "Dmitry Peskov"),
        (REPORTED, "Moscow was ready to resume the talks", "Vladimir Putin", "Kremlin"),
        (QUOTE, "We are ready,", "Vladimir Putin", "Dmitry Peskov"),
    ]


def test_a_pronoun_after_relayed_speech_means_who_told_it():
    text = (
        'Lavrov told Tillerson that Putin believes the sanctions have failed. He added that Moscow was "ready to talk".'
    )
    assert found(text, [PUTIN, LAVROV, TILLERSON]) == [
        (REPORTED, "the sanctions have failed", "Vladimir Putin", "Sergey Lavrov"),
        (QUOTE, "ready to talk", "Sergey Lavrov", None),
    ]


def test_reported_speech_verbs_and_adjuncts():
    text = (
        "Lavrov told reporters the talks had been difficult but useful.\n\n"
        "Tillerson replied that Washington would study the proposal carefully.\n\n"
        "Lavrov assured that Russia had no plans to expand the exercise.\n\n"
        "Tillerson said on Friday the two sides would meet again in May.\n\n"
        "Lavrov said it would be wrong to expect quick results.\n\n"
        "Tillerson said in an interview with CNN that sanctions would stay in place.\n\n"
        "Lavrov said on Wednesday.\n\n"
        "Lavrov said two days before the vote that nothing had changed since the summit."
    )
    assert found(text, [LAVROV, TILLERSON]) == [
        (REPORTED, "the talks had been difficult but useful", "Sergey Lavrov", None),
        (REPORTED, "Washington would study the proposal carefully", "Rex Tillerson", None),
        (REPORTED, "Russia had no plans to expand the exercise", "Sergey Lavrov", None),
        (REPORTED, "the two sides would meet again in May", "Rex Tillerson", None),
        (REPORTED, "it would be wrong to expect quick results", "Sergey Lavrov", None),
        (REPORTED, "sanctions would stay in place", "Rex Tillerson", None),
        (REPORTED, "nothing had changed since the summit", "Sergey Lavrov", None),
    ]


def test_scare_quotes_of_unnamed_groups_have_no_speaker():
    text = (
        "Lavrov arrived in Washington on Monday.\n\n"
        "Opponents called the visit “a betrayal”.\n\n"
        "Critics describe the plan as “surrender”, while Lavrov called it “a first step”.\n\n"
        "He rejected what some have called a “reset”.\n\n"
        "The so-called “grand bargain” was not discussed, Lavrov said."
    )
    assert found(text, [LAVROV]) == [
        (QUOTE, "a betrayal", None, None),
        (QUOTE, "surrender", None, None),
        (QUOTE, "a first step", "Sergey Lavrov", None),
        (QUOTE, "reset", None, None),
        (QUOTE, "grand bargain", None, None),
    ]


def test_a_quote_that_ends_a_sentence_and_the_short_one_that_attributes_it():
    text = (
        "Tillerson met Lavrov in Moscow.\n\n"
        "The secretary of state was blunt: the talks were “a waste of time.” he said.\n\n"
        "“We will be back in May.” Lavrov said on Wednesday.\n\n"
        "“We agreed.” Tillerson said that the sides would meet again soon."
    )
    assert found(text, [LAVROV, TILLERSON]) == [
        (QUOTE, "a waste of time.", "Rex Tillerson", None),
        (QUOTE, "We will be back in May.", "Sergey Lavrov", None),
        (QUOTE, "We agreed.", None, None),
        (REPORTED, "the sides would meet again soon", "Rex Tillerson", None),
    ]


def test_page_furniture_yields_nothing():
    text = (
        "Lavrov said the talks had been useful for both countries.\n\n"
        "Related: “We are not enemies,” says Tillerson\n"
        "Read more: Lavrov says “no proof” of interference\n"
        "Lavrov and Tillerson in Moscow. (Photo: Reuters)\n"
        "Yuri Kadobnov/AFP\n"
        "Share this article\n"
        "Share on Facebook | Tweet | Email\n"
        "Print this page\n"
        "Tags: Russia, United States, “diplomacy”\n"
        "The views expressed in this article are the author's own.\n"
        "Anna Petrova is a Moscow correspondent for the Daily Courier. She said “hello” once.\n"
    )
    assert found(text, [LAVROV, TILLERSON]) == [
        (REPORTED, "the talks had been useful for both countries", "Sergey Lavrov", None),
    ]


def test_statements_that_name_their_speaker_in_other_ways():
    text = (
        "“We are ready,” the Russian top diplomat said.\n\n"
        "“We agreed,” Mr. Lavrov said.\n\n"
        "“Nothing changes.” — Lavrov, Russian foreign minister\n\n"
        "“We will never accept this.”\n"
        "— Sergey Lavrov (@mfa_russia) April 12, 2017\n\n"
        "Xi said China wanted stable relations with all its neighbours.\n\n"
        "Lavrov spoke after the talks. According to him, the sides agreed to restore the embassies' staff."
    )
    xi = person("xi-jinping", "Xi Jinping", "Chinese President")
    assert found(text, [LAVROV, xi]) == [
        (QUOTE, "We are ready,", "Sergey Lavrov", None),
        (QUOTE, "We agreed,", "Sergey Lavrov", None),
        (QUOTE, "Nothing changes.", "Sergey Lavrov", None),
        (QUOTE, "We will never accept this.", "Sergey Lavrov", None),
        (REPORTED, "China wanted stable relations with all its neighbours", "Xi Jinping", None),
        (REPORTED, "the sides agreed to restore the embassies' staff", "Sergey Lavrov", None),
    ]


def test_another_countrys_minister_is_not_the_known_one():
    text = (
        "Lavrov met his Ukrainian counterpart in Geneva.\n\n"
        "“We will respond,” Ukraine's foreign minister, Dmytro Koval, said.\n\n"
        "Maria Ruiz, a spokeswoman for the mission, said the vote had been postponed. “We need time,” she said."
    )
    assert found(text, [LAVROV]) == [
        (QUOTE, "We will respond,", None, None),
        (QUOTE, "We need time,", None, None),
    ]


def test_institutions_speak_and_it_refers_to_them():
    text = (
        "The Kremlin condemned the attack on the embassy in Kabul. It said the perpetrators would be punished.\n\n"
        "“We will not tolerate this,” it said."
    )
    assert found(text, [KREMLIN, PESKOV]) == [
        (REPORTED, "condemned the attack on the embassy in Kabul", "Kremlin", None),
        (REPORTED, "the perpetrators would be punished", "Kremlin", None),
        (QUOTE, "We will not tolerate this,", "Kremlin", None),
    ]


def test_speech_acts_turns_and_participles():
    text = (
        "Lavrov expressed concern about the military build-up in the region.\n\n"
        "Lavrov welcomed Tillerson at the Foreign Ministry's mansion in Moscow.\n\n"
        "Lavrov said the talks had been useful, while Tillerson said the sides remained far apart.\n\n"
        "The talks in Moscow were useful, Lavrov said, adding that the sides would meet again in May.\n\n"
        "Tillerson said the talks had been “frank” and that the sides would keep working on Syria."
    )
    assert found(text, [LAVROV, TILLERSON]) == [
        (REPORTED, "expressed concern about the military build-up in the region", "Sergey Lavrov", None),
        (REPORTED, "the talks had been useful", "Sergey Lavrov", None),
        (REPORTED, "the sides remained far apart", "Rex Tillerson", None),
        (REPORTED, "The talks in Moscow were useful", "Sergey Lavrov", None),
        (REPORTED, "the sides would meet again in May", "Sergey Lavrov", None),
        (QUOTE, "frank", "Rex Tillerson", None),
        (REPORTED, "the sides would keep working on Syria", "Rex Tillerson", None),
    ]


def test_a_headline_reports_nothing_but_its_quotes():
    text = "Lavrov says Moscow is ready for talks\n\nLavrov said Moscow was ready for talks with Kyiv on a ceasefire."
    assert found(text, [LAVROV]) == [
        (REPORTED, "Moscow was ready for talks with Kyiv on a ceasefire", "Sergey Lavrov", None),
    ]


def test_candidate_has_via_last_with_a_default():
    [candidate] = find_candidates("Peskov quoted Putin as saying: “No.”", [PESKOV, PUTIN])
    assert (candidate.speaker, candidate.via, candidate.cue) == ("vladimir-putin", "dmitry-peskov", "Putin as saying:")
    assert list(candidate.__dataclass_fields__)[-1] == "via"
    assert Candidate("direct_quote", "No.", 31, 34, 1, "vladimir-putin").via is None


def test_the_finder_is_fast_on_a_long_article():
    """Well under half a second for 30,000 characters, in one paragraph or in many."""
    articles = [WIRE_STORY, READOUT, OP_ED, GUILLEMETS, LOW_HIGH, KREMLIN_BRIEFING, PRESS_CONFERENCE, AGENCY_STORY]
    text = ("\n\n".join(articles * 10))[:30_000]
    speakers = [VALDIVIA, QUISPE, CHILE_MINISTRY, PRYCE, HOLT, STATE_DEPARTMENT, BERG, VAITKUTE, IMHOF, PETROSYAN]
    for layout in (text, text.replace("\n", " ")):
        started = time.perf_counter()
        find_candidates(layout, speakers)
        assert time.perf_counter() - started < 0.5


# --- Relayed speech: an institution or a spokesperson reports a minister's words and stances -----

DAHAN = person("+21", "Omar Dahan", "Jordanian Foreign Minister")
NAGUIB = person("+22", "Karim Naguib", "Egyptian Foreign Minister")
EGYPT_MINISTRY = institution("+23", "Egyptian Foreign Ministry")
QUDAH = person("+24", "Sufyan Qudah", "Jordanian Foreign Ministry spokesman")
MARCHETTI = person("+25", "Sofia Marchetti", "Italian Foreign Minister")
ROSSI = person("+26", "Chiara Rossi", "spokeswoman")
LEE = person("+27", "Lee Jae-sung", "South Korean President")


def test_an_institution_relays_a_ministers_stances():
    text = (
        "The Egyptian Foreign Ministry said Naguib welcomed the proposal to hold a regional conference in Amman.\n\n"
        "Naguib stressed the importance of coordination between the two countries, the ministry said in a "
        "statement.\n\n"
        "Pryce voiced support for the Egyptian mediation efforts, the State Department said.\n\n"
        "According to a State Department readout, Pryce reaffirmed the commitment of the United States to the "
        "ceasefire.\n\n"
        "A ministry statement said Naguib “appreciated Jordan's role in delivering aid.”\n\n"
        "Pryce underscored “the importance of returning all hostages,” according to a State Department readout.\n\n"
        "Pryce expressed concern over the situation in Rafah, according to the readout.\n\n"
        "Dahan said Naguib welcomed the proposal for a joint committee.\n\n"
        "The ministry said Naguib welcomed Italy's decision to increase its aid."
    )
    speakers = [DAHAN, NAGUIB, EGYPT_MINISTRY, PRYCE, STATE_DEPARTMENT]
    assert found(text, speakers) == [
        (
            REPORTED,
            "welcomed the proposal to hold a regional conference in Amman",
            "Karim Naguib",
            "Egyptian Foreign Ministry",
        ),
        (
            REPORTED,
            "the importance of coordination between the two countries",
            "Karim Naguib",
            "Egyptian Foreign Ministry",
        ),
        (REPORTED, "voiced support for the Egyptian mediation efforts", "Harlan Pryce", "State Department"),
        (
            REPORTED,
            "reaffirmed the commitment of the United States to the ceasefire",
            "Harlan Pryce",
            "State Department",
        ),
        (QUOTE, "appreciated Jordan's role in delivering aid.", "Karim Naguib", "Egyptian Foreign Ministry"),
        (QUOTE, "the importance of returning all hostages,", "Harlan Pryce", "State Department"),
        (REPORTED, "expressed concern over the situation in Rafah", "Harlan Pryce", "State Department"),
        # A person who is no spokesperson reports a stance: their own statement, as before.
        (REPORTED, "Naguib welcomed the proposal for a joint committee", "Omar Dahan", None),
        (REPORTED, "welcomed Italy's decision to increase its aid", "Karim Naguib", "Egyptian Foreign Ministry"),
    ]


def test_a_spokesman_relays_his_minister():
    text = (
        "Foreign ministry spokesman Sufyan Qudah said minister Dahan told his counterpart that Jordan rejected any "
        "plan to displace Palestinians.\n\n"
        "Qudah quoted Dahan as telling Naguib that “the region cannot take another war.”\n\n"
        "Dahan told Naguib that “there is no alternative to a two-state solution,” spokesman Qudah said.\n\n"
        "Spokesman Qudah said Dahan had warned that “the humanitarian catastrophe in Gaza is getting worse.”\n\n"
        "Qudah said Dahan had called for an immediate ceasefire in Gaza.\n\n"
        "“We stand ready,” Dahan was quoted as saying by Qudah.\n\n"
        "“We will not wait,” Dahan was quoted as saying by the state news agency Petra."
    )
    assert found(text, [DAHAN, NAGUIB, QUDAH]) == [
        (REPORTED, "Jordan rejected any plan to displace Palestinians", "Omar Dahan", "Sufyan Qudah"),
        (QUOTE, "the region cannot take another war.", "Omar Dahan", "Sufyan Qudah"),
        (QUOTE, "there is no alternative to a two-state solution,", "Omar Dahan", "Sufyan Qudah"),
        (QUOTE, "the humanitarian catastrophe in Gaza is getting worse.", "Omar Dahan", "Sufyan Qudah"),
        (REPORTED, "called for an immediate ceasefire in Gaza", "Omar Dahan", "Sufyan Qudah"),
        (QUOTE, "We stand ready,", "Omar Dahan", "Sufyan Qudah"),
        (QUOTE, "We will not wait,", "Omar Dahan", None),
    ]


def test_a_press_secretary_on_what_the_president_will_do():
    text = (
        "Park Ji-won, President Lee Jae-sung's press secretary, said Lee would also meet the Jordanian king in "
        "Amman next week.\n\n"
        "Chiara Rossi, Marchetti's spokeswoman, said Marchetti would also visit Beirut on Monday.\n\n"
        "Rossi, Marchetti's spokeswoman, said Marchetti had met the Lebanese prime minister twice."
    )
    assert found(text, [LEE, MARCHETTI, ROSSI]) == [
        (REPORTED, "Lee would also meet the Jordanian king in Amman next week", "Lee Jae-sung", None),
        (REPORTED, "Marchetti would also visit Beirut on Monday", "Sofia Marchetti", "Chiara Rossi"),
        (REPORTED, "Marchetti had met the Lebanese prime minister twice", "Chiara Rossi", None),
    ]


def test_quotes_that_wait_for_their_speaker():
    text = (
        "Marchetti arrived in Amman on Sunday. “We came to listen.” The minister added later: “Italy stands with "
        "Jordan.”\n\n"
        "“We came to listen.” “We will not leave empty-handed,” Marchetti said.\n\n"
        "Dahan said the talks had been useful for both sides.\n\n"
        "“We will keep working until the guns fall silent.”\n\n"
        "Marchetti thanked Dahan, saying: “Italy is grateful.”\n\n"
        "The two ministers then took questions. “Is this the end?” “No,” Dahan said.\n\n"
        "Critics called the plan “a fig leaf.” “It is a first step,” Dahan said.\n\n"
        "“Jordan stands ready,” Dahan said in a statement carried by the state news agency Petra."
    )
    assert found(text, [DAHAN, MARCHETTI]) == [
        (QUOTE, "We came to listen.", "Sofia Marchetti", None),
        (QUOTE, "Italy stands with Jordan.", "Sofia Marchetti", None),
        (QUOTE, "We came to listen.", "Sofia Marchetti", None),
        (QUOTE, "We will not leave empty-handed,", "Sofia Marchetti", None),
        (REPORTED, "the talks had been useful for both sides", "Omar Dahan", None),
        (QUOTE, "We will keep working until the guns fall silent.", "Omar Dahan", None),
        (QUOTE, "Italy is grateful.", "Sofia Marchetti", None),
        (QUOTE, "Is this the end?", None, None),
        (QUOTE, "No,", "Omar Dahan", None),
        (QUOTE, "a fig leaf.", None, None),
        (QUOTE, "It is a first step,", "Omar Dahan", None),
        (QUOTE, "Jordan stands ready,", "Omar Dahan", None),
    ]
    # Only in the same paragraph: a quote alone in its paragraph does not wait for the next one's speaker.
    assert found("“We came to listen.”\n\n“We will not leave,” Marchetti said.", [MARCHETTI]) == [
        (QUOTE, "We came to listen.", None, None),
        (QUOTE, "We will not leave,", "Sofia Marchetti", None),
    ]


def test_quotes_introduced_in_other_ways():
    text = (
        "In a statement, Dahan said: “Jordan will not be a homeland for anyone else.”\n\n"
        "Marchetti wrote on X, formerly Twitter: “A productive meeting with my friend Omar Dahan.”\n\n"
        "In Marchetti's words: “Italy will not look away.”\n\n"
        "Dahan's message was clear: “Without a ceasefire, there is no political horizon.”\n\n"
        "“There is no military solution to this conflict.” — Omar Dahan, Jordan's foreign minister\n\n"
        "Marchetti, in turn, stressed: “Italy is grateful.”"
    )
    assert found(text, [DAHAN, MARCHETTI]) == [
        (QUOTE, "Jordan will not be a homeland for anyone else.", "Omar Dahan", None),
        (QUOTE, "A productive meeting with my friend Omar Dahan.", "Sofia Marchetti", None),
        (QUOTE, "Italy will not look away.", "Sofia Marchetti", None),
        (QUOTE, "Without a ceasefire, there is no political horizon.", "Omar Dahan", None),
        (QUOTE, "There is no military solution to this conflict.", "Omar Dahan", None),
        (QUOTE, "Italy is grateful.", "Sofia Marchetti", None),
    ]


def test_a_country_names_its_minister_and_a_source_closes_the_clause():
    kerr = person("+28", "Matthew Kerr", "State Department spokesman")
    text = (
        "“This war must stop now,” Jordan's foreign minister told reporters.\n\n"
        "“We need more aid,” the top US diplomat said.\n\n"
        "Kerr said in a statement that Pryce “reaffirmed the commitment of the United States to Jordan's security.” "
        "Pryce, he said, “welcomed Jordan's leadership in delivering aid.”\n\n"
        "Pryce stressed the need for more aid, according to a statement from the State Department.\n\n"
        "Dahan reaffirmed Jordan's support for the ceasefire talks, the statement said."
    )
    assert found(text, [DAHAN, PRYCE, kerr, STATE_DEPARTMENT]) == [
        (QUOTE, "This war must stop now,", "Omar Dahan", None),
        (QUOTE, "We need more aid,", "Harlan Pryce", None),
        (
            QUOTE,
            "reaffirmed the commitment of the United States to Jordan's security.",
            "Harlan Pryce",
            "Matthew Kerr",
        ),
        (QUOTE, "welcomed Jordan's leadership in delivering aid.", "Harlan Pryce", "Matthew Kerr"),
        (REPORTED, "the need for more aid", "Harlan Pryce", "State Department"),
        # A statement that names no body the finder knows: the stance is still Dahan's.
        (REPORTED, "reaffirmed Jordan's support for the ceasefire talks", "Omar Dahan", None),
    ]


INTERVIEW = """Interview: the mayor of Valparaíso on the port deal

Valparaíso, 3 March 2026

Chile's port minister, Tomás Riquelme, travels to Lima next week. He answered our questions.

Q: Is the deal with Peru final?

Tomás Riquelme: Almost. Two clauses on customs remain, and I expect them settled in Lima.

Q: Critics call it "a giveaway". Is it?

Riquelme: No. Both ports gain traffic, and the fees stay ours.
"""
RIQUELME = person("+40", "Tomás Riquelme", "Chile's port minister")


def test_an_interview_transcript_gives_each_answer_to_the_one_named_before_the_colon():
    assert found(INTERVIEW, [RIQUELME]) == [
        (QUOTE, "Almost. Two clauses on customs remain, and I expect them settled in Lima.", "Tomás Riquelme", None),
        (QUOTE, "a giveaway", None, None),
        (QUOTE, "No. Both ports gain traffic, and the fees stay ours.", "Tomás Riquelme", None),
    ]


QA_INTERVIEW = """Oslo, 4 May 2026
Norwegian Foreign Minister Ingrid Vik spoke to our correspondent ahead of her visit to Baku.
Q: Minister, what do you expect from Baku?
A: We expect frank talks. Norway buys no gas from Azerbaijan, so we can speak plainly.
Q: Some call your trip "a whitewash". Is it?
A: No. Staying at home would change nothing for the people in prison.
"""
VIK = person("+41", "Ingrid Vik", "Norwegian Foreign Minister")


def test_a_question_and_answer_transcript_gives_the_answers_to_the_one_person_named_before_it():
    assert found(QA_INTERVIEW, [VIK]) == [
        (
            QUOTE,
            "We expect frank talks. Norway buys no gas from Azerbaijan, so we can speak plainly.",
            "Ingrid Vik",
            None,
        ),
        (QUOTE, "a whitewash", None, None),  # the question's, no one's statement
        (QUOTE, "No. Staying at home would change nothing for the people in prison.", "Ingrid Vik", None),
    ]


def test_answers_are_no_ones_when_several_people_are_named_before_the_questions():
    two = QA_INTERVIEW.replace("ahead of her visit to Baku", "with Danish Foreign Minister Lars Holm")
    holm = person("+42", "Lars Holm", "Danish Foreign Minister")
    assert [speaker for kind, _, speaker, _ in found(two, [VIK, holm]) if kind == QUOTE] == [None]


def test_acts_that_state_a_position_run_from_their_verb_and_thanks_are_courtesy():
    kovac = person("+1", "Matej Kovač", "Slovenian Foreign Minister")
    text = (
        "Kovač insisted on a fair split of the costs between the two countries.\n"
        "Kovač deplored the delays in the permits for the new line.\n"
        "Kovač appealed to the European Commission for more funding.\n"
        "Kovač thanked Austria for its hospitality during the visit.\n"
    )
    assert found(text, [kovac]) == [
        (REPORTED, "insisted on a fair split of the costs between the two countries", "Matej Kovač", None),
        (REPORTED, "deplored the delays in the permits for the new line", "Matej Kovač", None),
        (REPORTED, "appealed to the European Commission for more funding", "Matej Kovač", None),
    ]
