"""Earlier areas for improvement that a later report refers back to, and the progress it states.

"Our 2017 efficiency report identified an area for improvement. It said the force should …
These areas had improved." becomes a 2017 area for improvement, cited to the later report's
own words, with the status those words give: closed (the inspectorate found it addressed),
in progress (limited progress) or open (no progress stated); and which of the later report's
own findings raises it again, if one does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from peel_desktop.framework import Framework
from peel_desktop.importers import ExtractedReport, Paragraph
from peel_desktop.recognise.vocab import norm, read_on, sentences

_IDENTIFIED = re.compile(
    r"\b(?:our )?(20\d\d(?:/\d\d)?)\b[^.]*?\b(?:report|inspection)s? identified\b(?P<middle>.*?)"
    r"\b(?:an |two |three )?areas? for improvement\b")
_THIS = re.compile(r"\b(?:we )?identified (?:this|these) as (?:an )?areas? for improvement in "
                   r"(20\d\d)")
_ALSO = re.compile(r"\b(?:this|which) was also an area for improvement in (20\d\d)")
_HAD = re.compile(r"\b(?:had|has|was given|received) (?:an |two |three )?areas? for improvement "
                  r"(?:in|from) (?:our|the) (20\d\d(?:/\d\d)?)\b")
# "In 2017, we found the force should supervise investigations better."
_FOUND_SHOULD = re.compile(r"\bin (20\d\d(?:/\d\d)?),? we (?:found|said|concluded|reported) "
                           r"(?:that )?(the force (?:should|needed to|must)\b.*)$")
_SHOULD = re.compile(r"\b((?:the force|[a-z-]+(?: [a-z-]+)?) should\b.*)$", re.I | re.S)
_CLOSED = re.compile(r"\b(?:made (?:clear|good|significant|strong) progress|had improved|has "
                     r"improved|have improved|has (?:now )?addressed|been addressed)\b")
_LIMITED = re.compile(r"\b(?:limited progress|little progress|little improvement|not fully "
                      r"addressed|no significant changes|some progress|not yet addressed)\b")
# searched in the lowered paragraph (faster than re.I)
_CHEAP = re.compile(r"for\s+improvement|\bwe (?:found|said|concluded|reported)\b")
_LEAD = re.compile(r"^(?:(?:we )?(?:said|stated|recommended)(?: that)? )", re.I)
_STOP_WORDS = ("the a an and or of to in on for its it that this with be is are was were has have "
               "should would could can will so as by at from all any force our we")
_STOP = frozenset(_STOP_WORDS.split())


@dataclass(frozen=True)
class Reference:
    cycle: str  # the earlier cycle that raised it
    text: str  # the area for improvement as the later report describes it (verbatim)
    paragraph: int  # where the description is
    quote: str  # the sentence(s) cited
    status: str  # the progress the later report states: open | in_progress | closed
    status_quote: str | None
    status_paragraph: int | None
    repeated_by: int | None = None  # index of the later report's own finding that repeats it


def words(text: str) -> set[str]:
    """Content-word stems, to tell whether two descriptions are of the same finding."""
    out = set()
    for word in re.findall(r"[a-z]+", norm(text)):
        if word in _STOP or len(word) < 3:
            continue
        out.add(word[:6])
    return out


def similar(a: str, b: str) -> float:
    x, y = words(a), words(b)
    return len(x & y) / max(1, min(len(x), len(y)))


def _progress(candidates: list[tuple[str, int]]) -> tuple[str, str | None, int | None]:
    for sentence, ordinal in candidates:
        n = norm(sentence)
        if _LIMITED.search(n):
            return "in_progress", sentence, ordinal
        if _CLOSED.search(n):
            return "closed", sentence, ordinal
    return "open", None, None


def _following(paragraphs: list[Paragraph], index: int, start: int) -> list[tuple[str, int]]:
    """Sentences after position ``start`` of paragraph ``index``, then the next two paragraphs."""
    out = [(s, paragraphs[index].ordinal) for s in sentences(paragraphs[index].text)[start:]]
    for p in paragraphs[index + 1:index + 3]:
        out += [(s, p.ordinal) for s in sentences(p.text)]
    return out


def find(report: ExtractedReport, report_cycle: str, own: list[str],
         framework: Framework) -> list[Reference]:
    """References to earlier areas for improvement; ``own`` is the report's own findings'
    text, to mark those raised again."""
    paragraphs = read_on(p for p in report.paragraphs if p.role == "body")
    found: list[Reference] = []
    for index, paragraph in enumerate(paragraphs):
        lowered = paragraph.text.lower()
        # cheap tests first: most paragraphs refer to no earlier finding, and the pattern can
        # match only where one of its words is
        if not (("improvement" in lowered or "we " in lowered) and _CHEAP.search(lowered)):
            continue
        said = sentences(paragraph.text)
        for at, sentence in enumerate(said):
            n = norm(sentence)
            earlier = _FOUND_SHOULD.search(n)
            if earlier:
                cycle = framework.cycle_of_year(earlier.group(1), report_cycle)
                if cycle and cycle != report_cycle:
                    after = _following(paragraphs, index, at + 1)
                    status, quote, status_at = _progress(after)
                    found.append(Reference(cycle, _verbatim(sentence, earlier.group(2)),
                                           paragraph.ordinal, sentence, status, quote,
                                           status_at))
                continue
            if "for improvement" not in n:
                continue
            match = (_IDENTIFIED.search(n) or _THIS.search(n) or _ALSO.search(n)
                     or _HAD.search(n))
            if not match:
                continue
            cycle = framework.cycle_of_year(match.group(1), report_cycle)
            if cycle is None or cycle == report_cycle:
                continue
            after = _following(paragraphs, index, at + 1)
            descriptions: list[tuple[str, int, str]] = []
            if match.re is _IDENTIFIED and match.group("middle").strip(" ,") and "should" not in n:
                middle = match.group("middle").strip(" ,")
                if middle not in ("an", "two", "three", "") and not middle.startswith("an "):
                    text = _verbatim(sentence, middle.removesuffix(" as").strip())
                    descriptions.append((text, paragraph.ordinal, sentence))
            if not descriptions and match.re in (_THIS, _ALSO) and at > 0:
                descriptions.append((said[at - 1], paragraph.ordinal,
                                     f"{said[at - 1]} {sentence}"))
            if not descriptions:
                wanted = 2 if " two areas" in n else 1
                for later, ordinal in after:
                    should = _SHOULD.search(later)
                    if should and len(words(should.group(1))) >= 2:
                        text = _LEAD.sub("", should.group(1))  # verbatim: case as written
                        descriptions.append((text, ordinal, later))
                        if len(descriptions) == wanted:
                            break
            status, status_quote, status_at = _progress(
                [(s, o) for s, o in after if all(s != d[2] for d in descriptions)]
                + ([(sentence, paragraph.ordinal)] if match.re is not _IDENTIFIED else []))
            for text, ordinal, quote in descriptions:
                found.append(Reference(cycle, text, ordinal, quote, status, status_quote,
                                       status_at))
    return _link(_dedupe(found), own)


def _verbatim(sentence: str, lowered: str) -> str:
    """The words of ``sentence`` whose normalised form is ``lowered`` (keeps their case)."""
    at = norm(sentence).find(lowered)
    return sentence[at:at + len(lowered)] if at >= 0 else lowered


def _twin(kept: list[Reference], ref: Reference) -> Reference | None:
    """The already-found reference ``ref`` most likely describes again (three shared content
    words at least: "understanding demand" is not "understanding the workforce")."""
    scored = [(similar(k.text, ref.text), k) for k in kept if k.cycle == ref.cycle
              and len(words(k.text) & words(ref.text)) >= 3]
    score, twin = max(scored, key=lambda pair: pair[0], default=(0.0, None))
    return twin if score >= 0.34 else None


def _dedupe(found: list[Reference]) -> list[Reference]:
    """One reference per earlier finding: the fullest description (the "should" sentence),
    with its own progress statement unless only the other reference states one."""
    kept: list[Reference] = []
    for ref in found:
        twin = _twin(kept, ref)
        if twin is None:
            kept.append(ref)
            continue
        better, other = (ref, twin) if _fuller(ref, twin) else (twin, ref)
        if better.status == "open" and other.status != "open":
            better = replace(better, status=other.status, status_quote=other.status_quote,
                             status_paragraph=other.status_paragraph)
        kept[kept.index(twin)] = better
    return kept


def _fuller(ref: Reference, than: Reference) -> bool:
    return "should" in norm(ref.text) and "should" not in norm(than.text)


def _link(found: list[Reference], own: list[str]) -> list[Reference]:
    out = []
    for ref in found:
        scores = [(similar(ref.text, text), i) for i, text in enumerate(own)
                  if len(words(ref.text) & words(text)) >= 3]
        best = max(scores, default=(0.0, None))
        if best[0] >= 0.5:
            ref = replace(ref, repeated_by=best[1])
        out.append(ref)
    return out
