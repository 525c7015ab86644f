"""``pipeline.route``: one message's decision for both lanes, crisis first. Pure: no Discord."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cogs.crisis.detector import Level, Verdict
from cogs.guidelines.screen import GuidelineHit
from cogs.screening.pipeline import NOTHING, GuidelineRoute, Incoming, route
from cogs.screening.stage import MODEL_ALERT_RULE, ModelScore, ModelThresholds

GUILD, GENERAL, THREAD, STAFF = 1, 10, 11, 99


def hit(label: str) -> GuidelineHit:
    path = "abuse" if label in ("toxic", "privacy") else "coach"
    return GuidelineHit(label, path, f"{label}_rule", f"why {label}", "")


TOXIC, PRIVACY = hit("toxic"), hit("privacy")
MINIMIZING, COMPARING, ADVICE = hit("minimizing"), hit("comparing"), hit("unsolicited_advice")

MESSAGE = Incoming(
    message_id=500, text="…", author_id=7, guild_id=GUILD, channel_id=GENERAL, source="message"
)
EDIT = replace(MESSAGE, source="edit")
DM = replace(MESSAGE, guild_id=None, channel_id=3, source="dm")
IN_STAFF = replace(MESSAGE, channel_id=STAFF, is_staff_channel=True)
STAFF_THREAD = replace(MESSAGE, channel_id=THREAD, parent_id=STAFF, is_staff_channel=True)
BLOCKED = replace(MESSAGE, message_id=None, source="automod", automod_rule="Dark words")


def lexicon(level: Level) -> Verdict:
    return Verdict(level, () if level is Level.NONE else (f"{level.label}_rule",), "reason")


QUIET = lexicon(Level.NONE)
T = ModelThresholds(alert=0.6, urgent=0.8, veto_floor=0.1)


# --- crisis ------------------------------------------------------------------------------------


def test_ordinary_chat_routes_nowhere() -> None:
    assert route(MESSAGE, QUIET, []) == NOTHING
    assert NOTHING.quiet


@pytest.mark.parametrize("level", [Level.WATCH, Level.CONCERN, Level.URGENT])
@pytest.mark.parametrize("incoming", [MESSAGE, EDIT, DM], ids=["message", "edit", "dm"])
def test_every_crisis_level_goes_to_the_crisis_lane(level: Level, incoming: Incoming) -> None:
    decided = route(incoming, lexicon(level), [])
    assert decided.crisis.level is level
    assert decided.crisis.rules == (f"{level.label}_rule",)
    assert decided.crisis.lexicon_level is level
    assert not decided.quiet


def test_a_bot_routes_nowhere_whatever_the_screens_said() -> None:
    bot = replace(MESSAGE, is_bot=True)
    assert route(bot, lexicon(Level.URGENT), [TOXIC]) == NOTHING


@pytest.mark.parametrize("incoming", [IN_STAFF, STAFF_THREAD], ids=["channel", "thread"])
def test_the_staff_channel_is_not_screened_for_crisis(incoming: Incoming) -> None:
    assert route(incoming, lexicon(Level.URGENT), []).crisis.level is Level.NONE


def test_the_alert_names_the_abuse_a_disclosure_also_broke() -> None:
    decided = route(MESSAGE, lexicon(Level.URGENT), [TOXIC, PRIVACY, MINIMIZING])
    assert decided.crisis.also_abusive == ("privacy", "toxic")


@pytest.mark.parametrize("level", [Level.WATCH, Level.CONCERN, Level.URGENT])
def test_what_automod_blocked_goes_to_the_crisis_lane(level: Level) -> None:
    assert BLOCKED.blocked
    assert route(BLOCKED, lexicon(level), []).crisis.level is level


@pytest.mark.parametrize("found", [[TOXIC], [MINIMIZING]], ids=["abuse", "coaching"])
def test_what_automod_blocked_is_never_nudged_or_hidden(found: list[GuidelineHit]) -> None:
    # It was never posted: there is nothing to coach or hide.
    assert route(BLOCKED, QUIET, found) == NOTHING
    assert route(BLOCKED, lexicon(Level.WATCH), found).guidelines == GuidelineRoute()


def test_a_dm_disclosure_still_says_it_was_abusive_but_dms_get_no_guideline_action() -> None:
    decided = route(DM, lexicon(Level.CONCERN), [TOXIC])
    assert decided.crisis.also_abusive == ("toxic",)
    assert decided.guidelines == GuidelineRoute()


# --- crisis wins -------------------------------------------------------------------------------


@pytest.mark.parametrize("level", [Level.CONCERN, Level.URGENT])
@pytest.mark.parametrize("hits", [[TOXIC], [PRIVACY], [MINIMIZING], [TOXIC, COMPARING]])
def test_at_concern_and_urgent_nothing_is_nudged_or_hidden(
    level: Level, hits: list[GuidelineHit]
) -> None:
    assert route(MESSAGE, lexicon(level), hits).guidelines.action == "none"


@pytest.mark.parametrize("abuse", [TOXIC, PRIVACY])
def test_at_watch_abuse_is_hidden_with_care(abuse: GuidelineHit) -> None:
    decided = route(MESSAGE, lexicon(Level.WATCH), [abuse])
    assert decided.guidelines == GuidelineRoute("hide_care", abuse)
    assert decided.crisis.level is Level.WATCH


def test_at_watch_coaching_is_as_usual() -> None:
    assert route(MESSAGE, lexicon(Level.WATCH), [MINIMIZING]).guidelines == GuidelineRoute(
        "nudge", MINIMIZING
    )


# --- guidelines --------------------------------------------------------------------------------


@pytest.mark.parametrize("abuse", [TOXIC, PRIVACY])
def test_abuse_is_hidden(abuse: GuidelineHit) -> None:
    assert route(MESSAGE, QUIET, [abuse]).guidelines == GuidelineRoute("hide", abuse)


@pytest.mark.parametrize("coach", [MINIMIZING, COMPARING, ADVICE])
def test_coaching_is_a_nudge(coach: GuidelineHit) -> None:
    assert route(MESSAGE, QUIET, [coach]).guidelines == GuidelineRoute("nudge", coach)


def test_abuse_takes_the_abuse_path_and_coaching_hits_beside_it_are_dropped() -> None:
    assert route(MESSAGE, QUIET, [TOXIC, MINIMIZING]).guidelines == GuidelineRoute("hide", TOXIC)


def test_an_edit_is_never_nudged() -> None:
    assert route(EDIT, QUIET, [MINIMIZING, COMPARING]) == NOTHING


def test_an_edit_that_makes_a_message_abusive_is_hidden() -> None:
    assert route(EDIT, QUIET, [TOXIC]).guidelines == GuidelineRoute("hide", TOXIC)


def test_a_report_only_abuse_rule_is_reported_not_hidden() -> None:
    modes = {(0, "toxic"): "report"}
    assert route(MESSAGE, QUIET, [TOXIC], modes=modes).guidelines == GuidelineRoute(
        "report", records=((TOXIC, "reported"),)
    )


def test_the_first_abuse_rule_that_is_on_wins_over_earlier_report_only_and_off_ones() -> None:
    modes = {(0, "toxic"): "report"}
    decided = route(MESSAGE, QUIET, [TOXIC, PRIVACY], modes=modes)
    assert decided.guidelines == GuidelineRoute("hide", PRIVACY)
    modes = {(0, "toxic"): "off"}
    assert route(MESSAGE, QUIET, [TOXIC], modes=modes).guidelines.action == "none"


def test_coaching_nudges_the_first_rule_that_is_on_and_records_the_rest() -> None:
    modes = {(0, "minimizing"): "report", (0, "comparing"): "on"}
    decided = route(MESSAGE, QUIET, [MINIMIZING, COMPARING, ADVICE], modes=modes)
    assert decided.guidelines == GuidelineRoute(
        "nudge", COMPARING, ((MINIMIZING, "reported"), (ADVICE, "noted"))
    )


def test_coaching_rules_that_are_all_report_only_are_only_reported() -> None:
    modes = {(0, "minimizing"): "report", (0, "comparing"): "off"}
    decided = route(MESSAGE, QUIET, [MINIMIZING, COMPARING], modes=modes)
    assert decided.guidelines == GuidelineRoute("report", records=((MINIMIZING, "reported"),))


def test_a_channel_mode_beats_the_server_mode() -> None:
    modes = {(0, "toxic"): "off", (GENERAL, "toxic"): "on"}
    assert route(MESSAGE, QUIET, [TOXIC], modes=modes).guidelines.action == "hide"


@pytest.mark.parametrize("incoming", [IN_STAFF, STAFF_THREAD], ids=["channel", "thread"])
def test_the_staff_channel_is_exempt_from_the_guidelines_by_default(incoming: Incoming) -> None:
    assert route(incoming, QUIET, [TOXIC, MINIMIZING]) == NOTHING


def test_a_mode_set_for_the_staff_channel_applies_there() -> None:
    modes = {(STAFF, "toxic"): "on"}
    assert route(IN_STAFF, QUIET, [TOXIC], modes=modes).guidelines.action == "hide"
    assert route(STAFF_THREAD, QUIET, [TOXIC], modes=modes).guidelines.action == "hide"


# --- with the screening model --------------------------------------------------------------------


def test_a_model_alert_the_lexicon_missed_goes_to_the_crisis_lane() -> None:
    decided = route(MESSAGE, QUIET, [], score=ModelScore(0.9, 0.1), thresholds=T)
    assert decided.crisis.level is Level.CONCERN
    assert decided.crisis.rules == (MODEL_ALERT_RULE,)
    assert decided.crisis.lexicon_level is Level.NONE


def test_crisis_wins_over_coaching_after_the_model_raised_the_level() -> None:
    decided = route(MESSAGE, QUIET, [MINIMIZING], score=ModelScore(0.9, 0.1), thresholds=T)
    assert decided.guidelines.action == "none"


def test_a_vetoed_abusive_disclosure_is_a_watch_and_its_abuse_is_hidden_with_care() -> None:
    decided = route(
        MESSAGE, lexicon(Level.URGENT), [TOXIC], score=ModelScore(0.01, 0.0), thresholds=T
    )
    assert decided.crisis.level is Level.WATCH
    assert decided.crisis.lexicon_level is Level.URGENT
    assert decided.guidelines == GuidelineRoute("hide_care", TOXIC)


def test_the_staff_channel_ignores_even_a_model_alert() -> None:
    decided = route(IN_STAFF, QUIET, [], score=ModelScore(0.99, 0.99), thresholds=T)
    assert decided == NOTHING


# --- possible contempt, queued for review (the guideline model's review bar) ---------------------

REVIEW = GuidelineHit("toxic", "abuse", "model_toxic_review", "why toxic", "")


def test_possible_contempt_alone_is_queued_not_hidden() -> None:
    decided = route(MESSAGE, QUIET, [], review=REVIEW)
    assert decided.guidelines == GuidelineRoute("report", records=((REVIEW, "reported"),))
    assert decided.crisis.level is Level.NONE


def test_possible_contempt_is_queued_beside_a_nudge() -> None:
    decided = route(MESSAGE, QUIET, [MINIMIZING], review=REVIEW)
    assert decided.guidelines == GuidelineRoute(
        "nudge", MINIMIZING, records=((REVIEW, "reported"),)
    )


def test_possible_contempt_is_not_queued_where_the_toxic_rule_is_off() -> None:
    assert route(MESSAGE, QUIET, [], review=REVIEW, modes={(0, "toxic"): "off"}) == NOTHING
    decided = route(MESSAGE, QUIET, [MINIMIZING], review=REVIEW, modes={(0, "toxic"): "off"})
    assert decided.guidelines == GuidelineRoute("nudge", MINIMIZING)


@pytest.mark.parametrize("level", [Level.CONCERN, Level.URGENT])
def test_crisis_wins_over_possible_contempt(level: Level) -> None:
    decided = route(MESSAGE, lexicon(level), [], review=REVIEW)
    assert decided.crisis.level is level
    assert decided.guidelines == GuidelineRoute()


def test_possible_contempt_in_a_dm_or_from_the_staff_channel_goes_nowhere() -> None:
    assert route(DM, QUIET, [], review=REVIEW) == NOTHING
    assert route(IN_STAFF, QUIET, [], review=REVIEW) == NOTHING
