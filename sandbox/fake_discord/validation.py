"""Checks of what the bot sends, with Discord's limits and error shapes."""

from __future__ import annotations

import re
from typing import Any

from sandbox.fake_discord.core import _Core
from sandbox.fake_discord.records import (
    ApiError,
    RecordedFile,
    invalid_form,
)

COMMAND_NAME_RE = re.compile(r"^[-_\w]{1,32}$")


COMMAND_CAPS = {1: 100, 2: 15, 3: 15}  # type (slash, user, message) -> per scope
# The locales Discord accepts as keys of name_localizations / description_localizations.
DISCORD_LOCALES = frozenset(
    "id da de en-GB en-US es-ES es-419 fr hr it lt hu nl no pl pt-BR ro fi sv-SE vi tr cs el "  # noqa: SIM905
    "bg ru uk hi th zh-CN ja zh-TW ko".split()
)


class ValidationMixin(_Core):
    """What Discord refuses in messages, components, application commands and modals.

    Part of ``FakeDiscord``; the state and other sections it uses are declared in ``core._Core``.
    """

    # ---------------------------------------------------------------- validation

    def _validate_message(
        self, body: dict[str, Any], files: list[RecordedFile], *, edit: bool = False
    ) -> None:
        content = body.get("content")
        if content is not None and len(content) > 2000:
            raise invalid_form("Must be 2000 or fewer in length.", "content")
        if len(files) > 10:
            raise invalid_form("Must be 10 or fewer in length.", "files")
        embeds = body.get("embeds") or []
        if body.get("embed"):
            embeds = [*embeds, body["embed"]]
        if len(embeds) > 10:
            raise invalid_form("Must be 10 or fewer in length.", "embeds")
        total = 0
        for i, e in enumerate(embeds):
            for key, limit in (("title", 256), ("description", 4096)):
                value = e.get(key) or ""
                if len(value) > limit:
                    raise invalid_form(f"Must be {limit} or fewer in length.", f"embeds.{i}.{key}")
                total += len(value)
            fields = e.get("fields") or []
            if len(fields) > 25:
                raise invalid_form("Must be 25 or fewer in length.", f"embeds.{i}.fields")
            for j, f in enumerate(fields):
                if not f.get("name") or f.get("value") in (None, ""):
                    raise invalid_form("This field is required", f"embeds.{i}.fields.{j}")
                if len(f["name"]) > 256 or len(str(f["value"])) > 1024:
                    raise invalid_form("Field too long.", f"embeds.{i}.fields.{j}")
                total += len(f["name"]) + len(str(f["value"]))
            footer = (e.get("footer") or {}).get("text") or ""
            author = (e.get("author") or {}).get("name") or ""
            if len(footer) > 2048 or len(author) > 256:
                raise invalid_form("Embed footer/author too long.", f"embeds.{i}")
            total += len(footer) + len(author)
        if total > 6000:
            raise invalid_form("Embed size exceeds maximum size of 6000", "embeds")
        components = body.get("components") or []
        flags = int(body.get("flags") or 0)
        if not flags & (1 << 15):  # classic components
            if len(components) > 5:
                raise invalid_form("Must be 5 or fewer in length.", "components")
            for i, row in enumerate(components):
                children = row.get("components") or []
                if row.get("type") != 1:
                    raise invalid_form(
                        "Top-level components must be action rows.", f"components.{i}"
                    )
                if not children or len(children) > 5:
                    raise invalid_form("An action row holds 1 to 5 components.", f"components.{i}")
                if any(c.get("type") != 2 for c in children) and len(children) > 1:
                    raise invalid_form("A select menu must be alone in its row.", f"components.{i}")
                for j, c in enumerate(children):
                    self._validate_component(c, f"components.{i}.components.{j}")
        if not edit:
            has_any = (
                content
                or embeds
                or files
                or components
                or body.get("sticker_ids")
                or body.get("poll")
            )
            if not has_any:
                raise ApiError(400, 50006, "Cannot send an empty message")

    @staticmethod
    def _validate_component(c: dict[str, Any], where: str) -> None:
        cid = c.get("custom_id")
        if cid is not None and len(cid) > 100:
            raise invalid_form("custom_id must be 100 or fewer in length.", where)
        if c.get("type") == 2:
            if len(c.get("label") or "") > 80:
                raise invalid_form("Button label must be 80 or fewer in length.", where)
            if c.get("style") != 5 and c.get("style") != 6 and not cid:
                raise invalid_form("A non-link button needs a custom_id.", where)
        if c.get("type") == 3:
            options = c.get("options") or []
            if not 1 <= len(options) <= 25:
                raise invalid_form("A select menu has 1 to 25 options.", where)

    def _validate_commands(self, commands: list[dict[str, Any]], where: str = "") -> None:
        if not isinstance(commands, list):
            raise invalid_form("Expected a list of commands.")
        # Discord's caps are per type, per scope (global, or one guild): 100 slash commands,
        # 15 user-context and 15 message-context commands.
        for ctype, cap in COMMAND_CAPS.items():
            if sum(1 for c in commands if int(c.get("type", 1)) == ctype) > cap:
                raise ApiError(
                    400, 30032, f"Maximum number of application commands reached ({cap})"
                )
        seen: set[tuple[str, int]] = set()
        for i, cmd in enumerate(commands):
            ctype = cmd.get("type", 1)
            name = cmd.get("name") or ""
            loc = f"{where}{i}"
            key = (name, ctype)
            if key in seen:
                raise invalid_form(f"Application command names must be unique ({name!r})", loc)
            seen.add(key)
            if ctype == 1:
                self._validate_name(name, loc)
                self._validate_description(cmd.get("description"), loc)
                self._validate_localized(cmd, loc)
                self._validate_options(cmd.get("options") or [], f"{loc}.options", depth=0)
            else:
                if not 1 <= len(name) <= 32:
                    raise invalid_form("Context menu names are 1 to 32 characters.", loc)
                for locale, local in _localizations(cmd, "name_localizations", loc).items():
                    if not 1 <= len(local) <= 32:
                        raise invalid_form(
                            f"Context menu names are 1 to 32 characters ({locale}).", loc
                        )
                if cmd.get("description"):
                    raise invalid_form("Context menu commands have no description.", loc)

    @staticmethod
    def _validate_name(name: str, loc: str) -> None:
        if not COMMAND_NAME_RE.fullmatch(name) or name != name.lower():
            raise invalid_form(
                f"Invalid command or option name {name!r} (^[-_\\w]{{1,32}}$, lowercase)", loc
            )

    @staticmethod
    def _validate_description(desc: Any, loc: str) -> None:
        if not isinstance(desc, str) or not 1 <= len(desc) <= 100:
            raise invalid_form("Description must be 1 to 100 characters.", loc)

    def _validate_localized(self, item: dict[str, Any], loc: str) -> None:
        """A slash command's or option's translated names and descriptions: Discord's locale
        keys, and the same rules as the English."""
        for local in _localizations(item, "name_localizations", loc).values():
            self._validate_name(local, f"{loc}.name_localizations")
        for local in _localizations(item, "description_localizations", loc).values():
            self._validate_description(local, f"{loc}.description_localizations")

    def _validate_options(self, options: list[dict[str, Any]], loc: str, depth: int) -> None:
        if len(options) > 25:
            raise invalid_form("Must be 25 or fewer in length.", loc)
        names: set[str] = set()
        seen_optional = False
        for i, opt in enumerate(options):
            oloc = f"{loc}.{i}"
            name = opt.get("name") or ""
            self._validate_name(name, oloc)
            self._validate_description(opt.get("description"), oloc)
            self._validate_localized(opt, oloc)
            if name in names:
                raise invalid_form(f"Option names must be unique ({name!r})", oloc)
            names.add(name)
            otype = opt.get("type")
            if otype in (1, 2):
                if depth >= (1 if otype == 2 else 2) or (otype == 2 and depth > 0):
                    raise invalid_form("Subcommands nested too deep.", oloc)
                self._validate_options(opt.get("options") or [], f"{oloc}.options", depth + 1)
                continue
            choices = opt.get("choices") or []
            if len(choices) > 25:
                raise invalid_form("Must be 25 or fewer in length.", f"{oloc}.choices")
            for j, choice in enumerate(choices):
                labels = [str(choice.get("name", ""))]
                labels += _localizations(choice, "name_localizations", oloc).values()
                if not all(1 <= len(n) <= 100 for n in labels):
                    raise invalid_form(
                        "Choice names are 1 to 100 characters.", f"{oloc}.choices.{j}"
                    )
            if choices and opt.get("autocomplete"):
                raise invalid_form("Autocomplete and choices are mutually exclusive.", oloc)
            if opt.get("required"):
                if seen_optional:
                    raise invalid_form(
                        "Required options must be placed before non-required options", oloc
                    )
            else:
                seen_optional = True

    def _validate_modal(self, data: dict[str, Any]) -> None:
        if not data.get("custom_id") or len(data["custom_id"]) > 100:
            raise invalid_form("Modal custom_id is 1 to 100 characters.", "data.custom_id")
        if not 1 <= len(data.get("title") or "") <= 45:
            raise invalid_form("Modal title must be 1 to 45 characters.", "data.title")
        components = data.get("components") or []
        if not 1 <= len(components) <= 5:
            raise invalid_form("Must be between 1 and 5 in length.", "data.components")
        for i, comp in enumerate(components):
            for inp in _modal_inputs_of(comp):
                if len(inp.get("label") or comp.get("label") or "") > 45:
                    raise invalid_form(
                        "Label must be 45 or fewer in length.", f"data.components.{i}"
                    )
                if len(inp.get("placeholder") or "") > 100:
                    raise invalid_form("Placeholder must be 100 or fewer.", f"data.components.{i}")
                if len(inp.get("value") or "") > 4000:
                    raise invalid_form("Value must be 4000 or fewer.", f"data.components.{i}")
                max_len = inp.get("max_length")
                if max_len is not None and not 1 <= max_len <= 4000:
                    raise invalid_form("max_length must be 1 to 4000.", f"data.components.{i}")


def _modal_inputs_of(component: dict[str, Any]) -> list[dict[str, Any]]:
    """Text inputs (and other submit-able fields) inside a top-level modal component."""
    ctype = component.get("type")
    if ctype == 1:
        return [c for c in component.get("components") or [] if c.get("custom_id")]
    if ctype == 18:
        inner = component.get("component") or {}
        if inner.get("custom_id"):
            return [{**inner, "label": inner.get("label") or component.get("label")}]
        return []
    return [component] if component.get("custom_id") else []


def _localizations(item: dict[str, Any], key: str, loc: str) -> dict[str, str]:
    """``item[key]`` (absent or null: none), refused unless every key is a Discord locale."""
    found = item.get(key) or {}
    unknown = sorted(k for k in found if k not in DISCORD_LOCALES)
    if unknown:
        raise invalid_form(f"Invalid locale(s) {unknown} in {key}.", loc)
    return {k: str(v) for k, v in found.items()}
