#!/usr/bin/env python3
"""Fails when a module includes a module its layer does not allow.

The private include trees (scripts/layer-includes.sh) catch most forbidden includes at build
time, but a module's meson dependency exports its include tree to everything that uses it, so
a skip-level include (sweep including ringbench/io/...) still compiles. This reads the allowed
modules from each src/<module>/meson.build (the one place the table lives; a module built as
several libraries, like sweep's analysis and runner, may use the union of theirs) and checks
every `#include "ringbench/<module>/..."` in src/<module> and include/ringbench/<module>.

Usage: check-layering.py SOURCE_ROOT
"""
import pathlib
import re
import sys

LAYER_CALL = re.compile(r"run_command\(layer_script,.*?include_root,(.*?)check", re.DOTALL)
QUOTED = re.compile(r"'([a-z_]+)'")
INCLUDE = re.compile(r'^\s*#\s*include\s+"ringbench/([a-z_]+)/', re.MULTILINE)


def allowed_modules(root: pathlib.Path) -> dict[str, set[str]]:
    table = {}
    for build in sorted((root / "src").glob("*/meson.build")):
        for match in LAYER_CALL.finditer(build.read_text()):
            table.setdefault(build.parent.name, set()).update(QUOTED.findall(match.group(1)))
    return table


def violations(root: pathlib.Path, table: dict[str, set[str]]) -> list[str]:
    found = []
    for module, allowed in table.items():
        dirs = [root / "src" / module, root / "include" / "ringbench" / module]
        for source in sorted(p for d in dirs if d.exists() for p in d.rglob("*") if p.suffix in (".h", ".cc")):
            for used in INCLUDE.findall(source.read_text()):
                if used not in allowed:
                    found.append(f"{source.relative_to(root)}: module '{module}' may not include "
                                 f"ringbench/{used}/ (allowed: {', '.join(sorted(allowed))})")
    return found


def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    table = allowed_modules(root)
    if len(table) < 10:
        print(f"layering table incomplete: found {sorted(table)} in src/*/meson.build")
        return 1
    problems = violations(root, table)
    for p in problems:
        print(p)
    print(f"{len(table)} modules checked, {len(problems)} forbidden includes")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
