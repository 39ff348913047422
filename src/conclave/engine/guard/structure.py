"""Signals in a text's shape rather than its words: fake role markers, templated URLs.

An injection in a document often forges the frame around it: a chat template's special
tokens (``<|im_start|>system``), an instruction heading (``### Instruction``), a closing tag
that pretends the tool's output has ended (``</tool_output>``), a role label at the start of
a line (``system:``). An exfiltration hides data in a link: a markdown image whose URL has a
placeholder for the model to fill in. Each signal is found on the folded text and reported
as a pseudo-concept, so the rules combine it with words like any other concept.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import parse_qsl, unquote, urlsplit

_TAGS = (
    "tool_output|tool_result|tool_response|tool|document|documents|context|data|"
    "search_results?|results?|output|user|user_input|system|instructions?|email|file|"
    "function_results?|observation|webpage|web_content|content|untrusted|external|"
    "assistant|human|im_end|message|retrieved|snippet|article|page|input|query|admin"
)
# "System" and the dialogue roles in the languages the lexicons read, folded (no accents).
_SYSTEM = (
    "system|developer|admin|administrator|root|sudo|operator|sistema|systeme|systeem|"
    "systemet|systém|system|sistem|система|σύστημα|συστημα|النظام|سیستم|システム|"
    "系统|系統|시스템|he thong|ระบบ|सिस्टम"
)
_DIALOG = (
    "assistant|human|user|ai|bot|model|gpt|claude|asistente|usuario|utilisateur|usuario|"
    "utente|assistente|nutzer|benutzer|assistent|gebruiker|anvandare|uzytkownik|asystent|"
    "пользователь|ассистент|користувач|асистент|kullanici|asistan|کاربر|دستیار|المستخدم|"
    "المساعد|ユーザー|アシスタント|用户|用戶|助手|사용자|어시스턴트|nguoi dung|tro ly|"
    "pengguna|asisten|χρηστης|βοηθος|उपयोगकर्ता|सहायक"
)
_LINE_START = {
    "marker_heading": r"#{2,}\s*(?:system|instructions?|new instructions?|response|assistant|"
    r"admin|developer|task|important|override|user|operat\w*|оператор\w*|운영자|اپراتور)\b",
    "marker_role": rf"[\[【(]?\s*(?:{_SYSTEM})\s*(?:message|prompt|note|override)?"
    r"\s*[\]】)]?\s*[:：]|[\[【]\s*(?:" + _SYSTEM + r")\s*[\]】]",
    "marker_dialog": rf"[\[【(]?\s*(?:{_DIALOG})\s*[\]】)]?\s*[:：]",
    "marker_end": r"[\[(#=*<>~-]{1,5}\s*(?:end|fin|fine|ende|einde|slut|koniec|konec|конец|"
    r"кінець|son|sfarsit|τελος|het|akhir|ket thuc|نهاية|پایان|終わり|结束|結束|끝)\b"
    r"[^\n\]]{0,40}[\])#=*<>~-]",
    "marker_rule": r"(?:[-=*_#~]{3,}|[<>]{3,}).{0,40}(?:end|begin|start|new|system|"
    r"instruction|override|ignore|admin|user|assistant|operat)",
}
_PUNCTUATED = {
    "marker_chat": r"<(?:start_of_turn|end_of_turn)>|"
    r"<\|(?:im_start|im_end|endoftext|system|user|assistant|end|eot_id|"
    r"start_header_id|end_header_id|begin_of_text|fim_\w+|eos|bos)\|>|<\|\w{2,20}\|>",
    # An opening "[system]" is a log's level as often as a forged frame (see marker_role);
    # a closing one is not.
    "marker_inst": r"\[/?inst\]|<</?sys>>|<s>\s*\[|\[/system\]|\[/admin\]|"
    r"\[(?:system|admin|developer|assistant) (?:message|note|override|prompt|instruction)s?\]",
    # An opening tag may run on ("<system_notice>", "<系统通知 ...>") and be named in the
    # text's own language ("<anweisung>", "<инструкция>").
    "marker_tag": rf"</(?:{_TAGS})>|<(?:{_SYSTEM}|instructions?|important|override|"
    r"hidden|secret|new_instructions|system_prompt|sys|anweisung|instrucci|instrucao|"
    r"istruzion|instructie|instrukc|инструкц|指令|指示|지시|talimat)[\w-]{0,12}"
    r"(?:\s[^<>]{0,60})?>",
    "marker_json": r"\\?[\"']role\\?[\"']\s*:\s*\\?[\"'](?:system|developer|assistant)\\?[\"']",
    "exfil_image": r"!\[[^\]\n]{0,200}\]\(\s*<?(?:https?:)?//[^\s)]*[?&#=][^\s)]*",
    "pipe_shell": r"\|\s*(?:sudo\s+)?(?:ba|z)?sh\b",
}
_LINKS = {
    "exfil_template": r"(?:https?:)?//[^\s\"')<>]*(?:[?&][\w-]{1,16}=(?=[\s)\]\"'>]|$)|"
    r"\{[^}\s]{1,40}\}|\$\{?[a-z_]{2,}|"
    r"%7b[^\s]{1,40}%7d|\[(?:data|secret|info|input|conversation|summary|history|"
    r"password|key|token|email|name|details)[^\]]{0,20}\]|<(?:data|secret|info|"
    r"conversation|summary|history|password|key|token)[^>]{0,20}>)",
    "url": r"(?:https?://|www\.)[^\s<>\"')]+",
}
_SPEAKER = re.compile(r"^[ \t]*([^\W\d_][^\n:：\"]{0,24}?)\s*[:：]", re.MULTILINE)
_HEADER = re.compile(
    r"^[ \t]*(?:from|to|cc|subject|date|de|para|asunto|a|objet|da|oggetto|von|an|betreff|van|"
    r"aan|onderwerp|fran|till|amne|od|do|temat|от|кому|тема|від|dari|kepada|perihal|kimden|"
    r"kime|konu|件名|差出人|宛先|发件人|收件人|主题|از|به|موضوع|من|إلى|الموضوع)\s*[:：]",
    re.MULTILINE,
)
_STEP = re.compile(r"^[ \t]*(?:\d{1,2}[.)]|[-*•]|§\s?\d+\.?)\s", re.MULTILINE)
_MACHINE = re.compile(
    r"^[ \t]*(?:[$>#] |\[[\w ]{2,12}\] |\d{4}-\d\d-\d\d|[0-9a-f]{7,40} |[\w./-]+\.\w+:\d+|"
    r"[{}\[\]]|\"[^\"\n]{1,40}\"\s*:|(?:info|debug|warn|warning|error)\b)",
    re.MULTILINE,
)
_TRANSCRIPT_TURNS = 4
"""Lines opening with a speaker's label from which a text reads as a pasted conversation."""


def contexts(folded: str) -> list[str]:
    """The kinds of text ``folded`` is, read from how its lines start.

    ``transcript``: a pasted conversation, whose speakers' labels recur; ``letter``: an
    email, with its headers; ``procedure``: numbered or bulleted steps, written for people;
    ``code``: fenced code, as in a README; ``machine``: a log, a build's output, JSON or
    a listing, written by programs.
    """
    found = []
    speakers = Counter(m.group(1) for m in _SPEAKER.finditer(folded))
    if sum(speakers.values()) >= _TRANSCRIPT_TURNS and max(speakers.values()) >= 2:
        found.append("transcript")
    if len(_HEADER.findall(folded, 0, 600)) >= 2:
        found.append("letter")
    if len(_STEP.findall(folded)) >= 3:
        found.append("procedure")
    if folded.count("```") >= 2:
        found.append("code")
    lines = folded.count("\n") + 1
    if lines >= 3 and len(_MACHINE.findall(folded)) * 2 >= lines:
        found.append("machine")
    return found


_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})*\.[a-z]{2,}")
_CODE_CALL = re.compile(r"\b[a-z]+_[a-z_]+\s*\((?:[a-z_]+\s*=|[\"'{])")


def _union(signals: dict[str, str], prefix: str = "") -> re.Pattern[str]:
    body = "|".join(f"(?P<{name}>{source})" for name, source in signals.items())
    return re.compile(f"{prefix}(?:{body})", re.MULTILINE)


_LINE_PATTERN = _union(_LINE_START, r"^[ \t]*")
_PUNCT_PATTERN = _union(_PUNCTUATED, r"(?=[<\[!\"'|\\])")
_LINK_PATTERN = _union(_LINKS)
_AI_NAME = re.compile(
    r"(?<![A-Za-z])(?:AI|KI|IA|LLM)(?![A-Za-z])|(?<![А-Яа-яІі])(?:ИИ|ШІ)(?![А-Яа-яІі])"
)
"""An AI named by its acronym, in the case that tells it from the syllable."""
_DAN = re.compile(r"\bDAN\b|\bD\.A\.N\b|\bSTAN\b|\bDUDE\b|\bAIM\b")
_HIDDEN = re.compile(
    r"style\s*=\s*[\"'][^\"'>]{0,160}?(?:(?<![-\w])color\s*:\s*(?:#fff\b|#ffffff|white|"
    r"transparent|rgba?\(\s*255\s*,\s*255\s*,\s*255)|font-size\s*:\s*(?:0|1px|0\.)|"
    r"display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0(?![.\d]*[1-9]))|"
    r"[\[【(]\s*(?:white|hidden|invisible) text\s*[\]】)]|"
    r"[\[【(]\s*(?:texte blanc|texte cache|texto oculto|texto en blanco|texto branco|"
    r"weisser text|versteckter text|witte tekst|verborgen tekst|vit text|dold text|"
    r"testo bianco|testo nascosto|bialy tekst|белый текст|скрытый текст|gizli metin|"
    r"白文字|隠しテキスト|隐藏文字|隱藏文字|白色文字|흰색 글씨|숨김 텍스트)\s*[\]】)]"
)
"""Text styled or marked to be invisible to a person and read by a machine."""


_DATA_PARAMS = frozenset(
    {"data", "d", "q", "c", "p", "payload", "exfil", "secret", "token", "key", "password",
     "pw", "pass", "ssn", "cc", "card", "info", "msg", "message", "content", "conversation",
     "history", "chat", "memo", "leak", "session", "cookie", "creds", "credentials", "text",
     "summary", "prompt", "system", "email", "user", "name", "address", "phone", "context",
     "log", "body"}
)  # fmt: skip
_ENCODED_VALUE = re.compile(r"^[A-Za-z0-9+/_=-]{20,}$|^[0-9a-fA-F]{24,}$")
# In a path, only mixed-case base64 reads as data: image ids and hashes are one case.
_ENCODED_PATH = re.compile(r"^(?=[^/]*[a-z])(?=[^/]*[A-Z])(?=[^/]*[0-9])[A-Za-z0-9+_=-]{24,}$")
_PLACEHOLDER_VALUE = re.compile(r"[{}<>\[\]$]")


def carries_data(url: str) -> bool:
    """Whether a URL's query or path holds data rather than a plain address."""
    try:
        parts = urlsplit(url if "//" in url else "http://" + url)
    except ValueError:
        return True
    if _PLACEHOLDER_VALUE.search(unquote(parts.query + parts.path)):
        return True
    if parts.query.endswith("="):
        return True  # an empty last parameter is a slot for the model to fill
    for name, value in parse_qsl(parts.query + "&" + parts.fragment, keep_blank_values=False):
        if _data_value(name.lower(), value):
            return True
    return any(_ENCODED_PATH.match(segment) for segment in parts.path.split("/"))


def _data_value(name: str, value: str) -> bool:
    if len(value) >= 40 or _ENCODED_VALUE.match(value):
        return True
    if name in _DATA_PARAMS and (len(value) >= 12 or " " in value):
        return True
    return len(value.split()) >= 4


def signals(folded: str, original: str) -> list[tuple[int, str]]:
    """The structural signals in a text, as ``(position, pseudo-concept)`` pairs.

    Args:
        folded: the folded text; positions refer to it.
        original: the text before folding, for the signals that need its letter case.
    """
    found = [(m.start(), m.lastgroup or "") for m in _LINE_PATTERN.finditer(folded)]
    if "\n" in folded:
        found += [(0, context) for context in contexts(folded)]
    found += [(m.start(), _signal(m)) for m in _PUNCT_PATTERN.finditer(folded)]
    if "//" in folded or "www." in folded:
        found += [(m.start(), m.lastgroup or "") for m in _LINK_PATTERN.finditer(folded)]
    if "@" in folded:
        found += [(m.start(), "email") for m in _EMAIL.finditer(folded)]
    if "_" in folded:
        found += [(m.start(), "code_call") for m in _CODE_CALL.finditer(folded)]
    if "style" in folded or "text" in folded or "]" in folded:
        found += [(m.start(), "hidden_text") for m in _HIDDEN.finditer(folded)]
    if _AI_NAME.search(original):
        found.append((0, "names_ai"))
    if "DAN" in original or "STAN" in original or "DUDE" in original or "AIM" in original:
        found += [(0, "jailbreak_name") for _ in _DAN.finditer(original)][:1]
    return found


_QUOTE = re.compile(
    r"“[^”\n]{1,240}”|„[^“”\n]{1,240}[“”]|«[^»\n]{1,240}»|「[^」\n]{1,240}」|『[^』\n]{1,240}』"
    r'|(?<![:,\[{\w])"[^"\n]{1,240}"(?!\s*[:,\]}])'
)
"""A quotation: typographic quotes, or straight ones that do not delimit a JSON key or value."""


_FRAME = re.compile(
    r"<\|(?:im_start|start_header_id)\|>\s*(?:system|developer|assistant|user)\b"
    r"(?:<\|end_header_id\|>)?\s*(?!\{)\w|"
    r"<\|(?:system|developer)\|>\s*(?!\{)\w|<end_of_turn>\s*<start_of_turn>"
)
"""A chat template's tokens framing a turn with words in it: a forged frame. A text about
templates names a token alone, or shows one around a ``{placeholder}``."""


def forged_frame(folded: str) -> bool:
    """Whether ``folded`` holds a chat template's tokens around a turn's words."""
    return "<" in folded and _FRAME.search(folded) is not None


def quotations(folded: str) -> list[tuple[int, int]]:
    """The spans of ``folded`` inside quotation marks: words quoted, not said."""
    if '"' not in folded and not any(mark in folded for mark in "“„«「『"):
        return []
    return [(m.start(), m.end()) for m in _QUOTE.finditer(folded)]


def _signal(match: re.Match[str]) -> str:
    """The match's signal; an image whose URL carries no data is an ordinary link."""
    name = match.lastgroup or ""
    if name == "exfil_image":
        url = match.group()
        return name if carries_data(url[url.find("(") + 1 :].strip(" <")) else "url"
    return name


def host(url: str) -> str:
    """The host a URL points to, lower case, without port or credentials."""
    if url.startswith("www."):
        url = "http://" + url
    try:
        return (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:
        return ""
