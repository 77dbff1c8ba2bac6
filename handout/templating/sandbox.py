"""A Jinja environment for templates nobody has vetted: a clinic's folder, or our own.

Templates run in Jinja's immutable sandbox, may call only what a template needs (macros,
blocks, the gettext function, a few text methods), load only regular files inside their
folder, and every render has a budget: loop turns and calls, the size of any one value, the
text made in all, and the output. Counting work rather than time keeps a refusal
deterministic: the same template fails at the same place on every machine.
"""

from __future__ import annotations

import contextvars
import inspect
import operator
import os
import posixpath
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar, cast

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.filters import do_join, do_replace
from jinja2.runtime import BlockReference, LoopContext, Macro, markup_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Cycler, Joiner, Namespace
from jinja2.visitor import NodeTransformer
from markupsafe import soft_str

from handout.errors import HandoutError

T = TypeVar("T")

MAX_TEMPLATE_BYTES = 256_000
MAX_STEPS = 200_000  # loop turns and calls in one render; the handout needs about 3,000
MAX_VALUE = 200_000  # characters (or items) of any one value a template builds
MAX_WORK = 20_000_000  # characters built in all, so a loop cannot copy without end
MAX_OUTPUT = 5_000_000  # characters of rendered XML; 52 weeks of sheets are about 300,000
MAX_NUMBER = 100_000  # largest number a call or filter takes: widths, counts, ranges
MAX_BITS = 4096  # largest number a template computes: far beyond any count or date
MAX_NESTING = 20  # lists and mappings a template builds inside one another
MAX_COMPILED = 2_000_000  # characters of template source compiled in one render

# Filters that are safe as they are once their arguments and results are bounded.
_PLAIN_FILTERS = (
    "abs",
    "attr",
    "batch",
    "capitalize",
    "count",
    "d",
    "default",
    "dictsort",
    "e",
    "escape",
    "first",
    "float",
    "groupby",
    "int",
    "items",
    "last",
    "length",
    "list",
    "lower",
    "map",
    "max",
    "min",
    "reject",
    "rejectattr",
    "reverse",
    "round",
    "select",
    "selectattr",
    "slice",
    "sort",
    "string",
    "striptags",
    "sum",
    "title",
    "trim",
    "truncate",
    "unique",
    "upper",
    "wordcount",
)
# Methods of text a template may call; anything else (str.format among them) is refused.
_TEXT_METHODS = frozenset(
    {
        "capitalize",
        "count",
        "endswith",
        "find",
        "isdigit",
        "lower",
        "lstrip",
        "replace",
        "rstrip",
        "split",
        "startswith",
        "strip",
        "title",
        "upper",
        "join",
    }
)
_MAPPING_METHODS = frozenset({"get", "items", "keys", "values"})
_PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?s|%%")


class TemplateBudgetError(SecurityError):
    """A render went past one of its bounds."""


@dataclass
class _Budget:
    steps: int = 0
    work: int = 0
    compiled: int = 0
    # Containers measured so far, by identity (kept alive, so an identity is never reused):
    # their size counting every nested item, however often it is shared, and their depth.
    measured: dict[int, tuple[Any, int, int]] = field(default_factory=dict)

    def step(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise TemplateBudgetError(
                f"the template runs more than {MAX_STEPS:,} loop turns and calls"
            )

    def spend(self, amount: int) -> None:
        self.work += amount
        if self.work > MAX_WORK:
            raise TemplateBudgetError(
                f"the template does more than {MAX_WORK:,} characters' worth of work"
            )

    def made(self, value: T) -> T:
        """Account for a value just built; refuse it when too large."""
        size = self.size(value)
        _check_size(size)
        self.spend(size)
        return value

    def size(self, value: Any) -> int:
        """Characters of a text; items of a container, nested ones expanded, so that sharing
        one list many times cannot hide its size."""
        if isinstance(value, str):
            return len(value)
        if isinstance(value, (list, tuple, set, frozenset, dict)):
            return self._measure(value)[0]
        return 1

    def _measure(self, value: Any) -> tuple[int, int]:
        known = self.measured.get(id(value))
        if known is not None and known[0] is value:
            return known[1], known[2]
        self.measured[id(value)] = (value, 1, 1)  # a container inside itself counts once
        items = (
            [item for pair in value.items() for item in pair] if isinstance(value, dict) else value
        )
        size, depth = 1, 1
        for item in items:
            if isinstance(item, (list, tuple, set, frozenset, dict)):
                item_size, item_depth = self._measure(item)
                size, depth = size + item_size, max(depth, item_depth + 1)
            else:
                size += len(item) if isinstance(item, str) else 1
            if size > MAX_VALUE:
                _check_size(size)
        if depth > MAX_NESTING:
            raise TemplateBudgetError(
                f"the template nests lists or mappings more than {MAX_NESTING} deep"
            )
        self.measured[id(value)] = (value, size, depth)
        return size, depth


_current_budget: contextvars.ContextVar[_Budget] = contextvars.ContextVar("template_budget")


def _budget() -> _Budget:
    budget = _current_budget.get(None)
    if budget is None:  # a template rendered outside `render` still gets bounds
        budget = _Budget()
        _current_budget.set(budget)
    return budget


def _check_size(size: int) -> None:
    if size > MAX_VALUE:
        raise TemplateBudgetError(
            f"the template builds a value of {size:,} characters; the limit is {MAX_VALUE:,}"
        )


def _check_numbers(values: Iterable[Any]) -> None:
    for value in values:
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_NUMBER:
            raise TemplateBudgetError(
                f"the number {value} is larger than templates may use ({MAX_NUMBER:,})"
            )


def safe_format(template: str, values: Any) -> Any:
    """`template % values` when its only placeholders are `%s` and `%(name)s` and its values
    are text or numbers: no widths, no precision, nothing that can make the text larger than
    its parts."""
    if _PLACEHOLDER.sub("", str(template)).count("%"):
        raise SecurityError("format allows only %s and %(name)s placeholders")
    parts = (
        values.values()
        if isinstance(values, dict)
        else (values if isinstance(values, tuple) else (values,))
    )
    for part in parts:
        _check_printable(part)
    return _budget().made(template % values)


def _check_printable(value: Any) -> None:
    """Templates turn text and numbers into text, not lists, mappings or other objects."""
    if value is None or isinstance(value, (str, int, float, jinja2.Undefined)):
        return
    raise SecurityError(f"templates may print text and numbers, not a {type(value).__name__}")


def _finalized(value: Any) -> Any:
    """What `{{ ... }}` prints: text or a number, within the size of a value."""
    _check_printable(value)
    if isinstance(value, str):
        _check_size(len(value))
    return value


def _string_filter(value: Any) -> str:
    _check_printable(value)
    return _budget().made(soft_str(value))


@jinja2.pass_environment
def _sum_filter(
    environment: Any, iterable: Iterable[Any], attribute: Any = None, start: Any = 0
) -> Any:
    # Numbers only: a sum of lists or texts copies its partial result at every item.
    _check_numbers([start])
    items = list(iterable)
    if not all(isinstance(item, (int, float)) for item in items) and attribute is None:
        raise SecurityError("sum adds numbers only")
    if not isinstance(start, (int, float)):
        raise SecurityError("sum adds numbers only")
    total = jinja2.filters.sync_do_sum(environment, items, attribute, start)
    if not isinstance(total, (int, float)):
        raise SecurityError("sum adds numbers only")
    return total


def _format_filter(value: Any, *args: Any, **kwargs: Any) -> Any:
    if args and kwargs:
        raise SecurityError("format takes either positional or named values, not both")
    if not isinstance(value, str):
        value = str(value)
    return safe_format(value, kwargs or args)


@jinja2.pass_eval_context
def _join_filter(
    eval_ctx: Any, value: Iterable[Any], separator: str = "", attribute: str | None = None
) -> str:
    items = list(value)
    pieces = (
        items
        if attribute is None
        else [
            jinja2.filters.make_attrgetter(eval_ctx.environment, attribute)(item) for item in items
        ]
    )
    for piece in (separator, *pieces):  # a list's text form could be of any size
        _check_printable(piece)
    _check_size(len(items) * len(str(separator)) + sum(len(str(piece)) for piece in pieces))
    # do_join is wrapped for async use, which drops its return type
    return _budget().made(cast(str, do_join(eval_ctx, items, separator, attribute)))


@jinja2.pass_eval_context
def _replace_filter(eval_ctx: Any, value: str, old: str, new: str, count: int | None = None) -> str:
    _check_replace(str(value), str(old), str(new), count)
    return _budget().made(do_replace(eval_ctx, value, old, new, count))


def _check_replace(text: str, old: str, new: str, count: int | None = None) -> None:
    times = text.count(old) if old else len(text) + 1
    if count is not None and count >= 0:
        times = min(times, count)
    _check_size(len(text) + times * max(0, len(new) - len(old)))


def _bounded(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter whose numeric arguments and result are bounded, each use a step."""

    @wraps(function)  # keeps Jinja's pass-context marks
    def bounded(*args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        budget.step()
        _check_numbers([*args, *kwargs.values()])
        budget.spend(sum(budget.size(value) for value in (*args, *kwargs.values())))
        return budget.made(function(*args, **kwargs))

    return bounded


def _loop_turns(iterable: Any) -> Iterator[Any]:
    """What a `{% for %}` walks: each turn is a step."""
    budget = _budget()
    for item in iterable:
        budget.step()
        yield item


def _concatenated(*parts: Any) -> Any:
    """`a ~ b`, bounded before the text is built."""
    for part in parts:
        _check_printable(part)
    texts = [part if isinstance(part, str) else str(part) for part in parts]
    size = sum(len(text) for text in texts)
    _check_size(size)
    return _budget().made(markup_join(parts))


def _built(value: Any) -> Any:
    """A list, tuple or mapping a template writes out, measured as it is made."""
    return _budget().made(value)


_COMPARISONS: dict[str, Callable[[Any, Any], Any]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "lt": operator.lt,
    "lteq": operator.le,
    "gt": operator.gt,
    "gteq": operator.ge,
    "in": lambda item, container: item in container,
    "notin": lambda item, container: item not in container,
}


def _compared(first: Any, *rest: Any) -> bool:
    """`a == b`, `a < b < c`, `x in y`: the work is the size of what is compared."""
    budget = _budget()
    budget.step()
    left = first
    for index in range(0, len(rest), 2):
        name, right = rest[index], rest[index + 1]
        budget.spend(budget.size(left) + budget.size(right))
        if not _COMPARISONS[name](left, right):
            return False
        left = right
    return True


def _captured(pieces: Iterable[str]) -> str:
    """The text of a `{% set %}` block, a macro or a filter block, bounded before it is
    joined."""
    collected = list(pieces)
    size = sum(len(piece) for piece in collected)
    if size > MAX_OUTPUT:
        raise TemplateBudgetError(f"the template captures more than {MAX_OUTPUT:,} characters")
    _budget().spend(size)
    return "".join(collected)


def _bounded_range(*args: int) -> range:
    _check_numbers(args)
    numbers = range(*args)
    _check_size(len(numbers))
    return numbers


_ALLOWED_FUNCTIONS = (
    _bounded_range,
    Namespace,
    dict,
    Cycler,
    Joiner,
    _loop_turns,
    _concatenated,
    _built,
    _compared,
)
_LOOP_TURNS = "__handout_loop_turns"
_CONCATENATED = "__handout_concatenated"
_BUILT = "__handout_built"
_COMPARED = "__handout_compared"


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with a whitelist of callables and a budget per render."""

    intercepted_binops = frozenset({"+", "*", "**", "%", "//"})

    def __init__(
        self, loader: jinja2.BaseLoader, bytecode_cache: jinja2.BytecodeCache | None = None
    ) -> None:
        super().__init__(
            loader=loader,
            bytecode_cache=bytecode_cache,
            autoescape=True,  # every template emits XML; data is escaped, markup is the template's
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        builtin_filters = self.filters
        self.filters = {name: _bounded(builtin_filters[name]) for name in _PLAIN_FILTERS}
        self.filters.update(
            format=_format_filter,
            join=_join_filter,
            replace=_replace_filter,
            string=_string_filter,
            sum=_sum_filter,
        )
        self.globals = {
            "range": _bounded_range,
            "namespace": Namespace,
            "dict": dict,
            "cycler": Cycler,
            "joiner": Joiner,
            _LOOP_TURNS: _loop_turns,
            _CONCATENATED: _concatenated,
            _BUILT: _built,
            _COMPARED: _compared,
        }
        self.finalize = _finalized

    # The generated code joins captured output (block sets, macros) with this.
    concat = staticmethod(_captured)

    def join_path(self, template: str, parent: str) -> str:
        """One name for one file ("./a.j2" is "a.j2"), so that a file is compiled once."""
        prefix, slash, rest = template.partition("/")
        if prefix == "builtin" and slash:
            return f"builtin/{posixpath.normpath(rest)}"
        return posixpath.normpath(template)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for node in tree.find_all((nodes.EvalContextModifier, nodes.For)):
            if isinstance(node, nodes.EvalContextModifier):
                problem = "may not turn autoescaping off"
            elif cast(nodes.For, node).recursive:  # find_all gives only these two kinds
                problem = "may not use recursive loops"
            else:
                continue
            raise jinja2.TemplateSyntaxError(f"templates {problem}", node.lineno, name, filename)
        return cast(nodes.Template, _Bounding().visit(tree))  # a template stays one

    def is_safe_callable(self, obj: Any) -> bool:
        if isinstance(obj, (Macro, BlockReference, LoopContext, Cycler, Joiner)):
            return True
        if any(obj is allowed for allowed in _ALLOWED_FUNCTIONS):
            return True
        if getattr(obj, "template_function", False):  # handed in by the caller, e.g. gettext
            return True
        owner = getattr(obj, "__self__", None)
        name = getattr(obj, "__name__", "")
        if owner is None or (not inspect.isbuiltin(obj) and not inspect.ismethod(obj)):
            return False
        if isinstance(owner, str):
            return name in _TEXT_METHODS
        if isinstance(owner, dict):
            return name in _MAPPING_METHODS
        if isinstance(owner, (BlockReference, LoopContext, Cycler, Joiner)):
            return True
        # Methods of the content model compute from its own fields and nothing else.
        return type(owner).__module__ == "handout.content.model"

    def call(
        __self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any
    ) -> Any:
        budget = _budget()
        budget.step()
        if not __self.is_safe_callable(__obj):
            raise SecurityError(f"templates may not call {_callable_name(__obj)}")
        _check_numbers([*args, *kwargs.values()])
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str) and __obj.__name__ in ("join", "replace"):
            _check_text_method(owner, __obj.__name__, args)
        return budget.made(__context.call(__obj, *args, **kwargs))

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        budget = _budget()
        if operator == "%" and isinstance(left, str):
            return safe_format(left, right)
        if operator == "*":
            for sized, times in ((left, right), (right, left)):
                if isinstance(sized, (str, list, tuple)) and isinstance(times, int):
                    _check_size(budget.size(sized) * max(times, 0))
        if operator == "+" and all(isinstance(side, (str, list, tuple)) for side in (left, right)):
            _check_size(budget.size(left) + budget.size(right))
        whole = all(isinstance(side, int) for side in (left, right))
        if whole and operator == "*" and left.bit_length() + right.bit_length() > MAX_BITS:
            raise TemplateBudgetError("the template computes a number too large to print")
        if (
            whole
            and operator == "**"
            and abs(left) > 1
            and right > 0
            and left.bit_length() * right > MAX_BITS
        ):
            raise TemplateBudgetError(f"the power {left} ** {right} is too large")
        return budget.made(super().call_binop(context, operator, left, right))


def _check_text_method(text: str, name: str, args: tuple[Any, ...]) -> None:
    if name == "join" and args:
        for item in args[0]:
            _check_printable(item)
        items = [str(item) for item in args[0]]
        _check_size(len(items) * len(text) + sum(len(item) for item in items))
    if name == "replace" and len(args) >= 2:
        _check_replace(text, str(args[0]), str(args[1]), *args[2:3])


class _Bounding(NodeTransformer):
    """Route every loop and every `~` through the budget."""

    def visit_For(self, node: nodes.For) -> nodes.For:
        self.generic_visit(node)
        node.iter = _call(_LOOP_TURNS, [cast(nodes.Expr, node.iter)], node.lineno)  # as parsed
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Call:
        self.generic_visit(node)
        return _call(_CONCATENATED, node.nodes, node.lineno)

    def visit_Compare(self, node: nodes.Compare) -> nodes.Call:
        self.generic_visit(node)
        arguments: list[nodes.Expr] = [node.expr]
        for operand in node.ops:
            arguments += [nodes.Const(operand.op), operand.expr]
        return _call(_COMPARED, arguments, node.lineno)

    def visit_List(self, node: nodes.List) -> nodes.Node:
        return self._built(node)

    def visit_Tuple(self, node: nodes.Tuple) -> nodes.Node:
        return self._built(node) if node.ctx == "load" else self.generic_visit(node)

    def visit_Dict(self, node: nodes.Dict) -> nodes.Node:
        return self._built(node)

    def _built(self, node: nodes.Expr) -> nodes.Call:
        self.generic_visit(node)
        return _call(_BUILT, [node], node.lineno)


def _call(name: str, arguments: list[nodes.Expr], lineno: int) -> nodes.Call:
    return nodes.Call(nodes.Name(name, "load"), arguments, [], None, None, lineno=lineno)


def _callable_name(obj: Any) -> str:
    name = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None)
    return f"'{name}'" if name else f"a {type(obj).__name__}"


def template_function(function: Callable[..., Any]) -> Callable[..., Any]:
    """`function` as one that templates may call, handed to them in the context."""

    @wraps(function)
    def callable_from_templates(*args: Any, **kwargs: Any) -> Any:
        return function(*args, **kwargs)

    vars(callable_from_templates)["template_function"] = True  # the mark is_safe_callable reads
    return callable_from_templates


class FolderLoader(jinja2.BaseLoader):
    """Templates from one folder: regular files only, none reached through a link that
    leads outside it, each at most MAX_TEMPLATE_BYTES of UTF-8."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.root = folder.resolve()

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = jinja2.loaders.split_template_path(template)  # refuses ".." and the like
        path = self.folder.joinpath(*pieces)
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError, ValueError):  # missing, a link loop, a NUL in the name
            raise jinja2.TemplateNotFound(template) from None
        if not real.is_relative_to(self.root):
            raise HandoutError(f"template {path} leads outside its folder {self.folder}")
        source, mtime = _read_template(real, path)
        return source, str(path), lambda: _mtime(real) == mtime


def _read_template(real: Path, shown: Path) -> tuple[str, float]:
    try:
        descriptor = os.open(real, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise HandoutError(f"template {shown}: cannot read it ({error.strerror})") from None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise HandoutError(f"template {shown} is not a regular file")
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(stream.fileno())
        if status.st_nlink > 1:  # a hard link may be a file from anywhere on the disk
            raise HandoutError(f"template {shown} is a hard link; copy the file instead")
        data = stream.read(MAX_TEMPLATE_BYTES + 1)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise HandoutError(f"template {shown} is larger than {MAX_TEMPLATE_BYTES:,} bytes")
    budget = _budget()
    budget.compiled += len(data)
    if budget.compiled > MAX_COMPILED:
        raise TemplateBudgetError(
            f"the templates of one handout add up to more than {MAX_COMPILED:,} characters"
        )
    try:
        return data.decode("utf-8"), status.st_mtime
    except UnicodeDecodeError as error:
        raise HandoutError(f"template {shown}: not UTF-8 text (byte {error.start + 1})") from None


def _mtime(path: Path) -> float | None:
    try:
        return path.stat().st_mtime
    except OSError:
        return None


def render(environment: BoundedSandbox, name: str, context: dict[str, Any]) -> str:
    """Render `name` within a fresh budget; the output is bounded too."""
    token = _current_budget.set(_Budget())
    try:
        chunks: list[str] = []
        size = 0
        for chunk in environment.get_template(name).generate(context):
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise TemplateBudgetError(
                    f"the template writes more than {MAX_OUTPUT:,} characters"
                )
            chunks.append(chunk)
        return "".join(chunks)
    finally:
        _current_budget.reset(token)
