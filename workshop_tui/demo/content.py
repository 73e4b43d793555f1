"""What simulated phones write: first names and short service answers in sv, en and fi.

Written for the demo, in the voice of staff at a workshop: concrete, short, sometimes a little
sceptical, the way a real group answers on a phone keyboard.
"""

from __future__ import annotations

FIRST_NAMES = {
    "sv": "Anna Erik Maria Lars Karin Johan Sara Anders Eva Mikael Lena Per Emma Oskar Ingrid "
    "Nils Sofia Jonas Maja Henrik Elin Fredrik Linnea Gustav Hanna Olof Ida Björn Frida Ahmed",
    "en": "Emma James Olivia Noah Sophie Liam Grace Daniel Chloe Sam Hannah Tom Amelia Ben "
    "Priya Jack Lucy Oliver Zoe Harry Mia George Ella Mohammed Ruth Alex Isla Leo Nina Omar",
    "fi": "Aino Mikko Laura Juha Anna Timo Emilia Ville Sanna Jukka Heidi Antti Kaisa Pekka "
    "Elina Matti Riikka Janne Johanna Tuomas Minna Eero Saara Lauri Noora Kari Veera Olli "
    "Helmi Sami",
}

# Service encounters people remember: the answers to a prompt the demo does not know, and to
# the bundled workshop's memory prompt.
SERVICE = {
    "sv": [
        "Hon tittade upp och log fast det var kö",
        "Han ringde tillbaka samma dag som han lovat",
        "Personalen visste vad jag hette",
        "De sa ärligt att det skulle ta en vecka",
        "Någon följde mig hela vägen till rätt rum",
        "Man blev lyssnad på utan att bli avbruten",
        "Snabbt svar på mejlet, även en fredag",
        "Ingen hälsade, alla tittade ner i sina skärmar",
        "Jag fick upprepa mitt ärende för fyra olika personer",
        "Ett tack efteråt, inte bara ett kvitto",
        "De tog ansvar när något gick fel",
        "Receptionisten bad om ursäkt för väntan innan jag hann säga något",
        "Kollegan hjälpte mig fast det inte var hans bord",
        "Jag lovades ett samtal som aldrig kom",
        "Vänlig ton trots att de hade fullt upp",
        "Någon ringde veckan efter och frågade hur det gick",
    ],
    "en": [
        "She looked up and smiled even though there was a queue",
        "He called back the same day, as promised",
        "The staff knew my name",
        "They told me honestly it would take a week",
        "Someone walked me all the way to the right room",
        "I was listened to without being interrupted",
        "A quick reply to my email, even on a Friday",
        "Nobody said hello, everyone stared at their screens",
        "I had to explain my errand to four different people",
        "A thank-you afterwards, not just a receipt",
        "They owned it when something went wrong",
        "The receptionist apologised for the wait before I said a word",
        "A colleague helped me even though it wasn't his job",
        "I was promised a call that never came",
        "A kind tone even though they were rushed off their feet",
        "Someone rang a week later to ask how it went",
    ],
    "fi": [
        "Hän katsoi ylös ja hymyili, vaikka oli jonoa",
        "Hän soitti takaisin samana päivänä, kuten lupasi",
        "Henkilökunta tiesi nimeni",
        "Kerrottiin rehellisesti, että se kestää viikon",
        "Joku saattoi minut oikeaan huoneeseen asti",
        "Minua kuunneltiin keskeyttämättä",
        "Nopea vastaus sähköpostiin, perjantainakin",
        "Kukaan ei tervehtinyt, kaikki tuijottivat näyttöjään",
        "Jouduin selittämään asiani neljälle eri ihmiselle",
        "Kiitos jälkikäteen, ei pelkkä kuitti",
        "Virhe myönnettiin ja korjattiin",
        "Vastaanotossa pyydettiin anteeksi odottamista ennen kuin ehdin sanoa mitään",
        "Kollega auttoi, vaikka se ei ollut hänen tehtävänsä",
        "Minulle luvattiin soitto, jota ei koskaan tullut",
        "Ystävällinen sävy, vaikka heillä oli kiire",
        "Joku soitti viikon päästä ja kysyi, miten meni",
    ],
}

# Routines the whole group could keep, written as rungs of a ladder ("I …"): the levels step
# takes them as proposals. The answers to the routines prompt, and to an unknown prompt that
# asks for routines.
ROUTINES = {
    "sv": [
        "Jag svarar i telefon inom tre signaler",
        "Jag hälsar på alla jag möter i korridoren, även dem jag inte känner",
        "Jag svarar på mejl inom ett arbetsdygn, även om det bara är ett ”jag återkommer”",
        "Jag ringer tillbaka samma dag om jag missat ett samtal",
        "Jag säger alltid vad som händer härnäst innan kunden går",
        "Jag tackar för synpunkter, även de kritiska",
        "Jag lämnar aldrig ett ärende utan att någon äger det",
        "Jag lägger in frånvarobesked på både telefon och mejl",
        "Jag följer kunden till rätt person i stället för att peka",
    ],
    "en": [
        "I answer the phone within three rings",
        "I greet everyone I meet in the corridor, even people I don't know",
        "I reply to emails within one working day, even if only to say when I'll answer",
        "I return a missed call the same day",
        "I always tell the customer what happens next before they leave",
        "I thank people for feedback, critical feedback too",
        "I never leave a case without someone who owns it",
        "I set an out-of-office message on both phone and email",
        "I walk the customer to the right person instead of pointing",
    ],
    "fi": [
        "Vastaan puhelimeen kolmen hälytyksen sisällä",
        "Tervehdin kaikkia käytävällä kohtaamiani, myös tuntemattomia",
        "Vastaan sähköposteihin yhden työpäivän sisällä, vaikka vain kertoakseni, milloin palaan "
        "asiaan",
        "Soitan vastaamatta jääneeseen puheluun takaisin samana päivänä",
        "Kerron asiakkaalle aina ennen lähtöä, mitä seuraavaksi tapahtuu",
        "Kiitän palautteesta, kriittisestäkin",
        "En jätä yhtään asiaa ilman vastuuhenkilöä",
        "Laitan poissaoloviestin sekä puhelimeen että sähköpostiin",
        "Saatan asiakkaan oikean ihmisen luo sen sijaan, että osoitan suuntaa",
    ],
}

# Words that mark a prompt the demo does not know as asking for routines, not experiences.
ROUTINE_WORDS = {
    "sv": ("rutin", "lova", "åtag"),
    "en": ("routine", "commit", "promise"),
    "fi": ("rutiini", "lupa", "sitoud"),
}

# The answers to each prompt of the bundled workshops, by step id and language: one list per
# column of the prompt (a prompt without columns has one), so that every answer fits both the
# question and the column's heading. The expectations prompts feed the ladder as proposals too,
# so what people expect of each other is written as what someone does.
PROMPTS: dict[str, dict[str, tuple[list[str], ...]]] = {
    "memory": {language: (answers,) for language, answers in SERVICE.items()},
    "expectations": {
        "sv": (
            [
                "Att få svar samma dag",
                "Att man vet vad man pratar om",
                "Att det som lovas blir gjort",
                "Raka besked om när det blir klart",
                "Att slippa bli skickad runt",
                "Att någon hör av sig om det blir försenat",
                "Öppet när kunden behöver det, inte bara när det passar oss",
                "Att få hjälp på första försöket",
            ],
            [
                "Att bli hälsad på direkt när man kommer in",
                "Att bli kallad vid namn",
                "Att bli lyssnad på utan att bli avbruten",
                "Ett leende, även när det är kö",
                "Att bli tagen på allvar när man klagar",
                "Lugn och vänlig ton även i telefon",
                "Att någon ser en när man står och väntar",
                "Att få ett tack när man gått",
            ],
        ),
        "en": (
            [
                "Getting an answer the same day",
                "Staff who know what they are talking about",
                "What we promise gets done",
                "A straight answer about when it will be ready",
                "Not being sent from desk to desk",
                "Hearing from us if there is a delay",
                "Being open when customers need us, not only when it suits us",
                "Getting help the first time",
            ],
            [
                "Being greeted as soon as you walk in",
                "Being called by your name",
                "Being listened to without being interrupted",
                "A smile, even when there is a queue",
                "Being taken seriously when you complain",
                "A calm, friendly voice on the phone too",
                "Someone noticing you while you wait",
                "A thank-you on the way out",
            ],
        ),
        "fi": (
            [
                "Vastaus samana päivänä",
                "Henkilökunta tietää, mistä puhuu",
                "Se, mitä luvataan, myös tehdään",
                "Suora vastaus siihen, milloin asia on valmis",
                "Ei pompotella luukulta toiselle",
                "Meistä kuuluu, jos asia viivästyy",
                "Palvelua silloin, kun asiakas sitä tarvitsee, ei vain kun meille sopii",
                "Apua ensimmäisellä yrityksellä",
            ],
            [
                "Tervehditään heti, kun tulee sisään",
                "Puhutellaan nimellä",
                "Kuunnellaan keskeyttämättä",
                "Hymy, vaikka olisi jonoa",
                "Valitus otetaan vakavasti",
                "Rauhallinen ja ystävällinen ääni myös puhelimessa",
                "Joku huomaa, kun odotan",
                "Kiitos lähtiessä",
            ],
        ),
    },
    "each-other": {
        "sv": (
            [
                "att meddelanden lämnas över samma dag",
                "att man säger till när man inte hinner",
                "hjälp när kön växer",
                "att mejl och chatt läses varje dag",
                "att vi håller det vi kommit överens om även när chefen inte är där",
                "feedback direkt, inte bakom ryggen",
                "en anteckning i ärendet om vad som är gjort",
            ],
            [
                "tar samtalet när det ringer på din plats",
                "säger till i god tid om jag inte hinner det jag lovat",
                "skriver i ärendet vad jag har gjort innan jag går hem",
                "hjälper till i kassan när kön växer",
                "ringer tillbaka till kunder som sökt dig när du är borta",
                "delar med mig av det jag vet",
                "håller nivån vi kommer överens om i dag",
            ],
        ),
        "en": (
            [
                "messages passed on the same day",
                "being told when someone can't make it",
                "a hand when the queue grows",
                "email and chat read every day",
                "what we agreed kept even when the manager is away",
                "feedback face to face, not behind my back",
                "a note in the case of what has been done",
            ],
            [
                "pick up a call that rings at your desk",
                "say in good time if I can't do what I promised",
                "note in the case what I have done before I go home",
                "help at the counter when the queue grows",
                "call back customers who tried to reach you while you were away",
                "share what I know instead of sitting on it",
                "keep the level we agree on today",
            ],
        ),
        "fi": (
            [
                "että viestit välitetään samana päivänä",
                "että kerrotaan, jos ei ehditä",
                "apua, kun jono kasvaa",
                "että sähköposti ja chat luetaan joka päivä",
                "että sovitusta pidetään kiinni silloinkin, kun esihenkilö ei ole paikalla",
                "että palaute annetaan suoraan eikä selän takana",
                "että asiaan kirjataan, mitä on tehty",
            ],
            [
                "vastaan puhelimeen, kun sinun puhelimesi soi",
                "kerron ajoissa, jos en ehdi tehdä lupaamaani",
                "kirjaan ennen kotiinlähtöä, mitä olen tehnyt",
                "tulen avuksi kassalle, kun jono kasvaa",
                "soitan takaisin asiakkaille, jotka yrittivät tavoittaa sinua poissaollessasi",
                "jaan tietoni enkä pidä niitä omana tietonani",
                "pidän kiinni tasosta, josta tänään sovimme",
            ],
        ),
    },
    "routines": {language: (answers,) for language, answers in ROUTINES.items()},
    # Why we exist, and who our "we" takes in: from the customer who orders to us who serve.
    "why-we": {
        "sv": (
            [
                "folk ska kunna jobba i rena och trygga lokaler",
                "besökare ska hitta rätt och känna sig välkomna",
                "invånarna ska få den hjälp de har rätt till",
                "kunden ska slippa tänka på det vi sköter",
                "kunderna ska få det de betalar för, inte bara det som står i avtalet",
            ],
            [
                "Kontaktpersonen hos kunden",
                "Vaktmästaren som öppnar åt oss på morgonen",
                "De som sitter i lokalerna vi städar",
                "Kollegorna på kvällsskiftet",
                "Vår chef och den som säljer avtalen",
            ],
        ),
        "en": (
            [
                "keep rooms clean and safe for the people who work in them",
                "help visitors find their way and feel welcome",
                "get residents the help they are entitled to",
                "look after things so the customer never has to think about them",
                "give customers what they pay for, not just what the contract says",
            ],
            [
                "Our contact person at the client",
                "The caretaker who lets us in every morning",
                "The people who work in the rooms we clean",
                "Colleagues on the evening shift",
                "Our manager and whoever sells the contracts",
            ],
        ),
        "fi": (
            [
                "ihmiset voivat tehdä työtä puhtaissa ja turvallisissa tiloissa",
                "vierailijat löytävät perille ja tuntevat olevansa tervetulleita",
                "asukkaat saavat avun, johon heillä on oikeus",
                "asiakkaan ei tarvitse miettiä asioita, joista me huolehdimme",
                "asiakas saa sen, mistä maksaa, eikä vain sitä, mitä sopimukseen on kirjattu",
            ],
            [
                "Yhteyshenkilömme asiakkaan puolella",
                "Talonmies, joka avaa meille ovet aamulla",
                "Ne, jotka työskentelevät siivoamissamme tiloissa",
                "Iltavuoron työkaverit",
                "Esihenkilömme ja se, joka myy sopimukset",
            ],
        ),
    },
    "keep-fresh": {
        "sv": (
            [
                "Vi hälsar på alla, även nya kollegor",
                "Telefonen besvaras snabbare än förut",
                "Kunderna säger att de märker skillnad",
                "Vi lämnar över ärenden med en anteckning",
                "Frånvarobeskeden finns nästan alltid på plats",
            ],
            [
                "Att ringa tillbaka samma dag, även på fredagar",
                "Att säga vad som händer härnäst innan kunden går",
                "Att hälsa även när det är stressigt",
                "Att svara på mejl när kollegan är sjuk",
                "Att berätta nivån för nya medarbetare",
            ],
        ),
        "en": (
            [
                "We greet everyone, new colleagues too",
                "The phone is answered faster than before",
                "Customers say they notice the difference",
                "Cases are handed over with a note",
                "Out-of-office messages are almost always in place",
            ],
            [
                "Calling back the same day, Fridays too",
                "Telling the customer what happens next before they leave",
                "Greeting people even when we are busy",
                "Answering a colleague's email when they are off sick",
                "Telling new staff about our level",
            ],
        ),
        "fi": (
            [
                "Tervehdimme kaikkia, myös uusia työkavereita",
                "Puhelimeen vastataan nopeammin kuin ennen",
                "Asiakkaat sanovat huomaavansa eron",
                "Asiat siirretään eteenpäin muistiinpanon kanssa",
                "Poissaoloviestit ovat lähes aina paikallaan",
            ],
            [
                "Takaisin soitetaan samana päivänä, perjantainakin",
                "Asiakkaalle kerrotaan ennen lähtöä, mitä seuraavaksi tapahtuu",
                "Tervehditään kiireessäkin",
                "Vastataan sairastuneen työkaverin sähköposteihin",
                "Kerrotaan tasostamme uusille työntekijöille",
            ],
        ),
    },
}

# What changed after a campaign (follow-up steps).
CHANGED = {
    "sv": [
        "Fler kunder tackade oss spontant",
        "Vi svarar snabbare i telefon nu",
        "Stämningen i fikarummet blev bättre",
        "Klagomålen om väntetid minskade",
        "Det glömdes bort efter två veckor",
        "Nya kollegor märkte direkt hur vi hälsar",
    ],
    "en": [
        "More customers thanked us without being asked",
        "We answer the phone faster now",
        "The mood in the staff room got better",
        "Fewer complaints about waiting times",
        "It was forgotten after two weeks",
        "New colleagues noticed at once how we greet people",
    ],
    "fi": [
        "Useampi asiakas kiitti pyytämättä",
        "Vastaamme puhelimeen nopeammin",
        "Taukotilan tunnelma parani",
        "Valituksia odotusajoista tuli vähemmän",
        "Se unohtui kahden viikon jälkeen",
        "Uudet kollegat huomasivat heti, miten tervehdimme",
    ],
}
