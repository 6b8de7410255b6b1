"""`--format bibtex`: the instruments of an answer and the sources it cites, for a bibliography."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..answers import results as r
from ..answers.results import Answer
from .output import inert, safe_url

if TYPE_CHECKING:
    from .formats import Options


_TEX_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
    "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}",
}  # fmt: skip


_TEX = r"[\\{}%&$#_^~]"  # the keys of _TEX_SPECIAL


def tex_escape(text: str) -> str:
    return re.sub(_TEX, lambda m: _TEX_SPECIAL[m[0]], " ".join(inert(text).split()))


def to_bibtex(answer: Answer, options: Options) -> str:
    """The instruments of an answer (`law`) and its sources as BibTeX, UTF-8: a source is
    biblatex's @online where there is a URL, else @misc; an instrument is @misc with its type
    and number. Every field is braced and escaped; names are kept whole (`{{…}}`) because the
    data does not split them into given and family names."""
    entries: dict[str, str] = {}
    sources: dict[str, r.SourceRef | r.Source] = {}
    for result in answer.results:
        if isinstance(result, r.Instrument):
            entries.setdefault(result.id, _bib_instrument(result, options.lang))
        if isinstance(result, r.Source):
            sources[result.id] = result
        for citation in _all_citations(result):
            sources.setdefault(citation.source.id, citation.source)
    entries.update((f"source:{k}", _bib_source(s)) for k, s in sources.items() if k not in entries)
    return "\n".join(entries.values())


def _all_citations(result: r.Result) -> list[r.Citation]:
    cites = list(result.citations)
    for part in r.parts_of(result):
        cites += part.citations
    return cites


def _bib_key(ident: str) -> str:
    return re.sub(r"[^A-Za-z0-9.\-_:]", "-", ident)


def _bib(entry: str, key: str, fields: list[tuple[str, str]]) -> str:
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@{entry}{{{_bib_key(key)},\n{body}\n}}\n"


def _date_fields(date: str | None) -> list[tuple[str, str]]:
    if not date:
        return []
    fields = [("date", date), ("year", date[:4])]
    if len(date) >= 7:
        fields.append(("month", str(int(date[5:7]))))
    return fields


def _bib_instrument(ins: r.Instrument, lang: str) -> str:
    from ..labels import INSTRUMENT_TYPES, label

    fields: list[tuple[str, str]] = [("title", "{" + tex_escape(ins.text) + "}")]
    fields.append(("type", "{" + tex_escape(label(INSTRUMENT_TYPES, ins.type, lang)) + "}"))
    if not ins.number.startswith("("):
        fields.append(("number", "{" + tex_escape(ins.number) + "}"))
    if ins.issuer:
        name = "{" + tex_escape(ins.issuer.name) + "}"
        fields += [("author", name), ("organization", name)]
    fields += _date_fields(ins.date)
    fields.append(("langid", "vietnamese"))
    return _bib("misc", ins.id, fields)


def _bib_source(src: r.SourceRef | r.Source) -> str:
    fields: list[tuple[str, str]] = [("title", "{" + tex_escape(src.title) + "}")]
    author = src.author if isinstance(src, r.Source) else None
    if author:
        fields.append(("author", "{" + tex_escape(author) + "}"))
    if src.publisher:
        name = "{" + tex_escape(src.publisher) + "}"
        fields += [("organization", name), ("publisher", name)]
    fields += _date_fields(src.date)
    if src.url:
        fields.append(("url", safe_url(src.url)))
    language = src.language if isinstance(src, r.Source) else None
    if language:
        fields.append(("langid", {"vi": "vietnamese", "en": "english"}.get(language, "")))
    # how a field was inferred is for maintainers (`cpdt check --provenance`), not a citation
    return _bib("online" if src.url else "misc", src.id, fields)
