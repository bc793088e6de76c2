"""Which force, which cycle, what kind of document, who published it and when."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from peel_desktop.domain import Force, Pillar, ReportKind
from peel_desktop.framework import Framework, cycle_key
from peel_desktop.importers import ExtractedReport
from peel_desktop.recognise.vocab import find_phrases, norm

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_DATE_MDY = re.compile(r"^([A-Z][a-z]{2,8})\.? (\d{1,2}), (20\d\d)$")
_DATE_DMY = re.compile(r"^(?:published:? )?(\d{1,2}) ([A-Z][a-z]{2,8}) (20\d\d)$", re.I)
_PUBLISHED = re.compile(r"\b(?i:published):?\s+(?:on\s+)?(\d{1,2}) ([A-Z][a-z]{2,8}) (20\d\d)\b")
_INSPECTED = re.compile(
    r"\b(?:in|between|from|during)\b[^.;]{0,40}?\b(20\d\d),? (?:we|hmicfrs|hmic|the inspectorate)"
    r" (?:inspected|graded|judged|assessed|rated)\b"
)
# a saved page's chrome above its title: site banners about other programmes, consultation
# and cookie notices, "Skip to content"
_FURNITURE = re.compile(r"(?i)\bskip to (?:main )?content\b|\bconsult(?:ing|ation)\b|"
                        r"\byour views\b|\bcookies?\b|^\s*(?:menu|search)\s*$")
_UPDATED = re.compile(r"\b(?:last )?updated:? (?:on )?\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b")
_PEEL_WORDS = ("hmicfrs", "hmic", "inspectorate", "peel", "inspection", "inspected")
_KIND_LABEL = {
    ReportKind.INSPECTION_REPORT: "inspection report",
    ReportKind.FORCE_SUMMARY: "force summary",
    ReportKind.VALUE_FOR_MONEY: "value for money report",
    ReportKind.PRESS_RELEASE: "press release",
    ReportKind.NEWS_ARTICLE: "news article",
}


@dataclass(frozen=True)
class DocumentFacts:
    force: Force | None
    cycle: str | None
    kind: ReportKind
    publisher: str | None
    published: str | None  # ISO date
    main_pillar: Pillar | None
    peel_vocabulary: bool
    # stated | published (inferred from the date) | title (a cycle the data does not know,
    # named by the title) | reviewer
    cycle_basis: str = "stated"
    other_forces: tuple[str, ...] = ()  # forces named nearly as often as the one chosen
    force_basis: str = "stated"  # stated | reviewer

    def title(self) -> str:
        force = self.force.name if self.force else "Unknown force"
        return f"{force}: PEEL {self.cycle or '?'} {_KIND_LABEL[self.kind]}"


def force_mentions(text_norm: str, framework: Framework) -> list[tuple[Force, int]]:
    """Every force named in the text with its position (longest names win)."""
    by_name: dict[str, Force] = {}
    for force in framework.forces:
        for name in (force.name, *force.aliases):
            by_name[norm(name)] = force
    return [(by_name[m.group(0)], m.start()) for m in find_phrases(text_norm, by_name)]


def _force(text_norm: str, framework: Framework) -> tuple[Force | None, tuple[str, ...]]:
    """The force the document is about, and any others named nearly as much."""
    counts: Counter[str] = Counter()
    forces = {}
    for force, position in force_mentions(text_norm, framework):
        counts[force.key] += 3 if position < 1500 else 1
        forces[force.key] = force
    if not counts:
        return None, ()
    ranked = counts.most_common()
    key, score = ranked[0]
    close = tuple(forces[k].name for k, s in ranked[1:4] if s >= 0.6 * score)
    return (forces[key] if score >= 3 else None), close


def _published(report: ExtractedReport) -> str | None:
    for paragraph in report.paragraphs[:12]:
        for line in paragraph.lines:
            line = line.strip()
            found = _DATE_MDY.match(line)
            if found:
                month, day, year = found.group(1), found.group(2), found.group(3)
            elif found := _DATE_DMY.match(line) or _PUBLISHED.search(line):
                day, month, year = found.group(1), found.group(2), found.group(3)
            else:
                continue
            number = _MONTHS.get(month[:3].lower())
            if number:
                try:
                    return date(int(year), number, int(day)).isoformat()
                except ValueError:
                    continue
    return None


def _title_cycles(head_norm: str, fw: Framework) -> list[str]:
    """Cycles a year in the title names: "PEEL 2021/22"; "Surrey PEEL 2018" is the cycle that
    starts in 2018 (2018/19) when no cycle is called by the year alone."""
    title_year = re.search(r"\b(20\d\d(?:[/-]\d\d)?)\b", head_norm)
    if not title_year:
        return []
    year = title_year.group(1)
    named = [c.key for c in fw.cycles if year in (c.key, c.key.replace("-", "/"))]
    return named or [c.key for c in fw.cycles if len(year) == 4 and c.key[:4] == year
                     and len(c.key) > 4]


_TITLE_FORM = re.compile(r"\bpeel:?\s+(20\d\d)\s*(?:[-/]\s*|to\s+)?(?:20)?(\d\d)\b(?![-/]\d)")


def title_cycle(head_norm: str) -> str | None:
    """The cycle a title names in the form of cycles since 2021: "PEEL 2021/22",
    "PEEL 2025–27", "PEEL 2025–2027", "PEEL 202527" (the dash lost), "PEEL 2027 to 2029"."""
    found = _TITLE_FORM.search(head_norm)
    if not found:
        return None
    start, end = int(found.group(1)), int(found.group(1)[:2] + found.group(2))
    if not start < end <= start + 3:
        return None
    return cycle_key(start, end)


def _cycle(
    text_norm: str, head_norm: str, published: str | None, fw: Framework
) -> tuple[str | None, str]:
    words, address = _split_address(head_norm)
    named = title_cycle(words)
    if named and not fw.knows(named):
        # a cycle the framework data does not know yet ("PEEL 2027–29"): its title says so,
        # whatever earlier cycles the text compares it with
        return named, "title"
    scores: Counter[str] = Counter()
    for cycle in fw.cycles:
        for match in find_phrases(text_norm, cycle.mentions):
            scores[cycle.key] += 3 if match.start() < 1500 else 1
    for key in _title_cycles(words, fw):
        scores[key] += 5
    if scores:
        return scores.most_common(1)[0][0], "stated"
    # A letter or statement about an inspection names when it was done: "Between 17 May and
    # 11 June 2021, we inspected …", "In 2021, HMICFRS graded …" — that inspection's cycle,
    # not the cycle of the date in the letter's address or of the day it was sent.
    inspected = _INSPECTED.search(text_norm)
    if inspected and fw.cycle_of_year(inspected.group(1)):
        return fw.cycle_of_year(inspected.group(1)), "stated"
    named = _title_cycles(address, fw)
    if named:
        return named[0], "stated"
    if published:
        dated = [c.key for c in fw.cycles
                 if c.published_from and c.published_from <= published <= c.published_to]
        if len(dated) == 1:  # in the months two cycles' reports overlap, the reviewer says
            return dated[0], "published"
    return None, "stated"


def _split_address(head_norm: str) -> tuple[str, str]:
    """The head's words, and the web address a saved page or corpus text starts with."""
    found = re.search(r"https?://\S+", head_norm)
    if not found:
        return head_norm, ""
    return head_norm[:found.start()] + head_norm[found.end():], found.group(0)


def _kind(text_norm: str, report: ExtractedReport) -> ReportKind:
    first_lines = [line for p in report.paragraphs[:15] for line in p.lines]
    if "notes to editors" in text_norm or "press office" in text_norm:
        return ReportKind.PRESS_RELEASE
    if any(re.match(r"^By [A-Z][a-z]+ [A-Z]", line) for line in first_lines):
        return ReportKind.NEWS_ARTICLE
    if "last updated" in text_norm and ("skip to content" in text_norm or "view the" in text_norm):
        return ReportKind.FORCE_SUMMARY
    if "valuing the police" in text_norm or "value for money" in text_norm[:600]:
        return ReportKind.VALUE_FOR_MONEY
    return ReportKind.INSPECTION_REPORT


def _publisher(text_norm: str, kind: ReportKind, report: ExtractedReport) -> str | None:
    if kind is ReportKind.NEWS_ARTICLE:
        for paragraph in reversed(report.paragraphs[-6:]):
            found = re.search(r"Copyright ©\s*(?:\d{4}\s+)?([^.\n]+)", paragraph.text)
            if found:
                return found.group(1).strip()
        return None
    if "hmicfrs" in text_norm:
        return "HMICFRS"
    if re.search(r"\bhmic\b", text_norm):
        return "HMIC"
    return None


def _main_pillar(head_norm: str) -> Pillar | None:
    named = [p for p in Pillar if p.value in head_norm or p.value[:-1] in head_norm]
    return named[0] if len(named) == 1 else None


_HEAD_CHARS = 40_000  # who and which cycle a report is about is settled in its opening pages


def identify(report: ExtractedReport, framework: Framework) -> DocumentFacts:
    text = report.text
    text_norm = norm(text if len(text) <= 2 * _HEAD_CHARS
                     else text[:_HEAD_CHARS] + " " + text[-_HEAD_CHARS // 4:])
    # the title: the opening paragraphs' first lines (a hard-wrapped PDF may set a whole
    # letter as one paragraph, with the date it was sent among them)
    opening = [p for p in report.paragraphs[:8] if not _FURNITURE.search(p.text)][:3]
    head = [line for p in opening for line in p.lines][:8]
    # when a page was last updated is not the cycle it is about ("Dyfed-Powys PEEL 2015 …
    # Last updated 18/02/2016")
    head_norm = _UPDATED.sub(" ", norm(" ".join(head)))
    kind = _kind(text_norm, report)
    published = _published(report)
    force, others = _force(text_norm, framework)
    cycle, basis = _cycle(text_norm, head_norm, published, framework)
    return DocumentFacts(
        force=force,
        cycle=cycle,
        cycle_basis=basis,
        other_forces=others,
        kind=kind,
        publisher=_publisher(text_norm, kind, report),
        published=published,
        main_pillar=_main_pillar(head_norm),
        peel_vocabulary=any(w in text_norm and re.search(rf"\b{w}\b", text_norm)
                            for w in _PEEL_WORDS),
    )
