"""Proposing participants from an article's text: who meets or speaks, their office and country as the words
give them, and the known participant each one certainly is."""

from meetings.choices import ParticipantKind
from meetings.suggest.mentions import Speaker
from meetings.suggest.participants import ProposedParticipant, propose_participants

PERSON, INSTITUTION = ParticipantKind.PERSON, ParticipantKind.INSTITUTION
MOROZOV = Speaker("sergey-morozov", "Sergey Morozov", ("S. Morozov",), "Russian Deputy Foreign Minister")
WALESA = Speaker("lech-walesa", "Lech Walesa")
QUISPE = Speaker("ana-quispe", "Ana Quispe", (), "Peruvian Foreign Minister")
CHILE_MINISTRY = Speaker("chilean-foreign-ministry", "Chilean Foreign Ministry", is_person=False)


def proposal(
    text: str, name: str, kind: str, country: str = "", position: str = "", existing: str | None = None
) -> ProposedParticipant:
    """The proposal whose evidence is the first appearance of ``name`` in ``text``."""
    start = text.index(name)
    return ProposedParticipant(name, kind, country, position, existing, start, start + len(name))


def test_offices_before_and_after_a_name_give_the_position_and_the_country():
    text = (
        "Peruvian Foreign Minister Ana Quispe met Tomás Herrera, Chile's foreign minister, in Lima on Monday.\n"
        "Quispe said the talks were useful. Rafael Montoya, the Colombian trade minister, told reporters he agreed."
    )
    assert propose_participants(text, []) == [
        proposal(text, "Ana Quispe", PERSON, "PE", "Peruvian Foreign Minister"),
        proposal(text, "Tomás Herrera", PERSON, "CL", "Chile's foreign minister"),
        proposal(text, "Rafael Montoya", PERSON, "CO", "Colombian trade minister"),
    ]


def test_a_speech_verb_alone_proposes_a_person_without_an_office_or_a_country():
    text = "“We are close,” said Ana Quispe. Mr Montoya declined to comment. Ana Quispe, Peru's envoy, left."
    assert propose_participants(text, []) == [proposal(text, "Ana Quispe", PERSON, "PE", "Peru's envoy")]


def test_an_ambassador_to_a_country_belongs_to_the_country_that_sends_them():
    text = "Jorge Salinas, Chile's ambassador to Peru, told reporters the border was calm."
    assert propose_participants(text, []) == [
        proposal(text, "Jorge Salinas", PERSON, "CL", "Chile's ambassador to Peru")
    ]


def test_institutions_that_speak_with_their_countries():
    text = (
        "The State Department said on Friday it was studying the proposal. The Kremlin has said nothing.\n"
        "Japan's Foreign Ministry said it welcomed the talks, while the Foreign Ministry of Chile said in a "
        "statement that it agreed. Sanctions on the Kremlin were not discussed. The Foreign Ministry said so again."
    )
    assert propose_participants(text, []) == [
        proposal(text, "State Department", INSTITUTION, "US"),
        proposal(text, "Kremlin", INSTITUTION, "RU"),
        proposal(text, "Japan's Foreign Ministry", INSTITUTION, "JP"),
        proposal(text, "Foreign Ministry of Chile", INSTITUTION, "CL"),
    ]


def test_an_unnamed_spokesperson_speaks_for_the_institution_and_a_named_one_is_the_participant():
    text = (
        "An Élysée spokesperson said Paris was ready. The Élysée's spokeswoman, Claire Dumont, said it again.\n"
        "Kremlin spokesman Oleg Varin told reporters the talks would go on."
    )
    assert propose_participants(text, []) == [
        proposal(text, "Élysée", INSTITUTION, "FR"),
        proposal(text, "Claire Dumont", PERSON, "FR", "the Élysée's spokeswoman"),
        proposal(text, "Oleg Varin", PERSON, "RU", "Kremlin spokesman"),
    ]


def test_transliterations_and_the_surname_after_a_full_mention_match_known_participants():
    text = (
        "Sergei Morozov said the meeting went well. Morozov added that Lech Wałęsa had hosted the talks.\n"
        "Peruvian Foreign Minister Ana Quispe met the Chilean Foreign Ministry's envoy. Quispe said little.\n"
        "The Chilean Foreign Ministry said the visit was useful, and the Foreign Ministry of Chile thanked Peru."
    )
    assert propose_participants(text, [MOROZOV, WALESA, QUISPE, CHILE_MINISTRY]) == [
        proposal(text, "Sergei Morozov", PERSON, existing="sergey-morozov"),
        proposal(text, "Lech Wałęsa", PERSON, existing="lech-walesa"),
        proposal(text, "Ana Quispe", PERSON, "PE", "Peruvian Foreign Minister", "ana-quispe"),
        proposal(text, "Chilean Foreign Ministry", INSTITUTION, "CL", existing="chilean-foreign-ministry"),
    ]


def test_a_near_match_is_proposed_as_new_rather_than_merged():
    text = "Marta Rojas met Sergio Morales in Santiago. Morales said the talks were over."
    known = [Speaker("mario-rojas", "Mario Rojas"), Speaker("sergio-moralez", "Sergio Moralez")]
    assert propose_participants(text, known) == [
        proposal(text, "Marta Rojas", PERSON),
        proposal(text, "Sergio Morales", PERSON),
    ]


def test_page_furniture_and_the_writers_bylines_propose_nothing():
    text = (
        "Home » News » Ana Quispe said goodbye\n"
        "By Tomás Ruiz and Elena Vargas\n"
        "LIMA (Andes Press) — Talks resumed on Monday, Rafael Montoya said.\n"
        "Photo: Ana Quispe speaks in Lima © Andes Press\n"
        "(Reporting by Luis Ortega; Editing by Carmen Díaz)"
    )
    assert propose_participants(text, []) == [proposal(text, "Rafael Montoya", PERSON)]


def test_names_without_an_office_or_a_verb_and_places_are_not_participants():
    text = "Ana Quispe's new book was on sale in Buenos Aires. Buenos Aires said nothing about Rafael Montoya."
    assert propose_participants(text, []) == []


def test_a_press_release_names_offices_in_full_and_its_ministry_is_the_one_known():
    text = (
        "The Ministry of Foreign Affairs of Peru announced that the Minister of Foreign Affairs of Peru, Ana Quispe, "
        "held a telephone conversation with U.S. Secretary of State John Harlan.\n"
        "President Elena Suárez of Ecuador said the Peruvian government had agreed. Her deputy, Luis Ortega, added "
        "that the Chilean Embassy in Lima said nothing. The government said little."
    )
    peru_ministry = Speaker("peruvian-foreign-ministry", "Peruvian Foreign Ministry", is_person=False)
    assert propose_participants(text, [peru_ministry]) == [
        proposal(text, "Ministry of Foreign Affairs of Peru", INSTITUTION, "PE", existing="peruvian-foreign-ministry"),
        proposal(text, "Ana Quispe", PERSON, "PE", "Minister of Foreign Affairs of Peru"),
        proposal(text, "John Harlan", PERSON, "US", "U.S. Secretary of State"),
        proposal(text, "Elena Suárez", PERSON, "EC", "President"),
        proposal(text, "Peruvian government", INSTITUTION, "PE"),
        proposal(text, "Luis Ortega", PERSON, "", "deputy"),
        proposal(text, "Chilean Embassy", INSTITUTION, "CL"),
    ]


def test_an_honorific_is_no_office_when_an_apposition_gives_one():
    text = "Sheikh Ahmad al-Thani, Qatar's foreign minister, met Turkish President Kemal Aydın in Doha."
    assert propose_participants(text, []) == [
        proposal(text, "Ahmad al-Thani", PERSON, "QA", "Qatar's foreign minister"),
        proposal(text, "Kemal Aydın", PERSON, "TR", "Turkish President"),
    ]


def test_names_and_offices_are_given_as_the_article_writes_them():
    text = "Tomás Herrera, Chile’s foreign minister, said Japan’s Foreign Ministry had received Seán O’Malley."
    assert propose_participants(text, [Speaker("sean-omalley", "Sean O'Malley")]) == [
        proposal(text, "Tomás Herrera", PERSON, "CL", "Chile’s foreign minister"),
        proposal(text, "Japan’s Foreign Ministry", INSTITUTION, "JP"),
        proposal(text, "Seán O’Malley", PERSON, existing="sean-omalley"),
    ]


def test_an_institution_someone_speaks_of_is_not_one_that_speaks():
    text = (
        "Ana Quispe said the Kremlin would not attend. “We are ready,” said the State Department.\n"
        "The talks, according to the Élysée, will resume. By the end of the day Rafael Montoya said nothing."
    )
    assert propose_participants(text, []) == [
        proposal(text, "Ana Quispe", PERSON),
        proposal(text, "State Department", INSTITUTION, "US"),
        proposal(text, "Élysée", INSTITUTION, "FR"),
        proposal(text, "Rafael Montoya", PERSON),
    ]


def test_a_first_name_that_is_also_a_country_stays_in_the_name():
    text = "French Foreign Minister Jean Dupont met Jordan Ellis, who said the talks were over."
    assert propose_participants(text, []) == [
        proposal(text, "Jean Dupont", PERSON, "FR", "French Foreign Minister"),
        proposal(text, "Jordan Ellis", PERSON),
    ]


def test_a_monarch_is_named_by_title_and_name_and_a_sentence_adverb_opens_no_name():
    text = (
        "AMMAN — King Hamdan received the visiting Italian foreign minister, Paolo Ferri, on Sunday.\n"
        "Even Lithuanian President Rasa Vaitkutė, who signed the pact, said it was only a beginning.\n"
        "The King Hussein Bridge stayed closed."
    )
    assert propose_participants(text, []) == [
        proposal(text, "King Hamdan", PERSON),
        proposal(text, "Paolo Ferri", PERSON, "IT", "Italian foreign minister"),
        proposal(text, "Rasa Vaitkutė", PERSON, "LT", "Lithuanian President"),
    ]


def test_offices_of_external_affairs_and_international_relations_open_no_name():
    text = (
        "Secretary of State Helen Marsh met Indian External Affairs Minister Ravi Kapoor on Friday. "
        "South Africa's Minister of International Relations, Thandi Nkosi, said she agreed."
    )
    assert propose_participants(text, []) == [
        proposal(text, "Helen Marsh", PERSON, "", "Secretary of State"),
        proposal(text, "Ravi Kapoor", PERSON, "IN", "Indian External Affairs Minister"),
        proposal(text, "Thandi Nkosi", PERSON, "ZA", "South Africa's Minister of International Relations"),
    ]


def test_an_honorific_between_the_office_and_the_name_and_an_office_of_two_portfolios():
    text = (
        "The Minister for Foreign Affairs, Hon. Kwame Mensah, received the Minister of State for Foreign Affairs "
        "of the Republic of Côte d'Ivoire, H.E. Awa Koné, on Thursday."
    )
    assert propose_participants(text, []) == [
        proposal(text, "Kwame Mensah", PERSON, "", "Minister for Foreign Affairs"),
        proposal(
            text,
            "Awa Koné",
            PERSON,
            "CI",
            "Minister of State for Foreign Affairs of the Republic of Côte d'Ivoire",
        ),
    ]


def test_offices_of_international_bodies_and_nationalities_news_writing_uses():
    text = (
        "Philippine President Ramon Dizon met NATO Secretary General Ingrid Solberg in Brussels. "
        "EU foreign policy chief Maria Costa said the bloc would respond. The UN Secretary-General, Amara Diop, "
        "urged restraint. Kenyan Cabinet Secretary for Foreign Affairs Peter Kamau said the region needed calm."
    )
    assert propose_participants(text, []) == [
        proposal(text, "Ramon Dizon", PERSON, "PH", "Philippine President"),
        proposal(text, "Ingrid Solberg", PERSON, "", "NATO Secretary General"),
        proposal(text, "Maria Costa", PERSON, "", "EU foreign policy chief"),
        proposal(text, "Amara Diop", PERSON, "", "UN Secretary-General"),
        proposal(text, "Peter Kamau", PERSON, "KE", "Kenyan Cabinet Secretary for Foreign Affairs"),
    ]


def test_a_counterpart_holds_the_office_of_the_person_named_before_in_their_own_country():
    found = propose_participants(
        "German Foreign Minister Katrin Albrecht received her Polish counterpart, Tomasz Wierzbicki, in Berlin.\n"
        "Later, Spain's Prime Minister Elena Ruiz called her Portuguese counterpart Rui Costa.\n"
        "Ambassador Jan Holm met his Danish counterpart, Lars Berg.\n",
        [],
    )
    assert [(p.name, p.position, p.country) for p in found] == [
        ("Katrin Albrecht", "German Foreign Minister", "DE"),
        ("Tomasz Wierzbicki", "Polish Foreign Minister", "PL"),
        ("Elena Ruiz", "Spain's Prime Minister", "ES"),
        ("Rui Costa", "Portuguese Prime Minister", "PT"),
        # An office the words give with no country stays as the article states the counterpart.
        ("Jan Holm", "Ambassador", ""),
        ("Lars Berg", "Danish counterpart", "DK"),
    ]


def test_a_compound_office_before_a_name_is_not_part_of_the_name():
    found = propose_participants(
        "UN Secretary-General Maria Lopes urged restraint.\n"
        "Japanese Defence Minister Gen Nakatani met Philippine President Ferdinand Cruz.\n",
        [],
    )
    assert [(p.name, p.position) for p in found] == [
        ("Maria Lopes", "UN Secretary-General"),
        ("Gen Nakatani", "Japanese Defence Minister"),
        ("Ferdinand Cruz", "Philippine President"),
    ]
