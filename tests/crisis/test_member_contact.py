"""What staff read about how the member was reached, for each kind of case."""

from __future__ import annotations

import dataclasses

from cogs.crisis import messages
from db.database import Database
from tests.builders import make_case


async def test_a_support_conversation_says_the_member_asked_to_talk(db: Database) -> None:
    case = await make_case(db, user_id=11, level="support", source="talk")
    assert "asked to talk" in messages.member_contact(case)
    assert "not contacted" not in messages.member_contact(case)


async def test_a_crisis_case_not_yet_reached_says_so(db: Database) -> None:
    case = await make_case(db, user_id=11, level="urgent")
    assert messages.member_contact(case) == "not contacted yet"
    reached = dataclasses.replace(case, member_notified="dm")
    assert messages.member_contact(reached) == "sent helplines by DM"
