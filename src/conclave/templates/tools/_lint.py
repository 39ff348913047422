"""Static checks of Python code: syntax errors, undefined names, unused imports and bare
``except:`` clauses, each as ``(line, column, "CODE message")`` with flake8's codes."""

from __future__ import annotations

import ast
import builtins
import symtable
from collections.abc import Iterator

Issue = tuple[int, int, str]
_KNOWN_GLOBALS = frozenset(dir(builtins)) | {
    "__file__", "__builtins__", "__annotations__", "__path__", "__cached__",
}  # fmt: skip


def find_issues(code: str) -> list[Issue]:
    """The issues of ``code``: its syntax error alone if it has one, else the rest."""
    try:
        tree = ast.parse(code)
        compile(code, "solution.py", "exec", dont_inherit=True)
    except SyntaxError as error:
        line, column = error.lineno or 1, error.offset or 1
        return [(line, column, f"E999 syntax error: {error.msg}")]
    return [*_undefined_names(code, tree), *_unused_imports(tree), *_bare_excepts(tree)]


def _undefined_names(code: str, tree: ast.Module) -> list[Issue]:
    """Names read somewhere that no scope defines and that are not builtins."""
    if _star_import(tree):
        return []  # a star import may define anything, so nothing can be called undefined
    module = symtable.symtable(code, "solution.py", "exec")
    defined = {symbol.get_name() for symbol in module.get_symbols() if _binds(symbol)}
    defined |= {s.get_name() for t in _scopes(module) for s in t.get_symbols() if _binds(s)
                and s.is_declared_global()}  # fmt: skip
    missing = {
        symbol.get_name()
        for table in _scopes(module)
        for symbol in table.get_symbols()
        if symbol.is_referenced() and _reads_global(table is module, symbol)
    }
    missing -= defined | _KNOWN_GLOBALS
    return [(*_first_use(tree, name), f"F821 undefined name {name!r}") for name in missing]


def _star_import(tree: ast.Module) -> bool:
    return any(
        isinstance(node, ast.ImportFrom) and any(alias.name == "*" for alias in node.names)
        for node in ast.walk(tree)
    )


def _scopes(table: symtable.SymbolTable) -> Iterator[symtable.SymbolTable]:
    yield table
    for child in table.get_children():
        yield from _scopes(child)


def _binds(symbol: symtable.Symbol) -> bool:
    return symbol.is_assigned() or symbol.is_imported() or symbol.is_namespace()


def _reads_global(at_module: bool, symbol: symtable.Symbol) -> bool:
    if at_module:
        return not _binds(symbol)
    return symbol.is_global() and not symbol.is_assigned()


def _first_use(tree: ast.Module, name: str) -> tuple[int, int]:
    uses = [
        (node.lineno, node.col_offset + 1)
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and node.id == name
    ]
    return min(uses, default=(1, 1))


def _unused_imports(tree: ast.Module) -> list[Issue]:
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    used |= _exported(tree)
    issues = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            for alias in node.names:
                bound = alias.asname or alias.name.split(".")[0]
                if bound not in used and alias.name != "*":
                    where = (node.lineno, node.col_offset + 1)
                    shown = f"{alias.name} as {alias.asname}" if alias.asname else alias.name
                    issues.append((*where, f"F401 {shown!r} imported but unused"))
    return issues


def _exported(tree: ast.Module) -> set[str]:
    """Names listed in ``__all__``, which count as used."""
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "__all__" for target in node.targets
        ):
            value = node.value
            if isinstance(value, ast.List | ast.Tuple):
                return {
                    e.value
                    for e in value.elts
                    if isinstance(e, ast.Constant) and isinstance(e.value, str)
                }
    return set()


def _bare_excepts(tree: ast.Module) -> list[Issue]:
    return [
        (node.lineno, node.col_offset + 1, "E722 bare except; catch a specific exception")
        for node in ast.walk(tree)
        if isinstance(node, ast.ExceptHandler) and node.type is None
    ]
