"""Proposing the meetings an article reports, on short example articles of every kind the suggester meets.

The articles are our own, with fictional people and real places. Their participants come from the real
pipeline (``propose_participants``), so each test reads an article the way the suggester does.
"""

import datetime

import pytest

from meetings.choices import DatePrecision, MeetingKind, MeetingStatus, ParticipantRole
from meetings.suggest.participants import propose_participants
from meetings.suggest.places import find_place
from meetings.suggest.proposals import propose
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
DAY, MONTH, YEAR, UNKNOWN = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR, DatePrecision.UNKNOWN
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


def test_a_courtesy_call_is_a_meeting_and_the_two_ministers_are_its_two_participants():
    article = Article(
        "PRESS RELEASE\n"
        "Accra, 12th June, 2026\n"
        "The Minister for Foreign Affairs, Hon. Kwame Mensah, on Thursday, 11th June, 2026, received in a courtesy "
        "call at the Ministry the Foreign Minister of Togo, H.E. Kossi Agbeko.\n"
        "The two Ministers discussed the coastal highway.\n",
        datetime.date(2026, 6, 12),
    )
    assert article.meetings() == [
        article.meeting(
            ("Kwame Mensah, on Thursday", "Kossi Agbeko."),
            "Mensah–Agbeko meeting",
            MEETING,
            date=datetime.date(2026, 6, 11),
            precision=DAY,
            participants=(("Kwame Mensah", ATTENDEE), ("Kossi Agbeko", ATTENDEE)),
        ),
    ]


def test_the_host_receives_a_guest_named_after_their_office_and_offices_name_them_afterwards():
    article = Article(
        "Foreign Secretary Marta Ibarra received today the Minister of Foreign Affairs of Honduras, Raúl Zelaya, "
        "at the Secretariat in Mexico City.\n"
        "A week earlier, on 2 October, the Foreign Secretary and the Minister had spoken by phone.\n",
        datetime.date(2026, 10, 9),
    )
    meetings = article.meetings()
    assert [(m.kind, m.date, m.participants) for m in meetings] == [
        (
            MEETING,
            datetime.date(2026, 10, 9),
            ((article.who("Marta Ibarra"), HOST), (article.who("Raúl Zelaya"), GUEST)),
        ),
        (
            PHONE_CALL,
            datetime.date(2026, 10, 2),
            ((article.who("Marta Ibarra"), ATTENDEE), (article.who("Raúl Zelaya"), ATTENDEE)),
        ),
    ]


def test_who_hosts_the_gathering_a_meeting_is_held_beside_is_not_at_the_meeting():
    article = Article(
        "ASTANA, 17 April 2026 — Austrian Chancellor Lena Huber and Chilean President Pablo Rojas met for an hour "
        "on Friday, on the sidelines of a forum on critical minerals hosted by Kazakhstan's President, Erlan "
        "Sadykov.\n",
        datetime.date(2026, 4, 17),
    )
    assert [(m.kind, m.date, m.participants) for m in article.meetings()] == [
        (
            MEETING,
            datetime.date(2026, 4, 17),
            ((article.who("Lena Huber"), ATTENDEE), (article.who("Pablo Rojas"), ATTENDEE)),
        ),
    ]


def test_a_joint_press_conference_naming_one_speaker_is_held_with_whom_they_met():
    article = Article(
        "VIENNA, 4 May 2026 — Austrian Foreign Minister Lena Huber received her Czech counterpart, Jan Dvořák, "
        "on Monday.\n"
        "“We share a river and a future,” Huber said at a joint press conference.\n",
        datetime.date(2026, 5, 4),
    )
    huber, dvorak = article.who("Lena Huber"), article.who("Jan Dvořák")
    assert [(m.kind, m.date, m.participants) for m in article.meetings()] == [
        (MEETING, datetime.date(2026, 5, 4), ((huber, HOST), (dvorak, GUEST))),
        (PRESS_CONFERENCE, datetime.date(2026, 5, 4), ((huber, ATTENDEE), (dvorak, ATTENDEE))),
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
    berlin = {"city": "Berlin", "country": "DE"}
    # DATA.md: the visit is the parent of its sessions (the talks and the press conference), whose participants are
    # all of theirs, the host receiving the visitor; told afterwards, it still comes first. Its start day is not
    # stated: the month its sessions support.
    assert article.meetings() == [
        article.meeting(
            ("Nowak's visit", "taking office."),
            "Nowak's visit to Berlin",
            VISIT,
            date=datetime.date(2024, 5, 1),
            precision=MONTH,
            participants=(("Marek Nowak", GUEST), ("Jonas Weber", HOST)),
            **berlin,
        ),
        article.meeting(
            ("German Chancellor", "afterwards."),
            "Weber–Nowak meeting in Berlin",
            MEETING,
            date=datetime.date(2024, 5, 14),
            precision=DAY,
            participants=(("Jonas Weber", HOST), ("Marek Nowak", GUEST)),
            parent=0,
            **berlin,
        ),
        article.meeting(
            ("German Chancellor", "afterwards."),
            "Weber–Nowak press conference in Berlin",
            PRESS_CONFERENCE,
            participants=(("Jonas Weber", HOST), ("Marek Nowak", GUEST)),
            parent=0,
            **berlin,
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
            participants=(("Kavita Rao", GUEST), ("Kenji Mori", HOST)),  # DATA.md: everyone in its sessions
            **next_month,
        ),
        article.meeting(
            ("Indian Prime", "on Monday."),
            "Rao–Mori talks in Tokyo",
            TALKS,
            PLANNED,
            participants=(("Kavita Rao", GUEST), ("Kenji Mori", HOST)),  # the visitor and who receives her
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
            participants=(("Lucia Moreno", GUEST), ("Karim Benali", HOST)),  # DATA.md: the host receives the visit
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
            # A two-day summit that ended on Sunday began on Saturday: a meeting's date is its first day.
            date=datetime.date(2024, 2, 17),
            precision=DAY,
            # Who met on its sidelines attended it.
            participants=(
                ("Daniel Mwangi", ATTENDEE),
                ("Ifeoma Okafor", ATTENDEE),
                ("Awa Ndiaye", ATTENDEE),
                ("Kwame Asante", ATTENDEE),
            ),
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
        article.meeting(
            ("Peruvian Foreign", "on Tuesday."),
            "UN General Assembly in New York",
            SUMMIT,
            participants=(("Ana Paredes", ATTENDEE), ("Hiro Sato", ATTENDEE)),  # who met on its sidelines
            # Tuesday is the day of the meeting on its sidelines: the Assembly lasts weeks; the words give it none.
            city="New York City",
            country="US",
        ),
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
            participants=(("Selin Aydin", ATTENDEE), ("Budi Santoso", ATTENDEE)),
            **rio,
        ),
        article.meeting(
            ("11:15", "of the summit."),
            "Aydin–Santoso meeting in Rio de Janeiro",
            MEETING,
            date=datetime.date(2024, 11, 18),  # "is now meeting", in a live report of that day
            precision=DAY,
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


# --- Conventions of DATA.md: visits, sessions, gatherings, calls ---------------------------------------------


def test_an_official_visit_is_the_parent_of_its_talks_audience_and_joint_press_conference():
    """The visit's start day is not stated: the month of its sessions. "He" is the last subject named; the joint
    press conference is a session of the visit, and its participants are all of theirs, the visitor a guest."""
    article = Article(
        "VILNIUS, March 12 (Baltic Wire) — Portuguese Foreign Minister Rui Tavares is on a two-day official "
        "visit to Lithuania, his first since 2019.\n"
        "On Tuesday, Tavares held talks with Lithuanian Foreign Minister Dalia Petrauskiene in Vilnius on "
        "energy security.\n"
        "He was later received by Lithuanian President Jonas Kairys.\n"
        "Tavares and Petrauskiene told a joint press conference that the two countries would open a new air link.\n",
        datetime.date(2025, 3, 12),
    )
    assert article.meetings() == [
        article.meeting(
            ("Portuguese Foreign Minister", "2019."),
            "Tavares's visit to Lithuania",
            VISIT,
            date=datetime.date(2025, 3, 1),
            precision=MONTH,
            country="LT",
            participants=(
                ("Rui Tavares", GUEST),
                ("Dalia Petrauskiene", HOST),
                ("Jonas Kairys", HOST),
            ),
        ),
        article.meeting(
            ("On Tuesday, Tavares", "security."),
            "Tavares–Petrauskiene talks in Vilnius",
            TALKS,
            date=datetime.date(2025, 3, 11),
            precision=DAY,
            city="Vilnius",
            country="LT",
            participants=(
                ("Rui Tavares", GUEST),
                ("Dalia Petrauskiene", HOST),
            ),
            parent=0,
        ),
        article.meeting(
            ("He was later", "Kairys."),
            "Tavares–Kairys meeting in Lithuania",
            MEETING,
            country="LT",
            participants=(
                ("Rui Tavares", GUEST),
                ("Jonas Kairys", HOST),
            ),
            parent=0,
        ),
        article.meeting(
            ("Tavares and Petrauskiene", "link."),
            "Tavares–Petrauskiene press conference in Lithuania",
            PRESS_CONFERENCE,
            country="LT",
            participants=(
                ("Rui Tavares", GUEST),
                ("Dalia Petrauskiene", HOST),
            ),
            parent=0,
        ),
    ]


def test_a_press_release_of_a_telephone_conversation_held_today_and_an_invitation():
    """ "Today" is the article's day; a call has no place; no caller is stated: attendees."""
    article = Article(
        "Press release\n"
        "Ministry of Foreign Affairs of Latvia\n"
        "Foreign Minister of Latvia Karlis Ozols held a telephone conversation today with the Foreign Minister "
        "of Georgia, Nino Beridze. The ministers discussed Georgia's European integration and regional "
        "security.\n"
        "Ozols invited Beridze to visit Riga in the autumn.\n",
        datetime.date(2025, 6, 12),
    )
    assert article.meetings() == [
        article.meeting(
            ("Foreign Minister of", "Beridze."),
            "Ozols–Beridze phone call",
            PHONE_CALL,
            date=datetime.date(2025, 6, 12),
            precision=DAY,
            participants=(
                ("Karlis Ozols", ATTENDEE),
                ("Nino Beridze", ATTENDEE),
            ),
        ),
        article.meeting(
            ("Ozols invited Beridze", "autumn."),
            "Beridze's visit to Riga",
            VISIT,
            status=PROPOSED,
            city="Riga",
            country="LV",
            participants=(
                ("Karlis Ozols", HOST),
                ("Nino Beridze", GUEST),
            ),
        ),
    ]


def test_a_ministerial_meeting_its_attendees_a_sideline_meeting_and_its_next_session():
    """ "The meeting" after the gathering is named stands for it; its next session is planned, and names no one."""
    article = Article(
        "BRUSSELS (Continental Wire) - The NATO foreign ministers' meeting opened in Brussels on Thursday, "
        "chaired by NATO Secretary General Pieter Janssen.\n"
        "Estonian Foreign Minister Kadri Tamm, Norwegian Foreign Minister Erik Solberg and Canadian Foreign "
        "Minister Claire Dubois attended the meeting.\n"
        "On the sidelines of the meeting, Tamm met Solberg to discuss Arctic surveillance.\n"
        "The next meeting will be held in Riga in June.\n",
        datetime.date(2025, 4, 4),
    )
    assert article.meetings() == [
        article.meeting(
            ("The NATO foreign", "Janssen."),
            "NATO foreign ministers' meeting in Brussels",
            SUMMIT,
            date=datetime.date(2025, 4, 3),
            precision=DAY,
            city="Brussels",
            country="BE",
            participants=(
                ("Kadri Tamm", ATTENDEE),
                ("Erik Solberg", ATTENDEE),
                ("Claire Dubois", ATTENDEE),
            ),
        ),
        article.meeting(
            ("On the sidelines", "surveillance."),
            "Tamm–Solberg meeting in Brussels",
            MEETING,
            city="Brussels",
            country="BE",
            participants=(
                ("Kadri Tamm", ATTENDEE),
                ("Erik Solberg", ATTENDEE),
            ),
            parent=0,
        ),
        article.meeting(
            ("The next meeting", "June."),
            "NATO foreign ministers' meeting in Riga",
            SUMMIT,
            status=PLANNED,
            date=datetime.date(2025, 6, 1),
            precision=MONTH,
            city="Riga",
            country="LV",
        ),
    ]


def test_a_summit_takes_in_who_met_on_its_sidelines():
    """The summit's participants include those meeting on its sidelines."""
    article = Article(
        "JAKARTA, September 6 (Archipelago News) — Leaders of Southeast Asian nations gathered in Jakarta on "
        "Thursday for the ASEAN summit.\n"
        "On the sidelines of the summit, Vietnamese Prime Minister Tran Van Long held talks with Malaysian "
        "Prime Minister Aziz Rahman. Long also met Thai Prime Minister Somchai Wongsa on the margins of the "
        "summit on Friday.\n",
        datetime.date(2025, 9, 6),
    )
    assert article.meetings() == [
        article.meeting(
            ("Leaders of Southeast", "summit."),
            "ASEAN summit in Jakarta",
            SUMMIT,
            date=datetime.date(2025, 9, 4),
            precision=DAY,
            city="Jakarta",
            country="ID",
            participants=(
                ("Tran Van Long", ATTENDEE),
                ("Aziz Rahman", ATTENDEE),
                ("Somchai Wongsa", ATTENDEE),
            ),
        ),
        article.meeting(
            ("On the sidelines", "Rahman."),
            "Long–Rahman talks in Jakarta",
            TALKS,
            city="Jakarta",
            country="ID",
            participants=(
                ("Tran Van Long", ATTENDEE),
                ("Aziz Rahman", ATTENDEE),
            ),
            parent=0,
        ),
        article.meeting(
            ("Long also met", "Friday."),
            "Long–Wongsa meeting in Jakarta",
            MEETING,
            date=datetime.date(2025, 9, 5),
            precision=DAY,
            city="Jakarta",
            country="ID",
            participants=(
                ("Tran Van Long", ATTENDEE),
                ("Somchai Wongsa", ATTENDEE),
            ),
            parent=0,
        ),
    ]


def test_consultations_their_next_round_and_a_planned_meeting_kept_apart_from_an_earlier_one():
    """The next round names no one: no participants. A planned and an earlier meeting of the same two stay two."""
    article = Article(
        "Russian Deputy Foreign Minister Igor Belov and Norwegian State Secretary Ingrid Dahl held "
        "consultations on Arctic issues in Moscow on Monday.\n"
        "The next round of consultations will take place in Oslo in the autumn.\n"
        "Polish President Adam Zielinski is expected to meet Ukrainian President Oksana Bondar in Warsaw on "
        "Thursday. Zielinski and Bondar last met in Kyiv in January.\n",
        datetime.date(2025, 5, 13),
    )
    assert article.meetings() == [
        article.meeting(
            ("Russian Deputy Foreign", "Monday."),
            "Belov–Dahl talks in Moscow",
            TALKS,
            date=datetime.date(2025, 5, 12),
            precision=DAY,
            city="Moscow",
            country="RU",
            participants=(
                ("Igor Belov", ATTENDEE),
                ("Ingrid Dahl", ATTENDEE),
            ),
        ),
        article.meeting(
            ("The next round", "autumn."), "Talks in Oslo", TALKS, status=PLANNED, city="Oslo", country="NO"
        ),
        article.meeting(
            ("Polish President Adam", "Thursday."),
            "Zielinski–Bondar meeting in Warsaw",
            MEETING,
            status=PLANNED,
            date=datetime.date(2025, 5, 15),
            precision=DAY,
            city="Warsaw",
            country="PL",
            participants=(
                ("Adam Zielinski", ATTENDEE),
                ("Oksana Bondar", ATTENDEE),
            ),
        ),
        article.meeting(
            ("Zielinski and Bondar", "January."),
            "Zielinski–Bondar meeting in Kyiv",
            MEETING,
            date=datetime.date(2025, 1, 1),
            precision=MONTH,
            city="Kyiv",
            country="UA",
            participants=(
                ("Adam Zielinski", ATTENDEE),
                ("Oksana Bondar", ATTENDEE),
            ),
        ),
    ]


def test_a_strategic_dialogue_agreed_for_next_year():
    """ "Next year" gives a year; the dialogue is talks."""
    article = Article(
        "Indian Foreign Minister Vikram Nair met Australian Foreign Minister Sarah Whitlock in New Delhi on Tuesday.\n"
        "The two ministers agreed to hold the first strategic dialogue between their countries in Canberra "
        "next year.\n",
        datetime.date(2025, 10, 15),
    )
    assert article.meetings() == [
        article.meeting(
            ("Indian Foreign Minister", "Tuesday."),
            "Nair–Whitlock meeting in New Delhi",
            MEETING,
            date=datetime.date(2025, 10, 14),
            precision=DAY,
            city="New Delhi",
            country="IN",
            participants=(
                ("Vikram Nair", ATTENDEE),
                ("Sarah Whitlock", ATTENDEE),
            ),
        ),
        article.meeting(
            ("The two ministers", "year."),
            "Nair–Whitlock talks in Canberra",
            TALKS,
            status=PLANNED,
            date=datetime.date(2026, 1, 1),
            precision=YEAR,
            city="Canberra",
            country="AU",
            participants=(
                ("Vikram Nair", ATTENDEE),
                ("Sarah Whitlock", ATTENDEE),
            ),
        ),
    ]


def test_a_joint_commission_session_co_chaired_by_two_ministers():
    """Who co-chairs a session hosts it; the dateline's date is not its date."""
    article = Article(
        "TASHKENT, April 4 (Silk Road Wire) — The 12th session of the Kazakh-Uzbek Intergovernmental "
        "Commission was held in Tashkent on 3 April, co-chaired by Kazakh Deputy Prime Minister Serik Abenov "
        "and Uzbek Deputy Prime Minister Jamshid Karimov.\n",
        datetime.date(2025, 4, 4),
    )
    assert article.meetings() == [
        article.meeting(
            ("The 12th session", "Karimov."),
            "Kazakh-Uzbek Intergovernmental Commission meeting in Tashkent",
            WORKING_GROUP,
            date=datetime.date(2025, 4, 3),
            precision=DAY,
            city="Tashkent",
            country="UZ",
            participants=(
                ("Serik Abenov", HOST),
                ("Jamshid Karimov", HOST),
            ),
        ),
    ]


def test_a_live_blog_of_a_conference_and_a_meeting_on_its_sidelines():
    """The headline names the conference; the caption is furniture."""
    article = Article(
        "Live: Ukraine Recovery Conference in Rome\n"
        "09:10 — Polish Foreign Minister Tomasz Wrobel has arrived at the conference venue.\n"
        "10:05 — Wrobel is meeting German Foreign Minister Anke Richter on the sidelines of the conference.\n"
        "Photo: Tomasz Wrobel in Rome. © Conference Pool\n",
        datetime.date(2025, 7, 10),
    )
    assert article.meetings() == [
        article.meeting(
            ("Live: Ukraine Recovery", "Rome"),
            "Ukraine Recovery Conference in Rome",
            SUMMIT,
            city="Rome",
            country="IT",
            participants=(
                ("Tomasz Wrobel", ATTENDEE),
                ("Anke Richter", ATTENDEE),
            ),
        ),
        article.meeting(
            ("10:05 — Wrobel", "conference."),
            "Wrobel–Richter meeting in Rome",
            MEETING,
            # "is meeting", in a live report dated 10 July: that day.
            date=datetime.date(2025, 7, 10),
            precision=DAY,
            city="Rome",
            country="IT",
            participants=(
                ("Tomasz Wrobel", ATTENDEE),
                ("Anke Richter", ATTENDEE),
            ),
            parent=0,
        ),
    ]


def test_an_op_ed_mentioning_two_past_meetings():
    """The dates are those the words give: a month, then a year."""
    article = Article(
        "Opinion: The long road to the Caspian accord\n"
        "By Daniel Frost\n"
        "When Kazakh President Nurlan Abenov received Azerbaijani President Farid Rzayev in Astana in May "
        "2019, few expected a deal. The two presidents met again in Baku in 2021.\n"
        "Diplomacy is slow, and it should be.\n",
        datetime.date(2025, 1, 20),
    )
    assert article.meetings() == [
        article.meeting(
            ("When Kazakh President", "deal."),
            "Abenov–Rzayev meeting in Astana",
            MEETING,
            date=datetime.date(2019, 5, 1),
            precision=MONTH,
            city="Astana",
            country="KZ",
            participants=(
                ("Nurlan Abenov", HOST),
                ("Farid Rzayev", GUEST),
            ),
        ),
        article.meeting(
            ("The two presidents", "2021."),
            "Abenov–Rzayev meeting in Baku",
            MEETING,
            date=datetime.date(2021, 1, 1),
            precision=YEAR,
            city="Baku",
            country="AZ",
            participants=(
                ("Nurlan Abenov", ATTENDEE),
                ("Farid Rzayev", ATTENDEE),
            ),
        ),
    ]


def test_an_undated_article_with_a_trip_to_meet_a_host_and_a_call():
    """ "Travelled to Yerevan to meet": a visit, with the meeting its session; no date without the article's."""
    article = Article(
        "Georgian Prime Minister Levan Kapanadze travelled to Yerevan to meet Armenian Prime Minister Aram "
        "Petrosyan. The two leaders discussed the reopening of the railway.\n"
        "Kapanadze also spoke by phone with Azerbaijani President Farid Rzayev on Friday.\n",
        None,
    )
    assert article.meetings() == [
        article.meeting(
            ("Georgian Prime Minister", "Petrosyan."),
            "Kapanadze's visit to Yerevan",
            VISIT,
            city="Yerevan",
            country="AM",
            participants=(
                ("Levan Kapanadze", GUEST),
                ("Aram Petrosyan", HOST),
            ),
        ),
        article.meeting(
            ("Georgian Prime Minister", "Petrosyan."),
            "Kapanadze–Petrosyan meeting in Yerevan",
            MEETING,
            city="Yerevan",
            country="AM",
            participants=(
                ("Levan Kapanadze", GUEST),
                ("Aram Petrosyan", HOST),
            ),
            parent=0,
        ),
        article.meeting(
            ("Kapanadze also spoke", "Friday."),
            "Kapanadze–Rzayev phone call",
            PHONE_CALL,
            participants=(
                ("Levan Kapanadze", ATTENDEE),
                ("Farid Rzayev", ATTENDEE),
            ),
        ),
    ]


def test_a_pronoun_subject_is_the_visitor_named_before():
    """ "He met" is the visitor's meeting, during the visit, at its place."""
    article = Article(
        "Chilean Foreign Minister Tomás Valdivia arrived in Lima on Monday for an official visit.\n"
        "He met Peruvian President Rosa Quispe at the Government Palace.\n",
        datetime.date(2025, 8, 5),
    )
    assert article.meetings() == [
        article.meeting(
            ("Chilean Foreign Minister", "visit."),
            "Valdivia's visit to Lima",
            VISIT,
            date=datetime.date(2025, 8, 4),
            precision=DAY,
            city="Lima",
            country="PE",
            participants=(
                ("Tomás Valdivia", GUEST),
                ("Rosa Quispe", HOST),
            ),
        ),
        article.meeting(
            ("He met Peruvian", "Palace."),
            "Valdivia–Quispe meeting in Lima",
            MEETING,
            city="Lima",
            country="PE",
            participants=(
                ("Tomás Valdivia", GUEST),
                ("Rosa Quispe", HOST),
            ),
            parent=0,
        ),
    ]


def test_calls_had_and_in_a_phone_call_with_resolved_to_their_days():
    """ "Yesterday" and "on Monday" against the article's date; the Elysee only reports."""
    article = Article(
        "French President Claire Martin had a call with Brazilian President Joao Mendes yesterday, the Elysee said.\n"
        "In a phone call with Kenyan President Daniel Mwangi on Monday, Mendes discussed climate finance.\n",
        datetime.date(2025, 6, 18),
    )
    assert article.meetings() == [
        article.meeting(
            ("French President Claire", "said."),
            "Martin–Mendes phone call",
            PHONE_CALL,
            date=datetime.date(2025, 6, 17),
            precision=DAY,
            participants=(
                ("Claire Martin", ATTENDEE),
                ("Joao Mendes", ATTENDEE),
            ),
        ),
        article.meeting(
            ("In a phone", "finance."),
            "Mwangi–Mendes phone call",
            PHONE_CALL,
            date=datetime.date(2025, 6, 16),
            precision=DAY,
            participants=(
                ("Daniel Mwangi", ATTENDEE),
                ("Joao Mendes", ATTENDEE),
            ),
        ),
    ]


def test_on_a_visit_to_a_country_the_day_is_the_sessions_and_speaking_alongside_is_a_press_conference():
    """The visit's day is not stated ("on Monday" is the meeting's): its month. "A visit to Morocco" gives the
    country alone."""
    article = Article(
        "Brazilian Foreign Minister Helena Duarte, on a two-day visit to Morocco, met Moroccan Foreign "
        "Minister Youssef Alami in Rabat on Monday.\n"
        "Duarte was also received by Moroccan Prime Minister Karim Benali.\n"
        "Speaking to reporters alongside Alami, Duarte said the two countries would double their trade.\n",
        datetime.date(2025, 2, 11),
    )
    assert article.meetings() == [
        article.meeting(
            ("Brazilian Foreign Minister", "Monday."),
            "Duarte's visit to Morocco",
            VISIT,
            date=datetime.date(2025, 2, 1),
            precision=MONTH,
            country="MA",
            participants=(
                ("Helena Duarte", GUEST),
                ("Youssef Alami", HOST),
                ("Karim Benali", HOST),
            ),
        ),
        article.meeting(
            ("Brazilian Foreign Minister", "Monday."),
            "Duarte–Alami meeting in Rabat",
            MEETING,
            date=datetime.date(2025, 2, 10),
            precision=DAY,
            city="Rabat",
            country="MA",
            participants=(
                ("Helena Duarte", GUEST),
                ("Youssef Alami", HOST),
            ),
            parent=0,
        ),
        article.meeting(
            ("Duarte was also", "Benali."),
            "Duarte–Benali meeting in Morocco",
            MEETING,
            country="MA",
            participants=(
                ("Helena Duarte", GUEST),
                ("Karim Benali", HOST),
            ),
            parent=0,
        ),
        article.meeting(
            ("Speaking to reporters", "trade."),
            "Alami–Duarte press conference in Morocco",
            PRESS_CONFERENCE,
            country="MA",
            participants=(
                ("Youssef Alami", HOST),
                ("Helena Duarte", GUEST),
            ),
            parent=0,
        ),
    ]


def test_one_persons_press_conference_is_no_meeting_a_joint_one_is():
    """The visit she would make is planned; the day she said so is not its date."""
    article = Article(
        "Italian Prime Minister Giulia Conti told a press conference in Rome on Monday that she would visit Tunisia.\n"
        "Conti later held a joint news conference with Greek Prime Minister Nikos Pappas.\n",
        datetime.date(2025, 3, 4),
    )
    assert article.meetings() == [
        article.meeting(
            ("Italian Prime Minister", "Tunisia."),
            "Conti's visit to Tunisia",
            VISIT,
            status=PLANNED,
            country="TN",
            participants=(("Giulia Conti", GUEST),),
        ),
        article.meeting(
            ("Conti later held", "Pappas."),
            "Conti–Pappas press conference",
            PRESS_CONFERENCE,
            participants=(
                ("Giulia Conti", ATTENDEE),
                ("Nikos Pappas", ATTENDEE),
            ),
        ),
    ]


# --- Gatherings told the way wire stories and communiqués tell them ---------------------------------


def test_a_headline_summit_the_lead_names_bare_sidelines_and_the_next_annual_summit():
    article = Article(
        "Pacific leaders end summit in Suva\n"
        "SUVA, 9 August 2025 — Pacific Islands Forum leaders ended a three-day summit in Suva on Saturday with a "
        "pledge on ocean protection.\n"
        "Fijian Prime Minister Josefa Tora, and Samoan Prime Minister Lani Fale, held a bilateral meeting on the "
        "sidelines on Thursday.\n"
        "Tongan Foreign Minister Sione Lata also met New Zealand Foreign Minister Kate Reid on the sidelines of the "
        "Summit on Friday.\n"
        "The next annual summit is scheduled for August 2026.\n",
        datetime.date(2025, 8, 9),
    )
    suva = {"city": "Suva", "country": "FJ"}
    assert article.meetings() == [
        # The headline's summit is the lead's; a three-day summit that ended on Saturday began on Thursday.
        article.meeting(
            ("Pacific Islands Forum leaders", "ocean protection."),
            "Pacific Islands Forum summit in Suva",
            SUMMIT,
            date=datetime.date(2025, 8, 7),
            precision=DAY,
            participants=(
                ("Josefa Tora", ATTENDEE),
                ("Lani Fale", ATTENDEE),
                ("Sione Lata", ATTENDEE),
                ("Kate Reid", ATTENDEE),
            ),
            **suva,
        ),
        # "Tora, and Fale, held": one subject of two names; "on the sidelines" is of the summit named before.
        article.meeting(
            ("Fijian Prime Minister", "on Thursday."),
            "Tora–Fale meeting in Suva",
            MEETING,
            date=datetime.date(2025, 8, 7),
            precision=DAY,
            participants=(("Josefa Tora", ATTENDEE), ("Lani Fale", ATTENDEE)),
            parent=0,
            **suva,
        ),
        article.meeting(
            ("Tongan Foreign Minister", "on Friday."),
            "Lata–Reid meeting in Suva",
            MEETING,
            date=datetime.date(2025, 8, 8),
            precision=DAY,
            participants=(("Sione Lata", ATTENDEE), ("Kate Reid", ATTENDEE)),
            parent=0,
            **suva,
        ),
        article.meeting(
            ("The next annual summit", "August 2026."),
            "Summit",
            SUMMIT,
            PLANNED,
            date=datetime.date(2026, 8, 1),
            precision=MONTH,
        ),
    ]


def test_a_council_named_as_where_ministers_met_is_a_gathering_and_a_council_that_speaks_is_not():
    article = Article(
        "COPENHAGEN, 14 March 2025 — Nordic foreign ministers failed on Friday to agree on new fishing quotas, after "
        "Iceland blocked the proposal at the Nordic Council of Ministers in Copenhagen.\n"
        "The UN Security Council said on Thursday that it was following the talks.\n",
        datetime.date(2025, 3, 14),
    )
    assert article.meetings() == [
        # Blocking "the proposal" does not make the council a proposed one; its day is the sentence's.
        article.meeting(
            ("Nordic foreign ministers", "in Copenhagen."),
            "Nordic Council of Ministers in Copenhagen",
            SUMMIT,
            date=datetime.date(2025, 3, 14),
            precision=DAY,
            city="Copenhagen",
            country="DK",
        ),
    ]


def test_who_agreed_to_convene_a_commission_or_that_it_will_meet_again_takes_part_in_it():
    article = Article(
        "Pretoria, 3 October 2025\n"
        "South Africa's Minister of International Relations, Thandi Dlamini, received Botswana's Minister of Foreign "
        "Affairs, Kagiso Molefe, in Pretoria on Thursday.\n"
        "The two Ministers agreed to convene the South Africa–Botswana Bi-National Commission in Gaborone in the last "
        "quarter of the year.\n"
        "Dlamini and Molefe agreed that the next meeting of the joint commission will take place in Maun in 2027.\n",
        datetime.date(2025, 10, 3),
    )
    both = (("Thandi Dlamini", ATTENDEE), ("Kagiso Molefe", ATTENDEE))
    assert article.meetings() == [
        # "received Botswana's Minister of Foreign Affairs, Kagiso Molefe": the office before the object.
        article.meeting(
            ("South Africa's Minister", "on Thursday."),
            "Dlamini–Molefe meeting in Pretoria",
            MEETING,
            date=datetime.date(2025, 10, 2),
            precision=DAY,
            city="Pretoria",
            country="ZA",
            participants=(("Thandi Dlamini", HOST), ("Kagiso Molefe", GUEST)),
        ),
        # "The last quarter of the year" is the article's year, no finer.
        article.meeting(
            ("The two Ministers", "of the year."),
            "South Africa–Botswana Bi-National Commission meeting in Gaborone",
            WORKING_GROUP,
            PLANNED,
            date=datetime.date(2025, 1, 1),
            precision=YEAR,
            city="Gaborone",
            country="BW",
            participants=both,
        ),
        article.meeting(
            ("Dlamini and Molefe agreed", "in 2027."),
            "Joint commission meeting in Maun",
            WORKING_GROUP,
            PLANNED,
            date=datetime.date(2027, 1, 1),
            precision=YEAR,
            city="Maun",
            country="BW",
            participants=both,
        ),
    ]


def test_the_people_an_article_about_a_gathering_quotes_spoke_there_but_not_a_spokesman():
    text = (
        "Nordic ministers clash over fishing quotas\n"
        "COPENHAGEN, 14 March 2025 — Nordic foreign ministers failed on Friday to agree on new fishing quotas, after "
        "Iceland blocked the proposal at the Nordic Council of Ministers in Copenhagen.\n"
        'Danish Foreign Minister Mette Holm said the ministers would try again in June. "We are not giving up," she '
        "said.\n"
        "Icelandic Foreign Minister Einar Jónsson said the quotas were unfair to his country's fleet.\n"
        "A spokesman for the Norwegian Foreign Ministry, Lars Berg, said Norway regretted the outcome.\n"
    )
    proposals = propose(text, datetime.date(2025, 3, 14), [])
    names = [participant.name for participant in proposals.participants]
    assert names == ["Mette Holm", "Einar Jónsson", "Lars Berg"]
    (council,) = proposals.meetings
    assert (council.title, council.participants) == (
        "Nordic Council of Ministers in Copenhagen",
        ((0, ATTENDEE), (1, ATTENDEE)),
    )
    # Their words are about the council, the one held meeting they took part in; the spokesman's are not.
    assert [(statement.speaker, statement.meeting) for statement in proposals.statements] == [
        (0, 0),
        (0, 0),
        (1, 0),
        (2, None),
    ]


def test_a_gathering_in_the_news_of_another_day_takes_no_speakers():
    text = (
        "OSLO, 14 March 2025 — Norwegian Foreign Minister Ola Dahl recalled the Nordic Council summit in Reykjavík in "
        "2019.\n"
        'Swedish Foreign Minister Eva Lund said: "That summit changed nothing."\n'
    )
    proposals = propose(text, datetime.date(2025, 3, 14), [])
    assert [(meeting.title, meeting.participants) for meeting in proposals.meetings] == [
        ("Nordic Council summit in Reykjavík", ())
    ]


def _summary(article: Article) -> list[tuple]:
    """Each proposal's title, kind, status, date, precision and participants by name and role."""
    names = [participant.name for participant in article.participants]
    return [
        (m.title, m.kind, m.status, m.date, m.date_precision, tuple((names[i], role) for i, role in m.participants))
        for m in article.meetings()
    ]


THURSDAY = datetime.date(2025, 6, 12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "VIENNA, 12 June 2025 — The foreign ministers of Austria and Slovenia met in Vienna on Thursday.\n"
            "Austria's Foreign Minister, Klara Huber, said the talks had been productive. Slovenia's Foreign Minister, "
            "Matej Kovač, agreed.\n",
            [
                (
                    "Huber–Kovač meeting in Vienna",
                    MEETING,
                    HELD,
                    THURSDAY,
                    DAY,
                    (("Klara Huber", ATTENDEE), ("Matej Kovač", ATTENDEE)),
                )
            ],
            id="offices-of-two-countries-named-later",
        ),
        pytest.param(
            "LISBON, 12 June 2025 — The foreign ministers of Portugal, Spain and Morocco held a trilateral meeting in "
            "Lisbon on Thursday.\nPortugal's Foreign Minister Rui Costa, Spain's Foreign Minister Elena Ruiz and "
            "Morocco's Foreign Minister Youssef Alami agreed to coordinate on migration.\n",
            [
                (
                    "Costa–Ruiz–Alami meeting in Lisbon",
                    MEETING,
                    HELD,
                    THURSDAY,
                    DAY,
                    (("Rui Costa", ATTENDEE), ("Elena Ruiz", ATTENDEE), ("Youssef Alami", ATTENDEE)),
                )
            ],
            id="offices-of-three-countries",
        ),
        pytest.param(
            "OSLO, 12 June 2025 — Norway's Foreign Minister, Erik Solberg, and Canada's Foreign Minister, Anne "
            "Tremblay, signed an Arctic research agreement on Thursday.\n"
            "Speaking after their talks at the Foreign Ministry, Solberg said the pact was overdue.\n",
            # The talks are not dated by the signing: the words do not say they were the same day.
            [
                (
                    "Solberg–Tremblay talks",
                    TALKS,
                    HELD,
                    None,
                    UNKNOWN,
                    (("Erik Solberg", ATTENDEE), ("Anne Tremblay", ATTENDEE)),
                )
            ],
            id="their-talks",
        ),
        pytest.param(
            "TOKYO, 12 June 2025 — Kenyan President William Otieno arrived in Tokyo on Wednesday for a three-day state "
            "visit, during which he will meet Prime Minister Hiroshi Tanaka.\n",
            [
                (
                    "Otieno's visit to Tokyo",
                    VISIT,
                    HELD,
                    datetime.date(2025, 6, 11),
                    DAY,
                    (("William Otieno", GUEST), ("Hiroshi Tanaka", HOST)),
                ),
                # Wednesday is the day he arrived, not the day of a meeting to come.
                (
                    "Otieno–Tanaka meeting in Tokyo",
                    MEETING,
                    PLANNED,
                    None,
                    UNKNOWN,
                    (("William Otieno", GUEST), ("Hiroshi Tanaka", HOST)),
                ),
            ],
            id="a-meeting-to-come-during-a-visit-begun",
        ),
        pytest.param(
            "The fifth session of the India–Egypt Joint Commission was held in Cairo on 10 June 2025. It was "
            "co-chaired by Indian External Affairs Minister Vikram Shah and Egyptian Foreign Minister Omar Hassan.\n",
            [
                (
                    "India–Egypt Joint Commission meeting in Cairo",
                    WORKING_GROUP,
                    HELD,
                    datetime.date(2025, 6, 10),
                    DAY,
                    (("Vikram Shah", HOST), ("Omar Hassan", HOST)),
                )
            ],
            id="it-was-co-chaired-by",
        ),
        pytest.param(
            "In an interview with Le Monde published on Thursday, Belgian Foreign Minister Sofie Peeters said she "
            "would travel to Kinshasa in July to meet President Joseph Mbala.\n",
            [
                (
                    "Peeters's visit to Kinshasa",
                    VISIT,
                    PLANNED,
                    datetime.date(2025, 7, 1),
                    MONTH,
                    (("Sofie Peeters", GUEST), ("Joseph Mbala", HOST)),
                ),
                (
                    "Peeters–Mbala meeting in Kinshasa",
                    MEETING,
                    PLANNED,
                    datetime.date(2025, 7, 1),
                    MONTH,
                    (("Sofie Peeters", GUEST), ("Joseph Mbala", HOST)),
                ),
            ],
            id="the-day-an-interview-was-published-is-not-the-visits",
        ),
        pytest.param(
            "European Union leaders will meet in Brussels on 26 and 27 June for a summit dominated by defence "
            "spending, the European Council said on Thursday.\n",
            [("European Union summit in Brussels", SUMMIT, PLANNED, datetime.date(2025, 6, 26), DAY, ())],
            id="a-summit-of-two-days-dated-by-its-first",
        ),
        pytest.param(
            "Prime Minister Mark Ellis spoke with President Ana Duarte of Portugal by phone on Tuesday, Downing Street "
            "said.\n",
            [
                (
                    "Ellis–Duarte phone call",
                    PHONE_CALL,
                    HELD,
                    datetime.date(2025, 6, 10),
                    DAY,
                    (("Mark Ellis", ATTENDEE), ("Ana Duarte", ATTENDEE)),
                )
            ],
            id="spoke-with-by-phone",
        ),
        pytest.param(
            "Italian Prime Minister Marco Rossi hosted a working lunch for Greek Prime Minister Nikos Stavrou in Rome "
            "on Wednesday.\n",
            [
                (
                    "Rossi–Stavrou meeting in Rome",
                    MEETING,
                    HELD,
                    datetime.date(2025, 6, 11),
                    DAY,
                    (("Marco Rossi", ATTENDEE), ("Nikos Stavrou", ATTENDEE)),
                )
            ],
            id="a-working-lunch-for",
        ),
    ],
)
def test_more_ways_a_wire_story_or_a_communique_reports_a_meeting(text, expected):
    assert _summary(Article(text, THURSDAY)) == expected


def test_a_counterpart_invited_a_readout_that_reports_and_talks_that_are_all_of_a_visit():
    article = Article(
        "Rabat, 13 March 2026\n"
        "Moroccan Foreign Minister Leila Bennani held a telephone conversation today with Senegal's Minister of "
        "Foreign Affairs, Awa Diop.\n"
        "Ms Diop invited her Moroccan counterpart to visit Dakar before the summer. The Minister accepted the "
        "invitation, and the visit will take place in May.\n"
        "WASHINGTON, 13 March 2026 — Secretary of State Ruth Baker met Indian External Affairs Minister Ravi Menon at "
        "the State Department on Friday, a State Department readout said.\n"
        "Menon will travel to Ottawa in July for the next round of consultations.\n",
        datetime.date(2026, 3, 13),
    )
    assert _summary(article) == [
        (
            "Bennani–Diop phone call",
            PHONE_CALL,
            HELD,
            datetime.date(2026, 3, 13),
            DAY,
            (("Leila Bennani", ATTENDEE), ("Awa Diop", ATTENDEE)),
        ),
        # "her Moroccan counterpart" is Bennani; the invitation, accepted, is a visit planned for May.
        (
            "Bennani's visit to Dakar",
            VISIT,
            PLANNED,
            datetime.date(2026, 5, 1),
            MONTH,
            (("Awa Diop", HOST), ("Leila Bennani", GUEST)),
        ),
        # The State Department only reports it, in its readout.
        (
            "Baker–Menon meeting",
            MEETING,
            HELD,
            datetime.date(2026, 3, 13),
            DAY,
            (("Ruth Baker", ATTENDEE), ("Ravi Menon", ATTENDEE)),
        ),
        # The round of consultations names no one but the visitor: the visit says all the words do.
        ("Menon's visit to Ottawa", VISIT, PLANNED, datetime.date(2026, 7, 1), MONTH, (("Ravi Menon", GUEST),)),
    ]


APRIL_9 = datetime.date(2026, 4, 9)


def test_a_visit_postponed_and_the_talks_it_was_due_to_hold():
    article = Article(
        "ULAANBAATAR, 9 April 2026 — A visit to Mongolia by Kazakh Foreign Minister Aliya Nurlanova, planned for "
        "next week, has been postponed, the Mongolian Foreign Ministry said on Thursday.\n"
        "Nurlanova had been due to hold talks with her Mongolian counterpart, Bat-Erdene Gantulga, on 15 April.\n",
        APRIL_9,
    )
    assert _summary(article) == [
        # "a visit to Mongolia by X": X visits; postponed with no new date, it is not held as planned.
        ("Nurlanova's visit to Mongolia", VISIT, CANCELLED, None, UNKNOWN, (("Aliya Nurlanova", GUEST),)),
        # "had been due to" is a plan: 15 April to come, not last year's.
        (
            "Nurlanova–Gantulga talks",
            TALKS,
            PLANNED,
            datetime.date(2026, 4, 15),
            DAY,
            (("Aliya Nurlanova", ATTENDEE), ("Bat-Erdene Gantulga", ATTENDEE)),
        ),
    ]


def test_a_commissions_session_led_by_two_delegations_a_courtesy_call_and_a_visit_that_calls_on():
    article = Article(
        "JOINT COMMUNIQUÉ\n"
        "The Third Session of the Nigeria–Indonesia Joint Commission was held in Abuja from 6 to 8 April 2026. The "
        "Nigerian delegation was led by H.E. Musa Bello, Minister of Foreign Affairs, and the Indonesian delegation by "
        "H.E. Retno Sari, Minister for Foreign Affairs.\n"
        "Minister Sari paid a courtesy call on President Ibrahim Okoro on 7 April 2026.\n"
        "The Fourth Session will be held in Jakarta in 2028.\n",
        APRIL_9,
    )
    assert _summary(article) == [
        (
            "Nigeria–Indonesia Joint Commission meeting in Abuja",
            WORKING_GROUP,
            HELD,
            datetime.date(2026, 4, 6),
            DAY,
            (("Musa Bello", ATTENDEE), ("Retno Sari", ATTENDEE)),
        ),
        (
            "Sari–Okoro meeting",
            MEETING,
            HELD,
            datetime.date(2026, 4, 7),
            DAY,
            (("Retno Sari", ATTENDEE), ("Ibrahim Okoro", ATTENDEE)),
        ),
        ("Fourth Session meeting in Jakarta", WORKING_GROUP, PLANNED, datetime.date(2028, 1, 1), YEAR, ()),
    ]


def test_a_visit_to_come_that_calls_on_the_prime_minister_and_a_live_report_of_talks_now():
    planned = Article(
        "CANBERRA, 9 April 2026 — Indonesian Foreign Minister Dewi Rahayu will visit Canberra next week for talks "
        "with Australian Foreign Minister Tom Walsh on 16 April.\n"
        "Rahayu is also expected to call on Prime Minister Sarah Cole.\n",
        APRIL_9,
    )
    assert [(title, status, who) for title, _, status, _, _, who in _summary(planned)] == [
        (
            "Rahayu's visit to Canberra",
            PLANNED,
            (("Dewi Rahayu", GUEST), ("Tom Walsh", HOST), ("Sarah Cole", HOST)),
        ),
        ("Rahayu–Walsh talks in Canberra", PLANNED, (("Dewi Rahayu", GUEST), ("Tom Walsh", HOST))),
        ("Rahayu–Cole meeting in Canberra", PLANNED, (("Dewi Rahayu", GUEST), ("Sarah Cole", HOST))),
    ]
    live = Article(
        "Live: Angolan president in Lisbon\n"
        "09:15 — Angolan President Manuel Kiala has arrived at the Belém Palace.\n"
        "10:40 — Kiala and Portuguese President Rui Almeida are now holding talks behind closed doors.\n",
        APRIL_9,
    )
    assert _summary(live) == [
        ("Kiala–Almeida talks", TALKS, HELD, APRIL_9, DAY, (("Manuel Kiala", ATTENDEE), ("Rui Almeida", ATTENDEE)))
    ]
