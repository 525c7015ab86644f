"""Saved replies in the member's language, end to end through the stand-in (issue 15).

Asha reads Hindi (her ``/language`` choice). A moderator's saved reply reaches her in Hindi,
with her helplines in Hindi; the moderator's confirmation stays English and says which
language she reads it in.
"""

from __future__ import annotations

from tests.conftest import Kindred
from tests.integration.helpers import configure

CONCERN = "Honestly I keep wishing I could just go to sleep and not wake up."


async def test_a_saved_reply_reaches_a_hindi_speaker_in_hindi_and_the_moderator_is_told(
    kindred: Kindred,
) -> None:
    await configure(kindred)  # the server's country: India
    w, driver = kindred.world, kindred.driver
    asha = w.member("Asha")
    chosen = await driver.command(
        asha, "language", {"language": "hi"}, channel=w.channels["general"]
    )
    assert chosen.ephemeral
    await driver.dm(asha, CONCERN)
    await driver.dm(asha, "hello?")
    [thread] = kindred.fake.threads_in(w.channels["staff"]["id"])

    result = await driver.command(w.member("Maya"), "reply", {"saved": "helplines"}, channel=thread)

    dm = driver.dms_to(asha)[-1]["content"]
    assert "ये हेल्पलाइन मुफ़्त और गोपनीय हैं, और आप अभी इनसे बात कर सकते हैं:" in dm
    assert "• **Tele-MANAS**: 14416 या 1-800-891-4416 पर कॉल करें (हर समय; 20 भाषाएँ)" in dm
    assert "अगर आप खतरे में हैं, तो कृपया **112** पर कॉल करें।" in dm
    assert result.content.startswith("**To the member** (as the Kindred team):")
    assert result.content.endswith(
        "-# “Helplines in their country” was sent in Hindi, the member's language."
    )
