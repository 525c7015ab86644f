"""The demo's language scene (sandbox/scenes_languages.py) against the stand-in: Lucía, whose
Discord is in Spanish, is answered and reached in Spanish; the staff alert is in English."""

from __future__ import annotations

from pathlib import Path

from bot import DataFiles
from cogs.utils.clock import FakeClock
from sandbox.demo import Transcript
from sandbox.fake_discord import FakeDiscord
from sandbox.scenes_languages import scene_spanish
from sandbox.world import build_world
from tests.conftest import running_kindred
from tests.integration.helpers import configure


async def test_the_spanish_scene_speaks_spanish_to_her_and_english_to_staff(
    fake: FakeDiscord, tmp_path: Path, clock: FakeClock, data_files: DataFiles
) -> None:
    # The demo's own server (tests/sandbox's ``world`` fixture is a smaller one).
    world = build_world(fake)
    lines: list[str] = []
    async with running_kindred(fake, world, tmp_path / "k.sqlite3", clock, data_files) as k:
        await configure(k)
        await scene_spanish(k.driver, world, Transcript(fake, lines.append))
    text = "\n".join(lines)
    assert "A member whose Discord is in Spanish" in text
    assert "Kindred volverá a usar el idioma de tu Discord" in text
    assert "[DM to Lucía] Kindred: Hola, Lucía, soy Kindred." in text
    assert "↳ En español: llama al 988 y marca 2, o envía AYUDA al 988" in text
    assert "button: Más formas de pedir ayuda" in text
    assert "Crisis case" in text
    assert "Why: Describes a plan to end their life." in text
    assert "[DM to Lucía] Kindred: Gracias por contárnoslo." in text
    assert "**The member wrote**" in text
