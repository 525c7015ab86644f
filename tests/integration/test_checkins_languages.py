"""Issue 15 through the stand-in: check-ins in Spanish and Hindi. A pair's shared thread speaks
its group's language (here the server's: Spanish); each member's own answer is in theirs."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import Kindred
from tests.integration.helpers import configure
from tests.integration.test_checkins import lane, pairs_of_week, start_cohort, to_week


async def test_a_spanish_servers_threads_are_in_spanish_and_answers_in_each_members_language(
    kindred: Kindred,
) -> None:
    await configure(kindred, language="es")
    w = kindred.world
    first, second = w.members[0], w.members[1]
    await start_cohort(kindred, members=2)
    await kindred.driver.command(second, "language", {"language": "hi"}, locale="hi")
    await to_week(kindred, 1)
    (pair,) = await pairs_of_week(kindred, 1)
    a, b = pair.user_ids
    opening = kindred.driver.sent_to_channel(pair.thread_id)[0]["content"]
    assert opening.startswith(f"¡Hola, <@{a}> y <@{b}>! Esta semana les toca encontrarse"), opening
    prompt = lane(kindred).rounds.prompts.for_week(1).text
    assert prompt not in opening
    assert "**La propuesta de esta semana:** Comparte algo bueno de tu semana" in opening

    await to_week(kindred, 1, extra=timedelta(days=3))
    nudge = kindred.driver.sent_to_channel(pair.thread_id)[-1]["content"]
    assert "un recordatorio amable de mitad de semana" in nudge, nudge

    await to_week(kindred, 1, extra=timedelta(days=6))
    asked = kindred.driver.sent_to_channel(pair.thread_id)[-1]
    assert "la semana casi termina" in asked["content"]
    labels = [c["label"] for row in asked["components"] for c in row["components"]]
    assert labels == ["Sí, nos encontramos", "Esta semana no"]
    # Each answer is private and in the member's own language: English (Discord's en-US) and
    # Hindi (chosen with /language).
    answers = {
        first.id: "Thank you! Glad you could connect this week.",
        second.id: "धन्यवाद! अच्छा लगा कि इस हफ़्ते आपकी बात हो पाई।",
    }
    for user_id, expected in answers.items():
        done = await kindred.driver.click(user_id, asked, f"checkin:met:{pair.id}")
        assert done.content == expected
