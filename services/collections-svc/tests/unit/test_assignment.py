"""Assignment rules, decided purely: first match by region and segment, then round robin."""

from collections_svc.domain.assignment import AssignmentRule, CustomerProfile, RuleSet

RULES = RuleSet(
    version=1,
    rules=(
        AssignmentRule("north", "enterprise", ("colin", "carla")),
        AssignmentRule("north", None, ("nina",)),
        AssignmentRule(None, "smb", ("sam", "sue", "sid")),
    ),
    turns=(0, 0, 0),
)


def profile(region: str | None, *segments: str) -> CustomerProfile:
    return CustomerProfile(region, frozenset(segments))


def test_the_first_rule_whose_region_and_segment_both_match_wins() -> None:
    assert [
        RULES.first_match(p)
        for p in (
            profile("north", "enterprise"),
            profile("north", "smb", "enterprise"),
            profile("north", "smb"),
            profile("north"),
            profile("south", "smb"),
            profile("south", "enterprise"),
            profile(None),
        )
    ] == [0, 0, 1, 1, 2, None, None]


def test_a_rule_naming_neither_region_nor_segment_catches_everyone() -> None:
    catch_all = RuleSet(1, (*RULES.rules, AssignmentRule(None, None, ("pat",))), None, (0,) * 4)
    assert catch_all.first_match(profile("south", "enterprise")) == 3
    assert catch_all.first_match(profile(None)) == 3


def test_turns_go_round_the_collectors_in_order() -> None:
    rule = RULES.rules[2]
    assert [rule.collector_for(turn) for turn in range(7)] == [
        "sam", "sue", "sid", "sam", "sue", "sid", "sam",
    ]  # fmt: skip
