"""Trim the ICU data Qt brings (31 MB) to what an English desktop app reads.

    python packaging/trim_icu.py dist/peel-desktop

PySide6's Linux wheels ship ICU with every language's data compiled into libicudata: locale
names, currencies, calendars, collation and break dictionaries for hundreds of languages,
and some two hundred legacy character converters. Qt reads ICU for text boundaries,
normalisation, case and collation; its own CLDR tables hold the locale data, and the app
reads and writes UTF-8 only. This keeps the root and English entries of every tree, the
break rules, normalisation and property files, the time zones and the root collation;
leaves out the other languages, the converters and the break dictionaries (Chinese,
Japanese, Thai, Lao, Burmese, Khmer); and builds a libicudata of the same name and symbol
around the smaller package.

Needs icupkg (ICU's own packaging tool) and a C compiler; without them the bundle keeps
the whole data and this says so. Linux only (Windows and macOS builds use the system's ICU).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# Item names inside the package, after its "icudtNNl/" prefix.
_ENGLISH = re.compile(r"(^|/)(root|en|en_GB|en_001|en_150|pool|res_index|supplementalData"
                      r"|metaZones|timezoneTypes|windowsZones|zoneinfo64|keyTypeData"
                      r"|likelySubtags|numberingSystems|plurals|dayPeriods|grammaticalFeatures"
                      r"|pluralRanges|currencyNumericCodes|icuver|icustd|tzdbNames|units|genderList"
                      r"|supplementalMetadata|langInfo)\.res$")
_DROP_TREES = ("brkitr/", "coll/", "curr/", "lang/", "locales/", "rbnf/", "region/",
               "translit/", "unit/", "zone/")


def keep(item: str) -> bool:
    """Whether an English-only app needs this package item."""
    if item.endswith(".cnv") or item.endswith(".dict"):
        return False  # legacy converters; word-break dictionaries of other scripts
    if item.endswith(".res") and "/" not in item:
        return bool(_ENGLISH.search(item))  # the locale tree at the top level
    if item.startswith(_DROP_TREES) and item.endswith(".res"):
        return bool(_ENGLISH.search(item))
    return True  # .brk rules, .nrm, .icu, .cfu, .spp, .lst, and the rest


def _symbol(lib: Path) -> tuple[str, int, int]:
    """The data symbol's name, and its file offset and size in the library."""
    symbols = subprocess.run(["nm", "-D", "-S", "--defined-only", str(lib)], check=True,
                             capture_output=True, text=True).stdout
    found = re.search(r"^([0-9a-f]+) ([0-9a-f]+) R (icudt\d+_dat)$", symbols, re.M)
    if not found:
        raise SystemExit(f"{lib.name}: no ICU data symbol")
    address, size, name = int(found[1], 16), int(found[2], 16), found[3]
    sections = subprocess.run(["readelf", "-S", "-W", str(lib)], check=True,
                              capture_output=True, text=True).stdout
    for line in sections.splitlines():
        parts = line.replace("[ ", "[").split()
        if len(parts) > 5 and parts[1] == ".rodata":
            section_address, section_offset = int(parts[3], 16), int(parts[4], 16)
            return name, address - section_address + section_offset, size
    raise SystemExit(f"{lib.name}: no .rodata section")


def trim(bundle: Path) -> int:
    libs = [p for p in bundle.rglob("libicudata.so.*") if not p.is_symlink()]
    tools = [shutil.which(t) for t in ("icupkg", "cc", "nm", "readelf")]
    if not libs:
        print("trim_icu: no ICU data library in the bundle; nothing to do")
        return 0
    if not all(tools):
        print("trim_icu: icupkg, cc, nm or readelf not found; the ICU data is kept whole")
        return 0
    for lib in libs:
        name, offset, size = _symbol(lib)
        before = lib.stat().st_size
        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder)
            package = work / f"{name[:-4]}l.dat"
            with lib.open("rb") as handle:
                handle.seek(offset)
                package.write_bytes(handle.read(size))
            listing = subprocess.run(["icupkg", "-l", str(package)], check=True,
                                     capture_output=True, text=True).stdout.split()
            drop = [item for item in listing if not keep(item)]
            (work / "drop.txt").write_text("\n".join(drop) + "\n", encoding="ascii")
            small = work / "small.dat"
            subprocess.run(["icupkg", "--ignore-deps", "-r", str(work / "drop.txt"),
                            str(package), str(small)], check=True, capture_output=True)
            source = work / "icudata.S"
            source.write_text(
                f"\t.section .rodata\n\t.globl {name}\n\t.type {name}, @object\n"
                f"\t.balign 16\n{name}:\n\t.incbin \"{small}\"\n\t.size {name}, .-{name}\n"
                "\t.section .note.GNU-stack,\"\",@progbits\n", encoding="ascii")
            built = work / lib.name
            subprocess.run(["cc", "-shared", "-nostdlib", f"-Wl,-soname,{lib.name}",
                            "-o", str(built), str(source)], check=True, capture_output=True)
            shutil.copyfile(built, lib)
        print(f"trim_icu: {lib.name} {before / 2**20:.1f} MiB → "
              f"{lib.stat().st_size / 2**20:.1f} MiB ({len(drop)} of {len(listing)} items "
              "left out)")
    return 0


if __name__ == "__main__":
    sys.exit(trim(Path(sys.argv[1])))
