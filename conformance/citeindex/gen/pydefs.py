"""Print the functions, classes and methods of Python files as JSON, for cmd citeindex.

Usage: pydefs.py FILE...  ->  {"FILE": [["Class.method", first_line, last_line], ...], ...}
Functions nested inside functions are left out: a citation names something a reader can find
from the top of the file. A file that does not parse is reported, not skipped silently.
"""
import ast
import json
import sys


def walk(body, prefix, out):
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out.append([prefix + node.name, node.lineno, node.end_lineno])
        elif isinstance(node, ast.ClassDef):
            out.append([prefix + node.name, node.lineno, node.end_lineno])
            walk(node.body, prefix + node.name + ".", out)
        elif isinstance(node, (ast.If, ast.Try)):
            # `if sys.version_info ...: def f` and `try: import x except: def f` define at top level.
            walk(node.body, prefix, out)
            walk(getattr(node, "orelse", []), prefix, out)
            for h in getattr(node, "handlers", []):
                walk(h.body, prefix, out)
            walk(getattr(node, "finalbody", []), prefix, out)


def main():
    result, errors = {}, {}
    for path in sys.argv[1:]:
        try:
            with open(path, "rb") as f:
                tree = ast.parse(f.read(), filename=path)
        except (SyntaxError, ValueError, OSError) as e:
            errors[path] = str(e)
            continue
        out = []
        walk(tree.body, "", out)
        result[path] = out
    json.dump({"files": result, "errors": errors}, sys.stdout)


main()
