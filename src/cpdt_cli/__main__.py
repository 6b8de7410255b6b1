"""Entry point: run the CLI and turn every failure into a message and an exit code."""

from __future__ import annotations

import codecs
import contextlib
import os
import sys

from .errors import CpdtError


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


def report(error: CpdtError) -> int:
    if not error.message:
        return error.exit_code
    print(f"cpdt: {error.message}", file=sys.stderr)
    for hint in error.hints:
        print(f"  {hint}", file=sys.stderr)
    return error.exit_code


def main() -> None:
    _prepare_streams()
    code = 0
    try:
        from .cli import app

        app(prog_name="cpdt")
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    except CpdtError as error:
        code = report(error)
    except BrokenPipeError:
        code = 0  # the reader stopped reading (`| head`): not an error of ours
    except KeyboardInterrupt:
        print("cpdt: interrupted", file=sys.stderr)
        code = 130
    try:
        sys.stdout.flush()
    except (BrokenPipeError, OSError, ValueError):
        # The reader went away (`cpdt timeline | head -1`): stop quietly, and keep Python
        # from complaining again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    sys.exit(code)


if __name__ == "__main__":
    main()
