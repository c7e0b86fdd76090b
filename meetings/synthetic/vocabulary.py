"""The words synthetic records are made of: countries, names, positions, topics, publishers, and
the pieces of sentences that articles, quotes and summaries are put together from.

All of it is invented or common: names are frequent given names and surnames, publishers and
quotes are made up, so no combination is meant to be a real person, outlet or statement.
"""

import datetime
import unicodedata
from typing import NamedTuple

from ..choices import DatePrecision, MeetingKind


class Country(NamedTuple):
    code: str  # ISO 3166-1 alpha-2
    name: str  # as a sentence says it: "the United States"
    adjective: str
    cities: list[str]  # the first is the capital
    naming: str  # how its people are named: a key of NAMES
    weight: int  # how often it is in the news, relatively


COUNTRIES = [
    Country("US", "the United States", "American", ["Washington", "New York", "San Francisco", "Chicago"], "anglo", 10),
    Country("RU", "Russia", "Russian", ["Moscow", "Saint Petersburg", "Sochi", "Kazan"], "slavic", 10),
    Country("CN", "China", "Chinese", ["Beijing", "Shanghai", "Hangzhou"], "chinese", 6),
    Country("FR", "France", "French", ["Paris", "Marseille", "Lyon"], "french", 5),
    Country("GB", "the United Kingdom", "British", ["London", "Edinburgh"], "anglo", 5),
    Country("DE", "Germany", "German", ["Berlin", "Munich", "Bonn"], "german", 5),
    Country("UA", "Ukraine", "Ukrainian", ["Kyiv", "Lviv", "Odesa"], "slavic", 4),
    Country("TR", "Turkey", "Turkish", ["Ankara", "Istanbul", "Antalya"], "turkish", 4),
    Country("IR", "Iran", "Iranian", ["Tehran", "Isfahan"], "persian", 4),
    Country("SY", "Syria", "Syrian", ["Damascus", "Aleppo"], "arabic", 3),
    Country("SA", "Saudi Arabia", "Saudi", ["Riyadh", "Jeddah"], "arabic", 3),
    Country("EG", "Egypt", "Egyptian", ["Cairo", "Sharm el-Sheikh"], "arabic", 2),
    Country("IL", "Israel", "Israeli", ["Jerusalem", "Tel Aviv"], "hebrew", 2),
    Country("JP", "Japan", "Japanese", ["Tokyo", "Osaka", "Hiroshima"], "japanese", 3),
    Country("KR", "South Korea", "South Korean", ["Seoul", "Busan"], "korean", 2),
    Country("KP", "North Korea", "North Korean", ["Pyongyang"], "korean", 1),
    Country("IN", "India", "Indian", ["New Delhi", "Mumbai", "Goa"], "indian", 3),
    Country("PK", "Pakistan", "Pakistani", ["Islamabad", "Karachi"], "indian", 1),
    Country("AF", "Afghanistan", "Afghan", ["Kabul"], "persian", 1),
    Country("IT", "Italy", "Italian", ["Rome", "Milan"], "italian", 2),
    Country("ES", "Spain", "Spanish", ["Madrid", "Barcelona"], "spanish", 2),
    Country("PL", "Poland", "Polish", ["Warsaw", "Krakow"], "polish", 2),
    Country("BY", "Belarus", "Belarusian", ["Minsk"], "slavic", 1),
    Country("KZ", "Kazakhstan", "Kazakh", ["Astana", "Almaty"], "slavic", 1),
    Country("AZ", "Azerbaijan", "Azerbaijani", ["Baku"], "caucasus", 1),
    Country("AM", "Armenia", "Armenian", ["Yerevan"], "caucasus", 1),
    Country("GE", "Georgia", "Georgian", ["Tbilisi"], "caucasus", 1),
    Country("QA", "Qatar", "Qatari", ["Doha"], "arabic", 2),
    Country("AE", "the United Arab Emirates", "Emirati", ["Abu Dhabi", "Dubai"], "arabic", 2),
    Country("JO", "Jordan", "Jordanian", ["Amman"], "arabic", 1),
    Country("IQ", "Iraq", "Iraqi", ["Baghdad"], "arabic", 1),
    Country("LB", "Lebanon", "Lebanese", ["Beirut"], "arabic", 1),
    Country("LY", "Libya", "Libyan", ["Tripoli"], "arabic", 1),
    Country("CH", "Switzerland", "Swiss", ["Geneva", "Bern", "Lausanne"], "german", 2),
    Country("AT", "Austria", "Austrian", ["Vienna"], "german", 2),
    Country("FI", "Finland", "Finnish", ["Helsinki"], "nordic", 1),
    Country("NO", "Norway", "Norwegian", ["Oslo"], "nordic", 1),
    Country("SE", "Sweden", "Swedish", ["Stockholm"], "nordic", 1),
    Country("BR", "Brazil", "Brazilian", ["Brasília", "Rio de Janeiro"], "portuguese", 2),
    Country("MX", "Mexico", "Mexican", ["Mexico City"], "spanish", 1),
    Country("AR", "Argentina", "Argentine", ["Buenos Aires"], "spanish", 1),
    Country("VE", "Venezuela", "Venezuelan", ["Caracas"], "spanish", 1),
    Country("ZA", "South Africa", "South African", ["Pretoria", "Johannesburg", "Cape Town"], "african", 1),
    Country("NG", "Nigeria", "Nigerian", ["Abuja", "Lagos"], "african", 1),
    Country("ET", "Ethiopia", "Ethiopian", ["Addis Ababa"], "african", 1),
    Country("VN", "Vietnam", "Vietnamese", ["Hanoi"], "vietnamese", 1),
    Country("ID", "Indonesia", "Indonesian", ["Jakarta", "Bali"], "indonesian", 1),
    Country("CA", "Canada", "Canadian", ["Ottawa", "Toronto"], "anglo", 2),
    Country("AU", "Australia", "Australian", ["Canberra", "Sydney"], "anglo", 1),
    Country("RS", "Serbia", "Serbian", ["Belgrade"], "slavic", 1),
    Country("HU", "Hungary", "Hungarian", ["Budapest"], "hungarian", 1),
]
COUNTRY = {country.code: country for country in COUNTRIES}

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


def ascii_fold(text: str) -> str:
    """'Yılmaz' → 'Yilmaz', 'Müller' → 'Muller': the spelling a source without diacritics uses."""
    text = text.replace("ı", "i").replace("İ", "I").replace("ł", "l").replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


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
