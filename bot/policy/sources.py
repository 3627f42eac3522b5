"""The source documents the rules quote, split into pages so citations can be checked.

The files in bot/policy/sources/ are byte-for-byte copies of the documents. Running page
headers (e.g. "CSSP Letter: 16-04 / March 1, 2016 / Page 2") are dropped when matching quotes,
because a sentence may run across a page break.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

_WHITESPACE = re.compile(r"\s+")


def normalize_whitespace(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class SourceDocument:
    name: str  # the document name rules use in their citation
    full_title: str
    cited_as: str  # how answers cite it
    filename: str
    # Matches the running header that opens every page after the first; group 1 is the page number.
    page_header: re.Pattern[str] | None = None
    # Other names people give the document ("DCSS confidentiality brochure").
    aliases: tuple[str, ...] = ()

    def is_called(self, name: str) -> bool:
        """True when name refers to this document (case and spacing ignored)."""
        wanted = normalize_whitespace(name).casefold()
        names = (self.name, self.full_title, self.cited_as, *self.aliases)
        return any(normalize_whitespace(n).casefold() == wanted for n in names)

    def raw_text(self) -> str:
        return resources.files("bot.policy").joinpath("sources", self.filename).read_text("utf-8")

    def pages(self) -> tuple[str, ...]:
        """Whitespace-normalised page texts, headers removed; pages[0] is page 1."""
        return _split_pages(self)

    @property
    def page_count(self) -> int:
        return len(self.pages())

    def find_quote(self, quote: str) -> tuple[int, int] | None:
        """Return (first page, last page) the quote spans, or None when it is not verbatim."""
        pages = self.pages()
        body = " ".join(pages)
        start = body.find(normalize_whitespace(quote))
        if start < 0:
            return None
        end = start + len(normalize_whitespace(quote))
        return _page_at(pages, start), _page_at(pages, end - 1)


def _page_at(pages: tuple[str, ...], offset: int) -> int:
    position = 0
    for number, text in enumerate(pages, start=1):
        position += len(text) + 1  # pages are joined with one space
        if offset < position:
            return number
    return len(pages)


@cache
def _split_pages(document: SourceDocument) -> tuple[str, ...]:
    text = document.raw_text()
    if document.page_header is None:
        return (normalize_whitespace(text),)
    pieces = document.page_header.split(text)
    # split() with one group yields [page1, "2", page2, "3", page3, ...]
    expected = [str(n) for n in range(2, len(pieces) // 2 + 2)]
    if pieces[1::2] != expected:
        raise ValueError(f"{document.filename}: page headers out of order: {pieces[1::2]}")
    return tuple(normalize_whitespace(page) for page in pieces[0::2])


CSSP_LETTER_16_04 = SourceDocument(
    name="CSSP Letter 16-04",
    full_title="CSSP Letter 16-04 (March 1, 2016): Social media use by local child support agencies",
    cited_as="CSSP Letter 16-04 (March 1, 2016)",
    filename="cssp-letter-16-04.txt",
    aliases=("CSSP 16-04", "CSSP Letter 16-04 (March 1, 2016)", "CSSP letter"),
    page_header=re.compile(r"CSSP Letter: 16-04\s+March 1, 2016\s+Page (\d+)"),
)

DCSS_CONFIDENTIALITY_BROCHURE = SourceDocument(
    name="DCSS brochure",
    full_title="DCSS brochure: Keeping Your Confidential Information Secure",
    cited_as="DCSS brochure “Keeping Your Confidential Information Secure”",
    filename="dcss-confidentiality-brochure.txt",
    aliases=(
        "DCSS confidentiality brochure",
        "DCSS brochure: Keeping Your Confidential Information Secure",
        "Keeping Your Confidential Information Secure",
        "confidentiality brochure",
    ),
)

DOCUMENTS: dict[str, SourceDocument] = {
    doc.name: doc for doc in (CSSP_LETTER_16_04, DCSS_CONFIDENTIALITY_BROCHURE)
}


def cites(document_name: str, name: str) -> bool:
    """True when a rule citing document_name cites the document called name."""
    document = DOCUMENTS.get(document_name)
    if document is None:
        return normalize_whitespace(document_name).casefold() == normalize_whitespace(name).casefold()
    return document.is_called(name)
