"""Headless commands over the services: the scriptable face of PEEL Desktop.

``peel-desktop [--db PATH] COMMAND …``. Errors print one line on stderr (no traceback) and
exit 1; usage errors exit 2.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import replace

from peel_desktop import paths
from peel_desktop.domain import ImportRejected, PeelError
from peel_desktop.services import history, library
from peel_desktop.services.library import Workspace


def _corrections(args: argparse.Namespace):
    from peel_desktop.services import imports

    data: dict = {}
    if args.corrections:
        try:
            if not args.corrections.is_file():
                raise ValueError("it is not a file of its own")
            with open(args.corrections, "rb") as handle:
                raw = handle.read(1_000_001)
            if len(raw) > 1_000_000:
                raise ValueError("it is larger than 1 MB")
            data = json.loads(raw.decode("utf-8"))
            corrections = imports.corrections_from_json(data)
        except (OSError, ValueError, RecursionError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror \
                else str(error)[:200]
            raise PeelError(
                f"{args.corrections.name}: the corrections cannot be read ({reason})."
            ) from None
    else:
        corrections = imports.Corrections()
    return replace(corrections, force=args.force or corrections.force,
                   cycle=args.cycle or corrections.cycle)


def _import(ws: Workspace, args: argparse.Namespace) -> int:
    from peel_desktop.services import imports  # the importers load only when importing

    failed = 0
    corrections = _corrections(args)
    previews = []
    if len(args.files) > 1 and not args.dry_run:
        from peel_desktop.storage import safety

        safety.take_backup(ws.path, "before bulk import")
    for path in args.files:
        try:
            if args.dry_run:
                previews.append(imports.preview(ws, path, corrections))
                continue
            outcome = imports.import_path(ws, path, corrections)
        except ImportRejected as error:
            print(f"peel-desktop: {error}", file=sys.stderr)
            failed += 1
            continue
        if outcome.duplicate:
            print(f"{outcome.file_name}: already imported as report {outcome.report_id} "
                  f"({outcome.title}); nothing changed.")
        else:
            edition = (f"; it supersedes report {outcome.superseded}, kept as an earlier edition"
                       if outcome.superseded else "")
            print(f"{outcome.file_name}: imported as report {outcome.report_id}, {outcome.title} "
                  f"({outcome.judgments} judgments, {outcome.findings} findings){edition}.")
    if previews:
        _print_previews(ws, previews, args.json)
    return 1 if failed else 0


def _print_previews(ws: Workspace, previews: list, as_json: bool) -> None:
    from peel_desktop.services import imports

    shown = [imports.preview_json(ws, p) for p in previews]
    if as_json:
        print(history.to_json(shown[0] if len(shown) == 1 else {"previews": shown}))
        return
    for item in shown:
        unsure = {u["index"]: u["reason"] for u in item["unsure"] if u["what"] == "judgment"}
        print(f"{item['file']}: {item['title']} — nothing written (dry run)")
        if item["problem"]:
            print(f"  ! cannot be imported as it stands: {item['problem']} "
                  "Give --force or --cycle to correct it.")
        for u in item["unsure"]:
            if u["what"] != "judgment":
                print(f"  ? {u['what']}: {u['reason']}")
        for index, j in enumerate(item["judgments"]):
            flag = f"  ? {unsure[index]}" if index in unsure else ""
            what = j["question"] or f"{j['pillar']} (overall)"
            print(f"  [{index}] {j['cycle']} {what}: {j['grade']} ({j['status']}){flag}")
        for f in item["findings"]:
            print(f"  - {f['kind'].replace('_', ' ')}: {f['text']}")


def _grades(ws: Workspace, args: argparse.Namespace) -> int:
    found = history.grade_history(ws, args.force)
    if args.json:
        print(history.to_json(found.as_json()))
        return 0
    columns, rows = history.grade_matrix(ws, found)
    print(f"{found.force}: PEEL grades as the imported sources state them")
    if not rows:
        print("No grades stated in the imported sources.")
    width = max([len(r.label) for r in rows] + [10])
    cell = max([len(r.text(c)) for r in rows for c in columns] + [8])
    print(" " * width + "  " + "  ".join(c.ljust(cell) for c in columns))
    for row in rows:
        texts = [(row.text(c) or "·").ljust(cell) for c in columns]
        print(row.label.ljust(width) + "  " + "  ".join(texts))
    for inspection in found.inspections:
        if inspection["stated_grade_counts"]:
            stated = ", ".join(f"{g.replace('_', ' ')} in {n}"
                               for g, n in inspection["stated_grade_counts"].items())
            print(f"{inspection['cycle']}: the source states only counts: {stated}.")
    print("· = not stated in the imported sources.")
    return 0


def _findings(ws: Workspace, args: argparse.Namespace) -> int:
    from peel_desktop.services import tracker

    force = library.resolve_force(ws, args.force)
    items = tracker.filtered(tracker.tracked(ws, force.key), cycle=args.cycle,
                             question=args.question, status=args.status, kind=args.kind,
                             keeps_coming_back=args.coming_back)
    if args.json:
        print(history.to_json({"force": force.name, "findings": [t.as_json() for t in items]}))
        return 0
    print(f"{force.name}: {len(items)} findings tracked")
    for t in items:
        where = t.source["page"] or t.source["paragraph"]
        label = "p." if t.source["page"] else "para."
        again = f" · raised in {', '.join(t.raised_in)}" if t.keeps_coming_back else ""
        print(f"- [{t.cycle}] {t.kind_label} — {t.question or 'general'}")
        print(f"  {t.display}")
        print(f"  ({t.source['report']}, {label} {where})")
        print(f"  Status: {t.status_label}{again}")
        if t.status_source:
            cited = t.status_source
            spot = f"p. {cited['page']}" if cited["page"] else f"para. {cited['paragraph']}"
            print(f"    “{cited['quote']}” ({cited['report']}, {spot})")
        if t.status_note:
            print(f"    Reviewer: {t.status_note}")
    return 0


def _response(ws: Workspace, args: argparse.Namespace) -> int:
    from datetime import date, datetime

    from peel_desktop import export
    from peel_desktop.services import response

    if args.published is not None:
        response.save(ws, args.report, published=args.published)
    if args.out:
        try:
            created = datetime.fromisoformat(args.created) if args.created else None
        except ValueError:
            raise PeelError(f"--created must be a date and time like 2026-11-23T10:00, not "
                            f"'{args.created}'.") from None
        size = export.write_response(ws, args.report, args.out, file_format=args.file_format,
                                     marking=args.marking, created=created)
        print(f"Wrote {args.out} ({size // 1024} KB).")
        return 0
    answer = response.load(ws, args.report)
    today = date.today()
    if args.json:
        print(history.to_json(answer.as_json(today)))
        return 0
    print(f"{answer.title} ({answer.force}, PEEL {answer.cycle})")
    if answer.deadline is None:
        print("Publication date not known: give it with --published YYYY-MM-DD.")
    else:
        left = answer.days_left(today)
        print(f"Published {answer.published}; the PCC's response is due by "
              f"{answer.deadline.isoformat()} ({_days(left)}).")
    for item in answer.items:
        done = "comments in" if item.chief_comment and item.pcc_comment else "to do"
        print(f"- {item.kind_label}: {item.text} [{done}]")
    return 0


def _days(left: int | None) -> str:
    if left is None:
        return ""
    if left < 0:
        return f"{-left} day{'s' * (left != -1)} overdue"
    if left == 0:
        return "due today"
    return f"{left} day{'s' * (left != 1)} left"


def _forces(ws: Workspace, args: argparse.Namespace) -> int:
    rows = library.forces(ws)
    if args.json:
        print(history.to_json({"forces": [
            {"key": f.key, "name": f.name, "reports": f.reports, "judgments": f.judgments}
            for f in rows
        ]}))
        return 0
    for f in rows:
        print(f"{f.name}: {f.reports} reports, {f.judgments} judgments")
    return 0


def _reports(ws: Workspace, args: argparse.Namespace) -> int:
    rows = library.repository.reports(ws.db)
    if args.json:
        keys = ("id", "title", "force", "cycle", "kind", "published", "pages")
        print(history.to_json({"reports": [{k: r[k] for k in keys} for r in rows]}))
        return 0
    for r in rows:
        print(f"{r['id']:>4}  {r['cycle']:<8} {r['title']}  [{r['source_name']}]")
    return 0


_COMMANDS = {
    "import": _import, "grades": _grades, "findings": _findings, "response": _response,
    "forces": _forces, "reports": _reports,
}


_WRITES = {"import", "annotate", "bundle", "areas"}


def run(args: argparse.Namespace) -> int:
    """Run a parsed command; returns the exit status."""
    writes = (args.command in _WRITES and not getattr(args, "dry_run", False) and getattr(
        args, "bundle_action", "import") in ("import", "resolve")
        and getattr(args, "areas_action", "link") == "link") or getattr(
        args, "published", None) is not None
    try:
        ws = library.open_user_workspace(args.db, lock=writes)
    except (PeelError, OSError) as error:
        print(f"peel-desktop: {error}", file=sys.stderr)
        return 1
    for problem in ws.framework.problems:  # an organisation's framework file not used
        print(f"peel-desktop: {problem}", file=sys.stderr)
    terminal = sys.stdout
    sys.stdout = _Clean(terminal)  # a report's text may hold control characters
    try:
        return _COMMANDS[args.command](ws, args)
    except PeelError as error:
        print(f"peel-desktop: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # unexpected: one line for the user, the traceback to the log
        from peel_desktop import support

        print(f"peel-desktop: {support.unexpected(error, args.command)}", file=sys.stderr)
        return 1
    finally:
        sys.stdout = terminal
        ws.close()


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x9b]")


class _Clean:
    """Standard output with control characters (terminal escapes, bells) left out."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(_CONTROL.sub("", text))

    def __getattr__(self, name: str):
        return getattr(self.stream, name)


def _annotate(ws: Workspace, args: argparse.Namespace) -> int:
    from peel_desktop.services import annotate, notes

    force = library.resolve_force(ws, args.force)
    found = notes.anchor_quote(ws, force.id, args.cycle, args.quote)
    made = annotate.annotate_passage(
        ws, passage_id=found["id"], start=found["start"], end=found["end"],
        author=args.author or paths.user_name(), note=args.note, tags=args.tag, rag=args.rag,
        key_evidence=args.key_evidence, ask_chief=args.ask_chief)
    print(f"Annotated {made.report}, paragraph {made.paragraph}: “{made.quote}” (id {made.id}).")
    return 0


def _notes(ws: Workspace, args: argparse.Namespace) -> int:
    from peel_desktop.services import notes

    data = notes.notes_json(ws, args.force)
    if args.json:
        print(history.to_json(data))
        return 0
    print(f"{data['force']}: {len(data['annotations'])} annotations")
    for a in data["annotations"]:
        flags = [w for w, on in (("key evidence", a["key_evidence"]),
                                 ("ask the chief constable", a["ask_chief"])) if on]
        extra = ", ".join([*(a["tags"]), *([a["rag"].upper()] if a["rag"] else []), *flags])
        print(f"- [{a['cycle'] or '—'}] {a['question'] or 'general'}: “{a['quote']}”")
        if a["note"]:
            print(f"  {a['note']}")
        print(f"  {extra}{' · ' if extra else ''}{a['author']}, {a['updated'][:16]}")
    return 0


def _bundle(ws: Workspace, args: argparse.Namespace) -> int:
    from peel_desktop.services import bundle

    author = paths.user_name()
    if args.bundle_action == "export":
        count = bundle.export(ws, args.file, author=author)
        print(f"Wrote {count} annotations and the review status to {args.file}.")
        return 0
    if args.bundle_action == "import":
        result = bundle.merge(ws, args.file, author=author)
        print(f"{args.file.name}: {result.added} added, {result.updated} updated, "
              f"{result.unchanged} unchanged, {result.conflicts} conflicts to resolve, "
              f"{result.statuses} review statuses merged"
              + (f", {result.links} areas linked to themes." if result.links else "."))
        return 0
    if args.bundle_action == "conflicts":
        for c in bundle.conflicts(ws):
            print(f"{c['id']}: annotation {c['annotation_id']} edited by you and in "
                  f"{c['bundle']} (by {c['their_author']}, as the bundle says): mine "
                  f"“{c['mine_note']}” / theirs “{c['their_note']}”")
        return 0
    bundle.resolve(ws, args.conflict, keep=args.keep, author=author)
    print(f"Conflict {args.conflict} resolved: kept {args.keep}.")
    return 0


def _areas(ws: Workspace, args: argparse.Namespace) -> int:
    from peel_desktop.services import areas

    if args.areas_action == "list":
        held = areas.named_areas(ws)
        if args.json:
            print(json.dumps([{"key": a.key, "cycle": a.cycle, "title": a.title,
                               "theme": a.theme, "linked": a.linked_theme is not None}
                              for a in held], indent=2, ensure_ascii=False))
            return 0
        for a in held:
            how = "your link" if a.linked_theme else "by its name" if a.theme else ""
            under = f"{a.theme} ({how})" if a.theme else "Other areas graded"
            print(f"{a.key}  PEEL {a.cycle}: {a.title} — under {under}")
        if not held:
            print("No report held grades an area the framework data does not list.")
        return 0
    theme = None if args.theme.lower() == "none" else args.theme
    areas.link(ws, args.area, theme, author=paths.user_name())
    print(f"{areas.area(ws, args.area).title}: compared under "
          f"{theme or 'the theme its name tells, or Other areas graded'}.")
    return 0


_COMMANDS.update({"annotate": _annotate, "notes": _notes, "bundle": _bundle,
                  "areas": _areas})


def _brief(ws: Workspace, args: argparse.Namespace) -> int:
    from datetime import datetime

    from peel_desktop.services import briefing

    try:
        created = datetime.fromisoformat(args.created) if args.created else None
    except ValueError:
        raise PeelError(f"--created must be a date and time like 2026-11-23T10:00, not "
                        f"'{args.created}'.") from None
    options = briefing.BriefingOptions(
        force=args.force, cycles=tuple(args.cycles), questions=tuple(args.questions),
        marking=args.marking, title=args.title, meeting_date=args.meeting_date,
        author=args.author, created=created)
    from peel_desktop import export

    pack, size = export.write(ws, options, args.out, reviewer=paths.user_name(),
                              file_format=args.file_format)
    print(f"Wrote {args.out} ({size // 1024} KB): {pack.title}, {len(pack.sections)} questions, "
          f"PEEL {', '.join(pack.board.cycles)}.")
    return 0


_COMMANDS["brief"] = _brief


def _search(ws: Workspace, args: argparse.Namespace) -> int:
    from peel_desktop.services import search

    found = search.search(ws, args.query, force=args.force, cycle=args.cycle, kind=args.kind,
                          question=args.question, limit=args.limit)
    if args.json:
        print(history.to_json(found.json()))
        return 0
    if found.hint and not found.total:
        print(found.hint)
        return 0
    print(f"{found.total} found for “{found.query}”" + (
        (f"; the best {len(found.hits)}:" if args.force or args.cycle else
         f"; the first {len(found.hits)}, newest cycle first:")
        if found.total > len(found.hits) else ":"))
    for hit in found.hits:
        text = hit.json(("[", "]"))
        where = f"page {hit.page}" if hit.page else (
            f"paragraph {hit.paragraph}" if hit.paragraph else "")
        print(f"- {hit.kind} · PEEL {hit.cycle} · {hit.question or 'general'}")
        print(f"  {text['snippet']}")
        print(f"  ({hit.report or hit.force}{', ' + where if where else ''})")
    return 0


_COMMANDS["search"] = _search
