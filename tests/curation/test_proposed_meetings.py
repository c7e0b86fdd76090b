"""Proposing the meetings an article reports, on short example articles of every kind the suggester meets.

The articles are our own, with fictional people and real places. Their participants come from the real
pipeline (``propose_participants``), so each test reads an article the way the suggester does.
"""

import datetime

import pytest

from meetings.choices import DatePrecision, MeetingKind, MeetingStatus, ParticipantRole
from meetings.suggest.participants import propose_participants
from meetings.suggest.places import find_place
from meetings.suggest.proposed_meetings import ProposedMeeting, propose_meetings

TALKS, MEETING, PHONE_CALL = MeetingKind.TALKS, MeetingKind.MEETING, MeetingKind.PHONE_CALL
SUMMIT, VISIT, PRESS_CONFERENCE, WORKING_GROUP = (
    MeetingKind.SUMMIT,
    MeetingKind.VISIT,
    MeetingKind.PRESS_CONFERENCE,
    MeetingKind.WORKING_GROUP,
)
HELD, PLANNED, PROPOSED, CANCELLED = (
    MeetingStatus.HELD,
    MeetingStatus.PLANNED,
    MeetingStatus.PROPOSED,
    MeetingStatus.CANCELLED,
)
DAY, MONTH, UNKNOWN = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.UNKNOWN
HOST, GUEST, ATTENDEE = ParticipantRole.HOST, ParticipantRole.GUEST, ParticipantRole.ATTENDEE
CALLER, RECIPIENT = ParticipantRole.CALLER, ParticipantRole.RECIPIENT


class Article:
    """An example article with its participants, as the suggester proposes them, to name them by name in tests."""

    def __init__(self, text: str, published_on: datetime.date | None, topics: tuple[tuple[str, str], ...] = ()):
        self.text, self.published_on, self.topics = text, published_on, topics
        self.participants = propose_participants(text, [])

    def meetings(self) -> list[ProposedMeeting]:
        return propose_meetings(self.text, self.published_on, self.participants, self.topics)

    def who(self, name: str) -> int:
        return next(index for index, participant in enumerate(self.participants) if participant.name == name)

    def meeting(
        self,
        evidence: tuple[str, str],
        title: str,
        kind: str,
        status: str = HELD,
        date: datetime.date | None = None,
        precision: str = UNKNOWN,
        city: str = "",
        country: str = "",
        participants: tuple[tuple[str, str], ...] = (),
        parent: int | None = None,
        topics: tuple[str, ...] = (),
    ) -> ProposedMeeting:
        """The expected proposal; ``evidence`` is the first and last words of the sentence that reports it."""
        start = self.text.index(evidence[0])
        end = self.text.index(evidence[1], start) + len(evidence[1])
        roles = tuple((self.who(name), role) for name, role in participants)
        return ProposedMeeting(title, kind, status, date, precision, city, country, roles, parent, topics, start, end)


# --- Press releases -------------------------------------------------------------------------------


def test_a_ministrys_press_release_about_a_phone_call_and_the_working_group_it_agreed_on():
    article = Article(
        "Press release\n"
        "Ministry of Foreign Affairs of Peru\n"
        "On 14 March 2024, Peruvian Foreign Minister Ana Paredes held a telephone conversation with the Foreign "
        "Minister of Ecuador, Luis Carrasco. The ministers discussed border security and the reopening of the Tumbes "
        "crossing. Paredes thanked Carrasco for Ecuador's support.\n"
        "Both sides agreed to hold a meeting of the binational working group in Quito in April.\n",
        datetime.date(2024, 3, 14),
        topics=(("border-security", "Border security"), ("trade", "trade")),
    )
    assert article.meetings() == [
        article.meeting(
            ("On 14 March 2024", "Luis Carrasco."),
            "Paredes–Carrasco phone call",
            PHONE_CALL,
            date=datetime.date(2024, 3, 14),
            precision=DAY,
            participants=(("Ana Paredes", ATTENDEE), ("Luis Carrasco", ATTENDEE)),
            topics=("border-security",),
        ),
        # "Both sides": the two last named. "In April", of a meeting to come, is next April's.
        article.meeting(
            ("Both sides", "in April."),
            "Binational working group meeting in Quito",
            WORKING_GROUP,
            PLANNED,
            datetime.date(2024, 4, 1),
            MONTH,
            "Quito",
            "EC",
            participants=(("Ana Paredes", ATTENDEE), ("Luis Carrasco", ATTENDEE)),
        ),
    ]


def test_who_called_whom_gives_the_caller_and_the_recipient():
    article = Article(
        "Chilean President Marta Ibanez called Argentine President Julian Roldan on Tuesday to discuss the lithium "
        "dispute, the Chilean presidency said.\n"
        "Roldan later received a call from Uruguayan President Diego Ferreyra about the same issue.\n"
        "Ibanez proposed a meeting with Roldan in Mendoza next month.\n",
        datetime.date(2024, 10, 9),
    )
    assert article.meetings() == [
        article.meeting(
            ("Chilean President", "presidency said."),
            "Ibanez–Roldan phone call",
            PHONE_CALL,
            date=datetime.date(2024, 10, 8),
            precision=DAY,
            participants=(("Marta Ibanez", CALLER), ("Julian Roldan", RECIPIENT)),
        ),
        article.meeting(
            ("Roldan later", "same issue."),
            "Roldan–Ferreyra phone call",
            PHONE_CALL,
            participants=(("Julian Roldan", RECIPIENT), ("Diego Ferreyra", CALLER)),
        ),
        article.meeting(
            ("Ibanez proposed", "next month."),
            "Ibanez–Roldan meeting in Mendoza",
            MEETING,
            PROPOSED,
            datetime.date(2024, 11, 1),
            MONTH,
            "Mendoza",
            "AR",
            participants=(("Marta Ibanez", ATTENDEE), ("Julian Roldan", ATTENDEE)),
        ),
    ]


# --- Wire stories ---------------------------------------------------------------------------------


def test_a_wire_story_with_two_meetings_one_of_them_months_ago():
    article = Article(
        "BOGOTÁ, September 12 (Andes Press) — Colombian Foreign Minister Rafael Montoya met Brazilian Foreign "
        "Minister Helena Duarte in Bogotá on Wednesday to discuss Amazon deforestation.\n"
        "The two ministers last met in June 2024 in Brasília, when they signed a river transport accord.\n"
        "“We have made more progress in two days than in two years,” Montoya told reporters after the meeting.\n"
        "Duarte said Brazil would host a regional conference on the Amazon next year.\n",
        datetime.date(2024, 9, 12),
        topics=(("deforestation", "Amazon deforestation"),),
    )
    both = (("Rafael Montoya", ATTENDEE), ("Helena Duarte", ATTENDEE))
    # The dateline's date and place are where the story was filed; the Wednesday is the meeting's.
    assert article.meetings() == [
        article.meeting(
            ("Colombian Foreign", "deforestation."),
            "Montoya–Duarte meeting in Bogotá",
            MEETING,
            date=datetime.date(2024, 9, 11),
            precision=DAY,
            city="Bogotá",
            country="CO",
            participants=both,
            topics=("deforestation",),
        ),
        article.meeting(
            ("The two ministers", "accord."),
            "Montoya–Duarte meeting in Brasília",
            MEETING,
            date=datetime.date(2024, 6, 1),
            precision=MONTH,
            city="Brasília",
            country="BR",
            participants=both,
        ),
    ]


def test_one_meeting_told_in_several_sentences_is_one_proposal_and_reporters_do_not_take_part():
    article = Article(
        "Paredes and Valdivia meet in Lima\n"
        "LIMA, October 7 (Andes Press) — Peruvian Foreign Minister Ana Paredes and Chilean Foreign Minister Tomás "
        "Valdivia met on Friday, the ministry said.\n"
        "The two ministers met for three hours at the Torre Tagle Palace in Lima to discuss fishing quotas.\n"
        "According to the Kremlin, Russian President Ivan Sokolov met Kazakh President Arman Nurlanov in the Kazakh "
        "capital, Astana, on Thursday.\n"
        "Kremlin spokesman Oleg Varin said Sokolov had not met Chinese President Li Wen during the trip.\n",
        datetime.date(2024, 10, 7),
        topics=(("fisheries", "fishing quotas"),),
    )
    assert article.meetings() == [
        # The place and the topic come from the second sentence, which "the two ministers" ties to the first.
        article.meeting(
            ("Peruvian Foreign", "ministry said."),
            "Paredes–Valdivia meeting in Lima",
            MEETING,
            date=datetime.date(2024, 10, 4),
            precision=DAY,
            city="Lima",
            country="PE",
            participants=(("Ana Paredes", ATTENDEE), ("Tomás Valdivia", ATTENDEE)),
            topics=("fisheries",),
        ),
        # Neither the Kremlin (its source) nor the meeting that did not happen.
        article.meeting(
            ("According to", "on Thursday."),
            "Sokolov–Nurlanov meeting in Astana",
            MEETING,
            date=datetime.date(2024, 10, 3),
            precision=DAY,
            city="Astana",
            country="KZ",
            participants=(("Ivan Sokolov", ATTENDEE), ("Arman Nurlanov", ATTENDEE)),
        ),
    ]


def test_the_host_receives_the_guest():
    article = Article(
        "CAIRO, April 8 (Nile Desk) — Egyptian President Omar Farouk received Jordanian Foreign Minister Laila Haddad "
        "at the Ittihadiya Palace in Cairo on Sunday.\n"
        "Haddad delivered a message from the Jordanian king about the Gaza ceasefire, the Egyptian presidency said.\n",
        datetime.date(2024, 4, 8),
    )
    assert article.meetings() == [
        article.meeting(
            ("Egyptian President", "on Sunday."),
            "Farouk–Haddad meeting in Cairo",
            MEETING,
            date=datetime.date(2024, 4, 7),
            precision=DAY,
            city="Cairo",
            country="EG",
            participants=(("Omar Farouk", HOST), ("Laila Haddad", GUEST)),
        )
    ]


def test_a_place_named_only_in_the_dateline_is_no_meetings_place():
    article = Article(
        "MOSCOW, March 4 (Volga News) — Russian Deputy Foreign Minister Oleg Varin met Iranian Ambassador Reza Karimi "
        "on Monday to discuss nuclear cooperation, the ministry said.\n",
        datetime.date(2024, 3, 4),
    )
    assert article.meetings() == [
        article.meeting(
            ("Russian Deputy", "ministry said."),
            "Varin–Karimi meeting",
            MEETING,
            date=datetime.date(2024, 3, 4),
            precision=DAY,
            participants=(("Oleg Varin", ATTENDEE), ("Reza Karimi", ATTENDEE)),
        )
    ]


def test_a_cancelled_meeting_has_no_date_from_the_day_it_was_called_off():
    article = Article(
        "BUDAPEST, June 20 (Danube Press) — A planned meeting between Hungarian Foreign Minister Gabor Szabo and "
        "Romanian Foreign Minister Elena Popescu in Budapest was cancelled on Thursday after a row over minority "
        "rights.\n"
        "Szabo's spokeswoman, Katalin Kovacs, said the talks had been called off “for now”.\n",
        datetime.date(2024, 6, 20),
    )
    assert article.meetings() == [
        article.meeting(
            ("A planned meeting", "rights."),
            "Szabo–Popescu meeting in Budapest",
            MEETING,
            CANCELLED,
            city="Budapest",
            country="HU",
            participants=(("Gabor Szabo", ATTENDEE), ("Elena Popescu", ATTENDEE)),
        )
    ]


def test_a_working_group_to_meet_is_proposed_without_participants_and_unnamed_presidents_are_not():
    article = Article(
        "QUITO, January 15 (Andes Press) — Ecuadorian Foreign Minister Sofia Andrade and Peruvian Foreign Minister "
        "Ana Paredes agreed on Monday that a joint technical commission would meet in Quito in March to review the "
        "border demarcation.\n"
        "Andrade proposed a meeting of the two presidents later in the year.\n",
        datetime.date(2025, 1, 15),
    )
    assert article.meetings() == [
        article.meeting(
            ("Ecuadorian Foreign", "demarcation."),
            "Joint technical commission meeting in Quito",
            WORKING_GROUP,
            PLANNED,
            datetime.date(2025, 3, 1),
            MONTH,
            "Quito",
            "EC",
        )
    ]


def test_a_host_a_joint_press_conference_and_a_visit_told_afterwards():
    article = Article(
        "BERLIN, May 14 (Spree Wire) — German Chancellor Jonas Weber hosted Polish Prime Minister Marek Nowak at the "
        "Chancellery on Tuesday, and the two leaders held a joint press conference afterwards.\n"
        "Nowak's visit to Berlin was his first since taking office.\n",
        datetime.date(2024, 5, 14),
    )
    assert article.meetings() == [
        article.meeting(
            ("German Chancellor", "afterwards."),
            "Weber–Nowak meeting",
            MEETING,
            date=datetime.date(2024, 5, 14),
            precision=DAY,
            participants=(("Jonas Weber", HOST), ("Marek Nowak", GUEST)),
        ),
        article.meeting(
            ("German Chancellor", "afterwards."),
            "Weber–Nowak press conference",
            PRESS_CONFERENCE,
            participants=(("Jonas Weber", ATTENDEE), ("Marek Nowak", ATTENDEE)),
        ),
        article.meeting(
            ("Nowak's visit", "taking office."),
            "Nowak's visit to Berlin",
            VISIT,
            city="Berlin",
            country="DE",
            participants=(("Marek Nowak", GUEST),),
        ),
    ]


# --- Visits ---------------------------------------------------------------------------------------


def test_a_planned_visit_with_talks_in_it_and_earlier_talks():
    article = Article(
        "NEW DELHI, May 6 (Subcontinent Wire) — Indian Prime Minister Kavita Rao is expected to travel to Tokyo next "
        "month for talks with Japanese Prime Minister Kenji Mori, officials said on Monday.\n"
        "Rao and Mori last held talks in March on the sidelines of a regional forum.\n",
        datetime.date(2024, 5, 6),
    )
    next_month = {"date": datetime.date(2024, 6, 1), "precision": MONTH, "city": "Tokyo", "country": "JP"}
    assert article.meetings() == [
        article.meeting(
            ("Indian Prime", "on Monday."),
            "Rao's visit to Tokyo",
            VISIT,
            PLANNED,
            participants=(("Kavita Rao", GUEST),),
            **next_month,
        ),
        article.meeting(
            ("Indian Prime", "on Monday."),
            "Rao–Mori talks in Tokyo",
            TALKS,
            PLANNED,
            participants=(("Kavita Rao", ATTENDEE), ("Kenji Mori", ATTENDEE)),
            parent=0,
            **next_month,
        ),
        # "A regional forum" is no summit the article names: no parent.
        article.meeting(
            ("Rao and Mori", "regional forum."),
            "Rao–Mori talks",
            TALKS,
            date=datetime.date(2024, 3, 1),
            precision=MONTH,
            participants=(("Kavita Rao", ATTENDEE), ("Kenji Mori", ATTENDEE)),
        ),
    ]


def test_a_visit_its_host_the_talks_during_it_and_a_visit_proposed_by_invitation():
    article = Article(
        "RABAT, November 4 (Maghreb Wire) — Spanish Prime Minister Lucia Moreno arrived in Rabat on Monday for a "
        "two-day official visit at the invitation of Moroccan Prime Minister Karim Benali.\n"
        "During her visit, Moreno held talks with Benali on migration and fisheries.\n"
        "Benali invited Moreno's foreign minister, Pablo Ibarra, to visit Marrakesh in the spring.\n",
        datetime.date(2024, 11, 4),
        topics=(("migration", "Migration"),),
    )
    assert article.meetings() == [
        article.meeting(
            ("Spanish Prime", "Karim Benali."),
            "Moreno's visit to Rabat",
            VISIT,
            date=datetime.date(2024, 11, 4),
            precision=DAY,
            city="Rabat",
            country="MA",
            participants=(("Lucia Moreno", GUEST), ("Karim Benali", HOST)),
            topics=("migration",),  # "during her visit" is one of its sentences
        ),
        article.meeting(
            ("During her visit", "fisheries."),
            "Moreno–Benali talks in Rabat",
            TALKS,
            city="Rabat",
            country="MA",
            participants=(("Lucia Moreno", ATTENDEE), ("Karim Benali", ATTENDEE)),
            parent=0,
            topics=("migration",),
        ),
        # Moreno is only the minister's possessor.
        article.meeting(
            ("Benali invited", "spring."),
            "Ibarra's visit to Marrakesh",
            VISIT,
            PROPOSED,
            city="Marrakesh",
            country="MA",
            participants=(("Karim Benali", HOST), ("Pablo Ibarra", GUEST)),
        ),
    ]


def test_an_undated_article_states_no_date():
    article = Article(
        "Austrian Chancellor Paul Wagner welcomed Slovak Prime Minister Peter Horvath in Vienna last month, and the "
        "two leaders agreed to build a new rail link.\n"
        "Wagner said the meeting had been long overdue.\n",
        None,
    )
    assert article.meetings() == [
        article.meeting(
            ("Austrian Chancellor", "rail link."),
            "Wagner–Horvath meeting in Vienna",
            MEETING,
            city="Vienna",
            country="AT",
            participants=(("Paul Wagner", HOST), ("Peter Horvath", GUEST)),
        )
    ]


# --- Summits --------------------------------------------------------------------------------------


def test_a_summit_and_two_meetings_on_its_sidelines_which_take_its_place():
    article = Article(
        "ADDIS ABABA, February 18 (Horn Wire) — African Union leaders ended a two-day summit in Addis Ababa on "
        "Sunday with a pledge to fund a continental power grid.\n"
        "On the sidelines of the summit, Kenyan President Daniel Mwangi met Nigerian President Ifeoma Okafor to "
        "discuss a stalled pipeline project.\n"
        "Separately, Senegalese Foreign Minister Awa Ndiaye held talks with Ghanaian Foreign Minister Kwame Asante on "
        "the margins of the summit on Saturday.\n",
        datetime.date(2024, 2, 18),
    )
    addis_ababa = {"city": "Addis Ababa", "country": "ET"}
    assert article.meetings() == [
        article.meeting(
            ("African Union leaders", "power grid."),
            "African Union summit in Addis Ababa",
            SUMMIT,
            date=datetime.date(2024, 2, 18),
            precision=DAY,
            **addis_ababa,
        ),
        article.meeting(
            ("On the sidelines", "pipeline project."),
            "Mwangi–Okafor meeting in Addis Ababa",
            MEETING,
            participants=(("Daniel Mwangi", ATTENDEE), ("Ifeoma Okafor", ATTENDEE)),
            parent=0,
            **addis_ababa,
        ),
        article.meeting(
            ("Separately", "on Saturday."),
            "Ndiaye–Asante talks in Addis Ababa",
            TALKS,
            date=datetime.date(2024, 2, 17),
            precision=DAY,
            participants=(("Awa Ndiaye", ATTENDEE), ("Kwame Asante", ATTENDEE)),
            parent=0,
            **addis_ababa,
        ),
    ]


def test_a_bilateral_meeting_on_the_sidelines_of_the_general_assembly_and_a_trip_that_will_not_happen():
    article = Article(
        "NEW YORK, September 25 (Andes Press) — Peruvian Foreign Minister Ana Paredes held a bilateral meeting with "
        "Japanese Foreign Minister Hiro Sato on the sidelines of the UN General Assembly in New York on Tuesday.\n"
        "Paredes will not travel to Brasília next week, officials said.\n",
        datetime.date(2024, 9, 25),
    )
    new_york = {"date": datetime.date(2024, 9, 24), "precision": DAY, "city": "New York City", "country": "US"}
    assert article.meetings() == [
        article.meeting(("Peruvian Foreign", "on Tuesday."), "UN General Assembly in New York", SUMMIT, **new_york),
        article.meeting(
            ("Peruvian Foreign", "on Tuesday."),
            "Paredes–Sato meeting in New York",
            MEETING,
            participants=(("Ana Paredes", ATTENDEE), ("Hiro Sato", ATTENDEE)),
            parent=0,
            **new_york,
        ),
    ]


def test_a_live_blog_skips_its_captions_and_attends_the_summit_it_covers():
    article = Article(
        "Live: G20 summit in Rio de Janeiro — all the latest\n"
        "10:42 — Turkish Foreign Minister Selin Aydin has arrived in Rio de Janeiro for the G20 summit.\n"
        "11:15 — Aydin is now meeting her Indonesian counterpart, Budi Santoso, on the sidelines of the summit. We "
        "will bring you more as we get it.\n"
        "12:30 — Italian Foreign Minister Marco Ferri told reporters he will meet Aydin on Thursday.\n"
        "Photo: Selin Aydin arrives in Rio. © Summit Pool\n",
        datetime.date(2024, 11, 18),
    )
    rio = {"city": "Rio de Janeiro", "country": "BR"}
    assert article.meetings() == [
        # Arriving for the summit is attending it, not a visit; the headline names it first.
        article.meeting(
            ("Live: G20", "the latest"),
            "G20 summit in Rio de Janeiro",
            SUMMIT,
            participants=(("Selin Aydin", ATTENDEE),),
            **rio,
        ),
        article.meeting(
            ("11:15", "of the summit."),
            "Aydin–Santoso meeting in Rio de Janeiro",
            MEETING,
            participants=(("Selin Aydin", ATTENDEE), ("Budi Santoso", ATTENDEE)),
            parent=0,
            **rio,
        ),
        article.meeting(
            ("12:30", "on Thursday."),
            "Ferri–Aydin meeting",
            MEETING,
            PLANNED,
            datetime.date(2024, 11, 21),
            DAY,
            participants=(("Marco Ferri", ATTENDEE), ("Selin Aydin", ATTENDEE)),
        ),
    ]


def test_a_summit_its_attendees_a_call_on_its_eve_and_a_visit_called_off():
    article = Article(
        "KAZAN, October 24 (Volga News) — Leaders including Brazilian President Joao Mendes and Indian Prime "
        "Minister Kavita Rao attended the BRICS summit in Kazan on Wednesday.\n"
        "Mendes held phone talks with Chinese President Li Wen on the eve of the summit. Mendes met reporters after "
        "the session.\n"
        "Rao will not attend next year's summit in Rio, her office said.\n"
        "The planned visit of Turkish President Emre Kaya to Athens has been postponed indefinitely.\n",
        datetime.date(2024, 10, 24),
    )
    assert article.meetings() == [
        article.meeting(
            ("Leaders including", "on Wednesday."),
            "BRICS summit in Kazan",
            SUMMIT,
            date=datetime.date(2024, 10, 23),
            precision=DAY,
            city="Kazan",
            country="RU",
            participants=(("Joao Mendes", ATTENDEE), ("Kavita Rao", ATTENDEE)),
        ),
        # "On the eve of" the summit is not at it; "met reporters" is no meeting; next year's summit is another.
        article.meeting(
            ("Mendes held", "of the summit."),
            "Mendes–Wen phone call",
            PHONE_CALL,
            participants=(("Joao Mendes", ATTENDEE), ("Li Wen", ATTENDEE)),
        ),
        article.meeting(
            ("The planned visit", "indefinitely."),
            "Kaya's visit to Athens",
            VISIT,
            CANCELLED,
            city="Athens",
            country="GR",
            participants=(("Emre Kaya", GUEST),),
        ),
    ]


def test_talks_held_between_a_host_to_come_and_leaders_set_to_meet():
    article = Article(
        "GENEVA (Alpine Wire) - Talks were held in Geneva on Monday between Armenian Foreign Minister Arman Sargsyan "
        "and Azerbaijani Foreign Minister Elnur Huseynov.\n"
        "Slovenian Prime Minister Marko Zupan will host Croatian Prime Minister Ivo Babic in Ljubljana on "
        "12 December.\n"
        "Latvian President Inese Ozola and Lithuanian President Tomas Vaitkus are set to meet in Riga in January.\n"
        "The foreign ministers of Peru and Chile met in Arica.\n",
        datetime.date(2024, 11, 5),
    )
    assert article.meetings() == [
        article.meeting(
            ("Talks were held", "Elnur Huseynov."),
            "Sargsyan–Huseynov talks in Geneva",
            TALKS,
            date=datetime.date(2024, 11, 4),
            precision=DAY,
            city="Geneva",
            country="CH",
            participants=(("Arman Sargsyan", ATTENDEE), ("Elnur Huseynov", ATTENDEE)),
        ),
        article.meeting(
            ("Slovenian Prime", "12 December."),
            "Zupan–Babic meeting in Ljubljana",
            MEETING,
            PLANNED,
            datetime.date(2024, 12, 12),
            DAY,
            "Ljubljana",
            "SI",
            participants=(("Marko Zupan", HOST), ("Ivo Babic", GUEST)),
        ),
        article.meeting(
            ("Latvian President", "in January."),
            "Ozola–Vaitkus meeting in Riga",
            MEETING,
            PLANNED,
            datetime.date(2025, 1, 1),
            MONTH,
            "Riga",
            "LV",
            participants=(("Inese Ozola", ATTENDEE), ("Tomas Vaitkus", ATTENDEE)),
        ),
        # Ministers the article does not name are no participants: no proposal.
    ]


# --- No meeting -----------------------------------------------------------------------------------


def test_an_op_ed_with_a_meeting_only_in_a_quote_proposes_nothing():
    article = Article(
        "Opinion: Why the Andean trade deal matters\n"
        "By Carla Ruiz\n"
        "Peru's exports of blueberries have tripled in five years. Foreign Minister Ana Paredes has said the deal will "
        "help farmers.\n"
        "“I met President Valdivia last year and we agreed on everything,” Paredes said in a radio interview.\n"
        "The deal deserves support, whatever its critics say, and talks on a second phase should start soon.\n",
        datetime.date(2024, 5, 1),
    )
    assert article.participants  # there is someone to meet, and still no meeting
    assert article.meetings() == []


def test_no_participants_no_meetings():
    assert propose_meetings("The two ministers met in Lima on Friday.", datetime.date(2024, 5, 1), []) == []
    assert propose_meetings("", None, []) == []


# --- Places ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "visit", "city", "country"),
    [
        ("They met at the Torre Tagle Palace in Lima on Friday.", False, "Lima", "PE"),
        ("They met in the Kazakh capital, Astana, on Thursday.", False, "Astana", "KZ"),
        ("They met in Kiev.", False, "Kyiv", "UA"),  # another spelling of a large city
        ("They met in Peru.", False, "", "PE"),  # a country alone
        ("They met in the Peruvian capital.", False, "", "PE"),
        ("They met in Singapore.", False, "Singapore", "SG"),  # a city-state
        ("Her visit to Chile begins today.", True, "", "CL"),
        ("She travelled to Lima.", True, "Lima", "PE"),
        ("They met in Moscow President Sokolov said.", False, "Moscow", "RU"),
    ],
)
def test_a_place_phrase_names_a_city_or_a_country(text: str, visit: bool, city: str, country: str):
    place = find_place(text, 0, len(text), visit=visit)
    assert place is not None
    assert (place.city, place.country) == (city, country)


@pytest.mark.parametrize(
    "text",
    [
        "She travelled to Lima.",  # "to" names a place only for a visit
        "They met in March.",  # a town in England, and a month
        "They met in Central Asia.",  # the town of Central, in part of a name
        "In Lima's view the talks failed.",  # a possessive
        "They met in the capital.",
    ],
)
def test_words_that_name_no_place(text: str):
    assert find_place(text, 0, len(text)) is None
