"""Build parsed Documents with hand-set actors, for coding tests that must not wait for the actors stage."""

from __future__ import annotations

import re
from typing import Any

from newsevents.model import Actor, Article, Document

# A few actor names as the actors stage would code them (code, country, role).
ACTORS: dict[str, tuple[str, str | None, str | None]] = {
    "Chinese president": ("CHNGOV", "CHN", "GOV"),
    "Chinese head of state": ("CHNGOV", "CHN", "GOV"),
    "president of China": ("CHNGOV", "CHN", "GOV"),
    "Chinese Ministry of Foreign Affairs": ("CHNGOV", "CHN", "GOV"),
    "Chinese": ("CHN", "CHN", None),
    "Xi Jinping": ("CHNGOV", "CHN", "GOV"),
    "Xi": ("CHNGOV", "CHN", "GOV"),
    "Beijing": ("CHNGOV", "CHN", "GOV"),
    "China": ("CHN", "CHN", None),
    "Russian presidency": ("RUSGOV", "RUS", "GOV"),
    "Russian president": ("RUSGOV", "RUS", "GOV"),
    "Vladimir Putin": ("RUSGOV", "RUS", "GOV"),
    "Putin": ("RUSGOV", "RUS", "GOV"),
    "Kremlin": ("RUSGOV", "RUS", "GOV"),
    "Moscow": ("RUSGOV", "RUS", "GOV"),
    "Russia": ("RUS", "RUS", None),
    "Russian": ("RUS", "RUS", None),
    "Ukrainian president": ("UKRGOV", "UKR", "GOV"),
    "Volodymyr Zelensky": ("UKRGOV", "UKR", "GOV"),
    "Zelensky": ("UKRGOV", "UKR", "GOV"),
    "Kiev": ("UKRGOV", "UKR", "GOV"),
    "Ukraine": ("UKR", "UKR", None),
    "Saudi Arabia": ("SAU", "SAU", None),
    "Iran": ("IRN", "IRN", None),
    "Israel": ("ISR", "ISR", None),
    "Israeli": ("ISR", "ISR", None),
    "police": ("---COP", None, "COP"),
    "protesters": ("---OPP", None, "OPP"),
    "United States": ("USA", "USA", None),
    "Washington": ("USAGOV", "USA", "GOV"),
    "Reuters": ("---MED", None, "MED"),
    "The Wall Street Journal": ("USAMED", "USA", "MED"),
    "Wall Street Journal": ("USAMED", "USA", "MED"),
    "Uzbekistan": ("UZB", "UZB", None),
    "Iraq": ("IRQ", "IRQ", None),
    "Canadian": ("CAN", "CAN", None),
    "Palestinian leaders": ("PSEGOV", "PSE", "GOV"),
    "France": ("FRA", "FRA", None),
    "Germany": ("DEU", "DEU", None),
    "Japan": ("JPN", "JPN", None),
    "Armenia": ("ARM", "ARM", None),
    "Azerbaijan": ("AZE", "AZE", None),
    "Hamas": ("PSEREB", "PSE", "REB"),
    "opposition leaders": ("---OPP", None, "OPP"),
    "Caracas": ("VENGOV", "VEN", "GOV"),
    "Turkish police": ("TURCOP", "TUR", "COP"),
    "Syria": ("SYR", "SYR", None),
}


def tag_actors(text: str, names: dict[str, tuple[str, str | None, str | None]] | None = None) -> list[Actor]:
    """Return actors for every occurrence of the known names, longest name first, no overlaps."""
    names = names or ACTORS
    taken: list[tuple[int, int]] = []
    out: list[Actor] = []
    for name in sorted(names, key=len, reverse=True):
        for m in re.finditer(r"\b" + re.escape(name) + r"\b", text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            code, country, role = names[name]
            taken.append((m.start(), m.end()))
            out.append(Actor(m.group(0), m.start(), m.end(), code, country, role))
    return sorted(out, key=lambda a: a.start)


def parsed(
    nlp: Any, text: str, published: str | None = "2023-03-17", removed: list | None = None
) -> Document:
    """Return a Document with text parsed by ``nlp`` and actors set from ACTORS."""
    doc = Document(article=Article.from_text(text, published=published), text=text)
    doc.removed = removed or []
    doc.parse = nlp(doc.masked_text())
    doc.actors = [a for a in tag_actors(text) if not doc.is_removed(a.start, a.end)]
    return doc
