"""The Python half of tests/export: reads Python exports back with ast and tokenize.

stdin: a JSON list of file names. stdout: a JSON list of
{"file", "error", "shape", "strs", "comments"}: shape is ast.dump with every str
constant's value left out, strs the str constants in source order, comments
the comment tokens.
"""
import ast
import io
import json
import sys
import tokenize


class Strs(ast.NodeTransformer):
    def __init__(self):
        self.strs = []

    def visit_Constant(self, node):
        if isinstance(node.value, str):
            self.strs.append(node.value)
            return ast.copy_location(ast.Constant(value="<str>"), node)
        return node


def read(name):
    out = {"file": name, "error": "", "shape": "", "strs": [], "comments": []}
    with open(name, encoding="utf-8", errors="surrogatepass") as f:
        src = f.read()
    try:
        tree = ast.parse(src, name)
        out["comments"] = [t.string for t in tokenize.generate_tokens(io.StringIO(src).readline) if t.type == tokenize.COMMENT]
    except (SyntaxError, ValueError, tokenize.TokenError) as e:
        out["error"] = f"{type(e).__name__}: {e}"
        return out
    v = Strs()
    tree = v.visit(tree)
    out["shape"] = ast.dump(tree)
    out["strs"] = v.strs
    return out


json.dump([read(n) for n in json.load(sys.stdin)], sys.stdout)
