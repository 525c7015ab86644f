"""Weekly check-in pairing rules: who meets whom this week, as a pure function of plain data.

The cog gathers, for one group, the members who opted in and are not snoozed, the groups of past
weeks, the confidential "don't pair me with" lists and any preferences, and calls
``pair_members``. Nothing here touches Discord or the database, so the rules can be tested on
their own and re-run after a restart with the same answer.

What the rules promise, in order of priority:

1. Nobody is silently left out: every member is either in exactly one group or listed in
   ``PairingResult.unplaced`` with a reason code.
2. Never a forbidden pair ("don't pair me with" is treated as symmetric, and the result never
   says who asked).
3. As many members placed as possible: pairs, plus one trio when the count is odd.
4. As few repeated pairs as possible; among repeats, the pair that met longest ago.
5. Better matches by preference (overlapping waking hours, shared focus).
6. Ties broken by ``seed`` (pass the week number), so the same input always gives the same
   output.

A closed group with no constraints uses the round-robin circle method, so a fixed group of n
walks through every pairing in n - 1 weeks; anything else uses networkx's maximum-weight
matching with integer weights laid out in tiers so that each rule above strictly outranks the
ones below it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import combinations

import networkx as nx

__all__ = [
    "MISSES_BEFORE_PAUSE",
    "REASON_ALONE",
    "REASON_NO_ALLOWED_GROUP",
    "REASON_NO_ALLOWED_PARTNER",
    "Outcome",
    "PairingResult",
    "Preferences",
    "Unplaced",
    "circle_round",
    "pair_members",
    "pairs_in",
    "should_pause",
]

# Reason codes for members who could not be placed. They are for moderators and logs; the member
# should get a neutral message, because "no_allowed_partner" can mean that others asked not to
# be paired with them, which must never be revealed.
REASON_ALONE = "alone"  # the only member opted in this week
REASON_NO_ALLOWED_PARTNER = "no_allowed_partner"  # every other member is a forbidden partner
# Allowed partners exist, but each is needed elsewhere to place others and no allowed trio fits.
REASON_NO_ALLOWED_GROUP = "no_allowed_group"

MISSES_BEFORE_PAUSE = 3

Pair = tuple[int, int]
Group = tuple[int, ...]
# Oldest week first; each week is a list of groups (pairs or trios) of member ids.
History = Sequence[Sequence[Sequence[int]]]

# Groups up to this size are matched on the full graph, which is exact (networkx's blossom
# algorithm is pure Python and roughly cubic: ~7 ms at 30 members, ~0.2 s at 96, ~1.8 s at 200).
_FULL_GRAPH_LIMIT = 96
# Larger pools are cut into blocks of this size (neighbours by time zone) so that a pool of
# 1,000 pairs in well under a second; see ``_match``.
_BLOCK_SIZE = 32
# Up to this size, an odd pool also tries every member as the trio's third member, which makes
# "no repeats when a repeat-free cover with one trio exists" exact.
_EXHAUSTIVE_TRIO_LIMIT = 24

# Score ranges of the lower tiers (see ``_Tiers``).
_RECENCY_MAX = 1000  # a pair that never met; a pair that met last week scores 0
_PREF_MAX = 100
_JITTER_SPAN = 16
_NEUTRAL = 0.5  # a preference that is unknown for either member neither helps nor hurts
_WAKING_HOURS = 16.0  # assumed waking day when comparing time zones
_TZ_SHARE = 0.6  # time-zone overlap matters more than focus for actually meeting
_MASK64 = (1 << 64) - 1


class Outcome(StrEnum):
    """What happened to one member's check-in in one week."""

    MET = "met"
    NOT_MET = "not_met"
    NO_ANSWER = "no_answer"


@dataclass(frozen=True, slots=True)
class Preferences:
    """Optional soft preferences, keyed by member id; a member may appear in none of them.

    ``utc_offset_hours`` prefers partners whose waking hours overlap (offsets like 5.5 are fine).
    ``labels`` prefers partners sharing focus labels (e.g. "newly diagnosed", "caregiver").
    """

    utc_offset_hours: Mapping[int, float] = field(default_factory=dict)
    labels: Mapping[int, Collection[str]] = field(default_factory=dict)

    def applies_to(self, members: Iterable[int]) -> bool:
        """Whether any of ``members`` has a preference that could change a pairing."""
        return any(m in self.utc_offset_hours or self.labels.get(m) for m in members)


@dataclass(frozen=True, slots=True)
class Unplaced:
    """A member who has no group this week, and why (one of the ``REASON_*`` codes)."""

    member_id: int
    reason: str


@dataclass(frozen=True, slots=True)
class PairingResult:
    """This week's groups (each sorted, pairs plus at most one trio) and who was not placed."""

    groups: tuple[Group, ...]
    unplaced: tuple[Unplaced, ...] = ()
    repeats: int = 0  # pairs inside ``groups`` that had met before; 0 in a fresh rotation
    method: str = "none"  # "circle", "matching" or "none" (nobody to pair)

    def group_of(self, member_id: int) -> Group | None:
        """The group containing ``member_id``, or None if they are unplaced or not in the input."""
        for group in self.groups:
            if member_id in group:
                return group
        return None


def pairs_in(group: Sequence[int]) -> list[Pair]:
    """Every pair of members inside one group (one pair for a pair, three for a trio), sorted."""
    return list(combinations(sorted(set(group)), 2))


def should_pause(outcomes: Sequence[str], *, misses: int = MISSES_BEFORE_PAUSE) -> bool:
    """Whether a member's pairing should pause: their last ``misses`` check-ins were all missed.

    ``outcomes`` is the member's recent weeks, newest last, as ``Outcome`` values (plain strings
    work). Both "not_met" and "no_answer" count as a miss; a single "met" resets the run. Weeks
    the member was snoozed or unplaced should not be passed at all, since those were not their
    check-ins to miss. Raises ValueError for an unknown outcome, so a typo cannot pause someone.
    """
    if misses < 1:
        raise ValueError("misses must be at least 1")
    checked = [Outcome(value) for value in outcomes]  # raises ValueError on an unknown value
    recent = checked[-misses:]
    return len(recent) == misses and all(o is not Outcome.MET for o in recent)


def _circle_pairs(members: Sequence[int], week_index: int) -> tuple[list[Pair], int | None]:
    """One round of the circle method: the pairs, and the member sitting out (odd counts)."""
    ring: list[int | None] = [*sorted(set(members))]
    if len(ring) % 2:
        ring.append(None)  # the "bye" seat; whoever faces it sits out (or joins a trio)
    if len(ring) < 2:
        return [], (ring[0] if ring else None)
    fixed, others = ring[0], ring[1:]
    shift = week_index % len(others)
    # Rotating everyone but one fixed seat gives each pair exactly once over len(ring) - 1 rounds.
    rotated = others[len(others) - shift :] + others[: len(others) - shift]
    seats = [fixed, *rotated]
    pairs: list[Pair] = []
    bye: int | None = None
    for i in range(len(seats) // 2):
        a, b = seats[i], seats[len(seats) - 1 - i]
        if a is None or b is None:
            bye = b if a is None else a
        else:
            pairs.append((a, b) if a < b else (b, a))
    return sorted(pairs), bye


def circle_round(members: Sequence[int], week_index: int) -> list[Group]:
    """The circle-method groups for ``week_index`` (0-based), ignoring history and constraints.

    For an even count, weeks 0 .. n-2 give every pair exactly once, then the cycle repeats. For
    an odd count the member facing the empty seat joins one pair as a trio; here that pair is
    picked by the week number alone, whereas ``pair_members`` picks it from history.
    """
    pairs, bye = _circle_pairs(members, week_index)
    groups: list[Group] = list(pairs)
    if bye is not None and pairs:
        i = week_index % len(pairs)
        groups[i] = tuple(sorted((*pairs[i], bye)))
    return sorted(groups)


def _mix(*values: int) -> int:
    """A small deterministic integer hash (splitmix-style), for seeded tie-breaks."""
    h = 0x9E3779B97F4A7C15
    for value in values:
        h ^= value & _MASK64
        h = (h * 0xBF58476D1CE4E5B9) & _MASK64
        h ^= h >> 31
    return h


def _key(a: int, b: int) -> Pair:
    """A pair in canonical (smaller, larger) order."""
    return (a, b) if a < b else (b, a)


# An edge's contribution to a solution: (placed, -repeats, recency, preference, jitter).
Score = tuple[int, int, int, int, int]
_ZERO: Score = (0, 0, 0, 0, 0)


def _add(x: Score, y: Score) -> Score:
    """Component-wise sum of two scores."""
    return (x[0] + y[0], x[1] + y[1], x[2] + y[2], x[3] + y[3], x[4] + y[4])


def _sub(x: Score, y: Score) -> Score:
    """Component-wise difference of two scores."""
    return (x[0] - y[0], x[1] - y[1], x[2] - y[2], x[3] - y[3], x[4] - y[4])


class _Context:
    """Everything the rules know about this week, with cached per-pair scores."""

    def __init__(
        self,
        members: Sequence[int],
        history: History,
        avoid: Mapping[int, Iterable[int]],
        preferences: Preferences,
        seed: int,
    ) -> None:
        self.members = list(members)
        present = set(members)
        self.seed = seed
        self.preferences = preferences
        # Symmetric: if either member asked, the pair is out, and nothing records who asked.
        self.forbidden: set[Pair] = {
            _key(a, b)
            for a, others in avoid.items()
            if a in present
            for b in others
            if b in present and b != a
        }
        # Weeks since each pair last met (1 = last week). Newer weeks overwrite older ones.
        self.last_met: dict[Pair, int] = {}
        for index, week in enumerate(history):
            age = len(history) - index
            for group in week:
                for pair in pairs_in([m for m in group if m in present]):
                    self.last_met[pair] = age
        self._edges: dict[Pair, Score] = {}

    def allowed(self, a: int, b: int) -> bool:
        """Whether ``a`` and ``b`` may be in the same group."""
        return a != b and _key(a, b) not in self.forbidden

    def edge(self, a: int, b: int) -> Score:
        """The score a pair adds to a solution (``placed`` is counted per group, not here)."""
        pair = _key(a, b)
        cached = self._edges.get(pair)
        if cached is None:
            age = self.last_met.get(pair)
            # Concave in the age, so two repeats from 5 weeks ago beat one from last week plus
            # one from 9 weeks ago: recent repeats are what members notice.
            recency = _RECENCY_MAX if age is None else _RECENCY_MAX - _RECENCY_MAX // age
            cached = (
                0,
                0 if age is None else -1,
                recency,
                self._preference(*pair),
                _mix(self.seed, *pair) % _JITTER_SPAN,
            )
            self._edges[pair] = cached
        return cached

    def _preference(self, a: int, b: int) -> int:
        """How well two members suit each other by preferences, 0..100 (50 when unknown)."""
        offsets = self.preferences.utc_offset_hours
        tz = _NEUTRAL
        if a in offsets and b in offsets:
            gap = abs(offsets[a] - offsets[b]) % 24
            gap = min(gap, 24 - gap)  # UTC+12 and UTC-11 are one hour apart, not 23
            tz = max(0.0, _WAKING_HOURS - gap) / _WAKING_HOURS
        labels = self.preferences.labels
        focus = _NEUTRAL
        la, lb = set(labels.get(a, ())), set(labels.get(b, ()))
        if la and lb:
            focus = len(la & lb) / len(la | lb)
        return round(_PREF_MAX * (_TZ_SHARE * tz + (1 - _TZ_SHARE) * focus))

    def score(self, groups: Iterable[Sequence[int]]) -> Score:
        """The score of a whole solution: placed members, then the sum of its pairs' scores."""
        total = _ZERO
        for group in groups:
            total = _add(total, (len(group), 0, 0, 0, 0))
            for a, b in pairs_in(group):
                total = _add(total, self.edge(a, b))
        return total

    def sort_key(self, member: int) -> tuple[float, int]:
        """Order for cutting large pools into blocks: time zone first, then a seeded shuffle."""
        return (self.preferences.utc_offset_hours.get(member, 0.0), _mix(self.seed, member))


def _tier_weight(score: Score, bonus: int, m: int, *, bonus_first: bool = False) -> int:
    """One integer edge weight whose tiers cannot trade against each other.

    Each tier's unit exceeds the largest total the tiers below it can reach over a matching of
    ``m`` pairs, so maximum weight means: fewest repeats, then the trio bonus, then longest
    ago, then preferences, then the seeded jitter (``bonus_first`` puts the bonus above the
    repeats, for when placing one more member is at stake). Integers keep networkx exact (it
    promises exactness only for integer weights).
    """
    _, neg_repeats, recency, pref, jitter = score
    fresh = 1 + neg_repeats  # 1 for a pair that never met, 0 for a repeat
    # (value, largest value one edge can have), lowest tier first.
    tiers = [(jitter, _JITTER_SPAN - 1), (pref, _PREF_MAX), (recency, _RECENCY_MAX)]
    tiers += [(fresh, 1), (bonus, m + 1)] if bonus_first else [(bonus, m + 1), (fresh, 1)]
    weight, unit, below = 0, 1, 0  # ``below``: most the lower tiers can add over a matching
    for value, largest in tiers:
        weight += value * unit
        below += m * largest * unit
        unit = below + 1
    return weight


def _full_match(
    ctx: _Context,
    nodes: Sequence[int],
    bonus_for: int | None = None,
    *,
    bonus_first: bool = False,
) -> list[Pair]:
    """Exact maximum-cardinality, maximum-weight matching of ``nodes`` (forbidden: no edge).

    ``bonus_for`` names a member held back to join a trio: pairs that member could join (and
    better, join without a repeat) get a bonus, so the matching keeps one such pair if it can.
    """
    m = max(1, len(nodes) // 2)
    graph = nx.Graph()
    ordered = sorted(nodes)
    graph.add_nodes_from(ordered)  # sorted insertion keeps networkx's result deterministic
    for a, b in combinations(ordered, 2):
        if not ctx.allowed(a, b):
            continue
        bonus = 0
        if bonus_for is not None and ctx.allowed(bonus_for, a) and ctx.allowed(bonus_for, b):
            fresh = ctx.edge(bonus_for, a)[1] == 0 and ctx.edge(bonus_for, b)[1] == 0
            # One trio-able pair without repeats outweighs any number of ones with repeats.
            bonus = m + 1 if fresh else 1
        weight = _tier_weight(ctx.edge(a, b), bonus, m, bonus_first=bonus_first)
        graph.add_edge(a, b, weight=weight)
    matching = nx.max_weight_matching(graph, maxcardinality=True, weight="weight")
    return sorted(_key(a, b) for a, b in matching)


def _match(ctx: _Context, nodes: Sequence[int], *, dissolve_repeats: bool = True) -> list[Pair]:
    """Match ``nodes``: exactly for small pools, block by block for large ones.

    Large pools (a benchmark of 1,000 members; real groups are a dozen) are cut into blocks of
    time-zone neighbours and each block is matched exactly. Members left over, and on the first
    pass members of any repeated pair, are pooled and matched again, so a repeat survives only
    if the pool cannot avoid it. This is a heuristic: exactness is promised up to
    ``_FULL_GRAPH_LIMIT`` members.
    """
    if len(nodes) <= _FULL_GRAPH_LIMIT:
        return _full_match(ctx, nodes)
    ordered = sorted(nodes, key=ctx.sort_key)
    kept: list[Pair] = []
    pool: list[int] = []
    for start in range(0, len(ordered), _BLOCK_SIZE):
        block = ordered[start : start + _BLOCK_SIZE]
        pairs = _full_match(ctx, block)
        placed = {m for pair in pairs for m in pair}
        pool.extend(m for m in block if m not in placed)
        for a, b in pairs:
            if dissolve_repeats and ctx.edge(a, b)[1] < 0:
                pool.extend((a, b))
            else:
                kept.append((a, b))
    if len(pool) == len(nodes) and not dissolve_repeats:
        return []  # no block found any allowed pair; recursing again would not either
    return sorted(kept + _match(ctx, pool, dissolve_repeats=False))


def _with_trio(ctx: _Context, pairs: list[Pair], leftovers: Sequence[int]) -> list[Group]:
    """The best solution from a matching plus at most one trio for a leftover member.

    First tries attaching a leftover to a pair it is allowed with; if none fits, tries one swap:
    the leftover takes one member of a pair, and the other member joins another pair as a trio.
    Candidates are compared by score deltas so this stays cheap for large pools.
    """
    groups: list[Group] = list(pairs)
    if not leftovers or not pairs:
        return groups
    best_delta: Score | None = None
    best: list[Group] = groups
    for x in leftovers:
        for i, (a, b) in enumerate(pairs):
            if ctx.allowed(x, a) and ctx.allowed(x, b):
                delta = _add(_add((1, 0, 0, 0, 0), ctx.edge(x, a)), ctx.edge(x, b))
                if best_delta is None or delta > best_delta:
                    best_delta = delta
                    best = [*groups[:i], tuple(sorted((a, b, x))), *groups[i + 1 :]]
    if best_delta is not None:
        return best
    for x in leftovers:
        for i, (a, b) in enumerate(pairs):
            for keep, move in ((a, b), (b, a)):
                if not ctx.allowed(x, keep):
                    continue
                swapped = _sub(ctx.edge(x, keep), ctx.edge(a, b))
                for j, (c, d) in enumerate(pairs):
                    if j == i or not (ctx.allowed(move, c) and ctx.allowed(move, d)):
                        continue
                    delta = _add(_add(swapped, ctx.edge(move, c)), ctx.edge(move, d))
                    delta = _add(delta, (1, 0, 0, 0, 0))
                    if best_delta is None or delta > best_delta:
                        best_delta = delta
                        best = list(groups)
                        best[i] = _key(x, keep)
                        best[j] = tuple(sorted((c, d, move)))
    return best


def _solve_by_matching(ctx: _Context, pool: Sequence[int]) -> list[Group]:
    """Groups for ``pool`` (members who each have at least one allowed partner)."""
    pairs = _match(ctx, pool)
    matched = {m for pair in pairs for m in pair}
    leftovers = [m for m in pool if m not in matched]
    best = _with_trio(ctx, pairs, leftovers)
    best_score = ctx.score(best)
    perfect = best_score[0] == len(pool) and best_score[1] == 0
    if leftovers and not perfect and len(pool) <= _EXHAUSTIVE_TRIO_LIMIT:
        # The matching chose its leftover without knowing who fits into a trio; holding back
        # each member in turn (with a bonus for pairs they could join) finds a repeat-free
        # cover with one trio whenever one exists.
        for held in pool:
            rest = [m for m in pool if m != held]
            for bonus_first in (False, True):
                rest_pairs = _full_match(ctx, rest, bonus_for=held, bonus_first=bonus_first)
                rest_matched = {m for pair in rest_pairs for m in pair}
                rest_left = [held, *(m for m in rest if m not in rest_matched)]
                candidate = _with_trio(ctx, rest_pairs, rest_left)
                candidate_score = ctx.score(candidate)
                if candidate_score > best_score:
                    best, best_score = candidate, candidate_score
                if any(held in group for group in candidate):
                    # Placed without giving up repeats first; the second pass would only
                    # trade repeats for a placement already made.
                    break
    return best


def pair_members(
    members: Iterable[int],
    history: History = (),
    avoid: Mapping[int, Iterable[int]] | None = None,
    preferences: Preferences | None = None,
    *,
    seed: int = 0,
) -> PairingResult:
    """Pair this week's members of one group; see the module docstring for the rules.

    ``members``: ids opted in and not snoozed this week (duplicates are ignored).
    ``history``: past weeks of this group, oldest first, each a list of groups; trios count as
    three pairs. Members no longer present are ignored.
    ``avoid``: member id -> ids they asked not to be paired with (confidential; symmetric here).
    ``preferences``: optional soft preferences.
    ``seed``: pass the cohort's week number (0, 1, 2, ...): consecutive values walk the circle
    method's rounds, and it seeds tie-breaks. Same arguments, same result.
    """
    ids = sorted(set(members))
    if not ids:
        return PairingResult(groups=())
    if len(ids) == 1:
        return PairingResult(groups=(), unplaced=(Unplaced(ids[0], REASON_ALONE),))
    prefs = preferences or Preferences()
    ctx = _Context(ids, history, avoid or {}, prefs, seed)

    partners_left = {m: len(ids) - 1 for m in ids}
    for a, b in ctx.forbidden:
        partners_left[a] -= 1
        partners_left[b] -= 1
    lonely = [m for m in ids if partners_left[m] == 0]
    pool = [m for m in ids if partners_left[m] > 0]

    groups = _solve_by_matching(ctx, pool)
    method = "matching"
    if not ctx.forbidden and not prefs.applies_to(ids):
        # A closed group with no constraints follows the circle so it cycles through every
        # pairing; history can still disagree (someone snoozed, the week number jumped), so
        # the circle is kept only when it is as good as the matching on placing and repeats.
        circle_pairs, bye = _circle_pairs(ids, seed)
        circle = _with_trio(ctx, circle_pairs, [] if bye is None else [bye])
        if ctx.score(circle)[:3] >= ctx.score(groups)[:3]:
            groups, method = circle, "circle"

    placed = {m for group in groups for m in group}
    unplaced = [Unplaced(m, REASON_NO_ALLOWED_PARTNER) for m in lonely]
    unplaced += [Unplaced(m, REASON_NO_ALLOWED_GROUP) for m in pool if m not in placed]
    final = tuple(sorted(tuple(sorted(g)) for g in groups))
    repeats = sum(1 for g in final for pair in pairs_in(g) if pair in ctx.last_met)
    return PairingResult(
        groups=final,
        unplaced=tuple(sorted(unplaced, key=lambda u: u.member_id)),
        repeats=repeats,
        method=method,
    )
