"""Friendly generated names for phones, and room codes that are easy to read aloud."""

from __future__ import annotations

import secrets

# No 0/O, 1/I/L: a room code read off a projector must not be mistyped.
ROOM_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ"
ROOM_LENGTH = 4

_ADJECTIVES = {
    "sv": "Glad Modig Lugn Snabb Vänlig Klok Pigg Nyfiken Varm Stark Ljus Trygg Rask Mild Kvick",
    "en": "Happy Brave Calm Swift Kind Wise Bright Curious Warm Steady Sunny Gentle Quick Bold "
    "Keen",
    "fi": "Iloinen Rohkea Rauhallinen Nopea Ystävällinen Viisas Pirteä Utelias Lämmin Vahva "
    "Reipas Lempeä Ketterä Valoisa Tarkka",
}
_ANIMALS = {
    "sv": "Ekorre Uggla Lo Älg Räv Björn Hare Igelkott Trana Lax Utter Mås Bäver Säl Hjort",
    "en": "Squirrel Owl Lynx Moose Fox Bear Hare Hedgehog Crane Salmon Otter Gull Beaver Seal Deer",
    "fi": "Orava Pöllö Ilves Hirvi Kettu Karhu Jänis Siili Kurki Lohi Saukko Lokki Majava Hylje "
    "Peura",
}


def friendly_name(language: str, taken: set[str] | None = None) -> str:
    """A two-word name in `language` (the joining phone's; English for a language without
    words of its own), not already taken if that can be helped."""
    adjectives = _ADJECTIVES.get(language, _ADJECTIVES["en"]).split()
    animals = _ANIMALS.get(language, _ANIMALS["en"]).split()
    taken = taken or set()
    name = ""
    for _ in range(20):
        name = f"{secrets.choice(adjectives)} {secrets.choice(animals)}"
        if name not in taken:
            return name
    return f"{name} {secrets.randbelow(90) + 10}"


def room_code() -> str:
    """A random four-letter room code."""
    return "".join(secrets.choice(ROOM_ALPHABET) for _ in range(ROOM_LENGTH))


def normalise_room(text: str) -> str:
    """A typed room code as the server knows it (case and stray spaces forgiven)."""
    return text.strip().upper()
