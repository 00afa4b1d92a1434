"""Plain text out of the small HTML fragments that ePerusteet stores in its texts.

Requirements such as "Opiskelija osaa <ul><li>…</li></ul>" are lists in HTML; matching and search
need the list items as separate plain strings. Pure functions, no Django.
"""

import unicodedata
from html.parser import HTMLParser

_BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "br", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5"}
_BULLETS = ("•", "-", "–", "*")
_TRAILING = " .;,"


def clean(text: str) -> str:
    """Collapse whitespace (no-break spaces included) and drop control characters.

    Some ePerusteet texts carry stray C1 control characters from old copy-pastes.
    """
    visible = "".join(ch for ch in text if unicodedata.category(ch) != "Cc" or ch in "\t\n")
    return " ".join(visible.split())


class _BlockCollector(HTMLParser):
    """Splits an HTML fragment into text blocks, remembering which ones were list items."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[bool, str]] = []
        self._parts: list[str] = []
        self._in_item = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _BLOCK_TAGS:
            self._flush()
            self._in_item = tag == "li"

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self._flush()
            self._in_item = False

    def handle_data(self, data: str) -> None:
        self._parts.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        text = clean("".join(self._parts))
        self._parts = []
        if text:
            self.blocks.append((self._in_item, text))


def _blocks(html: str) -> list[tuple[bool, str]]:
    collector = _BlockCollector()
    collector.feed(html)
    collector.close()
    return collector.blocks


def list_items(html: str) -> list[str]:
    """The items of the lists in `html`.

    Falls back to paragraphs written as "• item" (some English translations), and then to the
    whole text as one item, so that a requirement written as prose is not lost.
    """
    blocks = _blocks(html)
    items = [text for is_item, text in blocks if is_item]
    if not items:
        items = [text.lstrip("".join(_BULLETS)) for _, text in blocks if text.startswith(_BULLETS)]
    if not items and blocks:
        items = [" ".join(text for _, text in blocks)]
    return [stripped for item in items if (stripped := item.strip().rstrip(_TRAILING))]


def to_text(html: str) -> str:
    """Readable plain text: one paragraph a line, list items as "- item"."""
    return "\n".join(f"- {text}" if is_item else text for is_item, text in _blocks(html))
