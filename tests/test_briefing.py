"""Briefing packs: the PDF and Word document a PCC takes into the meeting."""

from __future__ import annotations

import re
import socket
from datetime import datetime

import pypdfium2 as pdfium
import pytest
from docx import Document

from peel_desktop.export import write as export_pack
from peel_desktop.main import main
from peel_desktop.services import annotate, briefing, notes
from peel_desktop.services.library import resolve_force

WORDS = "we reviewed 60 files from recent investigations"
AWKWARD = "Check <b>this</b> & that 👍 🚓 — Gŵyl ŷ, Łódź, مرحبا بكم, שלום"
CREATED = datetime(2026, 11, 23, 10, 0)


@pytest.fixture
def annotated_ws(seeded_ws):
    force = resolve_force(seeded_ws, "Leic")
    place = notes.anchor_quote(seeded_ws, force.id, "2018/19", WORDS)
    annotate.annotate_passage(seeded_ws, passage_id=place["id"], start=place["start"],
                              end=place["end"], author="ana", note=AWKWARD,
                              tags=["concern", "<tag & co>"], rag="amber", key_evidence=True,
                              ask_chief=True)
    long_place = notes.anchor_quote(seeded_ws, force.id, "2018/19", "The force prioritises")
    annotate.annotate_passage(seeded_ws, passage_id=long_place["id"], start=long_place["start"],
                              end=long_place["end"], author="ana", key_evidence=True,
                              note="A long note that must wrap and break across pages. " * 120)
    return seeded_ws


def pages(data: bytes) -> list[str]:
    document = pdfium.PdfDocument(data)
    out = []
    for index in range(len(document)):
        page = document[index]
        textpage = page.get_textpage()
        out.append(textpage.get_text_range().replace("\r\n", "\n"))
        textpage.close()
        page.close()
    document.close()
    return out


def export(ws, tmp_path, name="pack.pdf", **options) -> bytes:
    options = {"force": "Leic", "meeting_date": "2026-12-01", "author": "Policy team",
               "created": CREATED, **options}
    export_pack(ws, briefing.BriefingOptions(**options), tmp_path / name, reviewer="ana",
                file_format="docx" if name.endswith(".docx") else "pdf")
    return (tmp_path / name).read_bytes()


def flat(text: str) -> str:
    return " ".join(text.split())


def test_pdf_sections_grades_quotes_and_citations(annotated_ws, tmp_path):
    text = [flat(page) for page in pages(export(annotated_ws, tmp_path))]
    whole = "\n".join(text)
    for heading in ("Contents", "Summary", "What changed since the previous inspection",
                    "Question by question", "Questions for the chief constable", "Sources"):
        assert heading in whole
    assert text[0].count("Leicestershire Police: PEEL inspection briefing") == 1
    assert "Meeting" in text[0] and "2026-12-01" in text[0] and "Policy team" in text[0]
    assert "Requires improvement" in whole and "Good (carried over from 2016)" in whole
    assert "cannot be compared directly" in whole
    assert f"“{WORDS}”" in whole
    assert "Leicestershire Police: PEEL 2018/19 inspection report, page 10, PEEL 2018/19" in whole
    assert "The force should train all officers about the rules of disclosure" in whole
    assert "Open Government Licence v3.0" in whole


def test_awkward_text_is_printed_as_written(annotated_ws, tmp_path):
    whole = flat("\n".join(pages(export(annotated_ws, tmp_path))))
    assert "Check <b>this</b> & that" in whole  # shown, not taken as markup
    assert "👍" in whole
    assert "[POLICE CAR]" in whole  # no font has it: named, never dropped
    assert "Gŵyl ŷ" in whole and "Łódź" in whole
    assert "<tag & co>" in whole
    assert "مرحبا" in whole or "ﺎﺒﺣﺮﻣ" in whole or "ابحرم" in whole


def test_marking_and_page_numbers_on_every_page(annotated_ws, tmp_path):
    text = pages(export(annotated_ws, tmp_path, marking="OFFICIAL-SENSITIVE"))
    assert len(text) >= 10
    for number, page in enumerate(text, start=1):
        assert page.count("OFFICIAL-SENSITIVE") >= 2, number
        assert f"Page {number} of {len(text)}" in page
        assert "Leicestershire Police · 2026-12-01" in page
    plain = pages(export(annotated_ws, tmp_path, name="plain.pdf", marking="NONE"))
    assert not any("OFFICIAL" in page for page in plain)


def test_contents_give_the_page_each_section_starts_on(annotated_ws, tmp_path):
    text = pages(export(annotated_ws, tmp_path))
    contents = text[1]
    line = next(x for x in contents.splitlines() if x.startswith("Questions for the chief"))
    page = int(line.split()[-1])
    assert "Questions for the chief constable" in text[page - 1]


def test_long_notes_wrap_and_break_across_pages(annotated_ws, tmp_path):
    text = pages(export(annotated_ws, tmp_path))
    holding = [n for n, page in enumerate(text) if "must wrap and break across pages" in page]
    assert len(holding) >= 2  # one note, continued on the next page


def test_same_data_and_options_give_identical_bytes(annotated_ws, tmp_path):
    first = export(annotated_ws, tmp_path, name="a.pdf")
    second = export(annotated_ws, tmp_path, name="b.pdf")
    assert first == second
    assert export(annotated_ws, tmp_path, name="a.docx") == export(
        annotated_ws, tmp_path, name="b.docx")


def test_pdf_metadata_and_no_machine_details(annotated_ws, tmp_path):
    data = export(annotated_ws, tmp_path)
    document = pdfium.PdfDocument(data)
    meta = document.get_metadata_dict()
    words = "".join(page.get_textpage().get_text_range() for page in document)
    document.close()
    assert meta["Title"] == "Leicestershire Police: PEEL inspection briefing"
    assert meta["Author"] == "Policy team"
    assert meta["CreationDate"].startswith("D:20261123")
    for secret in (str(tmp_path), str(annotated_ws.path), socket.gethostname(), "/home/",
                   "/root"):
        assert not any(secret in value for value in meta.values())
        assert not re.search(rf"\b{re.escape(secret)}\b", words)
        if len(secret) >= 6:  # a short host name ("vm") occurs by chance in compressed bytes
            assert secret.encode() not in data


def test_word_document_has_the_same_sections_as_real_headings_and_tables(annotated_ws,
                                                                        tmp_path):
    export(annotated_ws, tmp_path, name="pack.docx", marking="OFFICIAL-SENSITIVE")
    document = Document(tmp_path / "pack.docx")
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for heading in ("Summary", "What changed since the previous inspection",
                    "Question by question", "Investigating crime",
                    "Questions for the chief constable", "Sources"):
        assert heading in headings
    assert document.sections[0].header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    summary = document.tables[1]
    assert summary.rows[0].cells[0].text == "Question"
    assert summary.rows[0]._tr.trPr.xml.count("tblHeader") == 1
    texts = "\n".join(p.text for p in document.paragraphs)
    assert AWKWARD in texts
    assert f"“{WORDS}”" in texts


def test_choosing_cycles_and_questions(annotated_ws, tmp_path):
    text = "\n".join(pages(export(annotated_ws, tmp_path, cycles=("2017", "2018/19"),
                                  questions=("investigating", "efficiency overall"))))
    assert "PEEL 2014" not in text and "PEEL 2017" in text
    assert "Investigating crime" in text and "Efficiency overall" in text
    assert "Treating the public fairly" not in text


@pytest.mark.parametrize(("args", "message"), [
    (["--meeting-date", "next week"], "The meeting date must be YYYY-MM-DD"),
    (["--cycles", "2015"], "has no imported reports for PEEL 2015"),
    (["--questions", "knitting"], "No question matching knitting"),
])
def test_bad_options_are_one_line(capsys, seeded_db_path, tmp_path, args, message):
    code = main(["--db", str(seeded_db_path), "brief", "--force", "leic", "--out",
                 str(tmp_path / "x.pdf"), *args])
    assert code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
    assert not (tmp_path / "x.pdf").exists()


def _section(pack, label):
    return next(s for s in pack.sections if s.item.label == label)


def test_key_evidence_on_a_force_summary_stands_under_its_pillar(seeded_ws):
    force = resolve_force(seeded_ws, "Leic")
    place = notes.anchor_quote(seeded_ws, force.id, "2017",
                               "Leicestershire Police is good at keeping people safe")
    made = annotate.annotate_passage(seeded_ws, passage_id=place["id"], start=place["start"],
                                     end=place["end"], author="ana", key_evidence=True,
                                     note="The headline for the panel")
    assert made.item_key == "pillar:effectiveness"  # the page sets it under that heading
    pack = briefing.build(seeded_ws, briefing.BriefingOptions(force="Leic"), "ana")
    section = _section(pack, "Effectiveness overall")
    assert [n.annotation.note for n in section.key_evidence] == ["The headline for the panel"]
    assert pack.general_evidence == ()


def test_a_carried_over_questions_words_are_about_that_question(seeded_ws):
    pack = briefing.build(seeded_ws, briefing.BriefingOptions(force="Leic"), "ana")
    section = _section(pack, "Treating and supporting the workforce")
    [latest] = [c for c in section.columns if c.cell.cycle == "2018/19"]
    said = " ".join(latest.summary)
    # Before: the inspector's general opening stood here.
    assert "I am pleased with Leicestershire Police’s performance in keeping people safe" \
        not in said
    assert "our judgment from the 2017 legitimacy inspection has been carried over" in said
    for column in (c for s in pack.sections for c in s.columns):
        for sentence in column.summary:  # sentences, never a bare heading or table row
            assert sentence.rstrip("”’").endswith((".", "?", "!")), sentence


def test_the_reviewers_reason_for_a_tracker_status_is_printed(seeded_ws, tmp_path):
    from peel_desktop.services import tracker

    finding = next(t for t in tracker.tracked(seeded_ws, "Leic")
                   if t.text.startswith("The force should train all officers"))
    tracker.set_status(seeded_ws, finding.id, "in_progress",
                       "Disclosure training began in March; the chief will report in June.",
                       "ana")
    text = flat(" ".join(pages(export(seeded_ws, tmp_path))))
    assert "Statuses set by the reviewer" in text
    assert "Reviewer’s reason: Disclosure training began in March; the chief will report in " \
           "June." in text
    export(seeded_ws, tmp_path, name="pack.docx")
    words = " ".join(cell.text for table in Document(tmp_path / "pack.docx").tables
                     for row in table.rows for cell in row.cells)
    assert "Reviewer’s reason: Disclosure training began in March" in words
