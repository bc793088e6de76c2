"""Reading framework files: the bundled ones, and an organisation's additions in the data
folder, each checked against resources/framework/framework-file.schema.json.

An extra file adds or corrects cycles, questions, crosswalk themes and not-comparable marks
(docs/framework.md). A file that is not valid JSON, breaks the schema, or names a cycle,
question or theme that does not exist is not used at all; its problem is one sentence naming
the file and the line.
"""

from __future__ import annotations

import copy
import json
import json.decoder
import json.scanner
from pathlib import Path

from peel_desktop import paths


class FrameworkFileError(ValueError):
    """An extra framework file that cannot be used; ``str()`` is the sentence to show."""


class _Positions:
    """JSON text decoded with the position of each object in it, for line numbers."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: dict[int, int] = {}
        decoder = json.JSONDecoder()
        plain = decoder.parse_object

        def parse_object(s_and_end, *args):
            value, end = plain(s_and_end, *args)
            self.starts[id(value)] = s_and_end[1] - 1
            return value, end

        decoder.parse_object = parse_object
        decoder.scan_once = json.scanner.py_make_scanner(decoder)
        self.value = decoder.decode(text)

    def line_of(self, path) -> int:
        """The line of the deepest object on ``path`` (keys and indexes from the top), or of
        the key the path ends at when that can be found after it."""
        node, start = self.value, self.starts.get(id(self.value), 0)
        for step in path:
            try:
                node = node[step]
            except (KeyError, IndexError, TypeError):
                break
            if isinstance(node, dict) and id(node) in self.starts:
                start = self.starts[id(node)]
            elif isinstance(step, str):
                found = self.text.find(json.dumps(step), start)
                start = found if found >= 0 else start
        return self.text.count("\n", 0, start) + 1


def _schema() -> dict:
    with open(paths.framework_dir() / "framework-file.schema.json", encoding="utf-8") as handle:
        return json.load(handle)


def read_bundled(folder: Path, name: str) -> dict:
    with open(folder / name, encoding="utf-8") as handle:
        return json.load(handle)


def _fail(path: Path, line: int, message: str) -> FrameworkFileError:
    message = message.rstrip(".")
    return FrameworkFileError(f"The framework file {path.name} was not used: line {line}: "
                              f"{message}.")


def read_extra(path: Path) -> _Positions:
    """An organisation's framework file, decoded and checked against the schema."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise _fail(path, 1, "it is not UTF-8 text") from None
    try:
        held = _Positions(text)
    except json.JSONDecodeError as error:
        raise _fail(path, error.lineno, f"it is not valid JSON ({error.msg})") from None
    import jsonschema  # only when there is such a file: it costs start-up 150 ms to load

    problems = sorted(jsonschema.Draft202012Validator(_schema()).iter_errors(held.value),
                      key=lambda e: held.line_of(e.absolute_path))
    if problems:
        first = problems[0]
        where = ".".join(str(p) for p in first.absolute_path)
        raise _fail(path, held.line_of(first.absolute_path),
                    f"{first.message}" + (f" (at {where})" if where else ""))
    return held


def merge(base: dict, themes: dict, held: _Positions, path: Path) -> tuple[dict, dict]:
    """``base`` (cycles.json's content) and ``themes`` (themes.json's) with the extra file's
    cycles, questions, themes, crosswalk entries and not-comparable marks applied. Raises
    FrameworkFileError for a name that does not exist; the inputs are left as they were."""
    data, theme_data, extra = copy.deepcopy(base), copy.deepcopy(themes), held.value
    theme_by_key = {t["key"]: t for t in theme_data["themes"]}
    for n, theme in enumerate(extra.get("themes", ())):
        if theme["key"] in theme_by_key:
            theme_by_key[theme["key"]].update(theme)
        elif "label" not in theme:
            raise _fail(path, held.line_of(["themes", n]),
                        f"the new theme {theme['key']} needs a label")
        else:
            theme_data["themes"].append({"note": "", "group": "other", **theme})
            theme_by_key[theme["key"]] = theme_data["themes"][-1]
    cycles = {c["key"]: c for c in data["cycles"]}
    for n, cycle in enumerate(extra.get("cycles", ())):
        at = ["cycles", n]
        held_cycle = cycles.get(cycle["key"])
        if held_cycle is None:
            missing = [f for f in ("scale",) if f not in cycle]
            if missing:
                raise _fail(path, held.line_of(at),
                            f"the new cycle {cycle['key']} needs a {missing[0]}")
            held_cycle = {"pillars_graded": False, "published_from": "", "published_to": "",
                          "questions": [], "years": [cycle["key"]], "mentions": [],
                          "source": f"framework file {path.name}"}
            data["cycles"].append(held_cycle)
            cycles[cycle["key"]] = held_cycle
        questions = cycle.get("questions")
        held_cycle.update({k: v for k, v in cycle.items() if k != "questions"})
        if questions is not None:
            if "same_as" not in cycle:
                _own_questions(held_cycle, cycles)
            by_slug = {q["slug"]: q for q in held_cycle.setdefault("questions", [])}
            for k, question in enumerate(questions):
                if question["slug"] in by_slug:
                    by_slug[question["slug"]].update(question)
                elif "title" not in question:
                    raise _fail(path, held.line_of([*at, "questions", k]),
                                f"the new question {question['slug']} needs a title")
                else:
                    held_cycle["questions"].append(dict(question))
    for n, entry in enumerate(extra.get("crosswalk", ())):
        cycle = cycles.get(entry["cycle"])
        if cycle is None:
            raise _fail(path, held.line_of(["crosswalk", n]),
                        f"there is no cycle {entry['cycle']}")
        _own_questions(cycle, cycles)
        question = next((q for q in cycle["questions"] if q["slug"] == entry["question"]), None)
        if question is None:
            raise _fail(path, held.line_of(["crosswalk", n]),
                        f"cycle {entry['cycle']} has no question {entry['question']}")
        question["theme"] = entry["theme"]
    breaks = {b["after"]: b for b in data["not_comparable"]}
    for entry in extra.get("not_comparable", ()):
        if entry["after"] in breaks:
            breaks[entry["after"]].update(entry)
        else:
            data["not_comparable"].append(dict(entry))
    _check_names(data, theme_by_key, held, path, extra)
    return data, theme_data


def _own_questions(cycle: dict, cycles: dict) -> None:
    """A cycle that reuses another's questions ('same_as') given its own copy of them, to
    correct without changing the other's."""
    if "same_as" in cycle:
        cycle["questions"] = copy.deepcopy(cycles[cycle.pop("same_as")]["questions"])


def _check_names(data: dict, themes: dict, held: _Positions, path: Path, extra: dict) -> None:
    cycles = {c["key"] for c in data["cycles"]}
    for n, cycle in enumerate(extra.get("cycles", ())):
        if cycle.get("same_as") and cycle["same_as"] not in cycles:
            raise _fail(path, held.line_of(["cycles", n, "same_as"]),
                        f"there is no cycle {cycle['same_as']}")
        for k, question in enumerate(cycle.get("questions", ())):
            if question.get("theme") and question["theme"] not in themes:
                raise _fail(path, held.line_of(["cycles", n, "questions", k]),
                            f"there is no theme {question['theme']}")
    for n, entry in enumerate(extra.get("crosswalk", ())):
        if entry["theme"] not in themes:
            raise _fail(path, held.line_of(["crosswalk", n]),
                        f"there is no theme {entry['theme']}")
    for n, entry in enumerate(extra.get("not_comparable", ())):
        if entry["after"] not in cycles:
            raise _fail(path, held.line_of(["not_comparable", n]),
                        f"there is no cycle {entry['after']}")


def extra_files(folder: Path | None) -> list[Path]:
    """The organisation's framework files in ``folder``, in name order."""
    if folder is None or not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() == ".json" and p.is_file())
