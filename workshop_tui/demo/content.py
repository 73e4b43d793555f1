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

# Open answers to insight and expectation prompts.
SERVICE = {
    "sv": [
        "Hon tittade upp och log fast det var kö",
        "Han ringde tillbaka samma dag som han lovat",
        "Personalen visste vad jag hette",
        "De sa ärligt att det skulle ta en vecka",
        "Någon följde mig hela vägen till rätt rum",
        "Man blev lyssnad på utan att bli avbruten",
        "Snabbt svar på mejlet, även en fredag",
        "Att bli hälsad på i korridoren",
        "Att få veta vad som händer härnäst",
        "Ett tack efteråt, inte bara ett kvitto",
        "De tog ansvar när något gick fel",
        "Tydlig information utan krångliga ord",
        "Att kollegan hjälpte mig fast det inte var hans bord",
        "Hålla det man lovar",
        "Vänlig ton även när det är stressigt",
        "Att någon frågade hur det gick sen",
    ],
    "en": [
        "She looked up and smiled even though there was a queue",
        "He called back the same day, as promised",
        "The staff knew my name",
        "They told me honestly it would take a week",
        "Someone walked me all the way to the right room",
        "I was listened to without being interrupted",
        "A quick reply to my email, even on a Friday",
        "Being greeted in the corridor",
        "Knowing what happens next",
        "A thank-you afterwards, not just a receipt",
        "They owned it when something went wrong",
        "Clear information without jargon",
        "A colleague helped me even though it wasn't his job",
        "Keeping the promises we make",
        "A kind tone even when we are busy",
        "Someone asked later how it went",
    ],
    "fi": [
        "Hän katsoi ylös ja hymyili, vaikka oli jonoa",
        "Hän soitti takaisin samana päivänä, kuten lupasi",
        "Henkilökunta tiesi nimeni",
        "Kerrottiin rehellisesti, että se kestää viikon",
        "Joku saattoi minut oikeaan huoneeseen asti",
        "Minua kuunneltiin keskeyttämättä",
        "Nopea vastaus sähköpostiin, perjantainakin",
        "Tervehdys käytävällä",
        "Tieto siitä, mitä seuraavaksi tapahtuu",
        "Kiitos jälkikäteen, ei pelkkä kuitti",
        "Virhe myönnettiin ja korjattiin",
        "Selkeää tietoa ilman ammattikieltä",
        "Kollega auttoi, vaikka se ei ollut hänen tehtävänsä",
        "Pidetään se, mitä luvataan",
        "Ystävällinen sävy kiireessäkin",
        "Joku kysyi jälkeenpäin, miten meni",
    ],
}

# Proposals for routines the whole group could keep (levels steps take them as rungs).
ROUTINES = {
    "sv": [
        "Hälsa på alla vi möter, även kollegor",
        "Svara på mejl inom ett arbetsdygn",
        "Ringa tillbaka samma dag",
        "Säga vad som händer härnäst innan kunden går",
        "Tacka för synpunkter, även kritiska",
        "Lämna aldrig en fråga utan en ansvarig",
        "Ha frånvarobesked på telefon och mejl",
    ],
    "en": [
        "Greet everyone we meet, colleagues too",
        "Answer emails within one working day",
        "Return calls the same day",
        "Tell the customer what happens next before they leave",
        "Thank people for feedback, even critical feedback",
        "Never leave a question without an owner",
        "Keep out-of-office messages on phone and email",
    ],
    "fi": [
        "Tervehditään kaikkia, myös kollegoita",
        "Vastataan sähköposteihin yhden työpäivän sisällä",
        "Soitetaan takaisin samana päivänä",
        "Kerrotaan asiakkaalle, mitä seuraavaksi tapahtuu",
        "Kiitetään palautteesta, kriittisestäkin",
        "Jokaisella kysymyksellä on vastuuhenkilö",
        "Poissaoloviesti puhelimeen ja sähköpostiin",
    ],
}

# Words that mark a prompt asking for routines rather than experiences.
ROUTINE_WORDS = {
    "sv": ("rutin", "lova", "åtag"),
    "en": ("routine", "commit", "promise"),
    "fi": ("rutiini", "lupa", "sitoud"),
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
