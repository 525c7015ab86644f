"""Typed access to Kindred's bot and lanes from places that only hold a ``discord.Client``.

Cogs get ``bot: KindredBot`` in their constructor. Views, modals and dynamic items get
``interaction.client``, typed as a plain ``discord.Client``; ``kindred(client)`` and
``lanes(client)`` give them the same typed bot and lanes, so nothing needs ``get_cog("...")``.
A client that is not Kindred's (a misconfigured test, a stray import) fails loudly here rather
than with an ``AttributeError`` deep inside a button.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import discord

if TYPE_CHECKING:
    from bot import KindredBot, Lanes

__all__ = ["kindred", "lanes"]


def kindred(client: discord.Client) -> KindredBot:
    """``client`` as Kindred's bot; a clear error for a client that was built without services."""
    if getattr(client, "services", None) is None:
        raise RuntimeError(
            f"{type(client).__name__} has no Kindred services: build it with bot.KindredBot"
        )
    return cast("KindredBot", client)


def lanes(client: discord.Client) -> Lanes:
    """The lanes' services (``bot.services.lanes``) from any interaction's client."""
    return kindred(client).services.lanes
