"""Saved replies for the crisis relay (``config/relay_replies.toml``), loaded and checked.

The shipped file comes first; a server's own file (``KINDRED_CONFIG_DIR``) replaces replies with
the same name and adds new ones. Every problem names the file and line at start-up.

The member reads a reply in their language: a reply's English ``text`` is its catalogue id
(``config/locales/*/LC_MESSAGES/relay_replies.po``), like the other data files' copy. A server's
own reply usually has no translation: it is sent in English (``t`` logs that once), and /reply
tells the moderator which language the member reads it in (``read_in``).
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cogs.utils.i18n import ENGLISH, TRANSLATED, has_translation, t
from config.datafile import load_toml

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "config" / "relay_replies.toml"
PLACEHOLDERS = frozenset({"helplines", "emergency", "minutes"})
_KEYS = frozenset({"name", "label", "text"})
_NAME = re.compile(r"^[a-z0-9_]{1,40}$")
TEXT_LIMIT = 1500
LABEL_LIMIT = 100  # Discord's limit for a choice's name


@dataclass(frozen=True)
class SavedReply:
    """One saved reply: what moderators pick (name, label) and what the member reads."""

    name: str
    label: str
    text: str

    @property
    def needs_minutes(self) -> bool:
        """The text says "in {minutes} minutes": the moderator must give the number."""
        return "{minutes}" in self.text

    def read_in(self, language: str) -> str:
        """The language a member who speaks ``language`` reads this reply in: theirs when the
        reply has a translation in it, else English."""
        if language in TRANSLATED and has_translation(self.text, language=language):
            return language
        return ENGLISH

    def render(self, *, helplines: str, emergency: str, minutes: int | None) -> str:
        """The text in the language being spoken (English when it has no translation), with
        its placeholders filled in."""
        return t(self.text).format(
            helplines=helplines, emergency=emergency, minutes=minutes if minutes else "a few"
        )


@dataclass(frozen=True)
class SavedReplyText:
    """A saved reply made for one member: the text they will read, and in which language.

    ``language`` is the member's; ``read_in`` the reply's (English when the reply has no
    translation in theirs), so the moderator can be told.
    """

    text: str
    label: str
    language: str
    read_in: str


@dataclass(frozen=True)
class SavedReplies:
    """Every saved reply by name, in file order."""

    replies: tuple[SavedReply, ...]

    def get(self, name: str) -> SavedReply | None:
        """The reply with this name."""
        return next((r for r in self.replies if r.name == name), None)

    def matching(self, typed: str) -> list[SavedReply]:
        """Replies whose name or label contains what was typed (for autocomplete)."""
        typed = typed.lower().strip()
        return [r for r in self.replies if typed in r.name or typed in r.label.lower()]


def load_replies(paths: Sequence[Path | str] = (DEFAULT_PATH,)) -> SavedReplies:
    """Load the shipped file, then a server's; raise ConfigError naming the file and line."""
    found: dict[str, SavedReply] = {}
    for path in paths:
        for reply in _load_one(Path(path)):
            found[reply.name] = reply
    return SavedReplies(tuple(found.values()))


def _load_one(path: Path) -> list[SavedReply]:
    data = load_toml(path)
    entries = data.data.get("reply", [])
    if not isinstance(entries, list):
        raise data.error("saved replies must be [[reply]] tables")
    result: list[SavedReply] = []
    for index, entry in enumerate(entries):
        where = f"reply {index + 1}"
        if not isinstance(entry, dict):
            raise data.error("each saved reply must be a [[reply]] table", "reply", index)
        unknown = sorted(set(entry) - _KEYS)
        if unknown:
            raise data.error(
                f"{where} has unknown key `{unknown[0]}`; the keys are name, label and text",
                "reply",
                index,
            )
        values: dict[str, str] = {}
        for key in ("name", "label", "text"):
            value = entry.get(key)
            if not isinstance(value, str) or not value.strip():
                raise data.error(
                    f"{where} needs a non-empty text `{key}` in quotes", "reply", index
                )
            values[key] = value.strip()
        if not _NAME.match(values["name"]):
            raise data.error(
                f"{where}: name {values['name']!r} must be lowercase letters, digits and _",
                "reply",
                index,
            )
        if len(values["label"]) > LABEL_LIMIT or len(values["text"]) > TEXT_LIMIT:
            raise data.error(
                f"{where}: keep the label to {LABEL_LIMIT} and the text to {TEXT_LIMIT} characters",
                "reply",
                index,
            )
        try:
            used = {f for _, f, _, _ in string.Formatter().parse(values["text"]) if f is not None}
        except ValueError as exc:
            raise data.error(f"{where}: a {{ or }} is unmatched ({exc})", "reply", index) from None
        bad = sorted(used - PLACEHOLDERS)
        if bad:
            raise data.error(
                f"{where}: unknown placeholder {{{bad[0]}}}; use "
                + ", ".join(f"{{{p}}}" for p in sorted(PLACEHOLDERS)),
                "reply",
                index,
            )
        result.append(SavedReply(values["name"], values["label"], values["text"]))
    return result
