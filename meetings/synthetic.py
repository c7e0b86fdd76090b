"""Synthetic data at scale: realistic, deterministic, and provably consistent.

``python manage.py generate_synthetic`` (see the command for its options) fills a database with
participants, a topic tree, meetings (visits with their sessions, calls, summits), sources with
long article text, and statements that are passages cut out of those texts, so that every
statement's span really lies in its source: ``source.text[span_start:span_end] == statement.text``,
and ``meetings.provenance.find_span(source.text, text, occurrence)`` finds exactly that span.

Everything comes from one ``random.Random(seed)`` and fixed dates, so the same seed and sizes
give the same rows, ids and timestamps included (only the data version's ``changed_at`` is
the real time of the load). Names are combinations of common given names and surnames;
publishers, URLs (under the reserved ``.example`` domain) and quotes are made up, and no
Wikidata ids are given, so no record points at a real person or article.

Rows are written without going through ``save()``, so this module sets what ``save()``
would: content hashes, spans, occurrences, unique slugs, timestamps. On PostgreSQL rows go
in with ``COPY``; elsewhere with ``executemany`` (fields converted by the fields themselves).
"""

import bisect
import datetime
import itertools
import json
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from random import Random

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max
from django.utils.text import slugify

from .choices import (
    DateBasis,
    DatePrecision,
    MeetingKind,
    MeetingStatus,
    ParticipantKind,
    ParticipantRole,
    SourceKind,
    StatementChannel,
    StatementKind,
)
from .models import (
    CURATED_MODELS,
    DataVersion,
    Meeting,
    MeetingParticipant,
    Outcome,
    Participant,
    Source,
    Statement,
    Topic,
    content_hash,
)
from .provenance import CONTEXT_CHARS

UTC = datetime.UTC
# The generated world: meetings between these dates, curated (created_at) during 2025.
FIRST_DAY = datetime.date(2005, 1, 1)
LAST_DAY = datetime.date(2024, 12, 31)
CURATION_START = datetime.datetime(2025, 1, 1, tzinfo=UTC)
CURATION_DAYS = 365
URL_DOMAIN_SUFFIX = ".example"  # RFC 2606: never a real site


@dataclass(frozen=True)
class Sizes:
    participants: int = 2_000
    topics: int = 500
    meetings: int = 50_000
    sources: int = 5_000
    statements: int = 1_000_000


# ---------------------------------------------------------------- vocabulary

# code, name, adjective, cities (the first is the capital), naming convention
COUNTRIES = [
    ("US", "the United States", "American", ["Washington", "New York", "San Francisco", "Chicago"], "anglo", 10),
    ("RU", "Russia", "Russian", ["Moscow", "Saint Petersburg", "Sochi", "Kazan"], "slavic", 10),
    ("CN", "China", "Chinese", ["Beijing", "Shanghai", "Hangzhou"], "chinese", 6),
    ("FR", "France", "French", ["Paris", "Marseille", "Lyon"], "french", 5),
    ("GB", "the United Kingdom", "British", ["London", "Edinburgh"], "anglo", 5),
    ("DE", "Germany", "German", ["Berlin", "Munich", "Bonn"], "german", 5),
    ("UA", "Ukraine", "Ukrainian", ["Kyiv", "Lviv", "Odesa"], "slavic", 4),
    ("TR", "Turkey", "Turkish", ["Ankara", "Istanbul", "Antalya"], "turkish", 4),
    ("IR", "Iran", "Iranian", ["Tehran", "Isfahan"], "persian", 4),
    ("SY", "Syria", "Syrian", ["Damascus", "Aleppo"], "arabic", 3),
    ("SA", "Saudi Arabia", "Saudi", ["Riyadh", "Jeddah"], "arabic", 3),
    ("EG", "Egypt", "Egyptian", ["Cairo", "Sharm el-Sheikh"], "arabic", 2),
    ("IL", "Israel", "Israeli", ["Jerusalem", "Tel Aviv"], "hebrew", 2),
    ("JP", "Japan", "Japanese", ["Tokyo", "Osaka", "Hiroshima"], "japanese", 3),
    ("KR", "South Korea", "South Korean", ["Seoul", "Busan"], "korean", 2),
    ("KP", "North Korea", "North Korean", ["Pyongyang"], "korean", 1),
    ("IN", "India", "Indian", ["New Delhi", "Mumbai", "Goa"], "indian", 3),
    ("PK", "Pakistan", "Pakistani", ["Islamabad", "Karachi"], "indian", 1),
    ("AF", "Afghanistan", "Afghan", ["Kabul"], "persian", 1),
    ("IT", "Italy", "Italian", ["Rome", "Milan"], "italian", 2),
    ("ES", "Spain", "Spanish", ["Madrid", "Barcelona"], "spanish", 2),
    ("PL", "Poland", "Polish", ["Warsaw", "Krakow"], "polish", 2),
    ("BY", "Belarus", "Belarusian", ["Minsk"], "slavic", 1),
    ("KZ", "Kazakhstan", "Kazakh", ["Astana", "Almaty"], "slavic", 1),
    ("AZ", "Azerbaijan", "Azerbaijani", ["Baku"], "caucasus", 1),
    ("AM", "Armenia", "Armenian", ["Yerevan"], "caucasus", 1),
    ("GE", "Georgia", "Georgian", ["Tbilisi"], "caucasus", 1),
    ("QA", "Qatar", "Qatari", ["Doha"], "arabic", 2),
    ("AE", "the United Arab Emirates", "Emirati", ["Abu Dhabi", "Dubai"], "arabic", 2),
    ("JO", "Jordan", "Jordanian", ["Amman"], "arabic", 1),
    ("IQ", "Iraq", "Iraqi", ["Baghdad"], "arabic", 1),
    ("LB", "Lebanon", "Lebanese", ["Beirut"], "arabic", 1),
    ("LY", "Libya", "Libyan", ["Tripoli"], "arabic", 1),
    ("CH", "Switzerland", "Swiss", ["Geneva", "Bern", "Lausanne"], "german", 2),
    ("AT", "Austria", "Austrian", ["Vienna"], "german", 2),
    ("FI", "Finland", "Finnish", ["Helsinki"], "nordic", 1),
    ("NO", "Norway", "Norwegian", ["Oslo"], "nordic", 1),
    ("SE", "Sweden", "Swedish", ["Stockholm"], "nordic", 1),
    ("BR", "Brazil", "Brazilian", ["Brasília", "Rio de Janeiro"], "portuguese", 2),
    ("MX", "Mexico", "Mexican", ["Mexico City"], "spanish", 1),
    ("AR", "Argentina", "Argentine", ["Buenos Aires"], "spanish", 1),
    ("VE", "Venezuela", "Venezuelan", ["Caracas"], "spanish", 1),
    ("ZA", "South Africa", "South African", ["Pretoria", "Johannesburg", "Cape Town"], "african", 1),
    ("NG", "Nigeria", "Nigerian", ["Abuja", "Lagos"], "african", 1),
    ("ET", "Ethiopia", "Ethiopian", ["Addis Ababa"], "african", 1),
    ("VN", "Vietnam", "Vietnamese", ["Hanoi"], "vietnamese", 1),
    ("ID", "Indonesia", "Indonesian", ["Jakarta", "Bali"], "indonesian", 1),
    ("CA", "Canada", "Canadian", ["Ottawa", "Toronto"], "anglo", 2),
    ("AU", "Australia", "Australian", ["Canberra", "Sydney"], "anglo", 1),
    ("RS", "Serbia", "Serbian", ["Belgrade"], "slavic", 1),
    ("HU", "Hungary", "Hungarian", ["Budapest"], "hungarian", 1),
]

# Given names (a trailing "*" marks a woman's name) and surnames; surname_first for the
# conventions that put the surname first. None of the combinations is meant to be anyone.
NAMES = {
    "anglo": (
        "John Michael David James Robert Mary* Jennifer* Linda* Elizabeth* Susan* William Thomas Sarah* Karen* "
        "Daniel Mark Paul Emily* Rachel* Anthony Catherine* Richard Laura* Kevin Helen*",
        "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Moore Martin Thompson White "
        "Harris Clark Lewis Walker Hall Allen Young Wright Scott Green Baker Adams Nelson Mitchell Roberts "
        "Campbell Parker Evans Edwards Collins Stewart Morris Murphy Cooper Reed Bailey",
    ),
    "slavic": (
        "Sergey Dmitry Aleksandr Andrey Alexey Nikolay Yury Mikhail Vladimir Igor Oleg Pavel Maria* Anna* "
        "Yelena* Olga* Tatyana* Natalya* Irina* Svetlana* Viktor Konstantin Grigory Maxim Denis",
        "Ivanov Petrov Smirnov Kuznetsov Popov Sokolov Lebedev Kozlov Novikov Morozov Volkov Solovyov "
        "Vasilyev Zaitsev Pavlov Semyonov Golubev Vinogradov Bogdanov Vorobyov Fyodorov Mikhailov Belyaev "
        "Tarasov Belov Komarov Orlov Kiselyov Makarov Andreyev Kovalenko Shevchenko Bondarenko Tkachenko",
    ),
    "french": (
        "Jean Pierre Michel François Philippe Nicolas Laurent Catherine* Isabelle* Sophie* Nathalie* Anne* "
        "Marie* Christophe Olivier Julien Claire* Hélène* Benoît Émilie*",
        "Martin Bernard Dubois Robert Richard Petit Durand Leroy Moreau Simon Lefebvre Michel David Bertrand "
        "Roux Vincent Fournier Morel Girard André Mercier Dupont Lambert Bonnet Faure Rousseau Blanc",
    ),
    "german": (
        "Thomas Michael Andreas Stefan Frank Markus Jürgen Klaus Sabine* Monika* Petra* Claudia* Katrin* "
        "Ursula* Heike* Wolfgang Christoph Tobias Julia* Matthias",
        "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter "
        "Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Werner Krause Lehmann",
    ),
    "arabic": (
        "Mohammed Ahmed Ali Omar Khaled Hassan Hussein Abdullah Youssef Ibrahim Faisal Walid Adel Sameh Ayman "
        "Fatima* Layla* Nadia* Rania* Hind*",
        "Hamdan Haddad Khoury Nasser Mansour Saleh Aziz Rahman Karim Said Farouk Habib Jaber Othman Qasim "
        "Sabbagh Zaki Younes Bakr Darwish Hamadi Sharif Taha Ayoub Fakhoury",
    ),
    "persian": (
        "Mohammad Ali Hassan Javad Abbas Reza Hossein Mehdi Ebrahim Hamid Zahra* Maryam* Fatemeh* Saeed Majid",
        "Hosseini Mohammadi Ahmadi Rezaei Moradi Karimi Jafari Rahimi Sadeghi Ghorbani Heidari Kazemi Mousavi "
        "Hashemi Najafi Tehrani Shirazi Farahani Azizi Bagheri",
    ),
    "turkish": (
        "Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim Murat Emine* Ayşe* Fatma* Zeynep* Elif* Kemal Cem "
        "Hakan Ömer Yusuf Serkan Burak",
        "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin "
        "Kara Koç Kurt Özkan Şimşek",
    ),
    "chinese": (
        "Wei Fang* Min Jing* Jun Lei Yang Yong Yan* Jie Tao Ming Chao Xiuying* Xia* Ping Gang Hua* Qiang Hong*",
        "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo",
    ),
    "japanese": (
        "Hiroshi Takeshi Kenji Yuki* Akira Taro Ichiro Yoko* Keiko* Naoko* Satoshi Koji Masato Yoshiko* Haruka*",
        "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada Sasaki "
        "Yamaguchi Matsumoto",
    ),
    "korean": (
        "Min-jun Seo-yeon* Ji-hoon Hyun-woo Ji-won* Sung-ho Young-soo Eun-ji* Dong-hyun Kyung-hwa*",
        "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim",
    ),
    "indian": (
        "Rajesh Sunil Anil Vijay Priya* Sunita* Amit Rahul Deepak Kavita* Arjun Sanjay Meera* Ravi Nirmala*",
        "Sharma Verma Gupta Singh Kumar Patel Reddy Nair Iyer Mehta Rao Joshi Chatterjee Das Menon",
    ),
    "spanish": (
        "José Juan Carlos Luis Miguel Javier María* Carmen* Ana* Laura* Lucía* Alejandro Diego Pablo Isabel* "
        "Fernando Andrés Gabriela* Ricardo Sofía*",
        "García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz Hernández "
        "Díaz Moreno Álvarez Romero Navarro Torres Ramírez",
    ),
    "portuguese": (
        "João Pedro Lucas Mariana* Ana* Gabriel Rafael Beatriz* Felipe Camila*",
        "Silva Santos Oliveira Souza Costa Pereira Almeida Ferreira Ribeiro Carvalho",
    ),
    "italian": (
        "Giuseppe Giovanni Antonio Mario Luigi Francesco Marco Paolo Giulia* Francesca* Chiara* Alessandro "
        "Lorenzo Matteo Elena*",
        "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti Costa Fontana",
    ),
    "nordic": (
        "Lars Anders Erik Johan Mikael Anna* Karin* Ingrid* Sanna* Mette* Henrik Jonas Kari* Pekka Sofia*",
        "Johansson Andersson Karlsson Nilsson Eriksson Larsen Hansen Nielsen Jensen Virtanen Korhonen "
        "Lindqvist Berg Dahl Lund",
    ),
    "polish": (
        "Piotr Krzysztof Andrzej Tomasz Paweł Anna* Katarzyna* Małgorzata* Agnieszka* Jacek Marek Zbigniew "
        "Joanna* Michał Ewa*",
        "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak "
        "Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski",
    ),
    "african": (
        "Oluwaseun Chinedu Abebe Thabo Kwame Amina* Ngozi* Sipho Tendai Fatou* Kofi Yaw Bongani Lindiwe* Emeka",
        "Okafor Adeyemi Mensah Nkosi Dlamini Bekele Tesfaye Okonkwo Abubakar Mahlangu Osei Boateng Mwangi Kamau Diallo",
    ),
    "caucasus": (
        "Giorgi Levan Nino* Tamar* Davit Armen Aram Anahit* Elnur Rashad Leyla* Aygun* Tigran Gohar* Irakli",
        "Beridze Kapanadze Gelashvili Mammadov Huseynov Hasanov Sargsyan Hovhannisyan Petrosyan Grigoryan "
        "Lomidze Abashidze Guliyev Ismayilov Avetisyan",
    ),
    "hebrew": (
        "Yossi Moshe David Avi Noa* Tamar* Yael* Eitan Shira* Daniel",
        "Cohen Levi Mizrahi Peretz Biton Dahan Avraham Friedman Azoulay Katz",
    ),
    "vietnamese": (
        "Minh Hung Lan* Thanh Duc Mai* Quang Huong* Tuan Linh*",
        "Nguyen Tran Le Pham Hoang Vu Dang Bui Do Ngo",
    ),
    "indonesian": (
        "Budi Siti* Agus Dewi* Retno* Joko Sri* Bambang Wahyu Indah*",
        "Santoso Wijaya Saputra Hidayat Kusuma Pratama Setiawan Nugroho Susanto Wibowo",
    ),
    "hungarian": (
        "László István Péter Zoltán Katalin* Gábor Judit* Attila Eszter* Tamás",
        "Nagy Kovács Tóth Szabó Horváth Varga Kiss Molnár Németh Farkas",
    ),
}
SURNAME_FIRST = {"chinese", "korean", "vietnamese"}
# Transliteration variants the sources use for the same person (Sergey / Sergei).
VARIANTS = {
    "Sergey": "Sergei",
    "Dmitry": "Dmitri",
    "Andrey": "Andrei",
    "Alexey": "Alexei",
    "Nikolay": "Nikolai",
    "Yury": "Yuri",
    "Yelena": "Elena",
    "Tatyana": "Tatiana",
    "Natalya": "Natalia",
    "Grigory": "Grigori",
    "Aleksandr": "Alexander",
    "Maxim": "Maksim",
    "Solovyov": "Soloviev",
    "Vasilyev": "Vasiliev",
    "Semyonov": "Semenov",
    "Vorobyov": "Vorobiev",
    "Fyodorov": "Fedorov",
    "Kiselyov": "Kiselev",
    "Andreyev": "Andreev",
    "Mohammed": "Muhammad",
    "Youssef": "Yusuf",
    "Khaled": "Khalid",
    "Hussein": "Husayn",
    "Mohammad": "Mohammed",
    "Hossein": "Hosein",
}

PERSON_POSITIONS = [
    ("Foreign Minister of {country}", 14),
    ("Deputy Foreign Minister of {country}", 14),
    ("Ambassador of {country} to {other}", 16),
    ("President of {country}", 3),
    ("Prime Minister of {country}", 3),
    ("Defence Minister of {country}", 4),
    ("National Security Adviser of {country}", 3),
    ("Special Envoy of {country} for {topic}", 8),
    ("Spokesperson of the Ministry of Foreign Affairs of {country}", 5),
    ("Permanent Representative of {country} to the United Nations", 5),
    ("Chair of the Foreign Affairs Committee of the Parliament of {country}", 4),
    ("Director of the {region} Department, Ministry of Foreign Affairs of {country}", 6),
]
REGIONS = ["North America", "Europe", "Middle East", "Asia", "Africa", "Latin America", "Arms Control", "Consular"]
ORGANISATIONS = [
    ("United Nations", "UN"),
    ("North Atlantic Treaty Organization", "NATO"),
    ("Organization for Security and Co-operation in Europe", "OSCE"),
    ("European Union", "EU"),
    ("International Atomic Energy Agency", "IAEA"),
    ("Organisation for the Prohibition of Chemical Weapons", "OPCW"),
    ("World Health Organization", "WHO"),
    ("Association of Southeast Asian Nations", "ASEAN"),
    ("African Union", "AU"),
    ("League of Arab States", "Arab League"),
    ("Shanghai Cooperation Organisation", "SCO"),
    ("Collective Security Treaty Organization", "CSTO"),
    ("International Committee of the Red Cross", "ICRC"),
    ("Council of Europe", "CoE"),
    ("Organisation of Islamic Cooperation", "OIC"),
]

# Topic roots: name, the phrase a sentence uses for it, how strongly stories favour it.
TOPIC_ROOTS = [
    ("Syria", "the situation in Syria", 6),
    ("Ukraine", "the conflict in Ukraine", 6),
    ("Arms control", "arms control", 4),
    ("Nuclear non-proliferation", "nuclear non-proliferation", 3),
    ("Chemical weapons", "chemical weapons", 3),
    ("Iran's nuclear programme", "Iran's nuclear programme", 3),
    ("Korean Peninsula", "the Korean Peninsula", 2),
    ("Counter-terrorism", "the fight against terrorism", 3),
    ("Cybersecurity", "cybersecurity", 2),
    ("Trade", "trade and investment", 3),
    ("Energy", "energy cooperation", 3),
    ("Climate change", "climate change", 2),
    ("Migration", "migration", 2),
    ("Human rights", "human rights", 2),
    ("Sanctions", "sanctions", 4),
    ("Middle East peace process", "the Middle East peace process", 3),
    ("Afghanistan", "the situation in Afghanistan", 2),
    ("Libya", "the settlement in Libya", 2),
    ("Arctic", "cooperation in the Arctic", 1),
    ("Outer space", "the peaceful use of outer space", 1),
    ("Public health", "public health", 1),
    ("Maritime security", "maritime security", 1),
    ("Diplomatic missions", "the work of diplomatic missions", 2),
    ("Humanitarian aid", "humanitarian aid", 2),
    ("Strategic stability", "strategic stability", 3),
    ("Western Balkans", "the situation in the Western Balkans", 1),
    ("Nagorno-Karabakh", "the Nagorno-Karabakh conflict", 1),
    ("Yemen", "the war in Yemen", 1),
    ("Food security", "food security", 1),
    ("Visa regime", "the visa regime", 1),
]
TOPIC_ASPECTS = [
    ("ceasefire", "a ceasefire"),
    ("humanitarian access", "humanitarian access"),
    ("negotiations", "the negotiations"),
    ("verification", "verification mechanisms"),
    ("sanctions relief", "sanctions relief"),
    ("prisoner exchange", "a prisoner exchange"),
    ("reconstruction", "reconstruction"),
    ("monitoring mission", "an international monitoring mission"),
    ("refugees", "the return of refugees"),
    ("elections", "free and fair elections"),
    ("security guarantees", "security guarantees"),
    ("financing", "financing"),
    ("confidence-building measures", "confidence-building measures"),
    ("legal framework", "a legal framework"),
    ("investigation", "an independent investigation"),
    ("military deployments", "military deployments"),
    ("export controls", "export controls"),
    ("technical cooperation", "technical cooperation"),
    ("Security Council resolution", "a draft Security Council resolution"),
    ("roadmap", "a roadmap"),
    ("expert consultations", "expert consultations"),
    ("border issues", "border issues"),
    ("information exchange", "the exchange of information"),
    ("joint statement", "a joint statement"),
    ("implementation", "the implementation of existing agreements"),
]
CONNECTORS = ["regarding", "in relation to", "concerning", "linked to"]

PUBLISHERS = [
    ("The Daily Dispatch", "dailydispatch"),
    ("Global Affairs Review", "globalaffairs"),
    ("Eastern Wire", "easternwire"),
    ("Atlantic Observer", "atlanticobserver"),
    ("The Capital Times", "capitaltimes"),
    ("World Diplomacy Monitor", "diplomacymonitor"),
    ("The Continental Post", "continentalpost"),
    ("Northern Herald", "northernherald"),
    ("Policy Ledger", "policyledger"),
    ("Meridian News Agency", "meridiannews"),
    ("Harbour Chronicle", "harbourchronicle"),
    ("The Foreign Desk", "foreigndesk"),
    ("Summit Press", "summitpress"),
    ("Strategic Digest", "strategicdigest"),
    ("Frontier Gazette", "frontiergazette"),
    ("Baltic Courier", "balticcourier"),
    ("Levant Tribune", "levanttribune"),
    ("Pacific Bulletin", "pacificbulletin"),
    ("Steppe Telegraph", "steppetelegraph"),
    ("The Evening Record", "eveningrecord"),
]

SUBJECTS = [
    "We",
    "Our side",
    "Both sides",
    "The two ministers",
    "My colleague and I",
    "Our delegations",
    "Our partners",
    "The participants",
    "Our governments",
    "The {adjective} side and we",
]
VERBS = [
    "discussed",
    "discussed in detail",
    "agreed to continue work on",
    "reaffirmed our commitment to",
    "cannot accept any preconditions on",
    "welcome the progress on",
    "are deeply concerned about",
    "see no alternative to dialogue on",
    "are ready to resume consultations on",
    "exchanged views on",
    "oppose any unilateral steps on",
    "will not compromise on",
    "spent most of the time on",
    "expect concrete results on",
    "have different approaches to",
    "share the goal of progress on",
    "called for an impartial investigation into",
    "insist on full transparency regarding",
    "want to avoid any escalation over",
    "agreed to set up a working group on",
    "need more time to work out",
    "paid particular attention to",
    "are not satisfied with the state of",
    "stand ready to help with",
    "reject the accusations concerning",
    "briefly touched upon",
    "noted serious differences over",
    "will keep in close contact on",
    "intend to hold another round of talks on",
    "asked for clarifications on",
]
PAST_VERBS = [
    "had discussed",
    "had agreed to continue work on",
    "remained concerned about",
    "saw no alternative to dialogue on",
    "were ready to resume consultations on",
    "had exchanged views on",
    "would not compromise on",
    "expected concrete results on",
    "had different approaches to",
    "had agreed to set up a working group on",
    "needed more time to work out",
    "had noted serious differences over",
    "would keep in close contact on",
    "had rejected the accusations concerning",
    "had called for an impartial investigation into",
]
TAILS = [
    "",
    "",
    "",
    "",
    " in the coming weeks",
    " without any preconditions",
    " on the basis of international law",
    " within the framework of the United Nations",
    " as soon as possible",
    " at the expert level",
    " despite our differences",
    " in a frank and constructive atmosphere",
    " at the highest level",
    " step by step",
    " with our {adjective} partners",
    " before the end of the year",
    " in line with the agreements reached in {city}",
    " by {month}",
    " over the next {number}\u00a0days",
]
SECOND_SENTENCES = [
    "This is a matter of principle for us",
    "There is no military solution",
    "Dialogue is always better than confrontation",
    "Nobody is interested in a new Cold War",
    "We will judge our partners by their deeds, not their words",
    "The ball is now in the court of {other}",
    "We hope that common sense will prevail",
    "These were difficult but useful talks",
    "We have to rebuild trust step by step",
    "Sanctions are not the way to solve problems",
    "I would not call it a breakthrough, but it is a step forward",
    "We did not agree on everything",
    "Our positions remain far apart",
    "Much depends on the political will of {other}",
    "The next round is scheduled for {month}",
    "We count on the support of {other}",
    "It was a long and substantive conversation",
    "Time is running out",
    "Ultimatums are unacceptable",
    "We are ready to meet halfway",
    "The {number} points we agreed on are only a beginning",
    "Our experts will meet again in {city}",
]
TALK_ADJECTIVES = [
    "frank and comprehensive",
    "useful",
    "productive",
    "difficult",
    "constructive",
    "businesslike",
    "tense but substantive",
    "disappointing",
    "very open",
    "detailed and pragmatic",
]
OUTCOMES = [
    "Agreed to set up a working group on {topic}.",
    "Agreed to hold expert consultations on {topic} in {city}.",
    "Signed a memorandum of understanding on {topic}.",
    "Adopted a joint statement on {topic}.",
    "Agreed to exchange lists of contact persons on {topic}.",
    "Agreed to meet again by {month}.",
]
KIND_PHRASES = {
    MeetingKind.TALKS: "talks",
    MeetingKind.MEETING: "meeting",
    MeetingKind.PHONE_CALL: "phone call",
    MeetingKind.SUMMIT: "summit",
    MeetingKind.VISIT: "visit",
    MeetingKind.PRESS_CONFERENCE: "press conference",
    MeetingKind.WORKING_GROUP: "working group meeting",
}
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def ascii_fold(text: str) -> str:
    """'Yılmaz' → 'Yilmaz', 'Müller' → 'Muller': the spelling a source without diacritics uses."""
    text = text.replace("ı", "i").replace("İ", "I").replace("ł", "l").replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


HELD_PHRASES = {
    MeetingKind.TALKS: "held talks",
    MeetingKind.MEETING: "met",
    MeetingKind.PHONE_CALL: "spoke by phone",
    MeetingKind.SUMMIT: "attended a summit",
    MeetingKind.VISIT: "met during a visit",
    MeetingKind.PRESS_CONFERENCE: "gave a joint press conference",
    MeetingKind.WORKING_GROUP: "met in a working group",
}
FIRST_PERSON_SUBJECTS = {"We", "Our side", "My colleague and I", "Our delegations", "Our governments"}


def when(day: datetime.date | None, precision: str) -> str:
    """' on 12 April 2017', ' in April 2017', ' in 2017', or '' for an unknown date."""
    if day is None:
        return ""
    return f" {'on' if precision == DatePrecision.DAY else 'in'} {date_text(day, precision)}"


def people_list(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def date_text(day: datetime.date, precision: str) -> str:
    if precision == DatePrecision.DAY:
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    if precision == DatePrecision.MONTH:
        return f"{MONTHS[day.month - 1]} {day.year}"
    return str(day.year)


class Unique:
    """Hands out slugs (or names) not used before: ``base``, then ``base-2``, ``base-3``, ..."""

    def __init__(self, taken: Iterable[str] = (), max_length: int = 120):
        self.taken = set(taken)
        self.max_length = max_length

    def __call__(self, base: str) -> str:
        base = base[: self.max_length - 8].strip("-") or "item"
        candidate, counter = base, 2
        while candidate in self.taken:
            candidate, counter = f"{base}-{counter}", counter + 1
        self.taken.add(candidate)
        return candidate


def weighted_picker(rng: Random, items: list, weights: list[float]) -> Callable[[], object]:
    cumulative = list(itertools.accumulate(weights))
    total = cumulative[-1]

    def pick():
        return items[bisect.bisect_right(cumulative, rng.random() * total)]

    return pick


def allocate(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` into integer parts proportional to ``weights`` that add up exactly."""
    if not weights:
        return []
    scale = total / sum(weights)
    shares = [w * scale for w in weights]
    parts = [int(s) for s in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: (parts[i] - shares[i], i))
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


# ---------------------------------------------------------------- review fields


def review_fields(model: type[models.Model], at: datetime.datetime, reviewer_id: int | None) -> dict:
    """What marks a record as reviewed, for the models that have review fields.

    Synthetic records are loaded as verified. The fields are only set where the model has
    them, so this works before and after they are added; adapt the names here if they change.
    """
    wanted = {"review_status": "verified", "verified_at": at, "verified_by": reviewer_id}
    names = {f.name: f for f in model._meta.concrete_fields}
    values = {}
    for name, value in wanted.items():
        if name in names:
            values[names[name].attname] = value
    return values


def needs_reviewer() -> bool:
    return any("verified_by" in {f.name for f in m._meta.concrete_fields} for m in (Meeting, Statement))


def reviewer_id() -> int | None:
    """The account synthetic records are 'verified by', where the models record one."""
    if not needs_reviewer():
        return None
    field_ = next(
        m._meta.get_field("verified_by")
        for m in (Meeting, Statement)
        if "verified_by" in {f.name for f in m._meta.concrete_fields}
    )
    if not field_.is_relation:
        return "synthetic-data"  # a plain text field: the name is the value
    user_model = field_.related_model
    user, _ = user_model._default_manager.get_or_create(
        username="synthetic-data", defaults={"is_active": False, "password": "!"}
    )
    return user.pk


# ---------------------------------------------------------------- writing rows


class TableWriter:
    """Writes rows (dicts keyed by field attname) to a model's table, fast.

    Every concrete field is written: those a record leaves out get the field's default, so a
    field added later is filled as the model would fill it. PostgreSQL gets COPY; other
    databases get executemany with each value converted by its field.
    """

    def __init__(self, model: type[models.Model]):
        self.model = model
        fields = [f for f in model._meta.concrete_fields if not getattr(f, "generated", False)]
        self.fields = [f for f in fields if not (f.has_db_default() and not f.has_default())]
        self.defaults = {f.attname: f.get_default() for f in self.fields if f.has_default() or f.null}
        self.postgres = connection.vendor == "postgresql"
        self.json_fields = {f.attname for f in self.fields if isinstance(f, models.JSONField)}
        qn = connection.ops.quote_name
        columns = ", ".join(qn(f.column) for f in self.fields)
        self.table = qn(model._meta.db_table)
        self.copy_sql = f"COPY {self.table} ({columns}) FROM STDIN"
        placeholders = ", ".join(["%s"] * len(self.fields))
        self.insert_sql = f"INSERT INTO {self.table} ({columns}) VALUES ({placeholders})"
        self.count = 0

    def _tuple(self, record: dict) -> tuple:
        values = []
        for f in self.fields:
            name = f.attname
            if name in record:
                value = record[name]
            elif name in self.defaults:
                value = self.defaults[name]
            else:
                value = f.get_default()
            values.append(value)
        return tuple(values)

    def write(self, records: Iterable[dict]) -> None:
        rows = [self._tuple(r) for r in records]
        if not rows:
            return
        self.count += len(rows)
        with connection.cursor() as cursor:
            if self.postgres:
                json_indexes = [i for i, f in enumerate(self.fields) if f.attname in self.json_fields]
                with cursor.cursor.copy(self.copy_sql) as copy:
                    for row in rows:
                        if json_indexes:
                            row = list(row)
                            for i in json_indexes:
                                row[i] = json.dumps(row[i], ensure_ascii=False)
                        copy.write_row(row)
            else:
                prepared = [
                    tuple(f.get_db_prep_save(v, connection) for f, v in zip(self.fields, row, strict=True))
                    for row in rows
                ]
                cursor.executemany(self.insert_sql, prepared)


def next_ids(*models_: type[models.Model]) -> dict:
    return {m: (m.objects.aggregate(top=Max("pk"))["top"] or 0) + 1 for m in models_}


def reset_sequences(models_: list[type[models.Model]]) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), models_)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


# ---------------------------------------------------------------- the plan


@dataclass
class Person:
    id: int
    name: str
    surname: str
    kind: str
    country: str
    weight: float
    spokesperson: bool = False


@dataclass
class TopicNode:
    id: int
    name: str
    phrase: str
    root: int  # index into TOPIC_ROOTS
    depth: int


@dataclass
class PlannedMeeting:
    id: int
    slug: str
    kind: str
    status: str
    date: datetime.date | None
    precision: str
    city: str
    country: str
    title: str
    participants: list  # [(Person, role)]
    topics: list  # [TopicNode]
    parent_id: int | None
    end_date: datetime.date | None
    sources: list = field(default_factory=list)  # source ids


class Generator:
    """Plans and writes the synthetic data set. ``run()`` does it all; ``progress`` reports."""

    def __init__(self, sizes: Sizes, seed: int, batch_sources: int = 100, progress=None):
        self.sizes = sizes
        self.seed = seed
        self.rng = Random(seed)
        self.batch_sources = max(1, batch_sources)
        self.progress = progress or (lambda phase, total: _NullBar())
        self.counts: dict[str, int] = {}

    # --- helpers

    def timestamp(self, fraction: float, jitter_seconds: int = 0) -> datetime.datetime:
        """A curation time: ``fraction`` of the way through the curation year, plus jitter."""
        fraction = min(max(fraction, 0.0), 1.0)
        return CURATION_START + datetime.timedelta(days=CURATION_DAYS * fraction, seconds=jitter_seconds)

    def stamps(self, created: datetime.datetime) -> dict:
        updated = created
        if self.rng.random() < 0.05:  # a later correction
            updated = min(
                created + datetime.timedelta(days=self.rng.randint(1, 60), seconds=self.rng.randint(0, 86_399)),
                CURATION_START + datetime.timedelta(days=CURATION_DAYS),
            )
        return {"created_at": created, "updated_at": updated}

    # --- run

    def run(self) -> dict[str, int]:
        self.ids = next_ids(Participant, Topic, Meeting, Source, Statement, MeetingParticipant, Outcome)
        for through in (Meeting.topics.through, Meeting.sources.through, Statement.topics.through):
            self.ids[through] = next_ids(through)[through]
        self.reviewer = reviewer_id()
        self.slugs = {
            model: Unique(model.objects.values_list("slug", flat=True))
            for model in (Participant, Topic, Meeting, Source)
        }
        # Statement slugs end in their number in this run, so they only need checking against
        # slugs already stored (a 1,000,000-entry set of new ones would cost memory for nothing).
        self.existing_statement_slugs = set(Statement.objects.values_list("slug", flat=True))
        self.hashes = set(Source.objects.values_list("content_hash", flat=True))
        self.writers = {
            model: TableWriter(model)
            for model in (
                Participant,
                Topic,
                Meeting,
                MeetingParticipant,
                Meeting.topics.through,
                Meeting.sources.through,
                Source,
                Outcome,
                Statement,
                Statement.topics.through,
            )
        }
        self.make_participants()
        self.make_topics()
        self.plan_meetings()
        self.write_meetings()
        self.write_sources_and_statements()
        reset_sequences(list(self.writers))
        DataVersion.bump()
        return {model._meta.db_table: writer.count for model, writer in self.writers.items()}

    # --- participants

    def make_participants(self) -> None:
        rng, n = self.rng, self.sizes.participants
        codes = [c[0] for c in COUNTRIES]
        self.country = {c[0]: c for c in COUNTRIES}
        pick_country = weighted_picker(rng, codes, [c[5] for c in COUNTRIES])
        pick_position = weighted_picker(rng, [p[0] for p in PERSON_POSITIONS], [p[1] for p in PERSON_POSITIONS])
        n_institutions = round(n * 0.12) if n >= 10 else 0
        self.people: list[Person] = []
        records = []
        bar = self.progress("participants", n)
        institutions = self._institutions(n_institutions, pick_country)
        for index in range(n):
            pid = self.ids[Participant] + index
            created = self.timestamp(0.0, -rng.randint(0, 30 * 86_400))
            if index < len(institutions):
                name, country, position, other_names = institutions[index]
                kind, surname = ParticipantKind.INSTITUTION, name
                spokesperson = name.startswith("Ministry of Foreign Affairs")
            else:
                country = pick_country()
                style = self.country[country][4]
                given_pool, surname_pool = (s.split() for s in NAMES[style])
                given, surname = rng.choice(given_pool), rng.choice(surname_pool)
                female = given.endswith("*")
                given = given.rstrip("*")
                if female and style in {"slavic", "caucasus"} and surname.endswith(("ov", "ev", "in", "yov")):
                    surname += "a"
                if female and style == "polish" and surname.endswith("ski"):
                    surname = surname[:-1] + "a"
                # Two people may share a name, as in life; their slugs tell them apart.
                name = f"{surname} {given}" if style in SURNAME_FIRST else f"{given} {surname}"
                other_names = self._other_names(given, surname, style)
                template = pick_position()
                other = rng.choice([code for code in codes if code != country])
                position = template.format(
                    country=self.country[country][1],
                    other=self.country[other][1],
                    topic=TOPIC_ROOTS[rng.randrange(len(TOPIC_ROOTS))][0],
                    region=rng.choice(REGIONS),
                )
                kind = ParticipantKind.PERSON
                spokesperson = template.startswith("Spokesperson")
            slug = self.slugs[Participant](slugify(ascii_fold(name)))
            # A few people and institutions are in most of the news; most appear now and then.
            weight = 1.0 / (1 + rng.random() * 40) ** 1.2 + (0.2 if spokesperson else 0)
            self.people.append(Person(pid, name, surname, kind, country, weight, spokesperson))
            records.append(
                {
                    "id": pid,
                    "slug": slug,
                    "name": name,
                    "other_names": other_names,
                    "kind": kind,
                    "country": country,
                    "position": position[:300],
                    "wikidata_id": "",
                    **self.stamps(created),
                }
            )
            bar.update(1)
        self.writers[Participant].write(records)
        bar.close()
        self.by_country: dict[str, list[Person]] = {}
        for person in self.people:
            self.by_country.setdefault(person.country, []).append(person)
        self.persons = [p for p in self.people if p.kind == ParticipantKind.PERSON] or self.people
        self.pick_anyone = weighted_picker(rng, self.persons, [p.weight for p in self.persons]) if self.people else None
        self.country_pickers = {
            code: weighted_picker(rng, pool, [p.weight for p in pool])
            for code, pool in (
                (code, [p for p in people if p.kind == ParticipantKind.PERSON])
                for code, people in self.by_country.items()
            )
            if pool
        }
        self.ministry = {p.country: p for p in self.people if p.kind == ParticipantKind.INSTITUTION and p.spokesperson}

    def _institutions(self, count: int, pick_country) -> list[tuple]:
        result, seen = [], set()
        for code, name, *_ in COUNTRIES:
            result.append((f"Ministry of Foreign Affairs of {name.removeprefix('the ')}", code, "", []))
        for full, short in ORGANISATIONS:
            result.append((full, "", "International organisation", [short]))
        while len(result) < count:
            host, guest = pick_country(), pick_country()
            if host != guest:
                result.append(
                    (
                        f"Embassy of {self.country[host][1].removeprefix('the ')} in {self.country[guest][1]}",
                        host,
                        "",
                        [],
                    )
                )
        unique = []
        for item in result:
            if item[0] not in seen:
                seen.add(item[0])
                unique.append(item)
        # Interleave so that a small data set still gets ministries and organisations.
        self.rng.shuffle(unique)
        return unique[:count]

    def _other_names(self, given: str, surname: str, style: str) -> list[str]:
        variants = []
        swapped = (
            f"{VARIANTS.get(surname, surname)} {VARIANTS.get(given, given)}"
            if style in SURNAME_FIRST
            else f"{VARIANTS.get(given, given)} {VARIANTS.get(surname, surname)}"
        )
        original = f"{surname} {given}" if style in SURNAME_FIRST else f"{given} {surname}"
        if swapped != original:
            variants.append(swapped)
        folded = ascii_fold(original)
        if folded != original:
            variants.append(folded)
        if style in SURNAME_FIRST and self.rng.random() < 0.5:
            variants.append(f"{given} {surname}")
        return variants

    # --- topics

    def make_topics(self) -> None:
        rng, n = self.rng, self.sizes.topics
        names = Unique(max_length=200)
        self.topics: list[TopicNode] = []
        records = []
        bar = self.progress("topics", n)
        roots = list(range(len(TOPIC_ROOTS)))
        rng.shuffle(roots)
        n_roots = min(len(TOPIC_ROOTS), max(1, n // 16))
        level1: list[tuple[TopicNode, int]] = []

        def add(name: str, phrase: str, root: int, depth: int, parent: TopicNode | None) -> TopicNode:
            node = TopicNode(self.ids[Topic] + len(self.topics), name, phrase, root, depth)
            self.topics.append(node)
            records.append(
                {
                    "id": node.id,
                    "slug": self.slugs[Topic](slugify(ascii_fold(name))),
                    "name": name[:200],
                    "description": f"Meetings and statements on {phrase}.",
                    "parent_id": parent.id if parent else None,
                    **self.stamps(self.timestamp(0.0, -rng.randint(0, 60 * 86_400))),
                }
            )
            bar.update(1)
            return node

        root_nodes = []
        for r in roots[:n_roots]:
            name, phrase, _ = TOPIC_ROOTS[r]
            names.taken.add(name)
            root_nodes.append(add(name, phrase, r, 0, None))
        attempts = 0
        while len(self.topics) < n and attempts < n * 50:
            attempts += 1
            if level1 and rng.random() < 0.6:
                parent, aspect_index = rng.choice(level1)
                _, country_name, *_ = rng.choice(COUNTRIES)
                name = f"{parent.name}, {country_name.removeprefix('the ')}"
                phrase = f"{parent.phrase} with {country_name}"
                if name in names.taken:
                    continue
                names.taken.add(name)
                add(name, phrase, parent.root, 2, parent)
            else:
                parent = rng.choice(root_nodes)
                aspect_index = rng.randrange(len(TOPIC_ASPECTS))
                aspect, aspect_phrase = TOPIC_ASPECTS[aspect_index]
                name = f"{parent.name}: {aspect}"
                if name in names.taken:
                    continue
                names.taken.add(name)
                node = add(name, f"{aspect_phrase} {rng.choice(CONNECTORS)} {parent.phrase}", parent.root, 1, parent)
                level1.append((node, aspect_index))
        self.writers[Topic].write(records)
        bar.close()
        self.topics_by_root: dict[int, list[TopicNode]] = {}
        for node in self.topics:
            self.topics_by_root.setdefault(node.root, []).append(node)
        present = sorted(self.topics_by_root)
        self.pick_root = weighted_picker(rng, present, [TOPIC_ROOTS[r][2] for r in present])

    # --- meetings

    def plan_meetings(self) -> None:
        rng, sizes = self.rng, self.sizes
        n_sources = sizes.sources
        # Each source tells one story: a pair of countries, a subject, a few weeks of meetings.
        days = (LAST_DAY - FIRST_DAY).days
        source_days = sorted(FIRST_DAY + datetime.timedelta(days=rng.randrange(days)) for _ in range(n_sources))
        block_sizes = allocate(sizes.meetings, [rng.lognormvariate(0, 0.6) for _ in range(n_sources)])
        self.source_day = source_days
        self.source_meetings: list[list[PlannedMeeting]] = [[] for _ in range(n_sources)]
        self.source_story: list[tuple[str, str, int]] = []
        self.meetings: list[PlannedMeeting] = []
        kinds = weighted_picker(
            rng,
            [
                MeetingKind.TALKS,
                MeetingKind.MEETING,
                MeetingKind.PHONE_CALL,
                MeetingKind.VISIT,
                MeetingKind.SUMMIT,
                MeetingKind.PRESS_CONFERENCE,
                MeetingKind.WORKING_GROUP,
            ],
            [30, 24, 20, 9, 5, 7, 5],
        )
        codes = [c[0] for c in COUNTRIES]
        pick_country = weighted_picker(rng, codes, [c[5] for c in COUNTRIES])
        bar = self.progress("meetings (planning)", sizes.meetings)
        for s in range(n_sources):
            host = pick_country()
            guest = pick_country()
            while guest == host and len(codes) > 1:
                guest = pick_country()
            root = self.pick_root()
            self.source_story.append((host, guest, root))
            remaining = block_sizes[s]
            while remaining > 0:
                kind = kinds()
                if rng.random() < 0.3:  # another pair in the same story
                    guest2 = pick_country()
                    pair = (host, guest2) if guest2 != host else (host, guest)
                else:
                    pair = (host, guest) if rng.random() < 0.6 else (guest, host)
                meeting = self._plan_meeting(kind, pair, root, source_days[s], None)
                self.source_meetings[s].append(meeting)
                remaining -= 1
                bar.update(1)
                if kind == MeetingKind.VISIT and remaining > 0 and rng.random() < 0.6:
                    for _ in range(min(remaining, rng.randint(1, 3))):
                        session = self._plan_meeting(
                            rng.choice([MeetingKind.TALKS, MeetingKind.MEETING, MeetingKind.PRESS_CONFERENCE]),
                            pair,
                            root,
                            source_days[s],
                            meeting,
                        )
                        self.source_meetings[s].append(session)
                        remaining -= 1
                        bar.update(1)
        bar.close()
        # Every meeting cites the source whose story it belongs to; some also a later report.
        for s, planned in enumerate(self.source_meetings):
            for meeting in planned:
                meeting.sources.append(self.ids[Source] + s)
                if s + 1 < n_sources and rng.random() < 0.3:
                    meeting.sources.append(self.ids[Source] + s + 1)
        self.covered: list[list[PlannedMeeting]] = [list(planned) for planned in self.source_meetings]
        for s, planned in enumerate(self.source_meetings):
            for meeting in planned:
                if len(meeting.sources) > 1:
                    self.covered[s + 1].append(meeting)

    def _people_for(self, country: str, count: int, exclude: set) -> list[Person]:
        picker = self.country_pickers.get(country) or self.pick_anyone
        chosen = []
        for _ in range(count * 4):
            if len(chosen) == count or picker is None:
                break
            person = picker()
            if person.id not in exclude:
                exclude.add(person.id)
                chosen.append(person)
        return chosen

    def _plan_meeting(self, kind, pair, root, story_day, parent: PlannedMeeting | None) -> PlannedMeeting:
        rng = self.rng
        host_country, guest_country = pair
        taken: set[int] = set()
        if parent is not None:
            pool = [p for p, _ in parent.participants]
            people = rng.sample(pool, min(len(pool), max(2, rng.randint(2, 4)))) if pool else []
            participants = [(p, role) for p, role in parent.participants if p in people]
        elif kind == MeetingKind.SUMMIT:
            participants = []
            for country in dict.fromkeys([host_country, guest_country]):
                for person in self._people_for(country, 1, taken):
                    role = ParticipantRole.HOST if country == host_country else ParticipantRole.ATTENDEE
                    participants.append((person, role))
            for _ in range(rng.randint(1, 5)):
                for person in self._people_for(rng.choice(COUNTRIES)[0], 1, taken):
                    participants.append((person, ParticipantRole.ATTENDEE))
        else:
            hosts = self._people_for(host_country, 1, taken)
            guests = self._people_for(guest_country, 1, taken)
            if kind == MeetingKind.PHONE_CALL:
                participants = [(p, ParticipantRole.CALLER) for p in hosts] + [
                    (p, ParticipantRole.RECIPIENT) for p in guests
                ]
            else:
                participants = [(p, ParticipantRole.HOST) for p in hosts] + [(p, ParticipantRole.GUEST) for p in guests]
                extra = rng.choice([0, 0, 1, 1, 2, 3])
                for person in self._people_for(rng.choice(pair), extra, taken):
                    participants.append((person, ParticipantRole.ATTENDEE))
        # Ordered so that the first one hosts (or calls).
        order = {"host": 0, "caller": 0, "guest": 1, "recipient": 1, "attendee": 2}
        participants.sort(key=lambda pr: order[pr[1]])

        # When: on a day, or only the month or year, or not known; planned ones lie ahead.
        roll = rng.random()
        status = MeetingStatus.HELD
        if parent is not None:
            status = parent.status
        elif roll < 0.05:
            status = MeetingStatus.PLANNED
        elif roll < 0.07:
            status = MeetingStatus.PROPOSED
        elif roll < 0.10:
            status = MeetingStatus.CANCELLED
        if parent is not None:
            precision = parent.precision
            date = parent.date
            if date and precision == DatePrecision.DAY and parent.end_date:
                date = date + datetime.timedelta(days=rng.randint(0, (parent.end_date - parent.date).days))
        else:
            roll = rng.random()
            precision = (
                DatePrecision.DAY
                if roll < 0.85
                else DatePrecision.MONTH
                if roll < 0.92
                else DatePrecision.YEAR
                if roll < 0.95
                else DatePrecision.UNKNOWN
            )
            offset = (
                rng.randint(3, 120)
                if status in {MeetingStatus.PLANNED, MeetingStatus.PROPOSED}
                else -rng.randint(0, 45)
            )
            day = story_day + datetime.timedelta(days=offset)
            date = {
                DatePrecision.DAY: day,
                DatePrecision.MONTH: day.replace(day=1),
                DatePrecision.YEAR: day.replace(month=1, day=1),
                DatePrecision.UNKNOWN: None,
            }[precision]
        end_date = None
        if (
            parent is None
            and date is not None
            and precision == DatePrecision.DAY
            and kind in {MeetingKind.VISIT, MeetingKind.SUMMIT}
            and rng.random() < 0.6
        ):
            end_date = date + datetime.timedelta(days=rng.randint(1, 3))

        if kind == MeetingKind.PHONE_CALL:
            city, country = "", ""
        elif parent is not None:
            city, country = parent.city, parent.country
        elif rng.random() < 0.04:
            city, country = "", ""
        else:
            # Most meetings are in a capital; a visit is to the host's country.
            country = host_country
            city = rng.choice(self.country[country][3]) if rng.random() < 0.4 else self.country[country][3][0]

        root_topics = self.topics_by_root.get(root) or self.topics
        topics = rng.sample(root_topics, min(len(root_topics), rng.randint(1, 3)))
        if rng.random() < 0.15:
            other = rng.choice(self.topics)
            if other not in topics:
                topics.append(other)

        title = self._title(kind, participants, city, country, topics[0] if topics else None, parent)
        slug_base = slugify(ascii_fold(f"{title} {date.isoformat() if date else ''}".replace("–", " ")))
        meeting = PlannedMeeting(
            id=self.ids[Meeting] + len(self.meetings),
            slug=self.slugs[Meeting](slug_base),
            kind=kind,
            status=status,
            date=date,
            precision=precision,
            city=city,
            country=country,
            title=title[:300],
            participants=participants,
            topics=topics,
            parent_id=parent.id if parent else None,
            end_date=end_date,
        )
        self.meetings.append(meeting)
        return meeting

    def _title(self, kind, participants, city, country, topic, parent) -> str:
        names = [p.surname for p, _ in participants[:2]] or ["Officials"]
        pair = "–".join(names) if len(names) > 1 else names[0]
        where = f" in {city}" if city else ""
        if parent is not None:
            return f"{KIND_PHRASES[kind].capitalize()} during {parent.title}"
        if kind == MeetingKind.TALKS:
            return f"{pair} talks{where}"
        if kind == MeetingKind.MEETING:
            return f"Meeting of {' and '.join(names)}{where}"
        if kind == MeetingKind.PHONE_CALL:
            return f"Phone call between {' and '.join(names)}"
        if kind == MeetingKind.VISIT:
            visitor = names[-1]
            place = self.country[country][1] if country else "abroad"
            return f"{visitor}'s visit to {place}"
        if kind == MeetingKind.SUMMIT:
            return f"Summit on {topic.name if topic else 'regional security'}{where}"
        if kind == MeetingKind.PRESS_CONFERENCE:
            return f"Joint press conference of {' and '.join(names)}{where}"
        return f"Working group on {topic.name if topic else 'bilateral issues'}{where}"

    def write_meetings(self) -> None:
        rng = self.rng
        bar = self.progress("meetings", len(self.meetings))
        meetings, participations, meeting_topics = [], [], []
        n_sources = max(1, self.sizes.sources)
        for index, m in enumerate(self.meetings):
            s = m.sources[0] - self.ids[Source] if m.sources else 0
            created = self.timestamp(s / n_sources, jitter_seconds=600 + index % 3_000)
            stamps = self.stamps(created)
            topic = m.topics[0].phrase if m.topics else "bilateral relations"
            names = [p.name for p, _ in m.participants]
            summary = (
                f"{' and '.join(names[:2]) or 'Officials'} {HELD_PHRASES[m.kind]}"
                f"{' in ' + m.city if m.city else ''}{when(m.date, m.precision)}, focusing on {topic}."
            )
            if len(names) > 2:
                summary += f" Also taking part: {', '.join(names[2:])}."
            summary += (
                f" The sides {rng.choice(PAST_VERBS)} {rng.choice(self.topics).phrase if self.topics else topic}."
            )
            meetings.append(
                {
                    "id": m.id,
                    "slug": m.slug,
                    "title": m.title,
                    "kind": m.kind,
                    "status": m.status,
                    "date": m.date,
                    "date_precision": m.precision,
                    "date_basis": ""
                    if m.date is None
                    else (DateBasis.SOURCE if rng.random() < 0.92 else DateBasis.GENERAL_KNOWLEDGE),
                    "end_date": m.end_date,
                    "city": m.city,
                    "country": m.country,
                    "summary": summary,
                    "parent_id": m.parent_id,
                    **stamps,
                    **review_fields(Meeting, stamps["updated_at"], self.reviewer),
                }
            )
            for position, (person, role) in enumerate(m.participants):
                participations.append(
                    {
                        "id": self.ids[MeetingParticipant] + len(participations),
                        "meeting_id": m.id,
                        "participant_id": person.id,
                        "role": role,
                        "position": position,
                        **stamps,
                    }
                )
            through = Meeting.topics.through
            for topic_node in m.topics:
                meeting_topics.append(
                    {"id": self.ids[through] + len(meeting_topics), "meeting_id": m.id, "topic_id": topic_node.id}
                )
            if len(meetings) >= 5_000:
                self._flush_meetings(meetings, participations, meeting_topics)
            bar.update(1)
        self._flush_meetings(meetings, participations, meeting_topics)
        bar.close()

    def _flush_meetings(self, meetings, participations, meeting_topics) -> None:
        self.writers[Meeting].write(meetings)
        self.writers[MeetingParticipant].write(participations)
        self.writers[Meeting.topics.through].write(meeting_topics)
        # The id counters move on by what was written.
        self.ids[MeetingParticipant] += len(participations)
        self.ids[Meeting.topics.through] += len(meeting_topics)
        meetings.clear()
        participations.clear()
        meeting_topics.clear()

    # --- sources and statements

    def write_sources_and_statements(self) -> None:
        rng, sizes = self.rng, self.sizes
        n_sources = sizes.sources
        per_source = allocate(sizes.statements, [rng.lognormvariate(0, 0.5) for _ in range(n_sources)])
        if n_sources == 0 and sizes.statements:
            raise ValueError("Statements need at least one source.")
        pick_kind = weighted_picker(
            rng, [SourceKind.NEWS_REPORT, SourceKind.ANALYSIS, SourceKind.OPINION], [70, 20, 10]
        )
        journalists = [n.split() for n in (NAMES["anglo"][0], NAMES["anglo"][1])]
        bar = self.progress("sources and statements", sizes.statements)
        batch = {"sources": [], "meeting_sources": [], "outcomes": [], "statements": [], "statement_topics": []}
        statement_number = 0
        for s in range(n_sources):
            source_id = self.ids[Source] + s
            text, title, placed = self._article(s, per_source[s])
            while content_hash(text) in self.hashes:
                text += "\n\nThis article has been updated."
            digest = content_hash(text)
            self.hashes.add(digest)
            publisher, domain = rng.choice(PUBLISHERS)
            day = self.source_day[s]
            published_on = day + datetime.timedelta(days=rng.randint(0, 2)) if rng.random() < 0.95 else None
            slug = self.slugs[Source](slugify(ascii_fold(title)))
            created = self.timestamp(s / n_sources)
            stamps = self.stamps(created)
            author = (
                f"{rng.choice(journalists[0]).rstrip('*')} {rng.choice(journalists[1])}" if rng.random() < 0.85 else ""
            )
            batch["sources"].append(
                {
                    "id": source_id,
                    "slug": slug,
                    "title": title[:300],
                    "publisher": publisher,
                    "author": author,
                    "kind": pick_kind(),
                    "published_on": published_on,
                    "url": f"https://www.{domain}{URL_DOMAIN_SUFFIX}/{day:%Y/%m}/{slug}/",
                    "language": "en",
                    "text": text,
                    "content_hash": digest,
                    **stamps,
                }
            )
            for m in self.source_meetings[s]:
                for cited in m.sources:
                    through = Meeting.sources.through
                    batch["meeting_sources"].append({"id": self.ids[through], "meeting_id": m.id, "source_id": cited})
                    self.ids[through] += 1
                if m.status == MeetingStatus.HELD and m.kind != MeetingKind.PHONE_CALL and rng.random() < 0.2:
                    for position in range(rng.randint(1, 2)):
                        topic = rng.choice(m.topics).phrase if m.topics else "bilateral relations"
                        batch["outcomes"].append(
                            {
                                "id": self.ids[Outcome],
                                "meeting_id": m.id,
                                "position": position,
                                "description": rng.choice(OUTCOMES).format(
                                    topic=topic,
                                    city=m.city or "Geneva",
                                    month=f"{MONTHS[rng.randrange(12)]} {(m.date or day).year + 1}",
                                ),
                                "source_id": source_id,
                                **stamps,
                            }
                        )
                        self.ids[Outcome] += 1
            for item in placed:
                statement_number += 1
                statement_id = self.ids[Statement]
                self.ids[Statement] += 1
                speaker = item["speaker"]
                words = " ".join(item["text"].split()[:8])
                base = slugify(ascii_fold(f"{speaker.name} {words}"))[:100].strip("-") or "statement"
                slug = f"{base}-{statement_number}"
                while slug in self.existing_statement_slugs:
                    slug += "-s"
                st_stamps = self.stamps(created + datetime.timedelta(seconds=60 + statement_number % 5_000))
                batch["statements"].append(
                    {
                        "id": statement_id,
                        "slug": slug,
                        "speaker_id": speaker.id,
                        "via_id": item["via"].id if item["via"] else None,
                        "meeting_id": item["meeting"].id if item["meeting"] else None,
                        "source_id": source_id,
                        "kind": item["kind"],
                        "text": item["text"],
                        "occurrence": item["occurrence"],
                        "span_start": item["start"],
                        "span_end": item["end"],
                        "context_before": text[max(0, item["start"] - CONTEXT_CHARS) : item["start"]],
                        "context_after": text[item["end"] : item["end"] + CONTEXT_CHARS],
                        "said_on": item["said_on"],
                        "said_on_precision": item["said_on_precision"],
                        "channel": item["channel"],
                        **st_stamps,
                        **review_fields(Statement, st_stamps["updated_at"], self.reviewer),
                    }
                )
                through = Statement.topics.through
                for topic_node in item["topics"]:
                    batch["statement_topics"].append(
                        {"id": self.ids[through], "statement_id": statement_id, "topic_id": topic_node.id}
                    )
                    self.ids[through] += 1
            bar.update(len(placed))
            if (s + 1) % self.batch_sources == 0:
                self._flush_sources(batch)
        self._flush_sources(batch)
        bar.close()

    def _flush_sources(self, batch) -> None:
        self.writers[Source].write(batch["sources"])
        self.writers[Meeting.sources.through].write(batch["meeting_sources"])
        self.writers[Outcome].write(batch["outcomes"])
        self.writers[Statement].write(batch["statements"])
        self.writers[Statement.topics.through].write(batch["statement_topics"])
        for rows in batch.values():
            rows.clear()

    def _fill(self, template: str, other_country: str, city: str) -> str:
        rng = self.rng
        return template.format(
            adjective=self.country[other_country][2],
            other=self.country[other_country][1],
            city=city,
            month=MONTHS[rng.randrange(12)],
            number=rng.randint(2, 90),
        )

    def _quote(self, topic: TopicNode | None, other_country: str, city: str) -> str:
        rng = self.rng
        obj = topic.phrase if topic else "our bilateral relations"
        subject = self._fill(rng.choice(SUBJECTS), other_country, city)
        sentence = f"{subject} {rng.choice(VERBS)} {obj}{self._fill(rng.choice(TAILS), other_country, city)}"
        if subject not in FIRST_PERSON_SUBJECTS and not subject.endswith(" and we"):
            sentence = sentence.replace("our commitment", "their commitment")
        if rng.random() < 0.35:
            sentence += ". " + self._fill(rng.choice(SECOND_SENTENCES), other_country, city)
        return sentence

    def _paraphrase(self, speaker: Person, topic: TopicNode | None, other_country: str, city: str) -> str:
        rng = self.rng
        obj = topic.phrase if topic else "bilateral relations"
        if rng.random() < 0.3:
            return f"{speaker.surname} described the talks on {obj} as {rng.choice(TALK_ADJECTIVES)}"
        own = self.country[speaker.country][1] if speaker.country else "the organisation"
        subject = rng.choice(["the sides", "both delegations", f"{own} and {self.country[other_country][1]}"])
        tail = self._fill(rng.choice(TAILS), other_country, city).replace(" our ", " their ")
        return f"{speaker.surname} said that {subject} {rng.choice(PAST_VERBS)} {obj}{tail}"

    def _article(self, s: int, count: int) -> tuple[str, str, list[dict]]:
        """One source's text, its title, and ``count`` statements placed in it (with spans)."""
        rng = self.rng
        host, guest, root = self.source_story[s]
        covered = self.covered[s]
        main = covered[0] if covered else None
        root_name, root_phrase, _ = TOPIC_ROOTS[root]
        host_name, guest_name = self.country[host][1], self.country[guest][1]
        if main and len(main.participants) >= 2:
            a, b = main.participants[0][0], main.participants[1][0]
            title = rng.choice(
                [
                    f"{a.name} and {b.name} discuss {root_phrase}",
                    f"{a.surname} and {b.surname} meet{' in ' + main.city if main.city else ''} amid tensions over "
                    f"{root_name}",
                    f"Analysis: what the {KIND_PHRASES[main.kind]} between {a.surname} and {b.surname} means for "
                    f"{root_phrase}",
                    f"{self.country[a.country or host][2]} and {self.country[b.country or guest][2]} diplomats "
                    f"search for common ground on {root_name}",
                ]
            )
        else:
            title = f"{host_name.removeprefix('the ').capitalize()} and {guest_name} on {root_phrase}"
        paragraphs: list[str] = [title]
        if main and main.participants:
            names = [p.name for p, _ in main.participants[:2]]
            where = f" in {main.city}" if main.city else ""
            lede = (
                f"{people_list(names)} {HELD_PHRASES[main.kind]}{where}{when(main.date, main.precision)}, "
                f"with {root_phrase} high on the agenda."
            )
            if main.status != MeetingStatus.HELD:
                lede = f"A {KIND_PHRASES[main.kind]} of {people_list(names)}{where} was {main.status}."
        else:
            lede = f"Diplomats from {host_name} and {guest_name} continued to differ on {root_phrase}."
        paragraphs.append(lede)
        pending: list[dict] = []  # statements whose paragraph is being built: {"offset": in paragraph}
        placed: list[dict] = []
        current: list[str] = []  # sentences of the paragraph being built
        current_length = 0

        def close_paragraph():
            nonlocal current, current_length
            if current:
                paragraphs.append(" ".join(current))
                for item in pending:
                    item["paragraph"] = len(paragraphs) - 1
                    placed.append(item)
                pending.clear()
                current, current_length = [], 0

        def add_sentence(sentence: str, passage_at: int | None = None, item: dict | None = None):
            nonlocal current_length
            if current:
                current_length += 1  # the joining space
            if item is not None:
                item["offset"] = current_length + passage_at
                pending.append(item)
            current.append(sentence)
            current_length += len(sentence)

        for index in range(count):
            if index and index % rng.randint(3, 6) == 0:
                close_paragraph()
                if covered and rng.random() < 0.5:
                    m = rng.choice(covered)
                    if m.participants:
                        where = f" in {m.city}" if m.city else ""
                        dated = when(m.date, m.precision)
                        people = people_list([p.name for p, _ in m.participants[:3]])
                        if m.status == MeetingStatus.HELD:
                            background = f"The {KIND_PHRASES[m.kind]}{where}{dated} brought together {people}."
                        else:
                            background = f"The {KIND_PHRASES[m.kind]} of {people}{where}{dated} was {m.status}."
                        paragraphs.append(background)
            meeting = rng.choice(covered) if covered and rng.random() < 0.9 else None
            if meeting and meeting.participants:
                weights = [
                    3 if role in {"host", "guest", "caller", "recipient"} else 1 for _, role in meeting.participants
                ]
                speaker = weighted_picker(rng, [p for p, _ in meeting.participants], weights)()
            else:
                speaker = self._people_for(rng.choice([host, guest]), 1, set())
                speaker = speaker[0] if speaker else (self.people[0] if self.people else None)
            if speaker is None:
                raise ValueError("Statements need at least one participant.")
            other = guest if speaker.country == host else host
            city = (meeting.city if meeting and meeting.city else None) or self.country[other][3][0]
            topic_pool = (
                (meeting.topics if meeting and meeting.topics else None) or self.topics_by_root.get(root) or self.topics
            )
            topic = rng.choice(topic_pool) if topic_pool else None
            topics = [topic] if topic else []
            if topic and rng.random() < 0.3:
                extra = rng.choice(topic_pool)
                if extra is not topic:
                    topics.append(extra)
            via = None
            if rng.random() < 0.04:
                candidate = self.ministry.get(speaker.country)
                if candidate is not None and candidate.id != speaker.id:
                    via = candidate
            first_mention = rng.random() < 0.3
            reference = speaker.name if first_mention or speaker.kind != "person" else speaker.surname
            if rng.random() < 0.65:
                kind = StatementKind.DIRECT_QUOTE
                quote = self._quote(topic, other, city)
                form = rng.random()
                if via is not None:
                    sentence, at, channel = f'"{quote}," {reference} said, according to the {via.name}.', 1, "statement"
                elif form < 0.45:
                    sentence, at, channel = (
                        f'"{quote}," {reference} said.',
                        1,
                        rng.choice(
                            [StatementChannel.PRESS_CONFERENCE, StatementChannel.MEETING, StatementChannel.UNKNOWN]
                        ),
                    )
                elif form < 0.7:
                    prefix = f'{reference} told reporters: "'
                    sentence, at, channel = f'{prefix}{quote}."', len(prefix), StatementChannel.PRESS_CONFERENCE
                elif form < 0.85:
                    prefix = f"In an interview, {reference} said: \u201c"
                    sentence, at, channel = f"{prefix}{quote}.\u201d", len(prefix), StatementChannel.INTERVIEW
                else:
                    sentence, at, channel = (
                        f'"{quote}," {reference} wrote on social media.',
                        1,
                        StatementChannel.SOCIAL_MEDIA,
                    )
                text = quote
            else:
                kind = StatementKind.PARAPHRASE
                text = self._paraphrase(speaker, topic, other, city)
                if via is not None:
                    prefix = f"According to the {via.name}, "
                    sentence, at = f"{prefix}{text}.", len(prefix)
                else:
                    sentence, at = f"{text}.", 0
                channel = rng.choice([StatementChannel.BRIEFING, StatementChannel.STATEMENT, StatementChannel.UNKNOWN])
            said_on, said_precision = None, DatePrecision.UNKNOWN
            if meeting and meeting.date and meeting.precision == DatePrecision.DAY and meeting.status == "held":
                if rng.random() < 0.75:
                    said_on, said_precision = meeting.end_date or meeting.date, DatePrecision.DAY
            elif rng.random() < 0.3:
                said_on, said_precision = self.source_day[s], DatePrecision.DAY
            add_sentence(
                sentence,
                at,
                {
                    "text": text,
                    "kind": kind,
                    "speaker": speaker,
                    "via": via,
                    "meeting": meeting,
                    "topics": topics,
                    "channel": channel,
                    "said_on": said_on,
                    "said_on_precision": said_precision,
                },
            )
            if rng.random() < 0.6:
                close_paragraph()
        close_paragraph()
        text = "\n\n".join(paragraphs)
        # Where each statement stands: paragraphs are joined by "\n\n", which whitespace folding
        # turns into one space, so the folded offset is the original one minus the paragraph index.
        starts = list(itertools.accumulate([0, *(len(p) + 2 for p in paragraphs[:-1])]))
        folded = text.replace("\n\n", " ").replace("\u00a0", " ")
        for item in placed:
            start = starts[item["paragraph"]] + item["offset"]
            end = start + len(item["text"])
            assert text[start:end] == item["text"], (text[start:end], item["text"])
            folded_start = start - item["paragraph"]
            needle = item["text"].replace("\u00a0", " ")
            occurrence, found = 0, folded.find(needle)
            while 0 <= found <= folded_start:
                occurrence += 1
                found = folded.find(needle, found + 1)
            item.update(start=start, end=end, occurrence=occurrence)
        return text, title, placed


class _NullBar:
    def update(self, n=1):
        pass

    def close(self):
        pass


def existing_counts() -> dict[str, int]:
    return {model._meta.verbose_name_plural: model.objects.count() for model in CURATED_MODELS}
