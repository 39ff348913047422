from __future__ import annotations

import pytest

from conclave.engine.rules import (
    ALLOW,
    RISK_DISCLOSURE,
    CompositeRules,
    ContentCreatorRules,
    FinancialAdvisorRules,
    NoRules,
    RuleVerdict,
    TechnicalSupportRules,
    rules_from_spec,
)
from conclave.errors import SpecError, UnknownName

FINANCE = FinancialAdvisorRules()
SUPPORT = TechnicalSupportRules()
PLAIN = "Thanks for getting in touch! Your next statement arrives on Monday. Have a nice day."


# --- no rules ---------------------------------------------------------------------------


def test_no_rules_add_nothing_allow_everything_and_change_nothing() -> None:
    rules = NoRules()
    assert rules.prompt() == ""
    assert rules.check_input("anything at all") is ALLOW
    assert rules.check_output(PLAIN) is PLAIN


# --- financial_advisor ------------------------------------------------------------------


def test_financial_prompt_demands_risk_disclosure_and_forbids_guarantees() -> None:
    prompt = FINANCE.prompt().lower()
    assert "disclose the risks" in prompt
    assert "guaranteed returns" in prompt


def test_disclosure_is_appended_to_a_reply_about_investing() -> None:
    reply = "Index funds spread your money across many stocks and keep fees low."
    assert FINANCE.check_output(reply) == f"{reply}\n\n{RISK_DISCLOSURE}"


def test_disclosure_is_appended_only_once() -> None:
    once = FINANCE.check_output("A balanced portfolio holds stocks and bonds.")
    assert FINANCE.check_output(once) == once
    assert once.count("Risk disclosure") == 1


def test_a_reply_with_its_own_risk_warning_gets_no_disclosure() -> None:
    reply = "Stocks can be volatile. Investing involves risk, and you may lose money."
    assert FINANCE.check_output(reply) == reply


def test_text_about_something_other_than_investing_is_returned_untouched() -> None:
    assert FINANCE.check_output(PLAIN) is PLAIN


@pytest.mark.parametrize(
    ("claim", "compliant"),
    [
        ("This fund offers guaranteed returns.", "This fund offers potential returns."),
        ("You get a guaranteed 20% return each year.", "You get a potential 20% return each year."),
        ("It's a risk-free profit.", "It's a potential profit."),
        ("You can't lose with this strategy.", "You could still lose money with this strategy."),
        ("You will definitely make money.", "You could make money."),
        ("You'll definitely make money on it.", "You could make money on it."),
        ("This is a 100% safe investment.", "This is a lower-risk investment."),
        ("This is an absolutely safe investment.", "This is a lower-risk investment."),
        ("Returns are guaranteed.", "Returns are not guaranteed."),
        ("This stock is guaranteed to double.", "This stock could double."),
        ("We guarantee a 10% return.", "We cannot guarantee a 10% return."),
        ("This fund guarantees a 10% annual return.", "This fund may offer a 10% annual return."),
        ("Bitcoin only goes up.", "Bitcoin can go down as well as up."),
        ("This coin is a sure thing.", "This coin is an opportunity that carries risk."),
        ("Your money is 100% safe.", "Your money is not risk-free."),
        ("There's no risk at all in these bonds.", "There's some risk in these bonds."),
        ("Guaranteed returns of 8%!", "Potential returns of 8%!"),
    ],
)
def test_claims_of_certain_gain_are_rewritten(claim: str, compliant: str) -> None:
    assert FINANCE.check_output(claim) == f"{compliant}\n\n{RISK_DISCLOSURE}"


@pytest.mark.parametrize(
    "warning",
    [
        "There are no guaranteed returns in investing.",
        "Beware of anyone promising guaranteed returns.",
        "Guaranteed returns don't exist.",
        "Prices don't always go up.",
        "Don't lose sight of your goals.",
        "Treasury bills pay close to the risk-free rate of return.",
        "Your deposits are guaranteed by the FDIC up to $250,000.",
    ],
)
def test_warnings_and_technical_terms_are_not_rewritten(warning: str) -> None:
    assert FINANCE.check_output(warning).startswith(warning)


def test_rewritten_replies_are_stable_when_checked_again() -> None:
    once = FINANCE.check_output("Guaranteed returns! You can't lose, it's risk-free.")
    assert FINANCE.check_output(once) == once


def test_custom_disclosure_replaces_the_standard_one() -> None:
    rules = rules_from_spec({"name": "financial_advisor", "disclosure": "Capital at risk."})
    assert rules.check_output("Buy some bonds.") == "Buy some bonds.\n\nCapital at risk."


def test_custom_disclosure_is_appended_only_once() -> None:
    rules = rules_from_spec({"name": "financial_advisor", "disclosure": "Capital at risk."})
    once = rules.check_output("Buy some bonds.")
    assert rules.check_output(once) == once


def test_claims_after_characters_that_change_length_when_lower_cased_are_rewritten() -> None:
    out = FINANCE.check_output("İstanbul funds offer guaranteed returns.")
    assert out.startswith("İstanbul funds offer potential returns.")


@pytest.mark.parametrize(
    "request_text",
    [
        "Help me do some insider trading before the earnings release.",
        "I want to trade on insider information without getting caught.",
        "Let's pump and dump this penny stock.",
        "How can we manipulate the stock price with fake orders?",
        "Do you have any insider tips on NVDA?",
    ],
)
def test_requests_for_illegal_help_are_refused_politely(request_text: str) -> None:
    verdict = FINANCE.check_input(request_text)
    assert not verdict.allowed
    assert verdict.reason
    assert verdict.reply.startswith("I can't help with that")


def test_a_refusal_names_what_was_asked_for() -> None:
    assert FINANCE.check_input("Let's pump and dump it.").reason.endswith("market manipulation")


@pytest.mark.parametrize(
    "request_text",
    [
        "Should I put my savings into an index fund?",
        "What is insider trading?",
        "How do I spot a pump and dump scheme?",
        "Help me understand the rules on insider trading.",
    ],
)
def test_ordinary_and_educational_requests_are_allowed(request_text: str) -> None:
    assert FINANCE.check_input(request_text) is ALLOW


# --- content_creator --------------------------------------------------------------------


def test_content_prompt_states_brand_voice_and_audience() -> None:
    prompt = ContentCreatorRules(brand="Acme", voice="playful", audience="children").prompt()
    assert '"Acme"' in prompt
    assert "Voice: playful." in prompt
    assert "Audience: children" in prompt


def test_banned_words_are_removed_as_whole_words_in_any_case() -> None:
    rules = ContentCreatorRules(banned_words=["cheap"])
    assert rules.check_output("A CHEAP, cheaply made toy.") == "A cheaply made toy."


def test_banned_words_with_alternatives_are_replaced_keeping_their_case() -> None:
    rules = ContentCreatorRules(banned_words={"cheap": "affordable"})
    assert rules.check_output("Cheap and cheap.") == "Affordable and affordable."


def test_removing_a_word_that_starts_a_sentence_capitalises_the_next() -> None:
    rules = ContentCreatorRules(banned_words=["honestly"])
    assert rules.check_output("Great. Honestly, it works.") == "Great. It works."


def test_brand_capitalisation_is_fixed_but_addresses_are_left_alone() -> None:
    rules = ContentCreatorRules(brand="OpenAI")
    text = "We love openai and OPENAI. Visit openai.com or @openai."
    assert rules.check_output(text) == "We love OpenAI and OpenAI. Visit openai.com or @openai."


def test_brand_of_several_words_is_respelled() -> None:
    rules = ContentCreatorRules(brand="Acme Corp")
    assert rules.check_output("Ask ACME corp.") == "Ask Acme Corp."


def test_profanity_is_removed_for_children() -> None:
    rules = ContentCreatorRules(audience="children")
    assert rules.check_output("This damn toy is stupid fun.") == "This toy is fun."


def test_mild_words_stay_for_a_general_audience_but_profanity_goes() -> None:
    rules = ContentCreatorRules(audience="general")
    text = "What the hell, that was a damn good game."
    assert rules.check_output(text) == "What the hell, that was a good game."


def test_other_audiences_keep_their_words() -> None:
    rules = ContentCreatorRules(audience="adults")
    assert rules.check_output("Damn good.") == "Damn good."


def test_long_text_is_cut_at_a_sentence_boundary() -> None:
    rules = ContentCreatorRules(max_chars=40)
    text = "First sentence is here. Second one is longer and goes past the limit."
    assert rules.check_output(text) == "First sentence is here."


def test_text_without_a_sentence_boundary_is_cut_at_a_word() -> None:
    rules = ContentCreatorRules(max_chars=20)
    assert rules.check_output("one two three four five six seven") == "one two three four…"


def test_missing_hashtags_are_appended_and_present_ones_kept() -> None:
    rules = ContentCreatorRules(hashtags=["#launch", "acme"])
    assert rules.check_output("Big news #Launch today.") == "Big news #Launch today.\n\n#acme"


def test_missing_required_phrases_are_appended() -> None:
    rules = ContentCreatorRules(required_phrases=["Terms apply."])
    assert rules.check_output("Save 10% today.") == "Save 10% today. Terms apply."


def test_required_parts_fit_within_the_length_limit() -> None:
    rules = ContentCreatorRules(max_chars=40, hashtags=["#acme"])
    out = rules.check_output("Short first sentence. A second sentence that is too long.")
    assert out == "Short first sentence.\n\n#acme"
    assert len(out) <= 40


def test_content_rules_leave_compliant_text_as_it_is() -> None:
    rules = ContentCreatorRules(brand="Acme", banned_words=["cheap"], max_chars=500)
    assert rules.check_output(PLAIN) is PLAIN


# --- technical_support ------------------------------------------------------------------


def test_support_prompt_asks_for_steps_and_missing_details() -> None:
    prompt = SUPPORT.prompt()
    assert "numbered steps" in prompt
    assert "operating system" in prompt
    assert "error message" in prompt


def test_instructions_written_as_prose_become_numbered_steps() -> None:
    text = (
        "That error means the cache is stale. Open a terminal. Then run apt update. "
        "Finally, restart the service. It should work after that."
    )
    assert SUPPORT.check_output(text) == (
        "That error means the cache is stale.\n\n"
        "1. Open a terminal.\n2. Run apt update.\n3. Restart the service.\n\n"
        "It should work after that."
    )


def test_an_explanation_between_instructions_stays_with_its_step() -> None:
    out = SUPPORT.check_output("Open Settings. This shows your options. Then click Save.")
    assert out == "1. Open Settings. This shows your options.\n2. Click Save."


def test_a_single_instruction_is_not_numbered() -> None:
    text = "Restart your router. That usually fixes it."
    assert SUPPORT.check_output(text) == text


def test_an_existing_list_is_left_as_it_is() -> None:
    text = "Do this:\n1. Open Settings.\n2. Click Save. Then restart. Then check again."
    assert SUPPORT.check_output(text) == text


@pytest.mark.parametrize(
    "command",
    [
        "sudo rm -rf /var/lib/app",
        "mkfs.ext4 /dev/sdb1",
        "dd if=disk.img of=/dev/sdb",
        "DROP TABLE users;",
        "format c:",
        "git push --force origin main",
        "chmod -R 777 /srv",
    ],
)
def test_destructive_commands_get_a_warning_with_a_backup_reminder(command: str) -> None:
    out = SUPPORT.check_output(f"To start over, run `{command}`.")
    first_line = out.splitlines()[0]
    assert first_line.startswith("Warning:")
    assert "Back up" in first_line
    assert out.endswith(f"run `{command}`.")


def test_the_warning_is_added_only_once() -> None:
    once = SUPPORT.check_output("Run rm -rf build to clean up.")
    assert SUPPORT.check_output(once) == once


def test_harmless_commands_get_no_warning() -> None:
    text = "Run `rm notes.txt` and `git push origin main`."
    assert SUPPORT.check_output(text) == text


def test_support_allows_every_input() -> None:
    assert SUPPORT.check_input("How do I wipe my disk with dd?") is ALLOW


# --- composition and specs --------------------------------------------------------------


def test_a_name_builds_that_rule_set() -> None:
    assert isinstance(rules_from_spec("technical-support"), TechnicalSupportRules)


def test_none_and_empty_lists_build_no_rules() -> None:
    assert isinstance(rules_from_spec(None), NoRules)
    assert isinstance(rules_from_spec([]), NoRules)


def test_a_mapping_passes_its_options() -> None:
    rules = rules_from_spec({"name": "content_creator", "brand": "Acme", "max_chars": 10})
    assert rules == ContentCreatorRules(brand="Acme", max_chars=10)


def test_a_list_builds_a_composite_that_joins_prompts() -> None:
    rules = rules_from_spec(["financial_advisor", {"name": "content_creator", "brand": "Acme"}])
    assert isinstance(rules, CompositeRules)
    assert rules.name == "financial_advisor+content_creator"
    assert rules.prompt() == f"{FINANCE.prompt()}\n\n{ContentCreatorRules(brand='Acme').prompt()}"


def test_a_composite_refuses_when_any_rule_set_refuses() -> None:
    rules = rules_from_spec(["technical_support", "financial_advisor"])
    assert not rules.check_input("Let's pump and dump this coin.").allowed
    assert rules.check_input("How do I reset my password?") is ALLOW


def test_a_composite_applies_output_checks_in_order() -> None:
    rules = rules_from_spec(
        [{"name": "content_creator", "banned_words": {"stocks": "shares"}}, "financial_advisor"]
    )
    assert rules.check_output("Buy stocks.") == f"Buy shares.\n\n{RISK_DISCLOSURE}"


def test_a_list_of_one_is_that_rule_set() -> None:
    assert isinstance(rules_from_spec(["financial_advisor", "none"]), FinancialAdvisorRules)


def test_unknown_name_suggests_the_closest() -> None:
    with pytest.raises(UnknownName, match="did you mean 'financial_advisor'"):
        rules_from_spec("financal_advisor")


def test_unknown_name_inside_a_list_is_reported() -> None:
    with pytest.raises(UnknownName, match="'content_creater'"):
        rules_from_spec(["technical_support", {"name": "content_creater"}])


def test_an_unknown_option_gives_a_spec_error_naming_it() -> None:
    with pytest.raises(SpecError, match="'colour'") as caught:
        rules_from_spec({"name": "content_creator", "colour": "red"})
    assert caught.value.fields["field"] == "colour"


def test_an_option_of_the_wrong_type_gives_a_spec_error_naming_it() -> None:
    with pytest.raises(SpecError, match="'max_chars'") as caught:
        rules_from_spec({"name": "content_creator", "max_chars": 0})
    assert caught.value.fields == {"field": "max_chars", "rules": "content_creator"}


def test_banned_words_given_as_one_string_give_a_spec_error_naming_them() -> None:
    with pytest.raises(SpecError, match="'banned_words'"):
        rules_from_spec({"name": "content_creator", "banned_words": "cheap"})


def test_options_for_a_rule_set_without_options_give_a_spec_error() -> None:
    with pytest.raises(SpecError, match="takes no options"):
        rules_from_spec({"name": "technical_support", "strict": True})


def test_a_mapping_without_a_name_gives_a_spec_error() -> None:
    with pytest.raises(SpecError, match="'name'") as caught:
        rules_from_spec({"brand": "Acme"})
    assert caught.value.fields["field"] == "name"


def test_a_refusal_verdict_carries_reason_and_reply() -> None:
    verdict = RuleVerdict(allowed=False, reason="off topic", reply="Let's talk about money.")
    assert (verdict.allowed, verdict.reason, verdict.reply) == (
        False,
        "off topic",
        "Let's talk about money.",
    )
