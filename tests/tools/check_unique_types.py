#!/usr/bin/env python3
"""One name per concept, for types: no two classes, structs or enums with the
same name in the same namespace anywhere in the product's sources.

Two such definitions in different libraries link without a word (the One
Definition Rule is not diagnosed across translation units), and the program
then runs one type's inline code on the other's objects: this happened with
two vela::app::ReplyStream classes (the worker's and a view model's), whose
destructors crashed each other. The check reads the sources, not the
binaries: it tracks `namespace a::b {` blocks by brace depth and records
every type defined at namespace scope (forward declarations and types in
anonymous namespaces, which have internal linkage, are not definitions that
can clash).

Usage: check_unique_types.py SOURCE_ROOT [DIR ...]   (default dirs: app inference)
Exit status 1 and one line per clash when a name is defined twice.
"""
import re
import sys
from collections import defaultdict
from pathlib import Path

NAMESPACE = re.compile(r'^\s*namespace\s*([A-Za-z_][\w:]*)?\s*\{')
TYPE = re.compile(r'^\s*(?:template\s*<[^>]*>\s*)?(class|struct|enum\s+class|enum\s+struct|enum)\s+'
                  r'(?:\[\[[^\]]*\]\]\s*)?([A-Za-z_][\w:]*\w)\b(?!\s*;)([^;]*)$')


def strip(line):
    line = re.sub(r'//.*', '', line)
    return re.sub(r'"(?:\\.|[^"\\])*"', '""', line)


def definitions(path):
    """Yields (namespace, name, line number) for types defined at namespace scope."""
    stack = []  # (namespace name or None for a non-namespace brace, depth at open)
    depth = 0
    in_comment = False
    for number, raw in enumerate(path.read_text(errors='replace').splitlines(), 1):
        line = raw
        if in_comment:
            if '*/' not in line:
                continue
            line = line.split('*/', 1)[1]
            in_comment = False
        line = re.sub(r'/\*.*?\*/', '', strip(line))
        if '/*' in line:
            line, in_comment = line.split('/*', 1)[0], True
        at_namespace_scope = all(kind is not None for kind, _ in stack)
        m = TYPE.match(line)
        if m and at_namespace_scope and '(' not in m.group(3).split('{')[0]:
            names = [k for k, _ in stack]
            if '' not in names:  # an anonymous namespace: internal linkage
                yield '::'.join(names), m.group(2), number
        n = NAMESPACE.match(line)
        for ch in line:
            if ch == '{':
                if n is not None:
                    stack.append((n.group(1) or '', depth))
                    n = None
                else:
                    stack.append((None, depth))
                depth += 1
            elif ch == '}':
                depth -= 1
                if stack:
                    stack.pop()


def main():
    root = Path(sys.argv[1] if len(sys.argv) > 1 else '.')
    dirs = sys.argv[2:] or ['app', 'inference']
    seen = defaultdict(list)
    for d in dirs:
        for path in sorted((root / d).rglob('*')):
            if path.suffix in ('.h', '.hpp', '.cpp') and path.is_file():
                for ns, name, line in definitions(path):
                    seen[(ns, name)].append(f'{path.relative_to(root)}:{line}')
    clashes = {k: v for k, v in seen.items() if len({p.split(':')[0] for p in v}) > 1}
    for (ns, name), where in sorted(clashes.items()):
        print(f'{ns}::{name} is defined in more than one file: {", ".join(where)}')
    print(f'{len(seen)} types checked, {len(clashes)} defined twice')
    return 1 if clashes else 0


if __name__ == '__main__':
    sys.exit(main())
