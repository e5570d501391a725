"""Participant probes: who takes part in an event, written fresh (issue 6).

Each probe is an invented sentence or short story with the event it tells (type and countries)
and the people expected in that event: the fullest name the text gives, a word its title must
contain (case and accents ignored; ``None`` = no check) and the person's country. Unnamed people
("the Armenian foreign minister"), bylines, reporters, spokespeople who only report, analysts and
people of another country's event are no participants. A probe passes when the event is found
and its participants are exactly the expected people (names compared folded, in full).

First look, before any rule was changed for them: 39 of 58 probes passed (67 %). The rules
written for them then passed all 58. A second batch of 20 (below), written after those rules and
run before any further change, passed 15 of 20 at first look (75 %); one of its probes was
wrong (no country named for the event) and was corrected, three led to general rules (French
honorifics, a name word the parse joins on the left, "X, accompanied by NAME"), one is a known
gap outside participant extraction (``KNOWN_GAPS``). Batches three and four were written
together with the rules they test (shapes met in the development set's disagreements, told
with other names and countries): they guard those rules and measure no generalisation.
"""

from __future__ import annotations

from typing import Any

import pytest

from bilat import Extractor
from bilat.document import Document
from bilat.extract.analysis import Person
from bilat.extract.people import PeopleRegistry, fold

P = tuple[str, str | None, str | None]  # name, a word of the title, country

PROBES: list[tuple[str, str, str, list[str], list[P]]] = [
    # (id, text, event type, countries, participants)
    ("honorific_mr",
     "Mr. Kenji Tanaka, Japan's Ambassador to Mongolia, paid a courtesy call on Mongolian "
     "Foreign Minister Battsetseg Batmunkh in Ulaanbaatar on Monday.",
     "CONSULT", ["JPN", "MNG"],
     [("Kenji Tanaka", "Ambassador", "JPN"), ("Battsetseg Batmunkh", "Foreign Minister", "MNG")]),
    ("initial_dot",
     "Mongolian Defence Minister N.Enkhtaivan held talks with his Turkish counterpart Mehmet "
     "Yilmaz in Ankara on Thursday.",
     "CONSULT", ["MNG", "TUR"],
     [("N.Enkhtaivan", "Minister", "MNG"), ("Mehmet Yilmaz", "counterpart", "TUR")]),
    ("datuk_seri",
     "Malaysian Foreign Minister Datuk Seri Zambry Abdul Kadir met Thai Deputy Prime Minister "
     "Parnpree Bahiddha-Nukara in Bangkok on Friday.",
     "CONSULT", ["MYS", "THA"],
     [("Zambry Abdul Kadir", "Foreign Minister", "MYS"),
      ("Parnpree Bahiddha-Nukara", "Prime Minister", "THA")]),
    ("sheikh_al_nahyan",
     "UAE President Sheikh Mohamed bin Zayed Al Nahyan received Kenyan President William Ruto "
     "in Abu Dhabi on Sunday.",
     "CONSULT", ["ARE", "KEN"],
     [("Mohamed bin Zayed Al Nahyan", "President", "ARE"), ("William Ruto", "President", "KEN")]),
    ("vietnamese_order",
     "Vietnamese Prime Minister Pham Minh Chinh held talks with Australian Prime Minister "
     "Anthony Albanese in Canberra on Wednesday.",
     "CONSULT", ["AUS", "VNM"],
     [("Pham Minh Chinh", "Prime Minister", "VNM"),
      ("Anthony Albanese", "Prime Minister", "AUS")]),
    ("chinese_order",
     "Chinese Vice Premier Ding Xuexiang met with Brazilian Vice President Geraldo Alckmin in "
     "Beijing on Tuesday.",
     "CONSULT", ["BRA", "CHN"],
     [("Ding Xuexiang", "Premier", "CHN"), ("Geraldo Alckmin", "Vice President", "BRA")]),
    ("korean_hyphen",
     "South Korean Foreign Minister Cho Tae-yul spoke by phone with his Indonesian counterpart "
     "Retno Marsudi on Monday.",
     "CONSULT", ["IDN", "KOR"],
     [("Cho Tae-yul", "Foreign Minister", "KOR"), ("Retno Marsudi", "counterpart", "IDN")]),
    ("long_title_before",
     "The Minister of Foreign Affairs and International Cooperation of Ghana Shirley Ayorkor "
     "Botchwey received the Ambassador of Cuba to Ghana, Ms. Elena Ruiz, in Accra on Monday.",
     "CONSULT", ["CUB", "GHA"],
     [("Shirley Ayorkor Botchwey", "Minister", "GHA"), ("Elena Ruiz", "Ambassador", "CUB")]),
    ("title_after_comma",
     "Alberto van Klaveren, Chile's Foreign Minister, met Peruvian Foreign Minister Javier "
     "González-Olaechea in Lima on Thursday.",
     "CONSULT", ["CHL", "PER"],
     [("Alberto van Klaveren", "Foreign Minister", "CHL"),
      ("Javier González-Olaechea", "Foreign Minister", "PER")]),
    ("title_of_country_before",
     "Foreign Minister of Chile Alberto van Klaveren held talks with Foreign Minister of "
     "Argentina Diana Mondino in Santiago on Friday.",
     "CONSULT", ["ARG", "CHL"],
     [("Alberto van Klaveren", "Foreign Minister", "CHL"),
      ("Diana Mondino", "Foreign Minister", "ARG")]),
    ("his_counterpart",
     "Ethiopian Foreign Minister Taye Atske Selassie met his Kenyan counterpart Alfred Mutua in "
     "Nairobi on Tuesday.",
     "CONSULT", ["ETH", "KEN"],
     [("Taye Atske Selassie", "Foreign Minister", "ETH"),
      ("Alfred Mutua", "counterpart", "KEN")]),
    ("led_by_delegation",
     "A Polish delegation led by Deputy Foreign Minister Pawel Jablonski visited Vilnius on "
     "Monday for consultations with Lithuanian officials. The Lithuanian side was represented "
     "by Vice Minister Egidijus Meilunas.",
     "CONSULT", ["LTU", "POL"],
     [("Pawel Jablonski", "Minister", "POL"), ("Egidijus Meilunas", "Minister", "LTU")]),
    ("delegation_led_next_sentence",
     "A delegation of the Vietnamese National Assembly paid an official visit to Cuba on "
     "Monday. The delegation was led by Vice Chairman Tran Quang Phuong.",
     "CONSULT", ["CUB", "VNM"],
     [("Tran Quang Phuong", "Chairman", "VNM")]),
    ("variant_diacritics",
     "Kazakh President Kassym-Jomart Tokayev received Hungarian Foreign Minister Peter "
     "Szijjarto in Astana on Monday. Tokayev and Szijjártó discussed energy supplies.",
     "CONSULT", ["HUN", "KAZ"],
     [("Kassym-Jomart Tokayev", "President", "KAZ"),
      ("Peter Szijjarto", "Foreign Minister", "HUN")]),
    ("variant_transliteration",
     "Tajik Foreign Minister Sirojiddin Muhriddin held talks with Uzbek Foreign Minister "
     "Bakhtiyor Saidov in Dushanbe on Monday. Mukhriddin and Saidov discussed water sharing.",
     "CONSULT", ["TJK", "UZB"],
     [("Sirojiddin Muhriddin", "Foreign Minister", "TJK"),
      ("Bakhtiyor Saidov", "Foreign Minister", "UZB")]),
    ("titles_only",
     "The Foreign Minister of Mexico met the Ambassador of Japan in Mexico City on Tuesday. He "
     "said the two countries share many interests.",
     "CONSULT", ["JPN", "MEX"], []),
    ("unnamed_counterpart",
     "The Armenian foreign minister held talks with his Iranian counterpart in Tehran on "
     "Monday.",
     "CONSULT", ["ARM", "IRN"], []),
    ("byline",
     "By Maria Lopez\n\nSpanish Foreign Minister José Manuel Albares met Moroccan Foreign "
     "Minister Nasser Bourita in Rabat on Thursday.",
     "CONSULT", ["ESP", "MAR"],
     [("José Manuel Albares", "Foreign Minister", "ESP"),
      ("Nasser Bourita", "Foreign Minister", "MAR")]),
    ("spokesman_reports",
     "Colombian President Gustavo Petro met Venezuelan President Nicolás Maduro in Caracas on "
     "Saturday, presidential spokesman Carlos Rivas told reporters.",
     "CONSULT", ["COL", "VEN"],
     [("Gustavo Petro", "President", "COL"), ("Nicolás Maduro", "President", "VEN")]),
    ("spokesperson_briefing",
     "Chinese Premier Li Qiang met Pakistani Prime Minister Shehbaz Sharif in Beijing on "
     "Tuesday, Foreign Ministry spokesperson Mao Ning told a regular press briefing.",
     "CONSULT", ["CHN", "PAK"],
     [("Li Qiang", "Premier", "CHN"), ("Shehbaz Sharif", "Prime Minister", "PAK")]),
    ("third_country_presence",
     "Ghanaian President Nana Akufo-Addo met Ivorian President Alassane Ouattara in Abidjan on "
     "Monday. The talks came a week after Ouattara's visit to Paris, where he met French "
     "President Emmanuel Macron.",
     "CONSULT", ["CIV", "GHA"],
     [("Nana Akufo-Addo", "President", "GHA"), ("Alassane Ouattara", "President", "CIV")]),
    ("third_country_background",
     "Georgian Prime Minister Irakli Kobakhidze met Armenian Prime Minister Nikol Pashinyan in "
     "Tbilisi on Thursday, a week after Pashinyan's talks with Russian President Vladimir "
     "Putin.",
     "CONSULT", ["ARM", "GEO"],
     [("Irakli Kobakhidze", "Prime Minister", "GEO"),
      ("Nikol Pashinyan", "Prime Minister", "ARM")]),
    ("mr_surname_only",
     "Mr. Rahman, Bangladesh's Commerce Minister, met Indian Commerce Minister Piyush Goyal in "
     "New Delhi on Tuesday.",
     "CONSULT", ["BGD", "IND"],
     [("Rahman", "Minister", "BGD"), ("Piyush Goyal", "Minister", "IND")]),
    ("sheikh_al_thani",
     "Qatari Prime Minister Sheikh Mohammed bin Abdulrahman Al Thani held talks with Egyptian "
     "Foreign Minister Badr Abdelatty in Doha on Sunday.",
     "CONSULT", ["EGY", "QAT"],
     [("Mohammed bin Abdulrahman Al Thani", "Prime Minister", "QAT"),
      ("Badr Abdelatty", "Foreign Minister", "EGY")]),
    ("title_after_the",
     "Olena Kovalenko, the Ukrainian Ambassador to Estonia, called on Estonian Prime Minister "
     "Kristen Michal in Tallinn on Wednesday.",
     "CONSULT", ["EST", "UKR"],
     [("Olena Kovalenko", "Ambassador", "UKR"), ("Kristen Michal", "Prime Minister", "EST")]),
    ("president_of_country",
     "President Irfaan Ali of Guyana received President Luis Abinader of the Dominican Republic "
     "in Georgetown on Friday.",
     "CONSULT", ["DOM", "GUY"],
     [("Irfaan Ali", "President", "GUY"), ("Luis Abinader", "President", "DOM")]),
    ("possessive_phone",
     "Kenya's President William Ruto spoke by telephone with Uganda's President Yoweri "
     "Museveni on Tuesday.",
     "CONSULT", ["KEN", "UGA"],
     [("William Ruto", "President", "KEN"), ("Yoweri Museveni", "President", "UGA")]),
    ("surname_later",
     "Finnish President Alexander Stubb met Swedish Prime Minister Ulf Kristersson in Helsinki "
     "on Monday. Stubb and Kristersson discussed defence cooperation.",
     "CONSULT", ["FIN", "SWE"],
     [("Alexander Stubb", "President", "FIN"), ("Ulf Kristersson", "Prime Minister", "SWE")]),
    ("headed_by_party",
     "A Chinese delegation headed by Liu Jianchao, head of the International Department of the "
     "Communist Party of China, visited Laos on Monday and met Lao President Thongloun "
     "Sisoulith.",
     "CONSULT", ["CHN", "LAO"],
     [("Liu Jianchao", "head", "CHN"), ("Thongloun Sisoulith", "President", "LAO")]),
    ("mongolian_initial_president",
     "Mongolian President U.Khurelsukh received Kazakh Ambassador Yerlan Alimbayev in "
     "Ulaanbaatar on Monday.",
     "CONSULT", ["KAZ", "MNG"],
     [("U.Khurelsukh", "President", "MNG"), ("Yerlan Alimbayev", "Ambassador", "KAZ")]),
    ("his_excellency",
     "H.E. Ahmed Al-Sayegh, Minister of State of the United Arab Emirates, met H.E. Rosa "
     "Villar, Deputy Foreign Minister of Ecuador, in Quito on Tuesday.",
     "CONSULT", ["ARE", "ECU"],
     [("Ahmed Al-Sayegh", "Minister", "ARE"), ("Rosa Villar", "Minister", "ECU")]),
    ("single_name",
     "Indonesian foreign minister Sugiono met with Singapore's foreign minister Vivian "
     "Balakrishnan in Jakarta on Monday.",
     "CONSULT", ["IDN", "SGP"],
     [("Sugiono", "foreign minister", "IDN"),
      ("Vivian Balakrishnan", "foreign minister", "SGP")]),
    ("initial_space",
     "Indian External Affairs Minister S. Jaishankar held talks with Sri Lankan Foreign "
     "Minister Vijitha Herath in Colombo on Friday.",
     "CONSULT", ["IND", "LKA"],
     [("S. Jaishankar", "Minister", "IND"), ("Vijitha Herath", "Foreign Minister", "LKA")]),
    ("spanish_particles",
     "Mexican Foreign Minister Juan Ramón de la Fuente met Guatemalan Foreign Minister Carlos "
     "Ramiro Martínez in Guatemala City on Tuesday.",
     "CONSULT", ["GTM", "MEX"],
     [("Juan Ramón de la Fuente", "Foreign Minister", "MEX"),
      ("Carlos Ramiro Martínez", "Foreign Minister", "GTM")]),
    ("benelux",
     "Dutch Foreign Minister Caspar Veldkamp met Belgian Foreign Minister Maxime Prévot in The "
     "Hague on Monday.",
     "CONSULT", ["BEL", "NLD"],
     [("Caspar Veldkamp", "Foreign Minister", "NLD"),
      ("Maxime Prévot", "Foreign Minister", "BEL")]),
    ("sultan_of",
     "Sultan Haitham bin Tarik of Oman received Iranian President Masoud Pezeshkian in Muscat "
     "on Sunday.",
     "CONSULT", ["IRN", "OMN"],
     [("Haitham bin Tarik", "Sultan", "OMN"), ("Masoud Pezeshkian", "President", "IRN")]),
    ("king_regnal",
     "King Abdullah II of Jordan met German Chancellor Olaf Scholz in Berlin on Tuesday.",
     "CONSULT", ["DEU", "JOR"],
     [("Abdullah II", "King", "JOR"), ("Olaf Scholz", "Chancellor", "DEU")]),
    ("correspondent",
     "Nigerian Foreign Minister Yusuf Tuggar met Ghanaian Foreign Minister Samuel Okudzeto "
     "Ablakwa in Abuja on Monday, according to correspondent Musa Ibrahim.",
     "CONSULT", ["GHA", "NGA"],
     [("Yusuf Tuggar", "Foreign Minister", "NGA"),
      ("Samuel Okudzeto Ablakwa", "Foreign Minister", "GHA")]),
    ("analyst_quote",
     "Argentine President Javier Milei met Uruguayan President Yamandú Orsi in Buenos Aires on "
     "Friday. \"The meeting shows a thaw,\" said Laura Gomez, a political analyst at the "
     "University of Buenos Aires.",
     "CONSULT", ["ARG", "URY"],
     [("Javier Milei", "President", "ARG"), ("Yamandú Orsi", "President", "URY")]),
    ("possessive_counterpart",
     "Portugal's Foreign Minister Paulo Rangel met his Brazilian counterpart Mauro Vieira in "
     "Lisbon on Wednesday.",
     "CONSULT", ["BRA", "PRT"],
     [("Paulo Rangel", "Foreign Minister", "PRT"), ("Mauro Vieira", "counterpart", "BRA")]),
    ("double_title_comma",
     "The Deputy Prime Minister and Foreign Minister of Slovenia, Tanja Fajon, held talks with "
     "the Foreign Minister of Croatia, Gordan Grlic Radman, in Zagreb on Monday.",
     "CONSULT", ["HRV", "SVN"],
     [("Tanja Fajon", "Foreign Minister", "SVN"), ("Gordan Grlic Radman", "Foreign Minister",
                                                    "HRV")]),
    ("initials_kp",
     "Bhutanese Prime Minister Tshering Tobgay paid an official visit to Nepal on Tuesday, where "
     "he met Nepali Prime Minister K.P. Sharma Oli.",
     "CONSULT", ["BTN", "NPL"],
     [("Tshering Tobgay", "Prime Minister", "BTN"), ("K.P. Sharma Oli", "Prime Minister", "NPL")]),
    ("saudi_prince",
     "Saudi Foreign Minister Prince Faisal bin Farhan Al Saud met Jordanian Foreign Minister "
     "Ayman Safadi in Riyadh on Sunday.",
     "CONSULT", ["JOR", "SAU"],
     [("Faisal bin Farhan Al Saud", "Foreign Minister", "SAU"),
      ("Ayman Safadi", "Foreign Minister", "JOR")]),
    ("lowercase_after_comma",
     "Britain's foreign secretary, David Lammy, met Ireland's deputy prime minister, Simon "
     "Harris, in Dublin on Friday.",
     "CONSULT", ["GBR", "IRL"],
     [("David Lammy", "foreign secretary", "GBR"), ("Simon Harris", "prime minister", "IRL")]),
    ("west_african_names",
     "Senegalese President Bassirou Diomaye Faye received Mauritanian President Mohamed Ould "
     "Ghazouani in Dakar on Saturday.",
     "CONSULT", ["MRT", "SEN"],
     [("Bassirou Diomaye Faye", "President", "SEN"),
      ("Mohamed Ould Ghazouani", "President", "MRT")]),
    ("suffix_jr",
     "Japanese Prime Minister Shigeru Ishiba met Philippine President Ferdinand Marcos Jr. in "
     "Manila on Wednesday.",
     "CONSULT", ["JPN", "PHL"],
     [("Shigeru Ishiba", "Prime Minister", "JPN"), ("Ferdinand Marcos Jr.", "President", "PHL")]),
    ("credentials_host_untitled_country",
     "The new Ambassador of Norway to Kenya, Ingrid Solheim, presented her credentials to "
     "President William Ruto at State House in Nairobi on Tuesday.",
     "CONSULT", ["KEN", "NOR"],
     [("Ingrid Solheim", "Ambassador", "NOR"), ("William Ruto", "President", "KEN")]),
    ("wire_dateline_reporter",
     "BISHKEK, May 13 - Kyrgyz President Sadyr Japarov met Turkmen President Serdar "
     "Berdimuhamedov in Bishkek on Monday, reported correspondent Olga Petrova.",
     "CONSULT", ["KGZ", "TKM"],
     [("Sadyr Japarov", "President", "KGZ"), ("Serdar Berdimuhamedov", "President", "TKM")]),
    ("reporting_editing_footer",
     "Swiss President Viola Amherd met Austrian Chancellor Karl Nehammer in Vienna on Monday."
     "\n\nReporting by Tom Baker; Editing by Sarah White",
     "CONSULT", ["AUT", "CHE"],
     [("Viola Amherd", "President", "CHE"), ("Karl Nehammer", "Chancellor", "AUT")]),
    ("korean_three_part",
     "South Korean President Yoon Suk Yeol met Czech President Petr Pavel in Seoul on Monday.",
     "CONSULT", ["CZE", "KOR"],
     [("Yoon Suk Yeol", "President", "KOR"), ("Petr Pavel", "President", "CZE")]),
    ("minister_of_after_name",
     "Lindiwe Moyo, Minister of Trade of Zimbabwe, met Zambian Trade Minister Chipoka Mulenga "
     "in Lusaka on Wednesday.",
     "CONSULT", ["ZMB", "ZWE"],
     [("Lindiwe Moyo", "Minister", "ZWE"), ("Chipoka Mulenga", "Minister", "ZMB")]),
    ("van_der_of_country",
     "Foreign Trade Minister Liesje van der Berg of the Netherlands met Kenyan Trade Cabinet "
     "Secretary Rebecca Miano in Nairobi on Monday.",
     "CONSULT", ["KEN", "NLD"],
     [("Liesje van der Berg", "Minister", "NLD"), ("Rebecca Miano", "Secretary", "KEN")]),
    ("accompanied_by",
     "Egyptian President Abdel Fattah el-Sisi received Sudanese Sovereignty Council chairman "
     "Abdel Fattah al-Burhan in Cairo on Monday. Burhan was accompanied by Foreign Minister Ali "
     "Youssef.",
     "CONSULT", ["EGY", "SDN"],
     [("Abdel Fattah el-Sisi", "President", "EGY"),
      ("Abdel Fattah al-Burhan", "chairman", "SDN"), ("Ali Youssef", "Foreign Minister", "SDN")]),
    ("mr_given_name_later",
     "Indonesian President Prabowo Subianto met Chinese President Xi Jinping in Beijing on "
     "Saturday. Mr. Prabowo and Mr. Xi also discussed trade.",
     "CONSULT", ["CHN", "IDN"],
     [("Prabowo Subianto", "President", "IDN"), ("Xi Jinping", "President", "CHN")]),
    ("title_only_second_mention",
     "Peruvian President Dina Boluarte met Chilean President Gabriel Boric in Lima on Monday. "
     "The President of Peru thanked her guest for the visit.",
     "CONSULT", ["CHL", "PER"],
     [("Dina Boluarte", "President", "PER"), ("Gabriel Boric", "President", "CHL")]),
    ("dr_and_initials",
     "Bangladeshi Foreign Minister Dr. Hasan Mahmud met Bhutanese Foreign Minister D.N. "
     "Dhungyel in Thimphu on Monday.",
     "CONSULT", ["BGD", "BTN"],
     [("Hasan Mahmud", "Foreign Minister", "BGD"), ("D.N. Dhungyel", "Foreign Minister", "BTN")]),
    ("lowercase_title_after_names",
     "Kamala Harris, the US vice president, met Ghana's president, John Mahama, in Accra on "
     "Monday.",
     "CONSULT", ["GHA", "USA"],
     [("Kamala Harris", "vice president", "USA"), ("John Mahama", "president", "GHA")]),
    ("diacritics_polish",
     "Polish Foreign Minister Radosław Sikorski held talks with Czech Foreign Minister Jan "
     "Lipavský in Prague on Thursday.",
     "CONSULT", ["CZE", "POL"],
     [("Radosław Sikorski", "Foreign Minister", "POL"),
      ("Jan Lipavský", "Foreign Minister", "CZE")]),
    # a spokesperson named with the office earlier only reports the call
    ("spokesperson_named_earlier",
     "Foreign ministry spokeswoman Liisa Tamm said on Monday that Tallinn would not expel "
     "more diplomats. The foreign ministers of Estonia and Finland spoke by telephone on "
     "Friday about the ferry dispute, Tamm said.",
     "CONSULT", ["EST", "FIN"],
     []),
    # an agency's short name in mixed case is no person ("KazTAG has learned")
    ("agency_short_name",
     "Kyrgyz Foreign Minister Jeenbek Kulubaev held talks with Tajik Foreign Minister Sirojiddin "
     "Muhriddin in Bishkek on Monday, KabTAR has learned.",
     "CONSULT", ["KGZ", "TJK"],
     [("Jeenbek Kulubaev", "Foreign Minister", "KGZ"),
      ("Sirojiddin Muhriddin", "Foreign Minister", "TJK")]),
]

# A second batch, written after the first batch's rules had landed and run unchanged first (a
# check that those rules generalise).
PROBES += [
    ("name_qualifies_noun",
     "Italian officials of the Meloni government met a Tunisian delegation in Rome on Monday.",
     "CONSULT", ["ITA", "TUN"], []),
    ("headline_verb",
     "Kenyan President Ruto Meets Ethiopian Prime Minister Abiy Ahmed In Addis Ababa",
     "CONSULT", ["ETH", "KEN"],
     [("Ruto", "President", "KEN"), ("Abiy Ahmed", "Prime Minister", "ETH")]),
    ("apostrophe_name",
     "Mr. Ahmed Hussein, Somalia's envoy to Kenya, met Kenyan Foreign Affairs Principal "
     "Secretary Korir Sing'oei in Nairobi on Monday.",
     "CONSULT", ["KEN", "SOM"],
     [("Ahmed Hussein", "envoy", "SOM"), ("Korir Sing'oei", "Secretary", "KEN")]),
    ("french_honorifics",
     "Moroccan Ambassador Karim Alaoui was received by French Minister Delegate for Trade Mme "
     "Sophie Martin in Paris on Monday.",
     "CONSULT", ["FRA", "MAR"],
     [("Karim Alaoui", "Ambassador", "MAR"), ("Sophie Martin", "Minister", "FRA")]),
    ("accompanied_participle",
     "Turkmen President Serdar Berdimuhamedov, accompanied by Foreign Minister Rashid Meredov, "
     "held talks with Azerbaijani President Ilham Aliyev in Baku on Tuesday.",
     "CONSULT", ["AZE", "TKM"],
     [("Serdar Berdimuhamedov", "President", "TKM"), ("Rashid Meredov", "Minister", "TKM"),
      ("Ilham Aliyev", "President", "AZE")]),
    ("spokesperson_announces",
     "Chinese Foreign Ministry spokesperson Lin Jian accused the Philippines on Monday of "
     "provoking tensions at sea.",
     "ACCUSE", ["CHN", "PHL"],
     [("Lin Jian", "spokesperson", "CHN")]),
    ("analyst_said_after",
     "Japan and South Korea held talks in Tokyo on Monday, said Park Min-su, an analyst at "
     "Seoul National University.",
     "CONSULT", ["JPN", "KOR"], []),
    ("two_of_one_side",
     "Egyptian Foreign Minister Badr Abdelatty and Egyptian Trade Minister Hassan El-Khatib met "
     "Turkish Vice President Cevdet Yilmaz in Ankara on Wednesday.",
     "CONSULT", ["EGY", "TUR"],
     [("Badr Abdelatty", "Minister", "EGY"), ("Hassan El-Khatib", "Minister", "EGY"),
      ("Cevdet Yilmaz", "Vice President", "TUR")]),
    ("thai_given_name_later",
     "Thai Prime Minister Paetongtarn Shinawatra met Cambodian Prime Minister Hun Manet in "
     "Bangkok on Friday. Paetongtarn and Hun Manet discussed border trade.",
     "CONSULT", ["KHM", "THA"],
     [("Paetongtarn Shinawatra", "Prime Minister", "THA"),
      ("Hun Manet", "Prime Minister", "KHM")]),
    ("transliteration_variant",
     "Ukrainian Foreign Minister Andrii Sybiha met Moldovan Foreign Minister Mihai Popsoi in "
     "Chisinau on Monday. Sybiga and Popșoi discussed energy security.",
     "CONSULT", ["MDA", "UKR"],
     [("Andrii Sybiha", "Foreign Minister", "UKR"), ("Mihai Popsoi", "Foreign Minister", "MDA")]),
    ("side_represented_by",
     "Political consultations between Kazakhstan and Georgia were held in Tbilisi on Tuesday. "
     "The Kazakh side was represented by Deputy Foreign Minister Roman Vassilenko.",
     "CONSULT", ["GEO", "KAZ"],
     [("Roman Vassilenko", "Minister", "KAZ")]),
    ("unnamed_official",
     "A senior Indian official met Nepal's Foreign Secretary in Kathmandu on Monday.",
     "CONSULT", ["IND", "NPL"], []),
    ("minister_for",
     "Australia's Minister for Foreign Affairs Penny Wong met New Zealand's Foreign Minister "
     "Winston Peters in Wellington on Thursday.",
     "CONSULT", ["AUS", "NZL"],
     [("Penny Wong", "Minister", "AUS"), ("Winston Peters", "Foreign Minister", "NZL")]),
    ("gulf_bin_al",
     "Bahraini Foreign Minister Abdullatif bin Rashid Al Zayani held talks with Iraqi Foreign "
     "Minister Fuad Hussein in Manama on Sunday.",
     "CONSULT", ["BHR", "IRQ"],
     [("Abdullatif bin Rashid Al Zayani", "Foreign Minister", "BHR"),
      ("Fuad Hussein", "Foreign Minister", "IRQ")]),
    ("title_of_country_after",
     "Jakov Milatovic, President of Montenegro, received Albanian Prime Minister Edi Rama in "
     "Podgorica on Monday.",
     "CONSULT", ["ALB", "MNE"],
     [("Jakov Milatovic", "President", "MNE"), ("Edi Rama", "Prime Minister", "ALB")]),
    ("vietnamese_stopword_name",
     "Vietnam's deputy foreign minister Do Hung Viet met Laos's ambassador Khamphao Ernthavanh "
     "in Hanoi on Tuesday.",
     "CONSULT", ["LAO", "VNM"],
     [("Do Hung Viet", "minister", "VNM"), ("Khamphao Ernthavanh", "ambassador", "LAO")]),
    ("ethiopian_three_names",
     "Ethiopian Prime Minister Abiy Ahmed Ali received Djiboutian President Ismail Omar Guelleh "
     "in Addis Ababa on Saturday.",
     "CONSULT", ["DJI", "ETH"],
     [("Abiy Ahmed Ali", "Prime Minister", "ETH"),
      ("Ismail Omar Guelleh", "President", "DJI")]),
    ("phone_third_mentioned",
     "Canadian Prime Minister Mark Carney spoke by phone with Mexican President Claudia "
     "Sheinbaum on Friday about the tariffs announced by U.S. President Donald Trump.",
     "CONSULT", ["CAN", "MEX"],
     [("Mark Carney", "Prime Minister", "CAN"), ("Claudia Sheinbaum", "President", "MEX")]),
    ("queen_and_king",
     "Queen Margrethe II of Denmark received King Harald V of Norway in Copenhagen on Monday.",
     "CONSULT", ["DNK", "NOR"],
     [("Margrethe II", "Queen", "DNK"), ("Harald V", "King", "NOR")]),
    ("honourable_minister",
     "Honourable Minister of Foreign Affairs of Malawi Nancy Tembo met the High Commissioner "
     "of Zambia, Chanda Mwale, in Lilongwe on Wednesday.",
     "CONSULT", ["MWI", "ZMB"],
     [("Nancy Tembo", "Minister", "MWI"), ("Chanda Mwale", "Commissioner", "ZMB")]),
]

# A third batch, for the shapes met while checking the development set's disagreements
# (written fresh, other countries and names).
PROBES += [
    ("roster_with_offices",
     "Consultations between Peru and Japan were held in Lima on Monday. They were led by Rosa "
     "Quispe Huaman, Director General (Asia), Ministry of Foreign Affairs of Peru, and Kenji "
     "Watanabe, Deputy Director-General, Ministry of Foreign Affairs of Japan.",
     "CONSULT", ["JPN", "PER"],
     [("Rosa Quispe Huaman", "Director General", "PER"),
      ("Kenji Watanabe", "Director-General", "JPN")]),
    ("initials_without_dots",
     "Japanese Ambassador Kenji Mori called on K B Thapa, Nepal's Minister of Finance, in "
     "Kathmandu on Monday.",
     "CONSULT", ["JPN", "NPL"],
     [("Kenji Mori", "Ambassador", "JPN"), ("K B Thapa", "Minister", "NPL")]),
    ("parenthesis_in_title",
     "Foreign Secretary (West) Priya Nair of India met Chilean Deputy Foreign Minister Gloria "
     "de la Fuente in Santiago on Tuesday.",
     "CONSULT", ["CHL", "IND"],
     [("Priya Nair", "Secretary", "IND"), ("Gloria de la Fuente", "Minister", "CHL")]),
    ("appositive_without_closing_comma",
     "Kenya's Principal Secretary for Foreign Affairs, Amina Odhiambo co-chaired the talks "
     "with Rwandan Foreign Minister Olivier Nduhungirehe in Kigali on Monday.",
     "CONSULT", ["KEN", "RWA"],
     [("Amina Odhiambo", "Secretary", "KEN"), ("Olivier Nduhungirehe", "Minister", "RWA")]),
    ("body_before_title",
     "The United Nations, the host of the talks, said Ghanaian Foreign Minister Samuel "
     "Ablakwa met Togolese Foreign Minister Robert Dussey in Lome on Monday.",
     "CONSULT", ["GHA", "TGO"],
     [("Samuel Ablakwa", "Minister", "GHA"), ("Robert Dussey", "Minister", "TGO")]),
]

# A fourth batch: possessives, plural titles, depicted people, bodies (written fresh).
PROBES += [
    ("possessive_country_no_title",
     "Moldova's Maia Sandu held talks with Romania's Klaus Iohannis in Chisinau on Monday.",
     "CONSULT", ["MDA", "ROU"],
     [("Maia Sandu", None, "MDA"), ("Klaus Iohannis", None, "ROU")]),
    ("plural_title",
     "Presidents Shavkat Mirziyoyev of Uzbekistan and Sadyr Japarov of Kyrgyzstan met in Osh "
     "on Friday.",
     "CONSULT", ["KGZ", "UZB"],
     [("Shavkat Mirziyoyev", "Presidents", "UZB"), ("Sadyr Japarov", None, "KGZ")]),
    ("effigy_is_no_participant",
     "Protesters burned an effigy of Chinese President Xi Jinping outside the Chinese embassy "
     "in Manila on Tuesday, demanding that China leave Philippine waters.",
     "PROTEST", ["CHN", "PHL"], []),
    ("two_appositives_joined",
     "The Italian Prime Minister, Giorgia Meloni, and the Albanian Prime Minister, Edi Rama, "
     "met in Tirana on Monday.",
     "CONSULT", ["ALB", "ITA"],
     [("Giorgia Meloni", "Prime Minister", "ITA"), ("Edi Rama", "Prime Minister", "ALB")]),
    ("mausoleum_and_parliament",
     "Russian lawmakers laid wreaths at the mausoleum of Ho Chi Minh, Vietnam's first "
     "president, before meeting Vietnamese National Assembly Chairman Tran Thanh Man in Hanoi "
     "on Monday.",
     "CONSULT", ["RUS", "VNM"],
     [("Tran Thanh Man", "Chairman", "VNM")]),
    ("parliament_delegation_headed_by",
     "A delegation of Chile's Senate headed by its President Manuel Ossandon arrived in Lima on "
     "Monday for talks with Peruvian Foreign Minister Elmer Schialer.",
     "CONSULT", ["CHL", "PER"],
     [("Manuel Ossandon", "President", "CHL"), ("Elmer Schialer", "Foreign Minister", "PER")]),
]

# A fifth batch (issue 6, field resolution), written before the rules it led to: people who
# belong to another act of the sentence, people who only qualify someone else's title, the
# counterpart of talks told in an adjunct, a known official named by surname alone.
PROBES += [
    ("talks_in_adjunct",
     "After talks with Kenyan President William Ruto in Nairobi, Ugandan President Yoweri "
     "Museveni phoned the Tanzanian president.",
     "CONSULT", ["KEN", "UGA"],
     [("William Ruto", "President", "KEN"), ("Yoweri Museveni", "President", "UGA")]),
    ("possessor_of_title",
     "Indian External Affairs Minister Subrahmanyam Jaishankar received Japanese Prime Minister "
     "Shigeru Ishiba's national security adviser, Akiko Tanaka, in New Delhi on Friday.",
     "CONSULT", ["IND", "JPN"],
     [("Subrahmanyam Jaishankar", "Minister", "IND"), ("Akiko Tanaka", "adviser", "JPN")]),
    ("possessor_of_envoy",
     "Kazakh President Kassym-Jomart Tokayev met Chinese President Xi Jinping's special envoy, "
     "Liu Bin, in Astana on Monday.",
     "CONSULT", ["CHN", "KAZ"],
     [("Kassym-Jomart Tokayev", "President", "KAZ"), ("Liu Bin", "envoy", "CHN")]),
    ("other_act_planned_visit",
     "Meeting with the Georgian ambassador Giorgi Beridze, Armenian Prime Minister Nikol "
     "Pashinyan stressed the importance of Georgian President Mikheil Kavelashvili's planned "
     "visit to Yerevan.",
     "CONSULT", ["ARM", "GEO"],
     [("Giorgi Beridze", "ambassador", "GEO"), ("Nikol Pashinyan", "Prime Minister", "ARM")]),
    ("other_act_in_relative_clause",
     "The Armenian shelling of Azerbaijani border posts came on the day on which Azerbaijani "
     "Foreign Minister Jeyhun Bayramov held talks in Geneva with Armenian Foreign Minister "
     "Ararat Mirzoyan.",
     "ASSAULT", ["ARM", "AZE"], []),
    ("spokesman_reports_seizure",
     "Chinese coast guard vessels seized a Philippine fishing boat near Scarborough Shoal on "
     "Monday, Philippine coast guard spokesman Jay Tarriela said.",
     "COERCE", ["CHN", "PHL"], []),
    ("surname_of_known_minister_expels",
     "Peruvian Foreign Minister Elmer Schialer spoke to reporters in Lima on Monday. Schialer "
     "said Peru had expelled the Venezuelan ambassador.",
     "SANCTION", ["PER", "VEN"],
     [("Elmer Schialer", "Foreign Minister", "PER")]),
    # an official named by title alone stands for the one person the story gave that title
    ("title_alone_named_earlier",
     "Kenyan Foreign Minister Musalia Mudavadi spoke to reporters in Nairobi on Monday. On "
     "Tuesday the Kenyan foreign minister held talks with Tanzanian Foreign Minister Mahmoud "
     "Kombo in Arusha.",
     "CONSULT", ["KEN", "TZA"],
     [("Musalia Mudavadi", "Foreign Minister", "KEN"),
      ("Mahmoud Kombo", "Foreign Minister", "TZA")]),
    ("bare_title_named_earlier",
     "Uzbek Ambassador Farhod Arziev presented a book at a Baku library on Monday. The same day, "
     "during a meeting between the Ambassador and Azerbaijani Economy Minister Mikayil "
     "Jabbarov, the sides discussed transit.",
     "CONSULT", ["AZE", "UZB"],
     [("Farhod Arziev", "Ambassador", "UZB"), ("Mikayil Jabbarov", "Minister", "AZE")]),
    ("title_alone_ambiguous",
     "Two Chilean ministers, Finance Minister Mario Marcel and Foreign Minister Alberto van "
     "Klaveren, spoke to reporters in Santiago on Monday. On Tuesday the Chilean minister held "
     "talks with Bolivian President Luis Arce in La Paz.",
     "CONSULT", ["BOL", "CHL"],
     [("Luis Arce", "President", "BOL")]),
    # batch five: a long title of office and a name with no comma between them, where the
    # parser may start a new sentence at the name
    ("long_title_cochaired",
     "The ninth session of the Ghana-Togo joint commission took place in Accra on Monday. The "
     "session was co-chaired by the Minister of Foreign Affairs and Regional Integration of "
     "the Republic of Ghana Samuel Okudzeto Ablakwa and the Minister of Foreign Affairs of the "
     "Togolese Republic Robert Dussey.",
     "CONSULT", ["GHA", "TGO"],
     [("Samuel Okudzeto Ablakwa", "Minister", "GHA"), ("Robert Dussey", "Minister", "TGO")]),
    ("long_title_chairman",
     "Talks between Mongolia and Kazakhstan were held in Astana on Friday. They were led by "
     "the Chairman of the Cabinet of the Government of Mongolia Luvsannamsrai Oyun-Erdene and "
     "the Prime Minister of the Republic of Kazakhstan Olzhas Bektenov.",
     "CONSULT", ["KAZ", "MNG"],
     [("Luvsannamsrai Oyun-Erdene", "Chairman", "MNG"),
      ("Olzhas Bektenov", "Prime Minister", "KAZ")]),
    # the agency of a dateline and an agency told to are no people
    ("agency_in_dateline",
     "Lima, Apr 8 (Andina Noticias) Peruvian Foreign Minister Elmer Schialer held talks with "
     "his Ecuadorian counterpart Gabriela Sommerfeld in Lima on Monday.",
     "CONSULT", ["ECU", "PER"],
     [("Elmer Schialer", "Foreign Minister", "PER"),
      ("Gabriela Sommerfeld", "counterpart", "ECU")]),
    ("crown_prince_title",
     "Japanese Foreign Minister Yoko Kamikawa visited Bahrain on Sunday for talks with Crown "
     "Prince Salman bin Hamad Al Khalifa.",
     "CONSULT", ["BHR", "JPN"],
     [("Yoko Kamikawa", "Foreign Minister", "JPN"),
      ("Salman bin Hamad Al Khalifa", "Crown Prince", "BHR")]),
    ("agency_told",
     "Ghana's foreign minister Samuel Ablakwa met Togolese Foreign Minister Robert Dussey in "
     "Lome on Monday. The talks covered the border, Ablakwa told GNA after the meeting.",
     "CONSULT", ["GHA", "TGO"],
     [("Samuel Ablakwa", "foreign minister", "GHA"), ("Robert Dussey", "Foreign Minister", "TGO")]),
    # an official who tells what his country will do speaks for it (blind set 3)
    ("speaks_for_the_clause_subject",
     "Australia will give A$3 million to help Tongan schools rebuild, Foreign Minister Mark "
     "Ellis announced in Nuku'alofa on Monday after meeting Prime Minister Siaosi Taufa.",
     "CONSULT", ["AUS", "TON"],
     [("Mark Ellis", "Foreign Minister", "AUS"), ("Siaosi Taufa", "Prime Minister", "TON")]),
]

IDS = [p[0] for p in PROBES]

#: probes that fail for a reason outside participant extraction (strict: a fix shows up)
KNOWN_GAPS = {
    "headline_verb": "no event: the title-case headline verb 'Meets' is no trigger",
    "possessive_country_no_title": "the model reads \"Romania's Klaus Iohannis\" as an "
    "organisation, and no title marks him as a person (open)",
}


def _params() -> list[object]:
    return [
        pytest.param(*p, id=p[0], marks=[pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[p[0]])])
        if p[0] in KNOWN_GAPS else pytest.param(*p, id=p[0])
        for p in PROBES
    ]


@pytest.fixture(scope="module")
def records(extractor: Extractor) -> dict[str, list[dict[str, Any]]]:
    docs = [Document(pid, text, published="2024-05-14") for pid, text, *_ in PROBES]
    return {r.doc: [e.to_dict() for e in r.events] for r in extractor.extract(docs)}


def _event(events: list[dict[str, Any]], etype: str, countries: list[str]) -> dict[str, Any] | None:
    same = [e for e in events if sorted(e.get("countries") or []) == countries]
    return next((e for e in same if e["type"] == etype), same[0] if same else None)


def problems(events: list[dict[str, Any]], etype: str, countries: list[str],
             expected: list[P]) -> list[str]:
    """What is wrong with the participants of the expected event (empty: the probe passes)."""
    event = _event(events, etype, countries)
    if event is None:
        return [f"no event of {countries}"]
    got = {fold(p["name"]): p for p in event["participants"]}
    out: list[str] = []
    for name, title, country in expected:
        p = got.pop(fold(name), None)
        if p is None:
            out.append(f"missing {name}")
            continue
        if p.get("country") != country:
            out.append(f"{name}: country {p.get('country')} != {country}")
        if title is not None and fold(title) not in fold(p.get("title") or ""):
            out.append(f"{name}: title {p.get('title')!r} lacks {title!r}")
    out += [f"extra {p['name']} ({p.get('country')})" for p in got.values()]
    return out


def test_probe_table_is_well_formed() -> None:
    assert len(PROBES) >= 70
    assert len(IDS) == len(set(IDS))
    for _, text, etype, countries, people in PROBES:
        assert text.strip() and etype
        assert countries == sorted(set(countries)) and len(countries) == 2
        assert all(c is None or len(c) == 3 for _, _, c in people)


@pytest.mark.parametrize("pid, text, etype, countries, expected", _params())
def test_participants(records: dict[str, list[dict[str, Any]]], pid: str, text: str,
                      etype: str, countries: list[str], expected: list[P]) -> None:
    assert not problems(records[pid], etype, countries, expected), text


# The people of one event among several of the same countries, picked by its date: a meeting
# with no named person for one side borrows that side's person only from a meeting of the
# same time and status (issue 6).
DATED: list[tuple[str, str, str, list[str], str, list[str]]] = [
    ("previous_round",
     "Chilean Deputy Foreign Minister Gloria de la Fuente held consultations with Argentine "
     "Deputy Foreign Minister Eduardo Bustamante in Santiago on 3 May 2024. The previous round "
     "of consultations took place in Buenos Aires in March 2022.",
     "CONSULT", ["ARG", "CHL"], "2022-03", []),
    ("visit_years_ago",
     "A delegation of the Mongolian parliament headed by Speaker Dashzegviin Amarbayasgalan "
     "arrived in Japan on Sunday for an official visit. On Monday, Amarbayasgalan is to meet "
     "Japanese Prime Minister Shigeru Ishiba. A Mongolian speaker last came to Japan in 2015, "
     "when then-Speaker Zandaakhuugiin Enkhbold visited Tokyo on May 4, 2015.",
     "CONSULT", ["JPN", "MNG"], "2015-05-04", ["Zandaakhuugiin Enkhbold"]),
]


@pytest.fixture(scope="module")
def dated_records(extractor: Extractor) -> dict[str, list[dict[str, Any]]]:
    docs = [Document(pid, text, published="2024-05-14") for pid, text, *_ in DATED]
    return {r.doc: [e.to_dict() for e in r.events] for r in extractor.extract(docs)}


@pytest.mark.parametrize("pid, text, etype, countries, date, names", DATED,
                         ids=[d[0] for d in DATED])
def test_people_of_dated_event(dated_records: dict[str, list[dict[str, Any]]], pid: str,
                               text: str, etype: str, countries: list[str], date: str,
                               names: list[str]) -> None:
    events = [e for e in dated_records[pid] if e["type"] == etype
              and sorted(e["countries"]) == countries and e.get("date") == date]
    assert events, (text, dated_records[pid])
    assert sorted(fold(p["name"]) for p in events[0]["participants"]) == sorted(
        fold(n) for n in names), text


@pytest.mark.parametrize("named, asked, expected", [
    (["Prabowo Subianto", "Xi Jinping"], "Prabowo", "prabowo subianto"),
    (["Prabowo Subianto", "Xi Jinping"], "Mr. Xi", "xi jinping"),
    (["Elmar Mammadyarov"], "Mamedyarov", "elmar mammadyarov"),
    # a first name shared by two people names neither
    (["Abdel Fattah el-Sisi", "Abdel Fattah al-Burhan"], "Abdel", "abdel"),
    (["Ana Rojas"], "Pedro", "pedro"),
    # a name used alone that is a word inside one longer name ("Lula")
    (["Luiz Inacio Lula da Silva", "Xi Jinping"], "Lula", "luiz inacio lula da silva"),
    (["Andres Manuel Lopez Obrador"], "Lopez Obrador", "andres manuel lopez obrador"),
    (["Maria Lopez", "Jose Lopez Vega"], "Lopez", "maria lopez"),
])
def test_registry_resolves_spellings(named: list[str], asked: str, expected: str) -> None:
    registry = PeopleRegistry()
    for n, name in enumerate(named):
        registry.add(Person(name, n * 100, n * 100 + len(name), n))
    asked = asked.removeprefix("Mr. ")
    assert registry.key(asked) == expected


def test_surnames_alone_find_known_people() -> None:
    """add_known_names looks up surnames only: a given name alone is no new mention."""
    registry = PeopleRegistry()
    registry.add(Person("Prabowo Subianto", 0, 16, 0))
    assert registry.knows_surname("Subianto")
    assert not registry.knows_surname("Prabowo")


# Knowing more people's countries makes more sentences name two countries: an act retold in
# passing ("He recalled that in 2023 ...") is background and lends its date to no neighbour.
@pytest.mark.parametrize("text, etype, date", [
    ("Lima, 2 June 2024\n\nPeruvian Foreign Minister Javier Gonzalez-Olaechea thanked Chile for "
     "its support. He reminded that in 2023 Chile had sent firefighters to Peru.\n\nThe minister "
     "and the Chilean ambassador, Rosa Diaz, signed an agreement on border crossings during "
     "their meeting today.", "SUPPORT", "2024-06-02"),
    ("Astana, 5 May 2024\n\nKazakh Foreign Minister Murat Nurtleu thanked Japan for its "
     "support. He recalled that in March 2021 Japan had donated 20 ambulances to Kazakh "
     "hospitals.\n\nDuring the meeting, Minister Nurtleu and Ambassador Ichiro Sato of Japan "
     "signed a memorandum on scholarships.\n\nKazakh Foreign Minister Murat Nurtleu received "
     "the Ambassador of Japan, Ichiro Sato, in Astana today.", "SUPPORT", "2024-05-05"),
])
def test_retold_acts_lend_no_date(extractor: Extractor, text: str, etype: str, date: str) -> None:
    events = extractor.extract_one(Document("retold", text)).events
    assert [e.date for e in events if e.type == etype] == [date]
