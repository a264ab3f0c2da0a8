"""Tiny byte-level BPE vocabularies in the layout of the real CLIP and GPT-2 tokenizers.

The vocabulary starts with the 256 byte-level characters (in GPT-2's byte-to-unicode order, as both real
vocabularies do), so any text can be tokenized; whole-word tokens are then added with the merges that build them.
"""


def bytes_to_unicode() -> dict[int, str]:
    """GPT-2's reversible map from bytes to printable characters (a space becomes 'Ġ')."""
    printable = (
        list(range(ord("!"), ord("~") + 1))
        + list(range(ord("¡"), ord("¬") + 1))
        + list(range(ord("®"), ord("ÿ") + 1))
    )
    codes = printable[:]
    extra = 0
    for b in range(256):
        if b not in printable:
            printable.append(b)
            codes.append(256 + extra)
            extra += 1
    return dict(zip(printable, (chr(c) for c in codes)))


BYTE_CHARS = list(bytes_to_unicode().values())


def apply_merges(symbols: list[str], ranks: dict[tuple[str, str], int]) -> list[str]:
    """Classic BPE: repeatedly merge the adjacent pair with the lowest rank."""
    symbols = list(symbols)
    while len(symbols) > 1:
        pairs = [(ranks.get((a, b)), i) for i, (a, b) in enumerate(zip(symbols, symbols[1:]))]
        ranked = [(rank, i) for rank, i in pairs if rank is not None]
        if not ranked:
            break
        _, i = min(ranked)
        symbols[i : i + 2] = [symbols[i] + symbols[i + 1]]
    return symbols


class Vocabulary:
    """Token ids in insertion order plus the merges, each added at the lowest priority.

    A merge appended after the others can never change how an earlier word tokenizes (that word is already a
    single token once the earlier merges are done), so every added word stays one token.
    """

    def __init__(self, base: list[str]):
        self.ids: dict[str, int] = {}
        self.merges: list[tuple[str, str]] = []
        self.ranks: dict[tuple[str, str], int] = {}
        for token in base:
            self.add_token(token)

    def add_token(self, token: str) -> int:
        if token not in self.ids:
            self.ids[token] = len(self.ids)
        return self.ids[token]

    def add_word(self, symbols: list[str]) -> int:
        """Adds merges until `symbols` (the word's starting pieces) become one token; returns its id."""
        while True:
            pieces = apply_merges(symbols, self.ranks)
            if len(pieces) == 1:
                return self.ids[pieces[0]]
            pair = (pieces[0], pieces[1])
            self.ranks[pair] = len(self.merges)
            self.merges.append(pair)
            self.add_token(pair[0] + pair[1])

    def merge_strings(self) -> list[str]:
        return [f"{a} {b}" for a, b in self.merges]


def byte_level(text: str) -> list[str]:
    table = bytes_to_unicode()
    return [table[b] for b in text.encode("utf-8")]
