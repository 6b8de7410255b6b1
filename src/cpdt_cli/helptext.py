"""`--help` in the chosen language: the help texts of the app, its commands and their options
come from the catalogue (messages.HELP), and so do the words of the help screen itself.

Typer builds the Click command tree from cli.py; before a help screen is printed, every
command's and parameter's `help` is set from the catalogue (documented Click attributes), and
the few words Typer's help screen writes itself are set through its public constants.
"""

from __future__ import annotations

from typing import Any

from .messages import HELP, helptext

HELP_OPTIONS = ["-h", "--help"]  # as the app's context_settings name them


def keys(command: Any) -> list[tuple[Any, str]]:
    """Every command and parameter of the tree, with its catalogue key."""
    found: list[tuple[Any, str]] = []

    def walk(cmd: Any, name: str) -> None:
        found.append((cmd, f"help.{name}"))
        for param in cmd.params:
            own = next((o for o in param.opts if o.startswith("--")), param.name)
            key = f"help.{name}.{own}"
            found.append((param, key if key in HELP else f"help.{own}"))
        for sub_name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, sub_name)

    walk(command, "cpdt")
    return found


def apply(command: Any, lang: str) -> None:
    """Put the help texts of `lang` into the command tree, and the help screen's words."""
    for item, key in keys(command):
        item.help = helptext(key, lang)
        if getattr(item, "param_type_name", "") == "argument":
            item.metavar = helptext(f"help.metavar.{item.name}", lang)
        if hasattr(item, "commands"):
            item.subcommand_metavar = helptext("help.command_metavar", lang)
        if hasattr(item, "options_metavar"):
            item.options_metavar = helptext("help.options_metavar", lang)
            context = item.context_class(item, help_option_names=HELP_OPTIONS)
            help_option = item.get_help_option(context)  # made once, then kept by the command
            if help_option is not None:
                help_option.help = helptext("help.--help", lang)
            item.context_class = _context(item.context_class, helptext("help.usage", lang))
    from typer import rich_utils

    rich_utils.ARGUMENTS_PANEL_TITLE = helptext("help.panel.arguments", lang)
    rich_utils.OPTIONS_PANEL_TITLE = helptext("help.panel.options", lang)
    rich_utils.COMMANDS_PANEL_TITLE = helptext("help.panel.commands", lang)
    rich_utils.DEFAULT_STRING = helptext("help.default", lang)
    rich_utils.REQUIRED_LONG_STRING = helptext("help.required", lang)


def _context(base: Any, usage: str) -> Any:
    """The command's Context class, whose help formatter writes our word for "Usage:"."""

    class Formatter(base.formatter_class):  # type: ignore[misc]
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, usage)

    return type(base.__name__, (base,), {"formatter_class": Formatter})
