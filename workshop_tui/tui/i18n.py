"""Every label, hint and message the projector shows, in Swedish, English and Finnish.

The room reads the projector, so nothing on it may fall back to a language the session is not in;
a missing key is a programming error and `test_i18n` checks that every key has all three.
"""

from __future__ import annotations

from typing import Any

LABELS: dict[str, dict[str, str]] = {
    # Key bindings (shown in the footer and the help overlay).
    "key_next": {"sv": "Nästa", "en": "Next", "fi": "Seuraava"},
    "key_prev": {"sv": "Föregående", "en": "Previous", "fi": "Edellinen"},
    "key_reveal": {"sv": "Visa/dölj resultat", "en": "Reveal/hide", "fi": "Näytä/piilota"},
    "key_lock": {"sv": "Lås/lås upp", "en": "Lock/unlock", "fi": "Lukitse/avaa"},
    "key_timer": {"sv": "Timer start/paus", "en": "Timer start/pause", "fi": "Ajastin"},
    "key_add_minute": {"sv": "+1 minut", "en": "+1 minute", "fi": "+1 minuutti"},
    "key_up": {"sv": "Upp", "en": "Up", "fi": "Ylös"},
    "key_down": {"sv": "Ned", "en": "Down", "fi": "Alas"},
    "key_hide": {"sv": "Dölj svar", "en": "Hide answer", "fi": "Piilota vastaus"},
    "key_release": {"sv": "Släpp fram svar", "en": "Release held", "fi": "Päästä läpi"},
    "key_highlight": {"sv": "Lyft fram", "en": "Highlight", "fi": "Korosta"},
    "key_wall_mode": {"sv": "Nyast/grupper", "en": "Newest/grouped", "fi": "Uusin/ryhmät"},
    "key_words": {"sv": "Ordmoln", "en": "Word counts", "fi": "Sanat"},
    "key_lock_levels": {"sv": "Lås nivåer", "en": "Lock levels", "fi": "Lukitse tasot"},
    "key_new_round": {"sv": "Ny omröstning", "en": "New round", "fi": "Uusi kierros"},
    "key_choose": {"sv": "Välj kampanj", "en": "Choose campaign", "fi": "Valitse kampanja"},
    "key_qr": {"sv": "QR helskärm", "en": "QR full screen", "fi": "QR koko näyttö"},
    "key_notes": {"sv": "Anteckningar", "en": "Notes", "fi": "Muistiinpanot"},
    "key_joining": {"sv": "Öppna/stäng rummet", "en": "Open/close room", "fi": "Avaa/sulje"},
    "key_help": {"sv": "Hjälp", "en": "Help", "fi": "Ohje"},
    "key_quit": {"sv": "Avsluta", "en": "Quit", "fi": "Lopeta"},
    "key_close": {"sv": "Stäng", "en": "Close", "fi": "Sulje"},
    # Chrome.
    "step_of": {"sv": "Steg {n}/{total}", "en": "Step {n}/{total}", "fi": "Vaihe {n}/{total}"},
    "answered": {
        "sv": "{count}/{total} har svarat",
        "en": "{count}/{total} answered",
        "fi": "{count}/{total} vastannut",
    },
    "joined": {"sv": "{count} anslutna", "en": "{count} joined", "fi": "{count} liittynyt"},
    "locked": {"sv": "LÅST", "en": "LOCKED", "fi": "LUKITTU"},
    "hidden_badge": {"sv": "dolt", "en": "hidden", "fi": "piilossa"},
    "room": {"sv": "Rum", "en": "Room", "fi": "Huone"},
    "joining_closed": {
        "sv": "Rummet är stängt för nya",
        "en": "Room closed to new phones",
        "fi": "Huone suljettu uusilta",
    },
    "timer_paused": {"sv": "paus", "en": "paused", "fi": "tauko"},
    "store_error": {
        "sv": "SPARNINGEN MISSLYCKADES: {error}. De senaste svaren kan behöva skickas igen.",
        "en": "SAVING FAILED: {error}. The latest answers may need to be sent again.",
        "fi": "TALLENNUS EPÄONNISTUI: {error}. "
        "Viimeisimmät vastaukset on ehkä lähetettävä uudelleen.",
    },
    "loopback": {
        "sv": "Bara 127.0.0.1: telefoner når inte datorn. Anslut till samma wifi, "
        "använd en mobil surfzon eller starta med --public-url.",
        "en": "Only 127.0.0.1: phones cannot reach this computer. Join the same Wi-Fi, "
        "use a phone hotspot or start with --public-url.",
        "fi": "Vain 127.0.0.1: puhelimet eivät tavoita tätä konetta. Liity samaan wifiin, "
        "käytä puhelimen yhteyspistettä tai käynnistä --public-url.",
    },
    # Phones the participant server queued or turned away in the last minute, per reason.
    "turned_away_queued": {
        "sv": "Telefoner i kö för att ansluta (senaste minuten): {count}. Många ansluter via "
        "samma adress; de kommer in av sig själva, en i taget (--joins-per-minute).",
        "en": "Phones waiting in the join queue (last minute): {count}. Many are joining "
        "through one address; they get in by themselves, one after another (--joins-per-minute).",
        "fi": "Liittymisjonossa olevia puhelimia (viime minuutti): {count}. Moni liittyy saman "
        "osoitteen kautta; ne pääsevät sisään itsestään vuorotellen (--joins-per-minute).",
    },
    "turned_away_session_full": {
        "sv": "Telefoner som inte kom in, rummet är fullt (senaste minuten): {count} "
        "(--max-participants).",
        "en": "Phones turned away, the room is full (last minute): {count} (--max-participants).",
        "fi": "Käännytettyjä puhelimia, huone on täynnä (viime minuutti): {count} "
        "(--max-participants).",
    },
    "turned_away_joining_closed": {
        "sv": "Telefoner som inte kom in, rummet är stängt (senaste minuten): {count}. "
        "Tryck o för att öppna det.",
        "en": "Phones turned away, the room is closed (last minute): {count}. Press o to open it.",
        "fi": "Käännytettyjä puhelimia, huone on suljettu (viime minuutti): {count}. "
        "Avaa se painamalla o.",
    },
    "notes_title": {
        "sv": "Anteckningar (syns bara när du visar dem)",
        "en": "Facilitator notes (shown only on request)",
        "fi": "Fasilitaattorin muistiinpanot",
    },
    "no_notes": {
        "sv": "Inga anteckningar för det här steget.",
        "en": "No notes for this step.",
        "fi": "Tällä vaiheella ei ole muistiinpanoja.",
    },
    # QR code.
    "qr_too_small": {
        "sv": "Fönstret är för litet för en QR-kod som går att skanna: "
        "gör fönstret större eller teckensnittet mindre.",
        "en": "The window is too small for a QR code that scans: "
        "enlarge the window or make the font smaller.",
        "fi": "Ikkuna on liian pieni luettavalle QR-koodille: "
        "suurenna ikkunaa tai pienennä fonttia.",
    },
    "scan_or_go": {
        "sv": "Skanna koden eller gå till",
        "en": "Scan the code or go to",
        "fi": "Skannaa koodi tai mene osoitteeseen",
    },
    "no_server": {
        "sv": "Deltagarservern är inte igång.",
        "en": "The participant server is not running.",
        "fi": "Osallistujapalvelin ei ole käynnissä.",
    },
    "nobody_yet": {
        "sv": "Ingen har anslutit än.",
        "en": "Nobody has joined yet.",
        "fi": "Kukaan ei ole vielä liittynyt.",
    },
    # The room's Wi-Fi: the first of two codes, scanned before the join code.
    "wifi_step": {"sv": "1. Wifi: {name}", "en": "1. Wi-Fi: {name}", "fi": "1. Wifi: {name}"},
    "join_step": {"sv": "2. Gå med", "en": "2. Join", "fi": "2. Liity"},
    "wifi_password": {
        "sv": "Wifi-lösenord: {password}",
        "en": "Wi-Fi password: {password}",
        "fi": "Wifi-salasana: {password}",
    },
    "wifi_open": {
        "sv": "Öppet nät, inget lösenord",
        "en": "Open network, no password",
        "fi": "Avoin verkko, ei salasanaa",
    },
    "wifi_code_hint": {
        "sv": "F visar wifi-koden",
        "en": "F shows the Wi-Fi code",
        "fi": "F näyttää wifi-koodin",
    },
    "wifi_too_small": {
        "sv": "Ett större fönster visar wifi-koden också",
        "en": "A larger window shows the Wi-Fi code too",
        "fi": "Suurempi ikkuna näyttää myös wifi-koodin",
    },
    # Results.
    "results_hidden": {
        "sv": "Resultaten är dolda medan ni svarar. Tryck R för att visa dem.",
        "en": "Results are hidden while people answer. Press R to reveal them.",
        "fi": "Tulokset ovat piilossa vastausten ajan. Paina R näyttääksesi ne.",
    },
    "no_answers": {"sv": "Inga svar än.", "en": "No answers yet.", "fi": "Ei vielä vastauksia."},
    "hidden_answer": {"sv": "(dolt svar)", "en": "(hidden answer)", "fi": "(piilotettu vastaus)"},
    "held_answer": {
        "sv": "(väntar på granskning)",
        "en": "(held for review)",
        "fi": "(odottaa tarkistusta)",
    },
    "held_count": {"sv": "{count} väntar", "en": "{count} held", "fi": "{count} odottaa"},
    "mode_newest": {"sv": "Nyast först", "en": "Newest first", "fi": "Uusin ensin"},
    "mode_grouped": {"sv": "Grupperat", "en": "Grouped", "fi": "Ryhmitelty"},
    "mode_words": {"sv": "Vanligaste orden", "en": "Most common words", "fi": "Yleisimmät sanat"},
    "answers_count": {"sv": "{count} svar", "en": "{count} answers", "fi": "{count} vastausta"},
    "mean": {"sv": "medel", "en": "mean", "fi": "keskiarvo"},
    "spread": {"sv": "spridning", "en": "spread", "fi": "hajonta"},
    "range": {"sv": "från {low} till {high}", "en": "from {low} to {high}", "fi": "{low}–{high}"},
    "responses": {"sv": "{count} svar", "en": "{count} responses", "fi": "{count} vastausta"},
    "dots": {"sv": "{count} prickar", "en": "{count} dots", "fi": "{count} pistettä"},
    "votes": {"sv": "{count} röster", "en": "{count} votes", "fi": "{count} ääntä"},
    "accepts": {"sv": "{count} accepterar", "en": "{count} accept", "fi": "{count} hyväksyy"},
    "group_level": {"sv": "◀ NIVÅ", "en": "◀ LEVEL", "fi": "◀ TASO"},
    "aspiration": {"sv": "▲ ambition", "en": "▲ aspiration", "fi": "▲ tavoite"},
    "locked_level": {"sv": "◆ LÅST", "en": "◆ LOCKED", "fi": "◆ LUKITTU"},
    "levels_legend": {
        "sv": "◀ NIVÅ: det högsta steget alla accepterar · ▲ ambition: dit flest vill",
        "en": "◀ LEVEL: the highest rung everyone accepts · ▲ aspiration: where most would go",
        "fi": "◀ TASO: korkein porras, jonka kaikki hyväksyvät · "
        "▲ tavoite: minne useimmat menisivät",
    },
    "areas_shown": {
        "sv": "Område {first}–{last} av {total} (↑↓)",
        "en": "Areas {first}–{last} of {total} (↑↓)",
        "fi": "Alueet {first}–{last}/{total} (↑↓)",
    },
    "no_rung": {
        "sv": "{count} accepterar inget steg",
        "en": "{count} accept no rung",
        "fi": "{count} ei hyväksy mitään",
    },
    "no_level": {
        "sv": "Ingen gemensam nivå än",
        "en": "No common level yet",
        "fi": "Ei vielä yhteistä tasoa",
    },
    "round": {"sv": "Omgång {n}", "en": "Round {n}", "fi": "Kierros {n}"},
    "fingers": {"sv": "{n} fingrar", "en": "{n} fingers", "fi": "{n} sormea"},
    "consensus_yes": {
        "sv": "✔ Alla är på {threshold} eller mer: vi är överens.",
        "en": "✔ Everyone is at {threshold} or more: we agree.",
        "fi": "✔ Kaikki ovat vähintään {threshold}: olemme yksimielisiä.",
    },
    "consensus_no": {
        "sv": "✘ {below} under {threshold}: prata vidare och rösta igen.",
        "en": "✘ {below} below {threshold}: talk it through and vote again.",
        "fi": "✘ {below} alle {threshold}: keskustelkaa ja äänestäkää uudelleen.",
    },
    "consensus_waiting": {
        "sv": "Väntar på svar.",
        "en": "Waiting for answers.",
        "fi": "Odotetaan vastauksia.",
    },
    "levels_to_confirm": {
        "sv": "Nivån vi bekräftar:",
        "en": "The level we are confirming:",
        "fi": "Vahvistettava taso:",
    },
    "card_of": {"sv": "Kort {n}/{total}", "en": "Card {n}/{total}", "fi": "Kortti {n}/{total}"},
    "card_do": {"sv": "Gör så här", "en": "What we do", "fi": "Mitä teemme"},
    "purpose": {"sv": "Syfte", "en": "Purpose", "fi": "Tarkoitus"},
    "goal": {"sv": "Mål", "en": "Goal", "fi": "Tavoite"},
    "weeks": {"sv": "{weeks} veckor", "en": "{weeks} weeks", "fi": "{weeks} viikkoa"},
    "shortlist": {"sv": "Topplista", "en": "Shortlist", "fi": "Kärkilista"},
    "start": {"sv": "Start", "en": "Start", "fi": "Alku"},
    "end": {"sv": "Slut", "en": "End", "fi": "Loppu"},
    "period": {"sv": "Period", "en": "Period", "fi": "Ajanjakso"},
    "owner": {"sv": "Ansvarig", "en": "Owner", "fi": "Vastuuhenkilö"},
    "followup": {"sv": "Uppföljning", "en": "Follow-up", "fi": "Seuranta"},
    "chosen_campaign": {"sv": "Vår kampanj", "en": "Our campaign", "fi": "Kampanjamme"},
    "plan_title": {
        "sv": "Planera kampanjen: {title}",
        "en": "Plan the campaign: {title}",
        "fi": "Suunnittele kampanja: {title}",
    },
    "save": {"sv": "Spara", "en": "Save", "fi": "Tallenna"},
    "cancel": {"sv": "Avbryt", "en": "Cancel", "fi": "Peruuta"},
    "date_hint": {"sv": "ÅÅÅÅ-MM-DD", "en": "YYYY-MM-DD", "fi": "VVVV-KK-PP"},
    "service_card": {"sv": "Vårt servicekort", "en": "Our service card", "fi": "Palvelukorttimme"},
    "no_levels_yet": {
        "sv": "Inga nivåer är låsta än.",
        "en": "No levels have been locked yet.",
        "fi": "Tasoja ei ole vielä lukittu.",
    },
    "level_open": {"sv": "ännu inte fastställd", "en": "not agreed yet", "fi": "ei vielä sovittu"},
    "card_consensus_agreed": {
        "sv": "Knytnäve till fem: eniga (alla på {threshold} eller mer)",
        "en": "Fist of five: agreed (everyone at {threshold} or more)",
        "fi": "Nyrkistä viiteen: yksimielinen (kaikki vähintään {threshold})",
    },
    "card_consensus_not_agreed": {
        "sv": "Knytnäve till fem: inte eniga ({below} under {threshold})",
        "en": "Fist of five: not agreed ({below} below {threshold})",
        "fi": "Nyrkistä viiteen: ei yksimielinen ({below} alle {threshold})",
    },
    "card_consensus_not_taken": {
        "sv": "Knytnäve till fem: inte gjord än",
        "en": "Fist of five: not taken yet",
        "fi": "Nyrkistä viiteen: ei vielä tehty",
    },
    "reached_yes": {"sv": "Ja", "en": "Yes", "fi": "Kyllä"},
    "reached_partly": {"sv": "Delvis", "en": "Partly", "fi": "Osittain"},
    "reached_no": {"sv": "Nej", "en": "No", "fi": "Ei"},
    "not_started": {
        "sv": "Workshoppen har inte börjat.",
        "en": "The workshop has not started.",
        "fi": "Työpaja ei ole alkanut.",
    },
    # Arranging a ladder, comparing rounds, exporting the card.
    "key_arrange": {"sv": "Ordna trappan", "en": "Arrange ladder", "fi": "Järjestä portaat"},
    "key_compare": {"sv": "Jämför omgång", "en": "Compare rounds", "fi": "Vertaa kierroksia"},
    "key_export": {"sv": "Exportera kortet", "en": "Export the card", "fi": "Vie kortti"},
    "ladder_title": {
        "sv": "Ordna trappan: {area} ({n}/{total})",
        "en": "Arrange the ladder: {area} ({n}/{total})",
        "fi": "Järjestä portaat: {area} ({n}/{total})",
    },
    "ladder_rungs": {
        "sv": "Stegen, från det mest ambitiösa överst till det mest grundläggande",
        "en": "The rungs, from the most ambitious at the top to the most basic",
        "fi": "Portaat kunnianhimoisimmasta ylhäällä perustasoisimpaan",
    },
    "ladder_proposals": {
        "sv": "Gruppens förslag ({step}): ⏎ eller a lägger till som steg",
        "en": "The group's proposals ({step}): ⏎ or a adds one as a rung",
        "fi": "Ryhmän ehdotukset ({step}): ⏎ tai a lisää portaaksi",
    },
    "ladder_no_proposals": {
        "sv": "Inga synliga förslag ännu.",
        "en": "No visible proposals yet.",
        "fi": "Ei vielä näkyviä ehdotuksia.",
    },
    "ladder_in_use": {"sv": "finns i trappan", "en": "on the ladder", "fi": "portaissa"},
    "ladder_marked": {"sv": "slås ihop", "en": "merging", "fi": "yhdistetään"},
    "ladder_ready": {
        "sv": "Omgång {n}: ändringar sparas direkt och syns på mobilerna.",
        "en": "Round {n}: changes are saved at once and show on the phones.",
        "fi": "Kierros {n}: muutokset tallentuvat heti ja näkyvät puhelimissa.",
    },
    "ladder_answered": {
        "sv": "{count} har redan svarat i omgång {n}, så trappan kan inte ändras i den. "
        "Tryck v för en ny omgång (svaren hittills sparas).",
        "en": "{count} already answered round {n}, so its ladder cannot change. "
        "Press v for a new round (the answers so far are kept).",
        "fi": "{count} on jo vastannut kierrokseen {n}, joten portaita ei voi muuttaa. "
        "Paina v uutta kierrosta varten (vastaukset säilyvät).",
    },
    "ladder_locked": {
        "sv": "Nivåerna är låsta. Tryck v för en ny omgång för att ordna om trappan.",
        "en": "The levels are locked. Press v for a new round to rearrange the ladder.",
        "fi": "Tasot on lukittu. Paina v uutta kierrosta varten.",
    },
    "ladder_merge_hint": {
        "sv": "Gå till steget vars text ska stå kvar och tryck m igen (Esc avbryter).",
        "en": "Go to the rung whose words stay and press m again (Esc cancels).",
        "fi": "Siirry portaaseen, jonka teksti jää, ja paina m uudelleen (Esc peruu).",
    },
    "ladder_keys": {
        "sv": "←/→ område · ↑/↓ välj · ⏎/a lägg till förslag · K/J flytta upp/ned · "
        "m slå ihop · x ta bort · v ny omgång · Esc stäng",
        "en": "←/→ area · ↑/↓ select · ⏎/a add proposal · K/J move up/down · "
        "m merge · x drop · v new round · Esc close",
        "fi": "←/→ alue · ↑/↓ valitse · ⏎/a lisää ehdotus · K/J siirrä ylös/alas · "
        "m yhdistä · x poista · v uusi kierros · Esc sulje",
    },
    "previous_round": {
        "sv": "jämför med omgång {n} (inom parentes)",
        "en": "compared with round {n} (in brackets)",
        "fi": "verrattuna kierrokseen {n} (suluissa)",
    },
    "no_previous_round": {
        "sv": "Det finns ingen tidigare omgång att jämföra med.",
        "en": "There is no earlier round to compare with.",
        "fi": "Aiempaa kierrosta ei ole.",
    },
    "consensus_round": {
        "sv": "Omgång {n}: {responses} svar, {below} under {threshold}",
        "en": "Round {n}: {responses} answers, {below} below {threshold}",
        "fi": "Kierros {n}: {responses} vastausta, {below} alle {threshold}",
    },
    "consensus_back": {
        "sv": "← tillbaka till trappan, v ny omgång och lås igen; då börjar en ny "
        "knytnävsomgång här.",
        "en": "← back to the ladder, v for a new round and lock again; a new fist round "
        "then starts here.",
        "fi": "← takaisin portaisiin, v uusi kierros ja lukitse uudelleen; tänne alkaa "
        "silloin uusi kierros.",
    },
    "followup_of": {
        "sv": "Kampanjen vi följer upp",
        "en": "The campaign we are following up",
        "fi": "Seurattava kampanja",
    },
    "export_started": {
        "sv": "Exporterar servicekortet …",
        "en": "Exporting the service card …",
        "fi": "Viedään palvelukorttia …",
    },
    "export_done": {
        "sv": "Servicekortet är exporterat till {folder}: {files}",
        "en": "The service card is exported to {folder}: {files}",
        "fi": "Palvelukortti on viety kansioon {folder}: {files}",
    },
    "export_failed": {
        "sv": "Exporten misslyckades: {error}",
        "en": "The export failed: {error}",
        "fi": "Vienti epäonnistui: {error}",
    },
    # Dialogs and messages.
    "quit_question": {
        "sv": "Avsluta workshoppen? Allt är sparat och kan återupptas.",
        "en": "Quit the workshop? Everything is saved and can be resumed.",
        "fi": "Lopetetaanko työpaja? Kaikki on tallennettu ja voidaan jatkaa.",
    },
    "yes_quit": {"sv": "Ja, avsluta", "en": "Yes, quit", "fi": "Kyllä, lopeta"},
    "no_stay": {"sv": "Nej, stanna", "en": "No, stay", "fi": "Ei, jatka"},
    "help_title": {"sv": "Tangenter", "en": "Keys", "fi": "Näppäimet"},
    "refused": {
        "sv": "Gick inte: {message}",
        "en": "Not done: {message}",
        "fi": "Ei onnistu: {message}",
    },
    "server_failed": {
        "sv": "Deltagarservern startade inte: {error}",
        "en": "The participant server did not start: {error}",
        "fi": "Osallistujapalvelin ei käynnistynyt: {error}",
    },
}


def label(language: str, key: str, **values: Any) -> str:
    """The label `key` in `language` (English when the language is unknown), filled in."""
    texts = LABELS[key]
    text = texts.get(language, texts["en"])
    return text.format(**values) if values else text
