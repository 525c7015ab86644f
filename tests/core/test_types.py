"""cogs/utils/types.py: typed access to the bot and its lanes from an interaction's client."""

from __future__ import annotations

import discord
import pytest

from cogs.utils import types
from tests.conftest import Kindred


def test_a_client_without_services_is_named_in_a_clear_error() -> None:
    client = discord.Client(intents=discord.Intents.none())
    with pytest.raises(RuntimeError, match="Client has no Kindred services"):
        types.lanes(client)


async def test_kindreds_bot_gives_its_own_lanes(kindred: Kindred) -> None:
    client: discord.Client = kindred.bot
    assert types.kindred(client) is kindred.bot
    assert types.lanes(client) is kindred.bot.services.lanes
