"""Make docs/screenshot.svg: a real answer as the terminal shows it (cpdt's own coloured
output, drawn by Rich's SVG export).

    .venv/bin/python tools/screenshot.py            # cpdt agency "dau moi ky thuat", 80 columns

The answer comes from the built-in fact file through the same query and renderer as
`cpdt agency "dau moi ky thuat"` on a terminal, so the picture changes when the program does.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from cpdt_cli.answers import agency  # noqa: E402
from cpdt_cli.data import facts  # noqa: E402
from cpdt_cli.render import document, terminal  # noqa: E402


def render() -> str:
    """The SVG of the answer as the program gives it now."""
    import io

    from rich.console import Console
    from rich.text import Text

    answer = agency.agency(facts.load([facts.builtin_path()]), "dau moi ky thuat")
    shown = terminal.to_rich(document.build_document(answer, "vi"), 80, color=True)
    console = Console(file=io.StringIO(), width=80, record=True, force_terminal=True,
                      color_system="truecolor", soft_wrap=True)  # fmt: skip
    console.print(Text.from_ansi(shown), end="")
    return console.export_svg(title='cpdt agency "dau moi ky thuat"')


def main() -> None:
    svg = render()
    target = ROOT / "docs" / "screenshot.svg"
    target.write_text(svg, encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)} ({len(svg) // 1024} KiB)")


if __name__ == "__main__":
    main()
