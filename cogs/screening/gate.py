"""One cheap pass over a message's raw text, shared by every safety screen.

Most chat holds nothing any screen looks for. The gate proves that without normalising: it maps
the raw text byte by byte to a few character classes and makes a single Aho-Corasick pass for
the raw spellings of every screen's phrases at once. Each screen learns from the result whether
it can stop ("no phrase of mine can occur in any normalised form of this text") or must run its
full path. The crisis screen and the guideline screen share one gate (``share_gate``), so a
message costs one pass, not one per screen.

How it stays exact (a "stop" is never wrong):

- every raw spelling of every phrase is a key: the ``surface_forms`` of its normalised form
  (contractions, shorthand, "2" for "to"), with contractions hung on any word ("people're"),
  run together or not ("killmyself"), with a word boundary on each side;
- what only the full normaliser undoes sets ``NORMALISE`` instead: leetspeak next to a letter,
  letters stretched three times, single letters spaced out. Non-ASCII text is folded first
  (``prefilter``: look-alike letters, accents, invisible characters), as the normaliser does.
  A screen that sees ``NORMALISE`` checks the normalised forms (``RawGate.forms``) itself.

A screen (a ``GateClient``) hands the gate its phrases tagged with bit numbers of its own; the
gate ORs the bits of every key it finds, so a screen can ask for combinations ("a trigger and one
of its required words"), not only "any phrase". The last results are remembered, so when two
screens look at the same message one after the other the second pays almost nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Protocol

import ahocorasick

from cogs.screening.normalise import normalise, normalise_variants, prefilter, surface_forms

__all__ = ["DIGIT_OR_AT", "FIRST_BIT", "NORMALISE", "GateClient", "RawGate", "share_gate"]

# Flags every scan may set, below the bits the clients own.
NORMALISE = 1  # the raw text has something only the full normaliser undoes
DIGIT_OR_AT = 2  # the raw text has a digit (any script) or "@"
_SPACES = 4  # a run of spaces: collapse them and look again (the normaliser collapses them)
FIRST_BIT = 3  # the first bit number a client's phrases may use after shifting

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_DEVANAGARI = re.compile("[\u0900-\u097f]")
_SURFACE_LIMIT = 1024
_MEMO_SIZE = 64


def _quick_table() -> bytes:
    """Byte map for the gate: a few classes of characters, enough to decide.

    - letters: lower case;
    - whitespace, "-" and "_": a space (the normaliser makes them single spaces too; runs of
      spaces are collapsed after mapping);
    - digits: "1" for 0 1 3 4 (leetspeak before or after a letter), "5" for 5 7 (leetspeak
      before a letter), "2" for the others;
    - "!", "|", "@", "$": "!" (leetspeak; ``RawGate.scan`` checks ``_LEET_MARK`` and then
      turns them into "'");
    - "*": itself (a starred-out letter, "s*icide"; ``RawGate.scan`` checks ``_STAR_MARK`` and
      then turns it into "'");
    - everything else, apostrophes and bytes of non-ASCII characters included: "'".

    Every character that is not a letter or digit is a word boundary for ``PhraseMatcher``, and
    phrase keys accept " " or "'" on either side, so mapping many characters to one can only
    add phrase occurrences, never lose one. Phrases are mapped the same way.
    """
    table = bytearray(b"'" * 256)
    for c in b" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f-_":
        table[c] = ord(" ")
    for c in range(ord("a"), ord("z") + 1):
        table[c] = c
        table[c - 32] = c
    for digits, mark in ((b"0134", "1"), (b"57", "5"), (b"2689", "2"), (b"!|@$", "!")):
        for c in digits:
            table[c] = ord(mark)
    table[ord("*")] = ord("*")
    return bytes(table)


_QUICK_TABLE = _quick_table()
_BOUNDARIES = (" ", "'")
# Contractions the normaliser spells out after any word ("X're" -> "X are", "Xn't" -> "X not").
_CONTRACTED = {"are": "'re", "have": "'ve", "will": "'ll", "would": "'d", "am": "'m", "not": "n't"}
# What the normaliser spells out inside a word too (plain ``str.replace``), as it begins a phrase.
_GLUED = {"not": "'t", "am": "'m"}
_DIGIT_OR_AT = re.compile(r"[\d@]")
# Leetspeak with "!", "|", "@" or "$" (all "!" once mapped), as the normaliser undoes it: a run
# of leet characters between letters that starts with one of them ("k!ll", "h@rm"), or "$" at
# the start of a word ("$uicide"; "@name" looks the same once mapped and is checked too).
# Both need "!" then leet characters then a letter, which ordinary "wow!!" lacks.
_LEET_MARK = re.compile(r"![!15]*[a-z]")
# A star between letters, which the normaliser may read as a starred-out letter ("k*ll").
_STAR_MARK = re.compile(r"[a-z]\*+[a-z]")


def _plain_symbols() -> re.Pattern[str]:
    """A regex for any character outside ASCII that ``prefilter`` could change in a way that
    matters here (fold to a letter, digit or space, or vanish), i.e. everything but emoji and
    symbols that stay as they are, and curly apostrophes (replaced directly)."""
    ranges = ((0x2190, 0x2BFF), (0x1F300, 0x1FAFF), (0xFE0F, 0xFE0F))
    keep = [
        c
        for lo, hi in ranges
        for c in range(lo, hi + 1)
        if prefilter(f"a{chr(c)}b") == f"a{chr(c)}b"
        and unicodedata.normalize("NFKC", chr(c)) == chr(c)
        and not chr(c).isalnum()
        and not chr(c).isspace()
        and unicodedata.category(chr(c)) != "Cf"
    ]
    runs: list[tuple[int, int]] = []
    for c in keep:
        if runs and runs[-1][1] == c - 1:
            runs[-1] = (runs[-1][0], c)
        else:
            runs.append((c, c))
    inside = "".join(
        re.escape(chr(a)) + ("-" + re.escape(chr(b)) if a != b else "") for a, b in runs
    )
    return re.compile(f"[^\\x00-\\x7f\u2018\u2019{inside}]")


_NEEDS_FOLD = _plain_symbols()


def _quick_form(form: str) -> str:
    """A raw spelling of a phrase as the byte map and space collapse leave it."""
    return " ".join(
        form.encode().translate(_QUICK_TABLE).decode().replace("!", "'").replace("*", "'").split()
    )


def _contraction_variants(form: str) -> list[str]:
    """``form`` plus its spellings with "are", "not", ... contracted onto the word before.

    The normaliser spells these out after any word, listed in its tables or not ("people're",
    "mustn't"). When the phrase starts with such a word, the word it hangs on lies outside the
    phrase, so the variant starts at the apostrophe ("'re nothing", "'t so bad").
    """
    variants: list[list[str]] = [[]]
    for word in form.split():
        grown: list[list[str]] = []
        for parts in variants:
            grown.append([*parts, word])
            short = _CONTRACTED.get(word)
            if short is not None:
                if parts:
                    grown.append([*parts[:-1], parts[-1] + short])
                else:
                    grown.append([short[short.index("'") :]])
        variants = grown
    return [" ".join(parts) for parts in variants]


def _normaliser_keys() -> set[str]:
    """Keys for what only the full normaliser undoes, once mapped.

    Leetspeak is only undone after a letter ("k1ll", "su1c1d3", "h@rm"), so a digit after a
    letter is a key; "!", "|", "@" and "$" are common in chat and are checked by ``_LEET_MARK``
    instead. Numbers that start a word ("3rd", "90s", "10am") are left alone by the normaliser
    and are no key.
    """
    keys: set[str] = set()
    for a in _LETTERS:
        keys.add(a * 3)  # stretched letters: "sooo", "stuuupid"
        keys.update((f"{a}1", f"{a}5"))  # leetspeak digits after a letter: "k1ll", "mys3lf"
        for b in _LETTERS:
            # Single letters spaced out: "k i l l", "k-i-l-l" (spaces once mapped) and
            # "k.i.l.l", "k. i. l. l", "k!i!l!l" ("'" once mapped).
            keys.update((f" {a} {b} ", f" {a}'{b}'", f" {a}' {b}'"))
    return keys


def _words(raw: str) -> tuple[tuple[str, ...], bool]:
    """A phrase's normalised words, and whether it ends in "*" (any ending)."""
    return tuple(normalise(raw.rstrip().rstrip("*")).split()), raw.rstrip().endswith("*")


def _covers(inner: tuple[tuple[str, ...], bool], outer: tuple[tuple[str, ...], bool]) -> bool:
    """True if every occurrence of phrase ``outer`` holds an occurrence of phrase ``inner``."""
    (small, small_open), (big, big_open) = inner, outer
    size = len(small)
    for i in range(len(big) - size + 1):
        if big[i : i + size - 1] != small[:-1]:
            continue
        last, at_end = big[i + size - 1], i + size == len(big)
        if small_open and last.startswith(small[-1]):
            return True
        if not small_open and last == small[-1] and not (big_open and at_end):
            return True
    return False


def _prune(phrases: Iterable[tuple[str, int]]) -> list[tuple[str, int, bool]]:
    """``(phrase, bit, whole)``: ``whole`` is False for a phrase that another one on the same
    bit always occurs inside ("tonight i am going to kill myself" holds "kill myself"), so only
    its run-together spelling ("killmyselftonight") needs keys of its own."""
    by_bit: dict[int, dict[str, tuple[tuple[str, ...], bool]]] = {}
    for raw, bit in phrases:
        by_bit.setdefault(bit, {})[raw] = _words(raw)
    out: list[tuple[str, int, bool]] = []
    for bit, words in by_bit.items():
        # Kept phrases by first word: an inner phrase starts with one of the outer phrase's
        # words, except a one-word prefix ("suicid*"), which is checked against every phrase.
        # (A scan of every kept phrase made start-up quadratic in the lexicon's size.)
        by_first: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
        always: list[tuple[tuple[str, ...], bool]] = []
        for raw in sorted(words, key=lambda r: (len(words[r][0]), r)):
            outer = words[raw]
            candidates = always + [c for w in set(outer[0]) for c in by_first.get(w, ())]
            whole = not any(_covers(inner, outer) for inner in candidates)
            if whole:
                small, small_open = outer
                if (len(small) == 1 and small_open) or not small:
                    always.append(outer)
                else:
                    by_first.setdefault(small[0], []).append(outer)
            out.append((raw, bit, whole))
    return out


def phrase_keys(raw: str, whole: bool = True) -> set[str]:
    """Every gate key for one phrase as written in a lexicon ("suicid*", "don't want to live").

    With ``whole`` False only the run-together spelling gets keys (see ``_prune``).
    Raises ValueError for a phrase with no letters or digits (callers name the file and line).
    """
    prefix = raw.rstrip().endswith("*")
    key = normalise(raw.rstrip().rstrip("*"))
    keys: set[str] = set()
    spellings = {key, key.replace(" ", "")} if whole else {key.replace(" ", "")} - {key}
    first, _, rest = key.partition(" ")
    if rest and first in _GLUED:
        # The normaliser spells out "n't" and "i'm" even inside a word, so "didn'twanttolive"
        # holds "notwanttolive" and "i'mgoingto..." holds "amgoingto...".
        glued = _GLUED[first] + _quick_form(rest).replace(" ", "")
        keys.update(glued + b for b in (("",) if prefix else _BOUNDARIES))
    for k in spellings:
        forms = [f for f in surface_forms(k, _SURFACE_LIMIT) if "-" not in f and "_" not in f]
        open_end = prefix  # the byte map already turns "-" and "_" into spaces
        if len(forms) >= _SURFACE_LIMIT:
            # Too many spellings to list: any spelling of any one of its words will do.
            forms = [f for word in k.split() for f in surface_forms(word, _SURFACE_LIMIT)]
            open_end = True
        for form in forms:
            for variant in _contraction_variants(_quick_form(form)):
                if not variant:
                    raise ValueError(f"phrase {raw!r} has no letters or digits")
                lefts: tuple[str, ...] = ("",) if variant[0] == "'" else _BOUNDARIES
                rights = ("",) if open_end else _BOUNDARIES
                keys.update(a + variant + b for a in lefts for b in rights)
    return keys


class RawGate:
    """The shared pass: which bits a message's raw text sets (see the module docstring)."""

    def __init__(self, phrases: Iterable[tuple[str, int]]) -> None:
        """Build the automaton from ``(phrase, bit number)`` pairs (bit numbers >= FIRST_BIT).

        Raises ValueError for a phrase with no letters or digits.
        """
        values: dict[str, int] = dict.fromkeys(_normaliser_keys(), NORMALISE)
        for digit in "125":  # every digit class once mapped
            values[digit] = DIGIT_OR_AT
        values["  "] = _SPACES
        cache: dict[tuple[str, bool], set[str]] = {}
        for raw, bit, whole in _prune(phrases):
            if bit < FIRST_BIT:
                raise ValueError(f"bit {bit} is reserved for the gate's own flags")
            keys = cache.get((raw, whole))
            if keys is None:
                keys = cache[raw, whole] = phrase_keys(raw, whole)
            for key in keys:
                values[key] = values.get(key, 0) | (1 << bit)
        self._automaton = ahocorasick.Automaton()
        # Keys starting with a space first: the root's most common transition is found first.
        for key in sorted(values, key=lambda k: (k[0] != " ", k)):
            self._automaton.add_word(key, values[key])
        self._automaton.make_automaton()
        self._bits: dict[str, int] = {}
        self._forms: dict[str, tuple[str, ...]] = {}

    def scan(self, text: str) -> int:
        """The OR of the flags and phrase bits found in ``text`` (raw, as the member wrote it)."""
        bits = self._bits.get(text)
        if bits is not None:
            return bits
        if text.isascii():
            data = text.encode()
            bits = DIGIT_OR_AT if "@" in text else 0  # digits are keys of their own
        elif _NEEDS_FOLD.search(text) is None:
            # Emoji and symbols only: their bytes become boundaries, as after folding.
            data = text.encode().replace(b"\xe2\x80\x99", b"'").replace(b"\xe2\x80\x98", b"'")
            bits = DIGIT_OR_AT if "@" in text else 0
        else:
            data = prefilter(text).encode()
            # "\d" is any Unicode digit in the private-detail patterns, which see the raw text.
            bits = DIGIT_OR_AT if _DIGIT_OR_AT.search(text) is not None else 0
        if not text.isascii() and _DEVANAGARI.search(text) is not None:
            # Hindi phrases are not gate keys (their bytes map to boundaries here): text in
            # Devanagari always takes the full path.
            bits |= NORMALISE
        mapped = data.translate(_QUICK_TABLE).decode()
        if "!" in mapped:
            if _LEET_MARK.search(mapped) is not None:
                bits |= NORMALISE
            mapped = mapped.replace("!", "'")
        if "*" in mapped:
            if _STAR_MARK.search(mapped) is not None:
                bits |= NORMALISE
            mapped = mapped.replace("*", "'")
        for _, value in self._automaton.iter(f" {mapped} "):
            bits |= value
        if bits & _SPACES:
            bits &= ~_SPACES
            for _, value in self._automaton.iter(" " + " ".join(mapped.split()) + " "):
                bits |= value & ~_SPACES
        if len(self._bits) >= _MEMO_SIZE:
            self._bits.clear()
        self._bits[text] = bits
        return bits

    def forms(self, text: str) -> tuple[str, ...]:
        """``normalise_variants(text)``, computed once for all the screens that need it."""
        forms = self._forms.get(text)
        if forms is None:
            if len(self._forms) >= _MEMO_SIZE:
                self._forms.clear()
            forms = self._forms[text] = normalise_variants(text)
        return forms


class GateClient(Protocol):
    """A screen that takes its early exit from a ``RawGate``."""

    def gate_phrases(self) -> tuple[list[tuple[str, int]], int]:
        """``(phrase, bit)`` pairs with bits counted from 0, and how many bits it uses."""
        ...

    def attach_gate(self, gate: RawGate, shift: int) -> None:
        """Use ``gate`` from now on; this client's bit 0 is ``shift`` in the gate's results."""
        ...


# Gates already built, by their exact phrases and bits: building one takes about two seconds with
# the shipped lexicons, and a gate is a pure function of them (its memos are of texts only), so
# screens built again from the same lists (each test module's, a restarted pipeline's) share it.
_BUILT: dict[tuple[tuple[str, int], ...], RawGate] = {}
_BUILT_SIZE = 4


def share_gate(clients: Sequence[GateClient]) -> RawGate:
    """Build one gate for ``clients`` and attach it to each, with its own range of bits."""
    phrases: list[tuple[str, int]] = []
    shifts: list[int] = []
    shift = FIRST_BIT
    for client in clients:
        own, width = client.gate_phrases()
        phrases.extend((phrase, bit + shift) for phrase, bit in own)
        shifts.append(shift)
        shift += width
    key = tuple(phrases)
    gate = _BUILT.get(key)
    if gate is None:
        if len(_BUILT) >= _BUILT_SIZE:
            _BUILT.clear()
        gate = _BUILT[key] = RawGate(phrases)
    for client, client_shift in zip(clients, shifts, strict=True):
        client.attach_gate(gate, client_shift)
    return gate
