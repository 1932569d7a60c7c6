"""The demo portal as data: facts of the five seed pages, texts written in our own words.

The builder (`portal.demo.builder`) turns these structures into snippets, documents, images
and pages. Cross-references are `Ref` values (an organisation by name, a document by key ...)
that the builder resolves to database objects. Long texts are written as triple-quoted
blocks; `rich()` turns them into rich-text HTML and `pdf_text()` into PDF paragraphs.

Facts that the seeds do not state (the dates of periods 2 to 4, the steps of the tools'
validation, the publication times of the news items) are plausible demo values.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from portal.core.access import STAFF_COLLECTION_NAME

PRAGUE = ZoneInfo("Europe/Prague")


# --- references and text helpers ---------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """A pointer to an object the builder creates or finds: kind + natural key."""

    kind: str
    key: str


def org(name):
    return Ref("organisation", name)


def place(name):
    return Ref("municipality", name)


def region(slug):
    return Ref("region", slug)


def person(name):
    return Ref("person", name)


def programme(name):
    return Ref("programme", name)


def category(slug):
    return Ref("category", slug)


def kind(slug):
    return Ref("kind", slug)


def group(name):
    return Ref("group", name)


def project(slug):
    return Ref("project", slug)


def doc(key):
    return Ref("document", key)


def img(key):
    return Ref("image", key)


def clean(text):
    """Collapse the whitespace of a triple-quoted block into one line."""
    return " ".join(text.split())


def _blocks(text):
    return [block for block in text.strip().split("\n\n") if block.strip()]


def rich(text):
    """Rich-text HTML: blocks separated by a blank line; a block of "- " lines is a list."""
    html = []
    for block in _blocks(text):
        stripped = block.strip()
        if stripped.startswith("- "):
            items = [clean(item) for item in re.split(r"\n\s*- ", stripped[2:])]
            html.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
        else:
            html.append(f"<p>{clean(stripped)}</p>")
    return "".join(html)


def pdf_text(text):
    """PDF paragraphs from blocks separated by a blank line ("## " starts a heading)."""
    return [clean(block) for block in _blocks(text)]


# Stream blocks in Wagtail's raw JSON form (the builder adds nothing but resolved ids).


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(text):
    return {"type": "paragraph", "value": rich(text)}


def quote(text, attribution, role=""):
    return {
        "type": "quote",
        "value": {"text": clean(text), "attribution": attribution, "role": role},
    }


def image(key, caption="", credit=""):
    return {"type": "image", "value": {"image": img(key), "caption": caption, "credit": credit}}


def _items(values):
    """ListBlock items in the plain form; Wagtail adds item ids when it saves them."""
    return list(values)


def documents(heading_text, *keys):
    return {
        "type": "documents",
        "value": {"heading": heading_text, "documents": _items(doc(key) for key in keys)},
    }


def facts(heading_text, *pairs):
    values = [{"value": value, "label": label} for value, label in pairs]
    return {"type": "facts", "value": {"heading": heading_text, "facts": _items(values)}}


def themes(heading_text, *items):
    values = [
        {"name": name, "workplace": workplace, "description": clean(description)}
        for name, workplace, description in items
    ]
    return {
        "type": "development_themes",
        "value": {"heading": heading_text, "themes": _items(values)},
    }


# --- shared vocabularies --------------------------------------------------------------------

GOV_LAB = "Gov Lab"
PARDUBICKY_KRAJ = "Pardubický kraj"
CESKA_TREBOVA = "Město Česká Třebová"
ZAMBERK = "Město Žamberk"
LANSKROUN = "Město Lanškroun"
UPCE = "Univerzita Pardubice"
ALTERNIS = "ALTERNIS z.s."
MM_JIHLAVA = "Magistrát města Jihlavy"
MEU_TELC = "Městský úřad Telč"
SOCIOFACTOR = "SocioFactor s.r.o."
MPSV = "Ministerstvo práce a sociálních věcí"
KRU_JMK = "Krajský úřad Jihomoravského kraje"
MEU_SLAPANICE = "Městský úřad Šlapanice"
VYSOCINA_ORG = "Organizace z Kraje Vysočina (realizátor)"
EU_ESF = "Evropská unie – Evropský sociální fond"

ORGANISATIONS = [
    {"name": GOV_LAB, "short_name": "", "kind": "other"},
    {"name": PARDUBICKY_KRAJ, "short_name": "", "kind": "regional_authority"},
    {"name": CESKA_TREBOVA, "short_name": "", "kind": "municipality"},
    {"name": ZAMBERK, "short_name": "", "kind": "municipality"},
    {"name": LANSKROUN, "short_name": "", "kind": "municipality"},
    {"name": UPCE, "short_name": "UPCE", "kind": "university"},
    {"name": ALTERNIS, "short_name": "ALTERNIS", "kind": "nonprofit"},
    {"name": MM_JIHLAVA, "short_name": "MM Jihlava", "kind": "municipality"},
    {"name": MEU_TELC, "short_name": "MěÚ Telč", "kind": "municipality"},
    {"name": SOCIOFACTOR, "short_name": "SocioFactor", "kind": "company"},
    {"name": MPSV, "short_name": "MPSV", "kind": "ministry"},
    {"name": KRU_JMK, "short_name": "KrÚ JMK", "kind": "regional_authority"},
    {"name": MEU_SLAPANICE, "short_name": "MěÚ Šlapanice", "kind": "municipality"},
    {"name": VYSOCINA_ORG, "short_name": "", "kind": "other"},
    {"name": EU_ESF, "short_name": "ESF", "kind": "funder"},
]

# (name, region slug); all of them are ORPs with their own OSPOD.
MUNICIPALITIES = [
    ("Česká Třebová", "pardubicky"),
    ("Žamberk", "pardubicky"),
    ("Lanškroun", "pardubicky"),
    ("Pardubice", "pardubicky"),
    ("Jihlava", "vysocina"),
    ("Telč", "vysocina"),
    ("Šlapanice", "jihomoravsky"),
    ("Bučovice", "jihomoravsky"),
    ("Slavkov u Brna", "jihomoravsky"),
    ("Vyškov", "jihomoravsky"),
    ("Brno", "jihomoravsky"),
]

OP_Z = "Operační program Zaměstnanost"
FUNDING_PROGRAMMES = [
    {
        "name": OP_Z,
        "short_name": "OP Z",
        "fund": "Evropský sociální fond (ESF)",
        "funding_sentence": clean(
            """Projekt je podpořen z Evropského sociálního fondu prostřednictvím Operačního
            programu Zaměstnanost."""
        ),
    },
]

TG_CHILDREN = "Ohrožené děti a jejich rodiny"
TG_DIVORCE = "Rodiče v rozvodovém procesu"
TG_FOSTER = "Pěstouni"
TG_STAFF = "Pracovníci OSPOD"
TG_RESIDENTIAL = "Děti v pobytové péči a jejich rodiny"
TG_CLIENTS = "Rodiče, klienti OSPOD"
TARGET_GROUPS = [TG_CHILDREN, TG_DIVORCE, TG_FOSTER, TG_STAFF, TG_RESIDENTIAL, TG_CLIENTS]

PERSONS = [
    {
        "name": "Gabriela Vybíralová",
        "role": clean(
            """lokální síťařka (Bučovicko, Slavkovsko, Šlapanicko, Vyškovsko), projekt Systémový
            rozvoj a podpora nástrojů sociálně-právní ochrany dětí"""
        ),
        "organisation": org(MPSV),
    },
    {
        "name": "Zuzana Vařejková",
        "role": clean(
            """lokální síťařka (Bučovicko, Slavkovsko, Šlapanicko, Vyškovsko), projekt Systémový
            rozvoj a podpora nástrojů sociálně-právní ochrany dětí"""
        ),
        "organisation": org(MPSV),
    },
    {
        "name": "Martina Cirbusová",
        "degrees_before": "Mgr. Ing.",
        "degrees_after": "Ph.D.",
        "role": clean(
            """krajská síťařka pro Jihomoravský kraj, projekt Systémový rozvoj a podpora
            nástrojů sociálně-právní ochrany dětí"""
        ),
        "organisation": org(MPSV),
    },
    {
        "name": "Šimon Kos",
        "role": "autor obrazu „OSPODY“ vytvořeného pomocí umělé inteligence",
        "organisation": None,
    },
]

NEWS_CATEGORIES = [("Výzkum", "vyzkum"), ("Akce", "akce"), ("Z projektů", "z-projektu")]

METHODOLOGY_KINDS = [
    (
        "Kolizní opatrovnictví a cochemská praxe",
        "kolizni-opatrovnictvi-a-cochemska-praxe",
        "Zastupování dítěte v soudním řízení a spolupráce podle cochemského modelu.",
    ),
    (
        "Asistovaný kontakt",
        "asistovany-kontakt",
        "Setkávání rodiče s dítětem v bezpečném prostředí za přítomnosti pracovníka.",
    ),
    (
        "Náhradní rodinná péče",
        "nahradni-rodinna-pece",
        "Podpora pěstounů a dětí v náhradní rodinné péči.",
    ),
    ("Standardy SPOD", "standardy-spod", "Standardy kvality výkonu sociálně-právní ochrany."),
    (
        "Provázení změnou",
        "provazeni-zmenou",
        "Jak uvnitř týmů OSPOD podporovat učení a zavádění nových postupů.",
    ),
]

TOPICS = [
    "kolizní opatrovnictví",
    "cochemská praxe",
    "asistovaný kontakt",
    "pěstounská péče",
    "náhradní rodinná péče",
    "síťování",
    "mezioborová spolupráce",
    "supervize",
    "vzdělávání",
    "edukační spot",
    "evaluace",
    "ohrožené děti",
    "pobytová péče",
    "průvodce změnou",
    "prototypy",
    "mediace",
    "kulaté stoly",
    "standardy SPOD",
    "bezpečí dítěte",
]

STAFF_COLLECTION = STAFF_COLLECTION_NAME


# --- images ---------------------------------------------------------------------------------

# key -> title, alt text (stored in `description`), how to draw it, credit.
IMAGES = {
    "home": {
        "title": "Ilustrace – Portál pro praxi OSPOD",
        "description": "Abstraktní ilustrace z modrých kruhů a světlých pruhů",
        "palette": "blue",
    },
    "projekty": {
        "title": "Ilustrace – projekty",
        "description": "Abstraktní ilustrace ze zelených kruhů",
        "palette": "green",
    },
    "aktuality": {
        "title": "Ilustrace – aktuality",
        "description": "Abstraktní ilustrace z oranžových kruhů",
        "palette": "orange",
    },
    "videa": {
        "title": "Ilustrace – edukační videa",
        "description": "Abstraktní ilustrace z tyrkysových kruhů",
        "palette": "teal",
    },
    "metodiky": {
        "title": "Ilustrace – metodiky",
        "description": "Abstraktní ilustrace z fialových kruhů",
        "palette": "purple",
    },
    "nastroje": {
        "title": "Ilustrace – nástroje a prototypy",
        "description": "Abstraktní ilustrace z červených kruhů",
        "palette": "red",
    },
    "o-portalu": {
        "title": "Ilustrace – o portálu",
        "description": "Abstraktní ilustrace z modrých a světle modrých kruhů",
        "palette": "blue",
    },
    "projekt-pardubice": {
        "title": "Ilustrace – Inovační hnízdo OSPOD v Pardubickém kraji",
        "description": "Abstraktní ilustrace: zelené kruhy jako hnízdo propojených pracovišť",
        "palette": "green",
    },
    "projekt-jihlava-telc": {
        "title": "Ilustrace – profesionalizace SPOD v Jihlavě a Telči",
        "description": "Abstraktní ilustrace z fialových kruhů a pruhů",
        "palette": "purple",
    },
    "projekt-sociofactor": {
        "title": "Ilustrace – systémové změny v péči o ohrožené děti",
        "description": "Abstraktní ilustrace z modrých kruhů jako síť služeb",
        "palette": "blue",
    },
    "projekt-jmk": {
        "title": "Ilustrace – SPOD na Krajském úřadě Jihomoravského kraje",
        "description": "Abstraktní ilustrace z oranžových kruhů",
        "palette": "orange",
    },
    "logo-spo-jmk": {
        "title": "Logo SPO JMK",
        "description": "Logo SPO JMK",
        "palette": "orange",
    },
    "projekt-vysocina": {
        "title": "Ilustrace – Inovace pro setrvání dětí v rodině",
        "description": "Abstraktní ilustrace z tyrkysových kruhů",
        "palette": "teal",
    },
    "aktualita-start-jihlava-telc": {
        "title": "Ilustrace – zahájení projektu v Jihlavě a Telči",
        "description": "Abstraktní ilustrace z fialových kruhů",
        "palette": "purple",
    },
    "aktualita-model-site-sluzeb": {
        "title": "Ilustrace – model sítě služeb",
        "description": "Abstraktní ilustrace z modrých kruhů propojených pruhy",
        "palette": "blue",
    },
    "aktualita-ospod-sobe": {
        "title": "Ilustrace – setkání „OSPOD sobě“",
        "description": "Abstraktní ilustrace z oranžových kruhů jako skupina lidí u stolu",
        "palette": "orange",
    },
    "metodika-cochem": {
        "title": "Ilustrace – kolizní opatrovnictví a cochemská praxe",
        "description": "Abstraktní ilustrace z fialových kruhů",
        "palette": "purple",
    },
    "metodika-standardy": {
        "title": "Ilustrace – standardy SPOD",
        "description": "Abstraktní ilustrace z červených kruhů",
        "palette": "red",
    },
    "metodika-asistovany-kontakt": {
        "title": "Ilustrace – asistovaný kontakt",
        "description": "Abstraktní ilustrace z tyrkysových kruhů",
        "palette": "teal",
    },
    "metodika-nrp": {
        "title": "Ilustrace – náhradní rodinná péče",
        "description": "Abstraktní ilustrace ze zelených kruhů",
        "palette": "green",
    },
    "metodika-provazeni": {
        "title": "Ilustrace – provázení změnou",
        "description": "Abstraktní ilustrace z modrých kruhů",
        "palette": "blue",
    },
    "nastroj-pruvodce": {
        "title": "Ilustrace – průvodce změnou",
        "description": "Abstraktní ilustrace ze zelených kruhů",
        "palette": "green",
    },
    "nastroj-porada": {
        "title": "Ilustrace – porada s intervizí",
        "description": "Abstraktní ilustrace z oranžových kruhů",
        "palette": "orange",
    },
    "nastroj-plan-bezpeci": {
        "title": "Ilustrace – plán bezpečí dítěte",
        "description": "Abstraktní ilustrace z červených kruhů",
        "palette": "red",
    },
    "poster-spot-telc": {
        "title": "Náhled videa SPOT TELČ",
        "description": "Náhled edukačního spotu: nápis SPOT TELČ na tyrkysovém pozadí",
        "palette": "teal",
        "label": "SPOT TELČ",
    },
    "poster-spot-jihlava": {
        "title": "Náhled videa SPOT JIHLAVA",
        "description": "Náhled edukačního spotu: nápis SPOT JIHLAVA na fialovém pozadí",
        "palette": "purple",
        "label": "SPOT JIHLAVA",
    },
    "obraz-ospody": {
        "title": "Obraz OSPODY",
        "description": clean(
            """Náhled obrazu OSPODY: mozaika černých a bílých čtverců ve tvaru QR kódu
            (ilustrace v demo obsahu, kód nelze načíst)"""
        ),
        "style": "mosaic",
        "credit": "Šimon Kos",
    },
}


# --- documents ------------------------------------------------------------------------------

DEMO_NOTE = clean(
    """Ukázkový dokument demo obsahu portálu: shrnuje veřejně známé údaje vlastními slovy,
    nejde o originál výstupu projektu."""
)

EVALUATION_REPORT_TEXT = """
## Proč evaluace vznikla

Tato evaluační zpráva uzavírá čtyřleté inovační hnízdo, v němž tým průvodců z Gov Labu
spolupracoval s Pardubickým krajem a se čtyřmi z šestnácti pracovišť OSPOD v kraji, včetně
krajského. Evaluace měla ověřit, zda se díky projektu změnila každodenní práce s dětmi a
rodinami a zda zapojená pracoviště získala čas na odbornou práci.

## Jak jsme postupovali

Zdrojem dat byla analýza úkonů ve spisech, sledování času, který pracovnice věnují
jednotlivým činnostem, a zpětná vazba účastnic seminářů a dalších vzdělávacích akcí.
Porovnávali jsme stav na začátku a na konci projektu na každém zapojeném OSPOD i za všechna
pracoviště dohromady.

## Hlavní zjištění

Neodborná úřední práce se spisem klesla u jedné pracovnice ze 111 na 96 minut denně. Za
šestičlenný OSPOD to znamená pokles z 55 na 48 hodin týdně, takže každé pracoviště získalo
nejméně 7 hodin týdně pro práci s dítětem a rodinou.

Práce v terénu přímo v rodinách vzrostla v souhrnu o 11 % a přibyla na všech zapojených
pracovištích. Nejvýraznější posun zaznamenala Česká Třebová, kde se poměr práce v rodině
vůči práci v kanceláři zvýšil téměř čtyřnásobně.

Dítě je při jednání s rodinou přítomno a zapojeno častěji, v souhrnu o 22 %. Přibylo také
rozhovorů, které pracovnice vedou s dítětem o samotě. Spolupráce OSPOD s dalšími
institucemi se podle analýzy spisů zdvojnásobila.

Na pracovištích se ujaly pravidelné porady, jejichž součástí je intervize náročnějších
případů. Počet případových konferencí se od začátku projektu ztrojnásobil a
případové konference se staly běžnou součástí práce s rodinami. Zlepšení vlastní
profesionality a sebevědomí po absolvovaném vzdělávání uvedlo 62 % dotázaných.

## Role průvodce změnou

Průvodce změnou pravidelně navštěvoval všechna zapojená pracoviště a pomáhal týmům učit se
z vlastní praxe. Podrobněji roli popisuje samostatný dokument Provázení změnou v kontextu
sociálně-právní ochrany dětí.

## Závěr

Přístup zaměřený na řešení se na zapojených pracovištích rozšířil, rodiny se víc podílejí
na řešení své situace a reagují na něj příznivě. Evaluační zpráva konstatuje, že projekt
svůj základní smysl a cíle splnil.
"""

CHANGE_GUIDE_TEXT = """
## Kdo je průvodce změnou

Průvodce změnou je facilitátor učení uvnitř týmu OSPOD. Nepřichází s hotovými odpověďmi,
ale pomáhá týmu pojmenovat, co chce ve své práci zlepšit, vyzkoušet malou změnu a
vyhodnotit, zda pomáhá dětem a rodinám.

## Jak provázení probíhá

Na začátku se průvodce s týmem vzájemně poznává: sleduje běžný provoz, mluví s vedoucí i
s pracovnicemi a hledá, co tým trápí a na co je hrdý. Společně pak vyberou jedno rozvojové
téma, například rozvody, plánování bezpečí dítěte nebo roli kraje při metodickém vedení.

K tématu tým navrhne malý prototyp nástroje, postupu nebo týmového rituálu a vyzkouší ho
v praxi. Co se osvědčí, průvodce pomůže nabídnout dalším pracovištím. Když nástroj obstojí
i jinde, může být validován a doporučen pro širší praxi.

## Týmové rituály, které se osvědčily

Pravidelná porada s intervizí dává prostor probrat jeden složitější případ s kolegyněmi a
domluvit další postup. Případové konference s rodinou a dalšími službami pomáhají sladit
kroky všech, kdo rodině pomáhají.

## Co průvodce potřebuje

Důvěru vedení, pravidelný čas v kalendáři týmu a ochotu zkoušet věci v malém. Učení o
kvalitě služeb má fungovat i poté, co průvodce odejde; proto od začátku posiluje vlastní
schopnost týmu reflektovat svou práci.
"""

COCHEM_TEXT = """
## Účel metodiky

Metodika popisuje, jak pracovníci OSPOD v ORP Jihlava a Telč vykonávají kolizní
opatrovnictví v duchu cochemské praxe. Vznikla v projektu Podpora rozvoje a
profesionalizace sociálně-právní ochrany dětí spolku ALTERNIS z.s.

## Kolizní opatrovník

Kolizní opatrovník zastupuje dítě v soudním řízení tehdy, když se zájmy rodičů mohou
střetnout se zájmy dítěte, typicky při úpravě péče po rozchodu rodičů. Výkon kolizního
opatrovnictví vyžaduje znát názor dítěte, posoudit jeho potřeby a srozumitelně je
tlumočit soudu.

## Cochemská praxe

Cochemská praxe je model spolupráce soudu, OSPOD, mediátorů, poraden a advokátů. Soud
nařizuje jednání rychle, rodiče jsou vedeni k dohodě a odborníci postupují podle společně
domluvených pravidel. Cílem je, aby spor netrval zbytečně dlouho a dítě neztratilo vztah s
žádným z rodičů.

## Postup v praxi

Po zahájení řízení kontaktuje kolizní opatrovník oba rodiče i dítě a nabídne jim
konzultaci. Je-li to vhodné, doporučí mediaci nebo rodinné poradenství. Na jednání soudu
předává zjištění o potřebách dítěte a o tom, jak se rodičům daří dohodu naplňovat.
Spolupráci vyhodnocuje na mezioborových setkáních a při supervizi.
"""

ASSISTED_CONTACT_TEXT = """
## O co jde

Asistovaný kontakt umožňuje rodiči setkat se s dítětem v bezpečném prostředí, v čase,
který odpovídá potřebám dítěte, a za přítomnosti sociálního pracovníka nebo pracovnice.
Služba zatím nemá oporu v českém právním řádu, přesto může předejít ohrožení dítěte a
pomoci rodiči udržet jeho rodičovskou roli.

## Průběh asistovaných kontaktů

Před prvním setkáním pracovník s každým z rodičů probere pravidla a očekávání. Během
kontaktu dbá na bezpečí dítěte a podporuje rodiče v citlivé komunikaci. Po setkání
následuje krátká reflexe s rodičem a záznam pro další plánování.

## Pilotní ověření

Metodiku pilotně ověřuje šest klientů – rodičů, kteří procházejí rozvodem. Kontakty
zajišťuje služba Sociální asistence a poradenství a spolupracuje na nich Středisko výchovné
péče.
"""

FOSTER_CARE_TEXT = """
## Proč inovace

Dosavadní metodika, podle níž služba Náhradní rodinná péče (NRP) naplňuje potřeby
pěstounů, už neodpovídala současné praxi. Pěstounská péče klade na rodiny vysoké nároky a
pěstouni potřebují podporu dostupnou ve chvíli, kdy ji řeší.

## Co inovovaná metodika přináší

Metodika pojmenovává potřeby pěstounů a dětí v NRP, popisuje, jak je s rodinou
pravidelně vyhodnocovat, a propojuje službu s dalšími službami v regionu, které pro
pěstouny a děti v náhradní rodinné péči mapuje.

## Ověření v praxi

Inovovaná metodika se ověřuje na 20 klientech z řad pěstounů.
"""

STAFF_CHECKLIST_TEXT = """
## K čemu seznam slouží

Interní pomůcka pro sociální pracovníky OSPOD v ORP Jihlava a Telč. Pomáhá ověřit, zda
postup v případu odpovídá aktualizovaným standardům výkonu SPOD. Není určena pro
zveřejnění.

## Kontrolní otázky

Je ve spisu zaznamenáno vyhodnocení situace dítěte a rodiny a je aktuální?

Má dítě individuální plán ochrany a byl s rodinou projednán?

Byla zvážena případová konference a přizvány návazné služby?

Je u kolizního opatrovnictví zaznamenán názor dítěte přiměřeně jeho věku?

Proběhla u náročného případu intervize nebo supervize a jsou z ní zapsané závěry?
"""

SPOT_CUES = {
    "Telč": [
        (0, 8, "Dobrý den, jsme sociální pracovníci OSPOD Městského úřadu Telč."),
        (8, 20, "Pomáháme rodinám, kterým se nedaří. Přijít můžete sami, kdykoliv potřebujete."),
        (20, 34, "Nasloucháme rodičům i dětem a hledáme řešení společně s vámi."),
        (34, 48, "Když je potřeba, propojíme vás s poradnou nebo jinou službou v regionu."),
        (48, 60, "Na prvním místě je pro nás vždy zájem vašeho dítěte. Zastavte se u nás."),
    ],
    "Jihlava": [
        (0, 8, "Dobrý den, jsme sociální pracovníci OSPOD Magistrátu města Jihlavy."),
        (8, 20, "Rozvod nebo rozchod je těžký pro rodiče, a ještě víc pro děti."),
        (20, 34, "Pomůžeme vám domluvit se na péči o děti tak, aby o nikoho nepřišly."),
        (34, 48, "Nabídneme mediaci, poradenství i podporu dalších služeb v Jihlavě."),
        (48, 60, "Nebojte se nám zavolat nebo přijít. Jsme tu pro vás i pro vaše děti."),
    ],
}

DOCUMENTS = {
    "evaluacni-zprava": {
        "title": "Závěrečná evaluační zpráva projektu",
        "filename": "zaverecna-evaluacni-zprava-projektu.pdf",
        "description": clean(
            """Shrnutí evaluace inovačního hnízda OSPOD v Pardubickém kraji: čas na práci s
            rodinou, práce v terénu, zapojení dítěte, intervize a případové konference."""
        ),
        "subtitle": "Inovační hnízdo OSPOD v Pardubickém kraji – Gov Lab a Pardubický kraj",
        "text": EVALUATION_REPORT_TEXT,
    },
    "provazeni-zmenou": {
        "title": "Provázení změnou v kontextu sociálně-právní ochrany dětí",
        "filename": "provazeni-zmenou-v-kontextu-spod.pdf",
        "description": clean(
            """Jak pracuje průvodce změnou v týmu OSPOD: vzájemné poznání, rozvojové téma,
            prototyp, testování a šíření na další pracoviště."""
        ),
        "subtitle": "Výstup inovačního hnízda OSPOD v Pardubickém kraji",
        "text": CHANGE_GUIDE_TEXT,
    },
    "metodika-cochem": {
        "title": "Metodika kolizního opatrovnictví podle cochemské praxe",
        "filename": "metodika-kolizniho-opatrovnictvi-cochemska-praxe.pdf",
        "description": "Postup kolizního opatrovníka v ORP Jihlava a Telč podle cochemské praxe.",
        "subtitle": "ORP Jihlava a ORP Telč – ALTERNIS z.s.",
        "text": COCHEM_TEXT,
        "published_on": date(2022, 4, 29),
    },
    "metodika-asistovany-kontakt": {
        "title": "Asistovaný kontakt rodičů s dětmi – shrnutí metodiky",
        "filename": "asistovany-kontakt-rodicu-s-detmi.pdf",
        "description": "Shrnutí metodiky asistovaných kontaktů rodičů s dětmi.",
        "subtitle": "Projekt Inovace pro setrvání dětí v rodině (Kraj Vysočina)",
        "text": ASSISTED_CONTACT_TEXT,
    },
    "metodika-nrp": {
        "title": "Naplňování potřeb pěstounů v NRP – shrnutí metodiky",
        "filename": "naplnovani-potreb-pestounu-v-nrp.pdf",
        "description": "Shrnutí inovované metodiky služby Náhradní rodinná péče.",
        "subtitle": "Projekt Inovace pro setrvání dětí v rodině (Kraj Vysočina)",
        "text": FOSTER_CARE_TEXT,
    },
    "interni-kontrolni-seznam": {
        "title": "Interní kontrolní seznam ke standardům SPOD (ORP Jihlava a Telč)",
        "filename": "interni-kontrolni-seznam-standardy-spod.pdf",
        "description": "Interní pomůcka pro pracovníky OSPOD; není určena pro zveřejnění.",
        "subtitle": "Pouze pro pracovníky OSPOD",
        "text": STAFF_CHECKLIST_TEXT,
        "collection": STAFF_COLLECTION,
    },
    "titulky-spot-telc": {
        "title": "Titulky – SPOT TELČ",
        "filename": "spot-telc.cs.vtt",
        "description": "České titulky (WebVTT) k edukačnímu spotu SPOT TELČ.",
        "cues": SPOT_CUES["Telč"],
    },
    "video-spot-telc": {
        "title": "Video – SPOT TELČ",
        "filename": "spot-telc.webm",
        "description": "Ukázkový videosoubor (WebM) k edukačnímu spotu SPOT TELČ.",
        "video": {"title": "SPOT TELČ", "seconds": 60, "colour": (11, 61, 107)},
    },
    "video-spot-jihlava": {
        "title": "Video – SPOT JIHLAVA",
        "filename": "spot-jihlava.webm",
        "description": "Ukázkový videosoubor (WebM) k edukačnímu spotu SPOT JIHLAVA.",
        "video": {"title": "SPOT JIHLAVA", "seconds": 60, "colour": (20, 83, 45)},
    },
    "titulky-spot-jihlava": {
        "title": "Titulky – SPOT JIHLAVA",
        "filename": "spot-jihlava.cs.vtt",
        "description": "České titulky (WebVTT) k edukačnímu spotu SPOT JIHLAVA.",
        "cues": SPOT_CUES["Jihlava"],
    },
}


def regional_model_key(region_slug):
    return f"krajsky-model-{region_slug}"


def regional_model_document(region_name, region_slug):
    """One of the fourteen regional documents of the SocioFactor analysis."""
    return {
        "title": f"Krajský model sítě služeb – {region_name}",
        "filename": f"krajsky-model-site-sluzeb-{region_slug}.pdf",
        "description": clean(
            f"""Návrh priorit, cílů a služeb sítě služeb pro rodiny s dětmi v pobytové péči
            nebo ohrožené odebráním dítěte; kraj: {region_name}."""
        ),
        "subtitle": clean(
            """Podpora systémových změn v oblasti služeb péče o ohrožené děti, mladé lidi a
            rodiny v České republice (MPSV) – zpracoval SocioFactor s.r.o."""
        ),
        "region": region_slug,
        "text": f"""
## Kraj: {region_name}

Dokument shrnuje, jaké potřeby mají děti, které žijí v pobytové péči, a jejich rodiny v
kraji {region_name}, a to před umístěním dítěte i během něj.

## Pobytová péče a síť služeb

Pobytová péče má být až krajním řešením. Dobře nastavená síť služeb v kraji pomáhá
rodinám dřív, než je nutné umístit dítě mimo rodinu, a podporuje je i během pobytu dítěte.

## Z čeho model vychází

Podkladem byly zjištěné potřeby dětí, platné strategické dokumenty kraje a obcí s
rozšířenou působností, krajské zprávy ze síťování, dotazníky od vedoucích OSPOD a data o
kapacitě a dostupnosti služeb.

## Návrh sítě služeb

Model navrhuje priority, cíle a služby, o které se může kraj opřít při plánování a
podpoře sítě služeb v dalším období. Smyslem je, aby co nejvíc dětí mohlo zůstat v péči
rodičů, pokud to odpovídá jejich zájmu, a aby ubývalo dětí v ústavní a pobytové péči.
""",
    }


# --- the portal's own pages and settings ----------------------------------------------------

HOME = {
    "summary": clean(
        """Metodiky, nástroje, výsledky projektů a edukační videa pro sociálně-právní ochranu
        dětí na jednom místě."""
    ),
    "intro": rich(
        """Portál je určen pracovníkům orgánů sociálně-právní ochrany dětí (OSPOD) i
        veřejnosti. Sdružuje výstupy projektů z celé republiky: metodiky, ověřené nástroje a
        prototypy, zprávy z realizace projektů, aktuality a krátká edukační videa pro rodiče.

        Obsah můžete procházet podle témat, krajů a projektů, nebo ho rovnou vyhledat.
        Portál nepoužívá sledovací cookies."""
    ),
    "listing_image": img("home"),
}

INDEX_PAGES = {
    "projekty": {
        "title": "Projekty",
        "summary": "Projekty, které rozvíjejí práci OSPOD: cíle, výsledky, partneři a výstupy.",
        "intro": rich(
            """Přehled projektů, z nichž pocházejí metodiky, nástroje a videa na portálu. U
            každého projektu najdete jeho cíle, dosažené výsledky, partnery, financování a
            dokumenty ke stažení."""
        ),
        "listing_image": img("projekty"),
    },
    "aktuality": {
        "title": "Aktuality",
        "summary": "Novinky z projektů, výzkumu a setkání pracovníků OSPOD.",
        "listing_image": img("aktuality"),
    },
    "videa": {
        "title": "Edukační videa",
        "summary": clean(
            """Krátké edukační spoty pro rodiče a klienty OSPOD, vždy s titulky a přepisem,
            bez sledování."""
        ),
        "intro": rich(
            """Edukační spoty vysvětlují rodičům a klientům OSPOD, s čím jim úřad může pomoci.
            Každé video má české titulky a textový přepis."""
        ),
        "listing_image": img("videa"),
    },
    "metodiky": {
        "title": "Metodiky",
        "summary": clean(
            """Metodiky pro praxi OSPOD: kolizní opatrovnictví, asistovaný kontakt, náhradní
            rodinná péče, standardy SPOD a provázení změnou."""
        ),
        "intro": rich(
            """Metodiky vznikly v projektech a byly ověřeny v praxi. U každé najdete, pro koho
            je určena, kdy byla naposledy revidována a soubory ke stažení. Některé materiály
            jsou určeny jen pracovníkům OSPOD."""
        ),
        "listing_image": img("metodiky"),
    },
    "nastroje": {
        "title": "Nástroje a prototypy",
        "summary": clean(
            """Nástroje, postupy a týmové rituály z praxe OSPOD a to, jak daleko je jejich
            ověření."""
        ),
        "intro": rich(
            """Každý nástroj prochází stupni ověření: nápad, prototyp vyzkoušený na jednom
            pracovišti, otestování na dalších OSPOD a nakonec validace a doporučení pro
            širší praxi. U nástroje vidíte, kde vznikl, kde se testoval a co k němu
            potřebujete."""
        ),
        "listing_image": img("nastroje"),
    },
}

ABOUT_PAGE = {
    "slug": "o-portalu",
    "title": "O portálu",
    "summary": "K čemu portál slouží, pro koho je a jak je uspořádaný jeho obsah.",
    "listing_image": img("o-portalu"),
    "topics": ["síťování", "mezioborová spolupráce"],
    "body": [
        heading("Proč portál vznikl"),
        paragraph(
            """Výstupy projektů sociálně-právní ochrany dětí bývají roztroušené po webech
            jednotlivých realizátorů a po skončení projektu často zmizí. Portál je shromažďuje
            na jednom místě a v jednotné struktuře, aby je pracovníci OSPOD rychle našli a
            mohli je použít ve své práci."""
        ),
        heading("Co tu najdete"),
        paragraph(
            """- Projekty s cíli, výsledky, partnery a financováním.
            - Zprávy za jednotlivá období realizace projektů.
            - Metodiky a nástroje s informací, jak daleko je jejich ověření.
            - Edukační videa pro rodiče a klienty OSPOD s titulky a přepisem.
            - Aktuality z výzkumu a ze setkání odborníků."""
        ),
        heading("Soukromí"),
        paragraph(
            """Portál nepoužívá analytické ani reklamní cookies a nevkládá obsah, který by
            návštěvníky sledoval. Proto nepotřebuje lištu se souhlasem s cookies."""
        ),
        heading("Kontakt"),
        paragraph(
            """Připomínky a náměty posílejte na adresu
            <a href="mailto:info@example.cz">info@example.cz</a>."""
        ),
    ],
}

ACCESSIBILITY_PAGE = {
    "slug": "prohlaseni-o-pristupnosti",
    "title": "Prohlášení o přístupnosti",
    "summary": "Jak je portál přístupný podle zákona č. 99/2019 Sb. a kam hlásit nedostatky.",
    "topics": [],
    "body": [
        paragraph(
            """Provozovatel portálu usiluje o to, aby byl portál přístupný v souladu se zákonem
            č. 99/2019 Sb., o přístupnosti internetových stránek a mobilních aplikací. Toto
            prohlášení se vztahuje na celý portál včetně dokumentů a videí, které jsou na něm
            zveřejněny."""
        ),
        heading("Stav souladu"),
        paragraph(
            """Portál je s uvedeným zákonem částečně v souladu. Hodnotili jsme ho podle
            harmonizované normy EN 301 549, která odkazuje na úroveň AA pravidel WCAG 2.1.
            Výjimky jsou uvedeny níže."""
        ),
        heading("Nepřístupný obsah"),
        paragraph(
            """- Část dokumentů ve formátu PDF nemá vyznačenou strukturu (tagy), takže je
            čtečky obrazovky nemusí číst ve správném pořadí. Na vyžádání je poskytneme v
            přístupné podobě.
            - Edukační videa mají titulky a textový přepis, ale nemají zvukový popis
            obrazu.
            - Ilustrační obrázky jsou doplněny textovým popisem; jde o dekorativní grafiku
            bez dalšího obsahu."""
        ),
        heading("Vypracování prohlášení"),
        paragraph(
            """Prohlášení bylo vypracováno 23. 11. 2026 na základě vlastního posouzení
            provozovatelem. Prohlášení pravidelně přezkoumáváme, nejméně jednou ročně."""
        ),
        heading("Zpětná vazba a kontakty"),
        paragraph(
            """Pokud narazíte na obsah, který pro vás není přístupný, napište nám na
            <a href="mailto:info@example.cz">info@example.cz</a>. Odpovíme bez zbytečného
            odkladu, nejpozději do 30 dnů, a obsah vám poskytneme v přístupné podobě."""
        ),
        heading("Postup pro vymáhání"),
        paragraph(
            """Nejste-li s vyřízením svého podnětu spokojeni, můžete se obrátit na
            Ministerstvo vnitra, které podle zákona č. 99/2019 Sb. kontroluje, zda subjekty
            povinnosti vyplývající ze zákona dodržují."""
        ),
    ],
}

PORTAL_SETTINGS = {
    "contact_email": "info@example.cz",
    "footer_text": clean(
        """Portál pro praxi OSPOD sdružuje metodiky, nástroje a výstupy projektů
        sociálně-právní ochrany dětí. Nepoužíváme sledovací cookies."""
    ),
    "funding_sentence": clean(
        """Ukázková verze portálu. Projekty, jejichž výstupy zde zveřejňujeme, byly podpořeny
        převážně z Evropského sociálního fondu v rámci Operačního programu Zaměstnanost."""
    ),
}


# --- seed 000: Gov Lab + Pardubický kraj, the innovation nest --------------------------------

EVALUATION_SOURCE = "Závěrečná evaluační zpráva projektu"

PARDUBICE_PROJECT = {
    "slug": "inovacni-hnizdo-ospod-pardubicky-kraj",
    "title": "Inovační hnízdo OSPOD v Pardubickém kraji",
    "summary": clean(
        """Gov Lab a Pardubický kraj po čtyři roky rozvíjeli kvalitu služeb se čtyřmi z
        šestnácti OSPOD v kraji. Výsledek: víc času na rodiny, víc práce v terénu, dvakrát
        víc spolupráce s institucemi a třikrát víc případových konferencí."""
    ),
    "listing_image": img("projekt-pardubice"),
    "duration_note": "čtyři roky",
    "topics": [
        "průvodce změnou",
        "prototypy",
        "evaluace",
        "mezioborová spolupráce",
        "ohrožené děti",
        "vzdělávání",
        "bezpečí dítěte",
    ],
    "implementing_organisation": org(GOV_LAB),
    "regions": [region("pardubicky")],
    "municipalities": [
        place("Pardubice"),
        place("Česká Třebová"),
        place("Žamberk"),
        place("Lanškroun"),
    ],
    "funding_sentence": clean(
        """Projekt mohl vzniknout díky podpoře Ministerstva práce a sociálních věcí a Evropské
        unie z Evropského sociálního fondu."""
    ),
    "problem": rich(
        """Pracovnice OSPOD trávily velkou část dne neodbornou úřední prací se spisem a na
        přímou práci s dětmi a rodinami jim zbývalo méně času, než by potřebovaly. Rodiny
        přitom nejlépe pomáhá podpora šitá na míru, v níž jsou partnerem při hledání
        řešení."""
    ),
    "goals": rich(
        """- Posunout služby OSPOD k cílené a individualizované podpoře, v níž je rodina
        rovnocenným partnerem při řešení své situace.
        - Vybudovat na pracovištích i mezi nimi systém učení o kvalitě služeb, který vydrží
        i po skončení projektu.
        - Ze čtyř zapojených pracovišť vytvořit inovační hnízdo a změny pak prostřednictvím
        krajského týmu přenášet do dalších OSPOD v kraji."""
    ),
    "partners": [
        {"organisation": org(PARDUBICKY_KRAJ), "role": "partner projektu"},
        {"organisation": org(CESKA_TREBOVA), "role": "partner projektu"},
        {"organisation": org(ZAMBERK), "role": "partner projektu"},
        {"organisation": org(LANSKROUN), "role": "partner projektu"},
        {"organisation": org(UPCE), "role": "partner projektu"},
        {"organisation": org(MPSV), "kind": "funder"},
        {"organisation": org(EU_ESF), "kind": "funder", "role": "Evropský sociální fond"},
    ],
    "result_indicators": [
        {
            "label": "Neodborná úřední práce se spisem na jednu pracovnici",
            "value_before": 111,
            "value_after": 96,
            "unit": "min/den",
            "source": EVALUATION_SOURCE,
        },
        {
            "label": "Neodborná úřední práce se spisem za šestičlenný OSPOD",
            "value_before": 55,
            "value_after": 48,
            "unit": "h/týden",
            "source": EVALUATION_SOURCE,
        },
        {
            "label": "Čas, který každé pracoviště OSPOD nově získalo pro práci s dítětem a rodinou",
            "change_label": "+7 h/týden",
            "source": EVALUATION_SOURCE,
            "note": "Nejméně 7 hodin týdně na každé zapojené pracoviště.",
        },
        {
            "label": "Práce s rodinou v terénu (souhrn za zapojené OSPOD)",
            "change_label": "+11 %",
            "source": EVALUATION_SOURCE,
            "note": "Práce v terénu přibyla na všech zapojených pracovištích.",
        },
        {
            "label": "Práce v rodině oproti práci v kanceláři – Česká Třebová",
            "change_label": "téměř 4×",
            "source": EVALUATION_SOURCE,
            "note": "Největší změna mezi zapojenými pracovišti.",
        },
        {
            "label": "Přítomnost dítěte při komunikaci s rodinou a jeho zapojení",
            "change_label": "+22 %",
            "source": EVALUATION_SOURCE,
            "note": "Přibylo také rozhovorů pracovnic s dítětem o samotě.",
        },
        {
            "label": "Pracovnice, které vnímají zlepšení vlastní profesionality a sebevědomí",
            "change_label": "62 %",
            "source": EVALUATION_SOURCE,
            "note": "Díky absolvovaným seminářům a vzdělávacím akcím.",
        },
        {
            "label": "Interakce OSPOD s dalšími institucemi",
            "change_label": "2×",
            "source": EVALUATION_SOURCE,
            "note": "Podle analýzy úkonů ve spisech; nárůst na každém sledovaném OSPOD.",
        },
        {
            "label": "Počet případových konferencí",
            "change_label": "3× (ztrojnásobení)",
            "source": EVALUATION_SOURCE,
            "note": "Oproti začátku projektu.",
        },
    ],
    "documents": [
        {"document": doc("provazeni-zmenou"), "title": ""},
        {"document": doc("evaluacni-zprava"), "title": ""},
    ],
    "body": [
        heading("Myšlenka inovačního hnízda"),
        paragraph(
            """Pardubický kraj a tým průvodců z Gov Labu vybrali čtyři ze šestnácti pracovišť
            OSPOD v kraji, mezi nimi i krajské, a čtyři roky s nimi rozvíjeli kvalitu služeb.
            Zapojená pracoviště fungovala jako inovační hnízdo: co se u nich osvědčilo, měl
            krajský tým dál předávat ostatním OSPOD.

            Od začátku jsme se inspirovali nizozemským systémem ochrany dětí. Chtěli jsme,
            aby služby OSPOD v Pardubickém kraji nabízely rodinám podporu cílenou na jejich
            konkrétní situaci a aby s nimi jednaly jako s plnohodnotným partnerem."""
        ),
        heading("Principy, ke kterým jsme směřovali"),
        paragraph(
            """- zaměření na řešení víc než na problémy,
            - vzájemný respekt,
            - srozumitelnost pro rodiny i spolupracující služby,
            - systematická spolupráce všech služeb, které rodině pomáhají."""
        ),
        heading("Průvodci změnou a systém učení"),
        paragraph(
            """Cestou k cílům byl systém učení o kvalitě služeb uvnitř každého OSPOD i mezi
            nimi, který má fungovat i po projektu. Proto jsme pro prostředí sociálně-právní
            ochrany dětí vyvinuli roli průvodce změnou. Průvodci pravidelně jezdili na všechna
            zapojená pracoviště a působili tam jako facilitátoři učení.

            S každým týmem jsme se nejprve vzájemně poznali a pak společně vybrali rozvojové
            téma. K němu tým navrhoval malé prototypy nástrojů, postupů nebo týmových rituálů
            a zkoušel je v praxi. Otestované nástroje jsme nabídli dalším zapojeným OSPOD,
            které je validovaly pro široké použití v sociálně-právní ochraně dětí v Česku."""
        ),
        themes(
            "Rozvojová témata zapojených pracovišť",
            (
                "Rozvody",
                "",
                "Jak s rodinou pracovat při rozchodu rodičů, aby dítě neztratilo vztah s "
                "žádným z nich.",
            ),
            (
                "Vyhodnocení a plánování zajištění bezpečí dítěte",
                "",
                "Jak společně s rodinou posoudit rizika a domluvit konkrétní kroky, které "
                "dítěti zajistí bezpečí.",
            ),
            ("„Já, OSPOĎák“", "", "Profesní identita, sebevědomí a pohoda pracovnic OSPOD."),
            (
                "Metodická role kraje",
                "",
                "Jak může krajský úřad metodicky podporovat obecní OSPOD a šířit osvědčené "
                "postupy.",
            ),
        ),
        heading("Co ukázala evaluace"),
        paragraph(
            """Podle závěrečné evaluační zprávy se na zapojených pracovištích změnila práce s
            dítětem a rodinou. Rozšířil se přístup zaměřený na řešení, rodiny se víc podílejí
            na řešení své situace a reagují na to příznivě.

            Spolupráce v týmech se zlepšila díky novým pravidelným poradám, jejichž součástí
            je intervize složitějších případů, a díky případovým konferencím, kterých je
            třikrát víc než na začátku. Ubylo administrativy a přibylo přímé práce s klientem,
            i když neodborné úřední práce se spisem je stále dost. Evaluace uzavírá, že
            projekt svůj základní smysl a cíle naplnil. Čísla najdete v přehledu výsledků."""
        ),
        documents("Dokumenty ke stažení", "provazeni-zmenou", "evaluacni-zprava"),
        heading("Obraz „OSPODY“"),
        image(
            "obraz-ospody",
            "Obraz „OSPODY“ je funkční QR kód, který vede na stránku s informacemi o projektu.",
            "Šimon Kos",
        ),
        paragraph(
            """K projektu vznikl obraz „OSPODY“. Je to funkční QR kód odkazující na informace
            o projektu; vytvořil ho s pomocí umělé inteligence Šimon Kos. Web uvedený u
            obrazu: <a href="https://www.svetlodat.eu">www.svetlodat.eu</a>. (Náhled výše je
            jen ilustrace demo obsahu.)"""
        ),
        heading("Poděkování"),
        paragraph(
            """Partnerům projektu – Pardubickému kraji, městům Česká Třebová, Žamberk a
            Lanškroun a Univerzitě Pardubice – děkujeme za společnou zkušenost, která nás
            hluboce a natrvalo ovlivnila, profesně i lidsky. Dík patří i Ministerstvu práce a
            sociálních věcí a Evropskému sociálnímu fondu Evropské unie, bez jejichž podpory
            by projekt nevznikl."""
        ),
    ],
}

PARDUBICE_TOOLS = [
    {
        "slug": "pruvodce-zmenou-na-pracovisti-ospod",
        "title": "Průvodce změnou na pracovišti OSPOD",
        "summary": clean(
            """Role facilitátora učení, který pravidelně navštěvuje tým OSPOD a pomáhá mu
            zkoušet a vyhodnocovat malé změny v práci s rodinami."""
        ),
        "listing_image": img("nastroj-pruvodce"),
        "topics": ["průvodce změnou", "prototypy", "vzdělávání"],
        "tool_kind": "role",
        "target_groups": [group(TG_STAFF)],
        "stage_changes": [
            {
                "stage": "prototype",
                "date": date(2019, 10, 7),
                "municipality": place("Žamberk"),
                "note": "První pravidelné návštěvy průvodce v týmu.",
            },
            {
                "stage": "tested",
                "date": date(2020, 9, 14),
                "municipality": place("Česká Třebová"),
                "note": "Role vyzkoušena na dalších zapojených pracovištích.",
            },
            {
                "stage": "validated",
                "date": date(2021, 11, 22),
                "municipality": place("Pardubice"),
                "note": "Krajský tým roli doporučil pro šíření na další OSPOD v kraji.",
            },
        ],
        "how_to_use": [
            paragraph(
                """Průvodce přijíždí na pracoviště pravidelně, například jednou za dva týdny.
                Nejdřív se s týmem poznává, pak s ním vybere jedno rozvojové téma a pomáhá
                navrhnout, vyzkoušet a vyhodnotit malou změnu.

                - Domluvte s vedením pevný čas v kalendáři týmu.
                - Začněte otázkou, co se týmu daří a co ho trápí.
                - Zkoušejte změny v malém a po každém pokusu je společně vyhodnoťte."""
            ),
            documents("Ke stažení", "provazeni-zmenou"),
        ],
        "documents": [{"document": doc("provazeni-zmenou"), "title": ""}],
    },
    {
        "slug": "pravidelna-porada-s-intervizi",
        "title": "Pravidelná porada s intervizí",
        "summary": clean(
            """Týmový rituál: pravidelná porada, na níž kolegyně společně proberou jeden
            složitější případ a domluví další postup nebo případovou konferenci."""
        ),
        "listing_image": img("nastroj-porada"),
        "topics": ["prototypy", "supervize", "mezioborová spolupráce"],
        "tool_kind": "team_ritual",
        "target_groups": [group(TG_STAFF)],
        "stage_changes": [
            {
                "stage": "prototype",
                "date": date(2020, 2, 3),
                "municipality": place("Česká Třebová"),
                "note": "Porada s intervizí zavedena na jednom pracovišti.",
            },
            {
                "stage": "tested",
                "date": date(2020, 10, 5),
                "municipality": place("Lanškroun"),
                "note": "Rituál převzalo další zapojené pracoviště.",
            },
            {
                "stage": "validated",
                "date": date(2021, 9, 6),
                "municipality": place("Žamberk"),
                "note": "Ověřeno na všech zapojených OSPOD, doporučeno pro praxi.",
            },
        ],
        "how_to_use": [
            paragraph(
                """- Porada se koná pravidelně ve stejný den a čas.
                - Krátké provozní informace zaberou nejvýš čtvrthodinu.
                - Jedna pracovnice představí složitější případ, ostatní kladou otázky a
                nabízejí pohledy, ne hotové rady.
                - Na závěr tým domluví další krok, případně svolání případové
                konference."""
            ),
        ],
        "documents": [],
    },
    {
        "slug": "plan-bezpeci-ditete",
        "title": "Plán bezpečí dítěte",
        "summary": clean(
            """Nástroj z rozvojového tématu vyhodnocení a plánování zajištění bezpečí dítěte:
            jednoduchý plán, který OSPOD sestaví spolu s rodinou."""
        ),
        "listing_image": img("nastroj-plan-bezpeci"),
        "topics": ["bezpečí dítěte", "prototypy", "ohrožené děti"],
        "tool_kind": "tool",
        "target_groups": [group(TG_CHILDREN), group(TG_STAFF)],
        "stage_changes": [
            {
                "stage": "prototype",
                "date": date(2020, 5, 4),
                "municipality": place("Lanškroun"),
                "note": "První verze plánu vytvořená s rodinami jednoho pracoviště.",
            },
            {
                "stage": "tested",
                "date": date(2021, 3, 1),
                "municipality": place("Česká Třebová"),
                "note": "Plán otestován na dalším zapojeném pracovišti.",
            },
        ],
        "how_to_use": [
            paragraph(
                """Plán vzniká na společném setkání s rodinou. Popisuje, čeho se pracovnice a
                rodina obávají, co už funguje dobře a jaké konkrétní kroky dítěti zajistí
                bezpečí: kdo co udělá, do kdy a kdo z blízkých pomůže. Plán se pravidelně
                společně vyhodnocuje."""
            ),
        ],
        "documents": [],
    },
]

PARDUBICE_METHODOLOGY = {
    "slug": "provazeni-zmenou-v-kontextu-spod",
    "title": "Provázení změnou v kontextu SPOD",
    "summary": clean(
        """Jak průvodce změnou pomáhá týmům OSPOD učit se z vlastní praxe: od vzájemného
        poznání přes rozvojové téma a prototypy až po šíření ověřených nástrojů."""
    ),
    "listing_image": img("metodika-provazeni"),
    "topics": ["průvodce změnou", "prototypy", "vzdělávání"],
    "kind": kind("provazeni-zmenou"),
    "audience": "public",
    "target_groups": [group(TG_STAFF)],
    "body": [
        paragraph(
            """Metodika vychází ze zkušeností inovačního hnízda OSPOD v Pardubickém kraji.
            Popisuje roli průvodce změnou, fáze provázení a týmové rituály, které se na
            zapojených pracovištích osvědčily, například pravidelnou poradu s intervizí."""
        ),
        documents("Ke stažení", "provazeni-zmenou"),
    ],
    "documents": [{"document": doc("provazeni-zmenou"), "title": ""}],
}


# --- seed 001: ALTERNIS z.s., Jihlava and Telč ------------------------------------------------

JIHLAVA_TELC_SLUG = "podpora-rozvoje-a-profesionalizace-spod"
PREPARED_BY = "odborný tým projektu"

JIHLAVA_TELC_PROJECT = {
    "slug": JIHLAVA_TELC_SLUG,
    "title": "Podpora rozvoje a profesionalizace sociálně-právní ochrany dětí",
    "summary": clean(
        """Projekt spolku ALTERNIS z.s. pro OSPOD Magistrátu města Jihlavy a Městského úřadu
        Telč: aktualizace standardů SPOD, nové metody přímé práce, mezioborové kulaté stoly,
        supervize a akreditované vzdělávání."""
    ),
    "listing_image": img("projekt-jihlava-telc"),
    "topics": [
        "kolizní opatrovnictví",
        "cochemská praxe",
        "supervize",
        "vzdělávání",
        "mezioborová spolupráce",
        "kulaté stoly",
        "standardy SPOD",
        "edukační spot",
    ],
    "registration_number": "CZ.03.2.63/0.0/0.0/19_098/0015128",
    "implementing_organisation": org(ALTERNIS),
    "start_date": date(2020, 5, 1),
    "regions": [region("vysocina")],
    "municipalities": [place("Jihlava"), place("Telč")],
    "funding_programmes": [programme(OP_Z)],
    "funding_sentence": clean(
        """Na financování projektu se podílí Evropský sociální fond v rámci Operačního
        programu Zaměstnanost a státní rozpočet České republiky."""
    ),
    "partners": [
        {"organisation": org(MM_JIHLAVA), "role": "zapojené pracoviště OSPOD (ORP Jihlava)"},
        {"organisation": org(MEU_TELC), "role": "zapojené pracoviště OSPOD (ORP Telč)"},
    ],
    "problem": rich(
        """Sociální pracovníci OSPOD v Jihlavě a Telči potřebovali aktualizovat vybrané
        standardy výkonu SPOD, osvojit si nové metody přímé práce s rodinou a lépe propojit
        spolupráci s dalšími obory a resorty, zejména při výkonu kolizního opatrovnictví."""
    ),
    "goals": rich(
        """Smyslem projektu je profesionalizovat sociální práci na OSPOD Magistrátu města
        Jihlavy a MěÚ Telč a zvýšit tak kvalitu péče o dětské klienty. Klíčové aktivity:

        - aktualizace standardů SPOD,
        - zavádění inovativních metod sociální práce, které podporují mezioborovou a
        mezirezortní spolupráci i přímou práci se systémem klienta,
        - odborná supervize,
        - akreditované vzdělávání.

        Očekáváme, že posílené kompetence sociálních pracovníků se projeví hlavně tam, kde
        OSPOD jako kolizní opatrovník pracuje přímo s dětmi a jejich rodiči."""
    ),
    "body": [
        heading("Metodické výstupy"),
        paragraph(
            """Odborný tým projektu připravil metodické výstupy pro praxi: interní metodiky
            kolizního opatrovnictví podle cochemské praxe, aktualizované standardy SPOD pro
            ORP Jihlava a ORP Telč a dva edukační spoty pro rodiče a klienty OSPOD – SPOT
            TELČ a SPOT JIHLAVA."""
        ),
        heading("Zprávy z realizace"),
        paragraph(
            """Průběh projektu popisují zprávy za jednotlivá období, které zpracoval odborný
            tým projektu. Najdete je níže, nejnovější nahoře."""
        ),
    ],
}

PERIOD_REPORTS = [
    {
        "slug": "zprava-za-1-obdobi",
        "title": "Zpráva za 1. období realizace (1. 5. 2020 – 31. 10. 2020)",
        "summary": clean(
            """Patnáct zapojených zaměstnanců, mapování navazujících služeb v ORP Jihlava a
            první kulatý stůl o spolupráci se školami v době nouzového stavu."""
        ),
        "topics": ["kulaté stoly", "mezioborová spolupráce", "supervize", "síťování"],
        "period_number": 1,
        "period_start": date(2020, 5, 1),
        "period_end": date(2020, 10, 31),
        "figures": [
            {
                "label": "podpořených zaměstnanců veřejné správy (Magistrát města Jihlavy a "
                "MěÚ Telč)",
                "value": 15,
                "unit": "osob",
            },
            {"label": "kontaktované služby působící v ORP Jihlava", "value": 4, "unit": "služby"},
            {
                "label": "kulatý stůl o spolupráci se školami",
                "value": 1,
                "unit": "setkání",
                "date": date(2020, 10, 2),
            },
        ],
        "body": [
            paragraph(
                """V prvním období se do klíčových aktivit zapojilo 15 zaměstnanců veřejné
                správy z Magistrátu města Jihlavy a MěÚ Telč, kteří se věnují rodinné a
                sociální agendě. Projekt financovaný z Evropského sociálního fondu směřuje k
                profesionalizaci výkonu veřejné správy: k revizi standardizovaných postupů
                práce s dětskými klienty, k novým metodám přímé sociální práce, k
                akreditovanému vzdělávání a k práci pod odbornou supervizí. Pracovníky v
                tom podporuje supervizor, metodik, mezioborový pracovník a facilitátor."""
            ),
            heading("Mapování navazujících služeb"),
            paragraph(
                """Od 1. 5. do 31. 10. 2020 jsme průběžně mapovali služby, na které navazuje
                práce sociálních pracovníků ve funkci opatrovníka: hledali jsme poskytovatele
                a jednali o tom, zda a v jaké kapacitě mohou přijímat klienty obou úřadů.
                Podklady pro analýzu, která bude výstupem na konci projektu, pocházely
                především z Magistrátu Jihlava a MěÚ Telč. Sešli jsme se se čtyřmi službami
                působícími v ORP Jihlava, které by mohly pomáhat našim klientům, a probrali
                jejich časové možnosti a nabídku."""
            ),
            heading("První kulatý stůl"),
            paragraph(
                """Zároveň jsme položili základ platformy mezioborové spolupráce, která se
                bude scházet u kulatých stolů. První kulatý stůl proběhl 2. 10. 2020 a dal
                prostor ke sdílení dobré praxe. Tématem byla spolupráce sociálních pracovníků
                s pedagogy ze škol ve správním obvodu Jihlavy a Telče – s výchovnými poradci a
                školními metodiky prevence – při plnění povinné školní docházky během
                nouzového stavu a distanční výuky, s důrazem na ohrožené děti a rodiny.
                Mezioborový pracovník přitom průběžně zjišťoval potřeby aktérů a koordinoval
                součinnost úřadů a institucí."""
            ),
            facts(
                "Období v číslech",
                ("15", "podpořených zaměstnanců veřejné správy"),
                ("4", "kontaktované služby v ORP Jihlava"),
                ("2. 10. 2020", "první kulatý stůl – spolupráce se školami"),
            ),
        ],
    },
    {
        "slug": "zprava-za-2-obdobi",
        "title": "Zpráva za 2. období realizace (1. 11. 2020 – 30. 4. 2021)",
        "summary": clean(
            """Nouzový stav a karanténní opatření znemožnily prezenční vzdělávání; tým
            zvažuje prodloužení projektu."""
        ),
        "topics": ["vzdělávání", "mezioborová spolupráce"],
        "period_number": 2,
        "period_start": date(2020, 11, 1),
        "period_end": date(2021, 4, 30),
        "figures": [],
        "body": [
            paragraph(
                """Druhé období se blíží ke konci a výrazně ho ovlivnila pandemie covidu-19:
                nouzový stav, vládní nařízení a karantény zabránily tomu, aby se sociální
                pracovníci SPOD z Jihlavy a Telče mohli vzdělávat osobně v učebně."""
            ),
            paragraph(
                """U kurzů, v nichž se pracovníci učí nové metody sociální práce, je osobní
                setkání těžko nahraditelné. Základem je nácvik na modelových situacích a
                společná reflexe toho, jak probíhá rozhovor pracovníka s klientem. Online
                variantu navíc komplikují pravidla kontroly: řídicí orgán může chtít
                audiozáznam výuky a mnoho lektorů na takovou podmínku nepřistoupí."""
            ),
            paragraph(
                """Jednou z variant, které s poskytovatelem podpory konzultujeme, je
                prodloužení projektu, abychom mohli splnit vše, k čemu jsme se zavázali.
                Omezená byla i mezioborová spolupráce, protože stojí na osobních setkáních
                nad případy i nad metodikou; výjimky přinesl až konec kalendářního roku.
                Covid hraje vlastní hru bez pravidel, na kterých si v mezioborové spolupráci
                zakládáme. Hledáme proto nové cesty, všímáme si nových příležitostí a věříme,
                že to společně zvládneme."""
            ),
            facts(
                "Období v kostce",
                ("nebylo možné", "prezenční vzdělávání (nouzový stav, karantény)"),
                ("zvažováno", "prodloužení projektu"),
            ),
        ],
    },
    {
        "slug": "zprava-za-3-obdobi",
        "title": "Zpráva za 3. období realizace (1. 5. 2021 – 31. 10. 2021)",
        "summary": clean(
            """Po uvolnění opatření absolvovali sociální pracovníci 32 hodin prezenčního
            vzdělávání v mediaci: kurzy Úvod do mediace a Využití mediačních technik při
            řešení konfliktu v rodině."""
        ),
        "topics": ["mediace", "vzdělávání"],
        "period_number": 3,
        "period_start": date(2021, 5, 1),
        "period_end": date(2021, 10, 31),
        "figures": [
            {"label": "vzdělávacích hodin v kurzech mediace", "value": 32, "unit": "h"},
            {
                "label": "absolvované kurzy (Úvod do mediace; Využití mediačních technik při "
                "řešení konfliktu v rodině)",
                "value": 2,
                "unit": "kurzy",
            },
        ],
        "body": [
            paragraph(
                """Vláda po třetí vlně covidu-19 alespoň zčásti uvolnila opatření, a tak se
                konečně mohlo prezenčně konat plánované vzdělávání sociálních pracovníků
                SPOD Magistrátu Jihlava a MěÚ Telč. Zaměřilo se na inovativní metody
                sociální práce, konkrétně na mediační techniky při konfliktu v rodině."""
            ),
            paragraph(
                """Pracovníci obou úřadů absolvovali celkem 32 vzdělávacích hodin ve dvou
                kurzech: Úvod do mediace a Využití mediačních technik při řešení konfliktu v
                rodině – a probírali v nich, jak zmapovat rodinný konflikt, jak pracovat s
                rozdílnými zájmy stran, jak zacházet s emocemi klientů i nestranných odborníků a jak
                používat pokročilé techniky aktivního naslouchání, včetně práce s
                flipchartem. Důležitým tématem byl i posun od izolované práce s jednotlivým
                klientem k práci s celým jeho systémem."""
            ),
            facts(
                "Období v číslech",
                ("32 h", "prezenčního vzdělávání v mediaci"),
                (
                    "2",
                    "kurzy: Úvod do mediace; Využití mediačních technik při řešení "
                    "konfliktu v rodině",
                ),
            ),
        ],
    },
    {
        "slug": "zprava-za-4-obdobi",
        "title": "Zpráva za 4. období realizace (1. 11. 2021 – 30. 4. 2022)",
        "summary": clean(
            """Závěrečná fáze: dokončení čtyř metodických výstupů, aktualizace standardů
            SPOD, interní metodiky kolizního opatrovnictví podle cochemské praxe, supervize a
            akreditované vzdělávání."""
        ),
        "topics": [
            "kolizní opatrovnictví",
            "cochemská praxe",
            "supervize",
            "standardy SPOD",
            "evaluace",
        ],
        "period_number": 4,
        "period_start": date(2021, 11, 1),
        "period_end": date(2022, 4, 30),
        "figures": [
            {"label": "metodické výstupy ve finalizaci", "value": 4, "unit": "výstupy"},
        ],
        "body": [
            paragraph(
                """Projekt spolku ALTERNIS vstoupil do závěrečné fáze. Jeho smyslem bylo
                posílit profesionalitu sociální práce na OSPOD Magistrátu města Jihlavy a MěÚ
                Telč: aktualizací vybraných standardů SPOD, zaváděním inovativních metod, které
                podporují mezioborovou a mezirezortní spolupráci i přímou práci se systémem
                klienta, odbornou supervizí a akreditovaným vzděláváním."""
            ),
            paragraph(
                """Ve čtvrtém období jsme dokončovali celkem 4 metodické výstupy, aktualizovali
                vybrané standardizované postupy výkonu SPOD v ORP Jihlava a ORP Telč a pro oba
                obvody připravovali interní metodiky výkonu kolizního opatrovnictví podle
                cochemské praxe. Souběžně pokračovala mezioborová spolupráce, supervize i
                akreditované vzdělávání."""
            ),
            paragraph(
                """Vzdělávací programy teď vycházejí z toho, o co si sociální pracovníci sami
                řekli: jak vymezit role aktérů, kteří klienty OSPOD podporují, a jak na sebe
                jejich intervence navazují; jak pracovat přímo s dětmi a provázet je rozpadem
                rodiny s prvky motivace a aktivizace; a jak zvládat manipulativní jednání
                klientů. Tým sociální práce a odborný tým projektu zároveň průběžně
                vyhodnocují vlastní činnost."""
            ),
            facts("Období v číslech", ("4", "metodické výstupy ve finalizaci")),
        ],
    },
]

JIHLAVA_TELC_NEWS = {
    "slug": "zahajeni-projektu-podpora-rozvoje-a-profesionalizace-spod",
    "title": "Začíná projekt Podpora rozvoje a profesionalizace sociálně-právní ochrany dětí",
    "summary": clean(
        """Od 1. 5. 2020 realizuje spolek ALTERNIS z.s. projekt, který má posílit odbornost
        sociální práce na OSPOD v Jihlavě a Telči."""
    ),
    "listing_image": img("aktualita-start-jihlava-telc"),
    "topics": ["kolizní opatrovnictví", "supervize", "vzdělávání", "standardy SPOD"],
    "published_at": datetime(2020, 5, 1, 9, 0, tzinfo=PRAGUE),
    "category": category("z-projektu"),
    "related_projects": [project(JIHLAVA_TELC_SLUG)],
    "author_organisation": org(ALTERNIS),
    "body": [
        paragraph(
            """Zapsaný spolek ALTERNIS z.s. zahajuje 1. 5. 2020 projekt Podpora rozvoje a
            profesionalizace sociálně-právní ochrany dětí. Projekt podporuje procesy ve
            službách a rozvoj sociální práce a je financován z Evropského sociálního fondu v
            rámci Operačního programu Zaměstnanost."""
        ),
        paragraph(
            """Cílem je zvýšit kvalitu sociální práce na OSPOD Magistrátu města Jihlavy a MěÚ
            Telč. Poslouží k tomu aktualizace standardů SPOD, nové metody sociální práce, které
            posilují spolupráci napříč obory a resorty i přímé práce se systémem klienta,
            odborná supervize a akreditované vzdělávání. Posílené kompetence sociálních
            pracovníků by se měly projevit zejména v kvalitě kolizního opatrovnictví a
            přímé práce s dětmi a rodiči."""
        ),
        paragraph("Zpracoval odborný tým projektu."),
    ],
}

COCHEM_METHODOLOGY = {
    "slug": "kolizni-opatrovnictvi-podle-cochemske-praxe",
    "title": "Kolizní opatrovnictví podle cochemské praxe",
    "summary": clean(
        """Jak OSPOD vykonává kolizní opatrovnictví v duchu cochemské praxe: rychlé jednání,
        vedení rodičů k dohodě a spolupráce soudu, OSPOD, mediátorů a poraden."""
    ),
    "listing_image": img("metodika-cochem"),
    "topics": ["kolizní opatrovnictví", "cochemská praxe", "mediace", "mezioborová spolupráce"],
    "kind": kind("kolizni-opatrovnictvi-a-cochemska-praxe"),
    "source_project": project(JIHLAVA_TELC_SLUG),
    "audience": "public",
    "version": "1.0",
    "last_reviewed": date(2022, 4, 29),
    "target_groups": [group(TG_DIVORCE), group(TG_STAFF)],
    "changes": [
        {
            "date": date(2022, 4, 29),
            "version": "1.0",
            "description": "První vydání, dokončené ve 4. období projektu pro ORP Jihlava a Telč.",
        },
    ],
    "documents": [{"document": doc("metodika-cochem"), "title": ""}],
    "body": [
        heading("Kdo je kolizní opatrovník"),
        paragraph(
            """Kolizní opatrovník zastupuje dítě v soudním řízení, když se zájmy rodičů mohou
            dostat do střetu se zájmy dítěte – nejčastěji při úpravě péče po rozchodu
            rodičů. Tuto roli obvykle plní OSPOD. Výkon kolizního opatrovnictví znamená
            zjistit názor dítěte, posoudit jeho potřeby a srozumitelně je předat soudu."""
        ),
        heading("Co přináší cochemská praxe"),
        paragraph(
            """Cochemská praxe je model spolupráce soudu, OSPOD, mediátorů, poraden a
            advokátů, který vede rodiče k vlastní dohodě. Soud nařídí první jednání rychle,
            odborníci postupují podle společně domluvených pravidel a spor se zbytečně
            neprotahuje. Dítě tak nepřijde o vztah s žádným z rodičů."""
        ),
        heading("Postup krok za krokem"),
        paragraph(
            """- Po zahájení řízení kolizní opatrovník kontaktuje oba rodiče i dítě.
            - Nabídne konzultaci a podle situace doporučí mediaci nebo rodinné poradenství.
            - Na jednání soudu tlumočí potřeby dítěte a informuje, jak se daří dohodu
            naplňovat.
            - Spolupráci vyhodnocuje na mezioborových setkáních a v supervizi."""
        ),
        documents("Ke stažení", "metodika-cochem"),
    ],
}

STAFF_METHODOLOGY = {
    "slug": "standardy-vykonu-spod-orp-jihlava-telc",
    "title": "Standardy výkonu SPOD v ORP Jihlava a Telč",
    "summary": clean(
        """Aktualizované standardizované postupy výkonu sociálně-právní ochrany dětí v ORP
        Jihlava a Telč. Materiál je určen jen pracovníkům OSPOD."""
    ),
    "listing_image": img("metodika-standardy"),
    "topics": ["standardy SPOD", "supervize"],
    "kind": kind("standardy-spod"),
    "source_project": project(JIHLAVA_TELC_SLUG),
    "audience": "staff",
    "version": "2022",
    "target_groups": [group(TG_STAFF)],
    "documents": [{"document": doc("interni-kontrolni-seznam"), "title": ""}],
    "body": [
        paragraph(
            """Interní materiál pro pracovníky OSPOD. Vybrané standardizované postupy výkonu
            SPOD byly aktualizovány ve 4. období projektu Podpora rozvoje a profesionalizace
            sociálně-právní ochrany dětí. K materiálu patří interní kontrolní seznam, který
            pomáhá ověřit, zda postup v případu odpovídá standardům."""
        ),
        documents("Interní dokumenty", "interni-kontrolni-seznam"),
    ],
}


def _spot_transcript(cues):
    return "".join(f"<p>{text}</p>" for _start, _end, text in cues)


VIDEOS = [
    {
        "slug": "spot-telc",
        "title": "SPOT TELČ",
        "summary": clean(
            """Edukační spot pro rodiče a klienty OSPOD v ORP Telč: s čím pomáhají sociální
            pracovníci Městského úřadu Telč."""
        ),
        "listing_image": img("poster-spot-telc"),
        "topics": ["edukační spot", "ohrožené děti"],
        "poster": img("poster-spot-telc"),
        "video_file": doc("video-spot-telc"),
        "captions": doc("titulky-spot-telc"),
        "transcript": _spot_transcript(SPOT_CUES["Telč"]),
        "duration_seconds": 60,
        "audience": "rodiče, klienti OSPOD",
        "municipality": place("Telč"),
        "source_project": project(JIHLAVA_TELC_SLUG),
    },
    {
        "slug": "spot-jihlava",
        "title": "SPOT JIHLAVA",
        "summary": clean(
            """Edukační spot pro rodiče a klienty OSPOD v ORP Jihlava: podpora rodičů a dětí
            při rozchodu a kde hledat pomoc."""
        ),
        "listing_image": img("poster-spot-jihlava"),
        "topics": ["edukační spot", "ohrožené děti", "mediace"],
        "poster": img("poster-spot-jihlava"),
        "video_file": doc("video-spot-jihlava"),
        "captions": doc("titulky-spot-jihlava"),
        "transcript": _spot_transcript(SPOT_CUES["Jihlava"]),
        "duration_seconds": 60,
        "audience": "rodiče, klienti OSPOD",
        "municipality": place("Jihlava"),
        "source_project": project(JIHLAVA_TELC_SLUG),
    },
]


# --- seed 002: SocioFactor s.r.o. for MPSV ---------------------------------------------------

SOCIOFACTOR_SLUG = "podpora-systemovych-zmen-v-peci-o-ohrozene-deti"
RESIDENTIAL_ANALYSIS = "Analýza pobytové péče v kontextu potřeb dětí"
REGIONAL_MODELS = clean(
    """Krajské modely sítě služeb pro rodiny s dítětem/dětmi umístěnými v ústavní péči a
    rodiny odebíráním dítěte/dětí ohrožené"""
)

SOCIOFACTOR_PROJECT = {
    "slug": SOCIOFACTOR_SLUG,
    "title": clean(
        """Podpora systémových změn v oblasti služeb péče o ohrožené děti, mladé lidi a
        rodiny v České republice"""
    ),
    "summary": clean(
        """Projekt Ministerstva práce a sociálních věcí s několika klíčovými aktivitami.
        Výzkumný tým SocioFactor s.r.o. v něm zpracoval analýzu pobytové péče a krajské
        modely sítě služeb pro všech 14 krajů."""
    ),
    "listing_image": img("projekt-sociofactor"),
    "topics": ["pobytová péče", "síťování", "ohrožené děti", "evaluace"],
    "implementing_organisation": org(SOCIOFACTOR),
    "commissioned_by": org(MPSV),
    "goals": rich(
        f"""Projekt MPSV podporuje systémové změny ve službách pro ohrožené děti, mladé lidi a
        rodiny. V jeho rámci zpracoval výzkumný tým SocioFactor s.r.o. dvě návazné práce:

        - „{RESIDENTIAL_ANALYSIS}“,
        - „{REGIONAL_MODELS}“."""
    ),
    "body": [
        heading("Krajské modely sítě služeb"),
        paragraph(
            """Pro každý kraj vznikl samostatný dokument s návrhem priorit, cílů a služeb.
            Všech 14 dokumentů je ke stažení níže."""
        ),
    ],
}

SOCIOFACTOR_NEWS = {
    "slug": "model-site-sluzeb",
    "title": "Model sítě služeb",
    "summary": clean(
        """SocioFactor s.r.o. zmapoval potřeby dětí v pobytové péči a jejich rodin a pro
        každý kraj navrhl model sítě služeb. Vzniklo 14 krajských dokumentů."""
    ),
    "listing_image": img("aktualita-model-site-sluzeb"),
    "topics": ["pobytová péče", "síťování", "ohrožené děti"],
    "published_at": datetime(2022, 8, 23, 8, 22, tzinfo=PRAGUE),
    "category": category("vyzkum"),
    "related_projects": [project(SOCIOFACTOR_SLUG)],
    "author_organisation": org(SOCIOFACTOR),
    "body": [
        paragraph(
            f"""Ministerstvo práce a sociálních věcí realizuje rozsáhlý projekt Podpora
            systémových změn v oblasti služeb péče o ohrožené děti, mladé lidi a rodiny v
            České republice, který má několik klíčových aktivit. Náš výzkumný tým v něm
            připravil „{RESIDENTIAL_ANALYSIS}“ a navazující „{REGIONAL_MODELS}“."""
        ),
        heading("Potřeby dětí a jejich rodin"),
        paragraph(
            """Zkoumali jsme, co potřebují děti umístěné v pobytové péči a co jejich rodiny,
            a to za celou republiku i za jednotlivé kraje. Analýza pojmenovává potřeby dětí a
            rodin v období před umístěním dítěte i během pobytu. Porovnali jsme také, jak
            jsou sítě služeb uspořádány v krajích, a navrhli systémová doporučení, která
            pomohou potřeby dětí naplňovat."""
        ),
        heading("Jak krajské modely vznikaly"),
        paragraph(
            """Každý krajský model vychází z několika zdrojů dat: ze zjištěných potřeb dětí,
            z platných strategických dokumentů kraje a obcí s rozšířenou působností a z
            krajských zpráv ze síťování, které vydal projekt MPSV Systémový rozvoj a podpora
            nástrojů sociálně-právní ochrany dětí. Uskutečnili jsme dotazníkové šetření mezi
            vedoucími OSPOD ve všech ORP v Česku a analyzovali základní data o
            sociálně-právní ochraně i o kapacitě a dostupnosti služeb. Z toho jsme vymezili
            předpokládané cíle a priority sítě služeb pro ohrožené děti a jejich rodiny."""
        ),
        paragraph(
            """Na tvorbě se podíleli zástupci krajů. Vedli jsme 13 online diskuzí se zástupci
            krajských úřadů z odborů sociálních věcí, zdravotnictví a školství; často se
            přidali i zástupci dalších zainteresovaných organizací. Výsledkem je 14
            samostatných krajských dokumentů."""
        ),
        quote(
            """… na základě dat přichází s návrhem priorit, cílů a služeb … aby docházelo k
            zachování rodičovské péče …""",
            "úvod krajských dokumentů",
            "Krajské modely sítě služeb",
        ),
        paragraph(
            """Věříme, že výstupy poslouží MPSV, krajům i dalším aktérům, kteří se ohroženým
            dětem věnují. Dokumenty nabízejí řadu podkladů a argumentů pro rozvojové
            aktivity a pro projektové i jiné záměry."""
        ),
        facts(
            "Analýza v číslech",
            ("13", "online diskuzí se zástupci krajských úřadů"),
            ("všechny ORP", "dotazníkové šetření mezi vedoucími OSPOD"),
            ("14", "krajských dokumentů"),
        ),
        # The fourteen regional documents are appended by the builder.
    ],
}


# --- seed 003: Krajský úřad Jihomoravského kraje, "OSPOD sobě" ------------------------------

JMK_SLUG = "podpora-spod-na-krajskem-urade-jmk-ii"

JMK_PROJECT = {
    "slug": JMK_SLUG,
    "title": "Podpora sociálně-právní ochrany dětí na Krajském úřadě Jihomoravského kraje II",
    "summary": clean(
        """Projekt Krajského úřadu Jihomoravského kraje na podporu sociálně-právní ochrany
        dětí v kraji, spolufinancovaný Evropskou unií z Operačního programu Zaměstnanost."""
    ),
    "listing_image": img("projekt-jmk"),
    "logo": img("logo-spo-jmk"),
    "topics": ["síťování", "mezioborová spolupráce", "ohrožené děti"],
    "registration_number": "CZ.03.2.63/0.0/0.0./15_007/0003048",
    "implementing_organisation": org(KRU_JMK),
    "regions": [region("jihomoravsky")],
    "funding_programmes": [programme(OP_Z)],
    "funding_sentence": clean(
        """Projekt spolufinancuje Evropská unie; je součástí Operačního programu
        Zaměstnanost."""
    ),
    "body": [
        paragraph(
            """Krajský úřad Jihomoravského kraje projektem podporuje metodickou roli kraje a
            spolupráci orgánů sociálně-právní ochrany dětí v kraji. Na jeho webu vyšla mimo
            jiné zpráva ze setkání „OSPOD sobě“ ve Šlapanicích."""
        ),
    ],
}

OSPOD_SOBE_NEWS = {
    "slug": "ospod-sobe-setkani-ve-slapanicich",
    "title": "„OSPOD sobě“ – setkání zástupců OSPOD města Brna a Jihomoravského kraje",
    "summary": clean(
        """Čtyřicet zástupců OSPOD z Brna a celého Jihomoravského kraje se 15. 6. 2018 sešlo
        na Městském úřadě Šlapanice. Sdíleli dobrou praxi, probrali nejčastější otázky a
        dohodli se na dalším setkání."""
    ),
    "listing_image": img("aktualita-ospod-sobe"),
    "topics": ["síťování", "mezioborová spolupráce", "pěstounská péče", "ohrožené děti"],
    "published_at": datetime(2018, 6, 15, 18, 0, tzinfo=PRAGUE),
    "category": category("akce"),
    "related_projects": [project(JMK_SLUG)],
    "author": person("Martina Cirbusová"),
    "event_date": date(2018, 6, 15),
    "event_venue": MEU_SLAPANICE,
    "event_municipality": place("Šlapanice"),
    "participant_count": 40,
    "event_topics": [
        {"name": "systém podpory činnosti OSPOD"},
        {"name": "spolupráce OSPOD s dalšími subjekty"},
        {"name": "pěstounská péče"},
        {"name": "nástroje v práci s klienty"},
        {"name": "vliv GDPR na práci s klienty"},
        {"name": "vedení spisové dokumentace"},
        {"name": "vyřizování přestupků na úseku OSPOD"},
    ],
    "body": [
        paragraph(
            """Na setkání „OSPOD sobě“ přijelo 15. června 2018 do Šlapanic 40 zástupců orgánů
            sociálně-právní ochrany dětí (OSPOD) z Brna a Jihomoravského kraje. V prostorách
            Městského úřadu Šlapanice chtěli společně probrat dobrou praxi a otázky a potíže,
            které v agendě řeší nejčastěji."""
        ),
        paragraph(
            """S nápadem přišly lokální síťařky Gabriela Vybíralová a Zuzana Vařejková z
            projektu Ministerstva práce a sociálních věcí (MPSV) Systémový rozvoj a podpora
            nástrojů sociálně-právní ochrany dětí, které působí na Bučovicku, Slavkovsku,
            Šlapanicku a Vyškovsku. Při mapování sítě služeb pro ohrožené děti, v níž má
            OSPOD klíčové místo, zjistily, že pracovníci OSPOD by se rádi potkali, vyměnili si
            zkušenosti a probrali problémy společné agendy v celém kraji."""
        ),
        heading("Program setkání"),
        paragraph(
            """Síťařky se předem zeptaly přihlášených, která témata je zajímají. Z odpovědí
            sestavily program z tematických okruhů:

            - vliv GDPR na práci s klienty,
            - pěstounská péče,
            - nástroje v práci s klienty,
            - systém podpory činnosti OSPOD,
            - spolupráce OSPOD s dalšími subjekty.

            Živá diskuse ale otevřela i další témata, například vedení spisové dokumentace
            nebo vyřizování přestupků na úseku OSPOD."""
        ),
        quote(
            """Podařilo se navodit důvěru, takže se účastníci nebáli mluvit o své praxi –
            i o tom, s čím si nevědí rady a zda postupují správně. Od kolegů k tomu dostali
            zpětnou vazbu. Právě v těchto chvílích se naplnilo to, co jsme od otevřeného
            sdílení čekali.""",
            "Martina Cirbusová",
            "krajská síťařka, MPSV",
        ),
        paragraph(
            """K uvolněné atmosféře přispěli i zástupci Krajského úřadu Jihomoravského kraje.
            S chutí a profesionálně vyjasňovali otázky, na které sdílená praxe účastníků
            nestačila."""
        ),
        heading("Bez spolupráce to nejde"),
        paragraph(
            """Závěr setkání patřil spolupráci s dalšími subjekty, hlavně se sociálně
            aktivizačními službami pro rodiny s dětmi (SAS). Podpoře spolupráce a
            vyjasňování kompetencí v síti služeb pro děti a rodiny se síťařky věnují i v
            každodenní praxi. Společně usilujeme o to, aby ohrožené děti a rodiny dostaly
            pomoc včas."""
        ),
        quote(
            """Z pohledu krajské síťařky setkání splnilo své cíle i to, co od něj účastníci
            čekali. Platformu pro sdílení zkušeností v této podobě doporučuji zachovat,
            případně ji vytvořit i jinde.""",
            "Martina Cirbusová",
            "krajská síťařka, MPSV",
        ),
        paragraph(
            """Podle zpětné vazby účastníků chtějí lokální síťařky setkání zopakovat v říjnu
            2018 a probrat na něm, zda se scházet pravidelně."""
        ),
        facts(
            "Setkání v kostce",
            ("15. 6. 2018", "datum setkání"),
            ("Městský úřad Šlapanice", "místo konání"),
            ("40", "zástupců OSPOD z Brna a Jihomoravského kraje"),
            ("Gabriela Vybíralová, Zuzana Vařejková", "iniciátorky – lokální síťařky"),
            ("Bučovicko, Slavkovsko, Šlapanicko, Vyškovsko", "lokality síťařek"),
            ("říjen 2018", "plánované další setkání"),
        ),
        paragraph(
            """Více o projektu MPSV Systémový rozvoj a podpora nástrojů sociálně-právní
            ochrany dětí: <a href="http://www.pravonadetstvi.cz/">www.pravonadetstvi.cz</a>"""
        ),
    ],
}


# --- seed 004: Vysočina, "Inovace pro setrvání dětí v rodině" --------------------------------

VYSOCINA_SLUG = "inovace-pro-setrvani-deti-v-rodine"

VYSOCINA_PROJECT = {
    "slug": VYSOCINA_SLUG,
    "title": "Inovace pro setrvání dětí v rodině",
    "summary": clean(
        """Projekt z Kraje Vysočina (2020–2021): nová metodika asistovaného kontaktu rodičů s
        dětmi, inovace náhradní rodinné péče pro pěstouny, vzdělávání pracovníků a kulaté
        stoly."""
    ),
    "listing_image": img("projekt-vysocina"),
    "topics": [
        "asistovaný kontakt",
        "pěstounská péče",
        "náhradní rodinná péče",
        "ohrožené děti",
        "kulaté stoly",
        "mezioborová spolupráce",
        "vzdělávání",
    ],
    "registration_number": "CZ.03.2.X/0.0/0.0./17_076/0011431",
    "implementing_organisation": org(VYSOCINA_ORG),
    "start_date": date(2020, 1, 1),
    "end_date": date(2021, 12, 31),
    "regions": [region("vysocina")],
    "funding_programmes": [programme(OP_Z)],
    "funding_sentence": clean(
        """Na projekt přispívá Evropský sociální fond v ČR prostřednictvím Operačního
        programu Zaměstnanost."""
    ),
    "problem": rich(
        """Na Vysočině je stále málo služeb, postupů a metod pro práci s ohroženými dětmi a
        jejich rodinami a služby pro tuto skupinu na sebe často nenavazují.

        Organizace sama zajišťuje asistované kontakty rodičů s dětmi – poskytuje je služba
        Sociální asistence a poradenství, na níž spolupracuje Středisko výchovné péče –,
        chybí pro ně ale metodika. Zastaralá je i metodika, podle níž služba Náhradní
        rodinná péče (NRP), kterou organizace také poskytuje, naplňuje potřeby pěstounů.
        A pracovníkům organizace chybí vzdělání, které zavádění inovovaných služeb vyžaduje."""
    ),
    "goals": rich(
        """- Podpořit vznik služby, kterou český právní řád zatím neupravuje: asistovaných
        kontaktů rodičů s dětmi v bezpečném prostředí, v čase podle potřeb dítěte a za
        přítomnosti sociálního pracovníka či pracovnice. Služba má předcházet ohrožení dětí,
        posilovat rodičovské kompetence a udržet rodičovskou roli. Vznikne nová metodika a
        pilotně se ověří na 6 klientech z řad rodičů v rozvodovém procesu.
        - Inovovat službu NRP a inovovanou metodiku ověřit na 20 klientech z řad pěstounů.
        - Nastavit optimální nabídku služeb pro rodiny s dětmi ohroženými rozpadem a pro
        pěstouny v NRP; pomůže k tomu vzdělávání a podpora sociálních pracovníků
        organizace, podpořeno bude nejméně 10 pracovníků.
        - V mezioborové spolupráci nastavit model sdíleného prostředí pro naplňování potřeb
        dětí v rodině a zmapovat nabídku služeb pro děti v NRP a pro pěstouny; během
        projektu se uskuteční 4 kulaté stoly.
        - Komunikační strategií inovace seznámit veřejnost s novými postupy a bořit
        předsudky vůči cílové skupině."""
    ),
    "target_indicators": [
        {
            "label": "Klienti z řad rodičů v rozvodovém procesu v pilotním ověření metodiky "
            "asistovaného kontaktu",
            "planned_value": 6,
            "unit": "klientů",
        },
        {
            "label": "Pěstouni, na nichž se ověří inovovaná metodika NRP",
            "planned_value": 20,
            "unit": "klientů",
        },
        {
            "label": "Podpoření pracovníci organizace",
            "planned_value": 10,
            "is_minimum": True,
            "unit": "pracovníků",
        },
        {
            "label": "Kulaté stoly během realizace projektu",
            "planned_value": 4,
            "unit": "kulaté stoly",
        },
    ],
    "services": [
        {
            "name": "Sociální asistence a poradenství",
            "description": "Zajišťuje asistované kontakty rodičů s dětmi.",
        },
        {
            "name": "Náhradní rodinná péče",
            "description": "Služba pro pěstouny; projekt inovuje její metodiku.",
        },
        {
            "name": "Středisko výchovné péče",
            "description": "Spolupracuje na asistovaných kontaktech.",
        },
        {
            "name": "Komunikační strategie inovace",
            "description": "Informuje veřejnost o nových postupech a pomáhá bořit předsudky "
            "vůči cílové skupině.",
        },
        {
            "name": "Model sdíleného prostředí",
            "description": "Mezioborová spolupráce služeb organizace i dalších aktérů v síti "
            "služeb pro ohrožené děti v Kraji Vysočina.",
        },
    ],
    "body": [
        heading("Mezioborová spolupráce"),
        paragraph(
            """Projekt propojuje pracovníky napříč službami organizace i s dalšími
            zainteresovanými subjekty v síti služeb pro ohrožené děti v Kraji Vysočina. Během
            realizace jsou naplánovány 4 kulaté stoly."""
        ),
    ],
}

ASSISTED_CONTACT_METHODOLOGY = {
    "slug": "asistovany-kontakt-rodicu-s-detmi",
    "title": "Asistovaný kontakt rodičů s dětmi",
    "summary": clean(
        """Metodika asistovaných kontaktů: rodič se setkává s dítětem v bezpečném prostředí,
        v čase podle potřeb dítěte a za přítomnosti sociálního pracovníka."""
    ),
    "listing_image": img("metodika-asistovany-kontakt"),
    "topics": ["asistovaný kontakt", "ohrožené děti"],
    "kind": kind("asistovany-kontakt"),
    "source_project": project(VYSOCINA_SLUG),
    "audience": "public",
    "pilot_participants": 6,
    "pilot_description": "rodiče v rozvodovém procesu",
    "target_groups": [group(TG_DIVORCE), group(TG_CHILDREN)],
    "documents": [{"document": doc("metodika-asistovany-kontakt"), "title": ""}],
    "body": [
        heading("Co je asistovaný kontakt"),
        paragraph(
            """Asistovaný kontakt je setkání rodiče s dítětem v bezpečném prostředí, v čase,
            který odpovídá potřebám dítěte, a za přítomnosti sociálního pracovníka nebo
            pracovnice. Služba zatím nemá oporu v českém právním řádu. Pomáhá předcházet
            ohrožení dítěte, posiluje rodičovské kompetence a udržuje rodičovskou roli.

            Bezpečné prostředí je místo, kde se dítě cítí jistě, kde ho nic nepřekvapí a kde
            pracovník může setkání kdykoli přerušit, pokud by dítěti neprospívalo."""
        ),
        heading("Průběh asistovaných kontaktů"),
        paragraph(
            """- Příprava: pracovník s každým z rodičů probere pravidla a očekávání.
            - Setkání: pracovník dbá na bezpečí dítěte a podporuje rodiče v citlivé
            komunikaci.
            - Reflexe: krátký rozhovor s rodičem po setkání a záznam pro další plánování."""
        ),
        heading("Kdo službu poskytuje"),
        paragraph(
            """Asistované kontakty poskytuje služba Sociální asistence a poradenství a
            spolupracuje na nich Středisko výchovné péče. Pilotní ověření metodiky zahrnuje
            6 klientů – rodičů v rozvodovém procesu."""
        ),
        documents("Ke stažení", "metodika-asistovany-kontakt"),
    ],
}

FOSTER_CARE_METHODOLOGY = {
    "slug": "naplnovani-potreb-pestounu-v-nrp",
    "title": "Naplňování potřeb pěstounů v NRP",
    "summary": clean(
        """Inovovaná metodika služby Náhradní rodinná péče: jak pravidelně vyhodnocovat a
        naplňovat potřeby pěstounů a dětí v pěstounské péči."""
    ),
    "listing_image": img("metodika-nrp"),
    "topics": ["pěstounská péče", "náhradní rodinná péče"],
    "kind": kind("nahradni-rodinna-pece"),
    "source_project": project(VYSOCINA_SLUG),
    "audience": "public",
    "pilot_participants": 20,
    "pilot_description": "pěstouni",
    "target_groups": [group(TG_FOSTER)],
    "documents": [{"document": doc("metodika-nrp"), "title": ""}],
    "body": [
        heading("Proč metodiku inovovat"),
        paragraph(
            """Dosavadní metodika, podle níž služba Náhradní rodinná péče naplňuje potřeby
            pěstounů, přestala odpovídat praxi. Pěstounská péče je pro rodiny náročná a
            podpora pěstounů musí být dostupná ve chvíli, kdy ji potřebují."""
        ),
        heading("Co je nového"),
        paragraph(
            """Metodika pojmenovává potřeby pěstounů a dětí v náhradní rodinné péči, popisuje,
            jak je s rodinou pravidelně vyhodnocovat, a propojuje službu s dalšími službami
            pro pěstouny a děti v NRP v Kraji Vysočina. Inovovaná metodika se ověřuje na 20
            klientech z řad pěstounů."""
        ),
        documents("Ke stažení", "metodika-nrp"),
    ],
}


# --- demo accounts --------------------------------------------------------------------------

# The editors of two projects (username: project slug); the other roles are in the builder.
DEMO_EDITORS = {
    "redaktor-jihlava": JIHLAVA_TELC_SLUG,
    "redaktor-vysocina": VYSOCINA_SLUG,
}
