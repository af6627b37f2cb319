"""Reading a page's HTML as elements (the standard library's parser), for tests that check what a
visitor sees (rows, links, ticked boxes) rather than the bytes."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict = field(default_factory=dict)
    children: list = field(default_factory=list)  # Elements and strings
    parent: "Element | None" = None

    @property
    def text(self) -> str:
        """The text inside, whitespace collapsed."""
        parts = []

        def walk(node):
            for child in node.children:
                if isinstance(child, str):
                    parts.append(child)
                else:
                    walk(child)

        walk(self)
        return " ".join("".join(parts).split())

    def find_all(self, tag: str, **attrs) -> list["Element"]:
        """Elements below with ``tag`` whose attributes include ``attrs`` (``class_`` for class:
        one of the classes)."""
        found = []
        for child in self.children:
            if isinstance(child, str):
                continue
            if child.tag == tag and matches(child, attrs):
                found.append(child)
            found.extend(child.find_all(tag, **attrs))
        return found

    def find(self, tag: str, **attrs) -> "Element":
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag}> with {attrs}"
        return found[0]

    def has(self, name: str) -> bool:
        return name in self.attrs


def matches(element: Element, attrs: dict) -> bool:
    for name, value in attrs.items():
        if name == "class_":
            if value not in element.attrs.get("class", "").split():
                return False
        elif element.attrs.get(name.rstrip("_").replace("_", "-")) != value:
            return False
    return True


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(
            tag, {name: "" if value is None else value for name, value in attrs}, [], self.current
        )
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.current = self.current.parent

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(content: bytes | str) -> Element:
    builder = _TreeBuilder()
    builder.feed(content.decode() if isinstance(content, bytes) else content)
    builder.close()
    return builder.root


# Addresses that are the same in every language: evidence files, static files.
LANGUAGE_FREE = ("/evidence/", "/static/")


def without_language_prefix(root: Element, prefix: str) -> list[str]:
    """Strip ``prefix`` ("/ar") from the page's own links (href, action), so one test reads a
    page in either language; the links that lacked it, which left the page's language."""
    leaks = []

    def walk(node):
        for child in node.children:
            if isinstance(child, str):
                continue
            for name in ("href", "action"):
                value = child.attrs.get(name)
                if value and value.startswith("/") and not value.startswith("//"):
                    if value == prefix or value.startswith(prefix + "/"):
                        child.attrs[name] = value[len(prefix) :] or "/"
                    elif (
                        not value.startswith(("/evidence/", "/static/"))
                        and child.attrs.get("hreflang") is None
                    ):
                        leaks.append(value)
            walk(child)

    walk(root)
    return leaks
