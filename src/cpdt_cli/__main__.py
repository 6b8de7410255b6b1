"""Entry point: run the CLI and turn every failure into a message and an exit code."""

from __future__ import annotations

import atexit
import codecs
import contextlib
import gc
import importlib
import os
import sys
import types
from collections.abc import Iterator
from typing import Any

from . import streams
from .errors import CpdtError

# At exit the interpreter garbage-collects every object still alive (all of typer, click,
# typing and msgspec): 15-20 ms of each run here (bench/startup.py). The process is ending and
# the OS takes the memory back, so what is alive at exit is frozen out of that collection
# (atexit handlers run before it). Nothing of cpdt needs a finalizer at exit: main() flushes
# the streams, and cache files are closed where they are written.
atexit.register(gc.freeze)


def _import_msgspec() -> None:
    """Import msgspec with stand-ins for the parts of it that a lookup never uses.

    On import, msgspec's package loads all of itself and more: typing_extensions (to know
    that package's copies of typing's names), decimal (to know Decimal values) and its type
    inspector `msgspec.inspect` (for its JSON Schema generator). cpdt's types use none of
    typing_extensions' names and hold no Decimal, and only the schema's generation inspects
    types; loading them cost as many instructions as 7% of `import typer` (valgrind), on
    every run.

    While msgspec loads, each is a stand-in (typing_extensions: missing, which msgspec
    expects), and the stand-ins are gone as soon as it has: anything that imports one later
    gets the real module, and what is asked of the inspector's stand-in, which msgspec and
    its generator keep, the real inspector gives, imported then. A Decimal from elsewhere is
    not one to this msgspec: cpdt reads and writes none. Should a msgspec want more of a
    stand-in than it gives, it is imported again, as usual.
    """
    if "msgspec" in sys.modules:
        return  # loaded already: nothing left to save
    stand_ins = {name: made() for name, made in _STAND_INS.items() if name not in sys.modules}
    sys.modules.update(stand_ins)  # typing_extensions None: its import fails, as wanted
    try:
        import msgspec
    except (ImportError, AttributeError):  # AttributeError: a name its C part looks up
        failed = True
    else:
        failed = False
    finally:
        for name in stand_ins:
            del sys.modules[name]
    if failed:  # a msgspec built otherwise, or none: as usual (a missing one says so later)
        for name in [n for n in sys.modules if n.partition(".")[0] == "msgspec"]:
            del sys.modules[name]
        with contextlib.suppress(ImportError):
            import msgspec  # noqa: F401


def _decimal_stand_in() -> types.ModuleType:
    module = types.ModuleType("decimal")
    module.Decimal = type("Decimal", (), {})  # type: ignore[attr-defined]
    return module


def _forwarding(name: str) -> types.ModuleType:
    """A stand-in for module `name` that forwards what is asked of it to the real module,
    imported then: msgspec keeps the stand-in as its attribute (and its schema generator as
    its inspector), so both keep working once it is gone."""
    module = types.ModuleType(name)

    def forwarded(attr: str) -> Any:
        if attr.startswith("__") or sys.modules.get(name) is module:  # while msgspec loads
            raise AttributeError(attr)
        return getattr(importlib.import_module(name), attr)

    module.__getattr__ = forwarded  # type: ignore[method-assign]
    return module


_STAND_INS: dict[str, Any] = {
    "typing_extensions": lambda: None,
    "decimal": _decimal_stand_in,
    "msgspec.inspect": lambda: _forwarding("msgspec.inspect"),
}


@contextlib.contextmanager
def _collecting_only_at_need() -> Iterator[None]:
    """One command, then exit: the cyclic garbage collector is off meanwhile.

    Reference counting frees all but cycles, and one command makes few; the collector's
    passes over typer's, click's and msgspec's objects while they are imported cost 2-3% of a
    lookup's instructions (valgrind). The commands that live on and answer many queries
    (batch, mcp) turn it on again; a caller in-process gets its state back.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _transliterate(exc: UnicodeError) -> tuple[str, int]:
    """An encode-error handler: write 'Chính phủ' as 'Chinh phu' where the stream can't."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    from unidecode import unidecode

    bad = exc.object[exc.start : exc.end]
    safe = "".join(c for c in bad if not 0xD800 <= ord(c) <= 0xDFFF)
    return unidecode(safe), exc.end


def _prepare_streams() -> None:
    codecs.register_error("cpdt-translit", _transliterate)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="cpdt-translit")


_RUN_OTHERS = ("batch", "mcp")  # commands that run the others need them all


@contextlib.contextmanager
def _only_the_command_asked_for(app: Any, args: list[str]) -> Iterator[None]:
    """Let Typer build only the command named first on the command line, when one is.

    Typer turns every command's signature into Click parameters on each run (evaluating
    every annotation): with ten commands that is most of cpdt's own start-up time
    (bench/startup.py). When the first argument names a command, Click would dispatch to it
    and nothing else, so the others need not be built; anything else (options first,
    --help, a typo) gets the whole app, with its help and its "no such command".

    The root's own options (`cpdt --json law`) can only come before the command's name, so
    when that name comes first they are not built either: building the root's nine options
    cost 1.7% of a lookup's instructions (valgrind). Each command has the same options
    itself (`cpdt law --json`).
    """
    commands, root = app.registered_commands, app.registered_callback
    root_callback = root.callback if root is not None else None
    wanted = [c for c in commands if args and _command_name(c) == args[0]]
    if wanted and args[0] not in _RUN_OTHERS:
        app.registered_commands = wanted
        if root is not None:
            root.callback = _no_root_options
    try:
        yield
    finally:
        app.registered_commands = commands
        if root is not None:
            root.callback = root_callback


def _no_root_options() -> None:
    """The root's callback when the command is named first: no option can stand before it."""


def _command_name(info: Any) -> str | None:
    if info.name:
        return str(info.name)
    callback = info.callback
    return callback.__name__.lower().replace("_", "-") if callback else None


def report(error: CpdtError) -> int:
    """The error on stderr, in the chosen language (the command's own errors are in it
    already; this says those raised before or after the command ran)."""
    if not error.message:
        return error.exit_code
    from .i18n import message

    # messages quote the user's query: show its escapes, never obey them
    from .render.output import inert
    from .usage import language

    lang = language(sys.argv[1:])
    streams.say(f"cpdt: {inert(message(error.message, lang))}")
    for hint in error.hints:
        streams.say(f"  {inert(message(hint, lang))}")
    return error.exit_code


def _run(app: Any, args: list[str]) -> int:
    """Run the app; Click's usage errors become ours (one `cpdt:` line, in the chosen language)."""
    import typer.main

    command = typer.main.get_command(app)
    completing = any(name.startswith("_CPDT_COMPLETE") for name in os.environ)
    if any(a in ("--help", "-h") for a in args) or not (args or completing):
        from . import helptext
        from .usage import language

        helptext.apply(command, language(args))
    try:
        returned = command.main(prog_name="cpdt", standalone_mode=False)
    except Exception as exc:  # Click's, found by name: Typer ships its own copy of Click
        if not any(c.__name__ == "ClickException" for c in type(exc).__mro__):
            raise
        from .usage import language, translate

        raise translate(exc, language(args)) from None
    return returned if isinstance(returned, int) else 0


def main() -> None:
    _prepare_streams()
    originals = streams.install()
    code = 0
    try:
        if any("\x00" in arg for arg in sys.argv[1:]):  # only a caller in-process can pass one
            from .errors import NUL_IN_ARGS, UsageError
            from .messages import say

            raise UsageError(say(NUL_IN_ARGS))
        with _collecting_only_at_need():
            _import_msgspec()
            from .cli import app

            with _only_the_command_asked_for(app, sys.argv[1:]):
                code = _run(app, sys.argv[1:])
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    except CpdtError as error:
        code = report(error)
    except BrokenPipeError:
        code = 0  # the reader stopped reading (`| head`): not an error of ours
    except KeyboardInterrupt:
        from .messages import text
        from .usage import language

        streams.say(f"cpdt: {text('interrupted', language(sys.argv[1:]))}")
        code = 130
    # What is still buffered must reach stdout too; a failure there is a write error as well
    # (`>/dev/full` fails only here when the answer fits in the buffer).
    unwritten = streams.finish()
    if unwritten is not None and code in (0, 1):
        code = report(unwritten)
    streams.restore(originals)
    sys.exit(code)


def run() -> None:
    """The program itself (`cpdt`, `python -m cpdt_cli`): main(), then out at once.

    main() has written and flushed everything cpdt says, so what the interpreter's teardown
    would do after it is undo: free every module, object by object, about 3% of a lookup's
    instructions (valgrind). What anything registered to run at exit still runs first. A
    caller in-process calls main(), which raises SystemExit as usual.

    The collector is off before main() begins, so that main() leaves it off: turned on again
    after the command, its first pass would walk every object made since start-up (nothing
    was collected meanwhile), 3% of a lookup's instructions (valgrind), to free memory the
    process gives back a moment later.
    """
    gc.disable()
    try:
        main()
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    else:  # pragma: no cover - main() always exits
        code = 0
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):  # empty already; a closed pipe is not an error now
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
