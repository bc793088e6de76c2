"""The words reports use for grades, years and cycles, and phrase matching over them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from peel_desktop.domain import Grade
from peel_desktop.importers import Paragraph

# typographic characters and their plain forms (str.replace per character is several times
# faster than str.translate with a table, and norm runs on every line of every report)
_PLAIN = (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"),
          ("\u00a0", " "), ("‐", "-"))

GRADE_WORDS = r"outstanding|good|adequate|inadequate|requires? improvement|requiring improvement"
_GRADE_RUN = re.compile(rf"(?:(?:{GRADE_WORDS}|ungraded)\s*)+")
_GRADE_ONE = re.compile(rf"{GRADE_WORDS}|ungraded")
# how a line of grade words can begin (the words of GRADE_WORDS and "ungraded"): a cheap
# test before the pattern, which most lines fail
_GRADE_STARTS = ("outstanding", "good", "adequate", "inadequate", "requir", "ungraded")
YEAR = r"20\d\d(?:[/-]\d\d)?"
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[A-Z0-9‘“\"'(•])")
NUMBERS = {
    "no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}


def norm(text: str) -> str:
    """Lower case, straight quotes, plain hyphens, single spaces."""
    if not text.isascii():
        for typographic, plain in _PLAIN:
            if typographic in text:
                text = text.replace(typographic, plain)
    return " ".join(text.lower().split())


def parse_grade(words: str) -> Grade:
    words = norm(words).strip("'\" ")
    if "improvement" in words:
        return Grade.REQUIRES_IMPROVEMENT
    return Grade(words)


def grade_line(text: str, *, normalised: bool = False) -> list[Grade] | None:
    """The grades of a line made only of grade words ('Good', 'Good GoodGood'), else None."""
    clean = (text if normalised else norm(text)).strip(" .:;'\"")
    if len(clean) > 80 or not clean.startswith(_GRADE_STARTS):
        return None
    if not clean or not _GRADE_RUN.fullmatch(clean):
        return None
    return [parse_grade(m.group(0)) for m in _GRADE_ONE.finditer(clean)]


@lru_cache(maxsize=256)
def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One regex finding any of ``phrases`` as whole words, longest first."""
    ordered = sorted({norm(p) for p in phrases}, key=len, reverse=True)
    body = "|".join(re.escape(p) for p in ordered)
    return re.compile(rf"(?<![a-z])(?:{body})(?![a-z])")


@lru_cache(maxsize=256)
def _normed(phrases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted({norm(p) for p in phrases}))


_FEW = 16  # up to this many phrases, each is looked for as plain text before any pattern runs


def find_phrases(text_norm: str, phrases: Iterable[str]) -> list[re.Match[str]]:
    phrases = tuple(phrases)
    if not phrases:
        return []
    if len(phrases) <= _FEW:
        # a pattern scans the text position by position; a phrase absent as plain text cannot
        # match, and most of a cycle's names are absent from any one report
        phrases = tuple(p for p in _normed(phrases) if p in text_norm)
        if not phrases:
            return []
    return list(phrase_pattern(phrases).finditer(text_norm))


def sentences(text: str) -> list[str]:
    """Split running text into sentences (good enough for report prose)."""
    return [s.strip() for s in SENTENCE_SPLIT.split(text) if s.strip()]


def read_on(paragraphs: Iterable[Paragraph]) -> list[Paragraph]:
    """The paragraphs with each that a page break cuts mid-sentence joined to the one it runs
    on into ("… how to better identify" / "and develop talent …"), under the first one's
    ordinal and page, so a sentence is read whole."""
    out: list[Paragraph] = []
    for paragraph in paragraphs:
        if out and paragraph.page is not None and out[-1].page is not None and (
                paragraph.page > out[-1].page and paragraph.lines and out[-1].lines):
            ends = out[-1].lines[-1].rstrip()
            if (ends[-1:].islower() or ends.endswith(",")) and paragraph.lines[0][:1].islower():
                out[-1] = replace(out[-1], lines=out[-1].lines + paragraph.lines)
                continue
        out.append(paragraph)
    return out
