"""Words of texts that discuss attacks, and of requests to author a prompt.

An article, advisory or training page about prompt injection or fraud names the attack's
every cue; ``discussion`` marks such a text so its findings weigh less, and ``meta`` (with
the English terms in ``_en``) a question or an article about how attacks work.
``authoring`` marks a request to write a system prompt for one's own bot, which names the
system prompt without asking for anyone's. ``policy`` marks a rule written for staff or
users ("do not ask the assistant to disclose its prompt"), which names what it forbids.
Syntax as in ``_en``; keyed by language, then concept.
"""

LANGUAGES = {
    "en": {
        "policy": "policy:|our policy|this policy|company policy|internal policy|acceptable use|"
        "terms of use|code of conduct|handbook|staff must|employees must|staff should|"
        "employees should|users must not|users should not|do not ask the assistant|"
        "don't ask the assistant|never ask the assistant|is owned by|file a ticket|"
        "must not be shared|must never be shared|are not permitted|is prohibited|governance",
        "discussion": "prompt injection|prompt-injection|jailbreak attack|indirect injection|"
        "injection attack|social engineering|phishing|scammers|fraudsters|attackers|malicious|"
        "red-teaming|red teaming|security advisory|advisory|vulnerability|cve-|owasp|"
        "threat model|mitigation|countermeasure|we propose|in this paper|leakage rate|"
        "evaluation harness|security awareness|exfiltration",
        "authoring": "help me write|write a system prompt|write the system prompt|"
        "draft a system prompt|how to write|how we write|tips for writing|writing a prompt|"
        "write a prompt|create a system prompt",
    },
    "es": {
        "policy": "politica:|nuestra politica|politica interna|normas de uso|el personal debe|"
        "los empleados deben|no pidas al asistente|esta prohibido",
        "meta": "como funciona|que es exactamente|por que las empresas|como se defiende|"
        "como protejo|modelos de lenguaje|jailbreaks",
        "discussion": "inyeccion de prompt|ingenieria social|estafadores|atacantes|malicios|"
        "vulnerabilidad|suplantacion|correos sospechosos|politica de seguridad",
        "authoring": "ayudas a escribir|ayudame a escribir|escribir el prompt|redactar el prompt|"
        "como escribir",
    },
    "pt": {
        "policy": "politica:|nossa politica|politica interna|normas de uso|os funcionarios devem|"
        "nao peca ao assistente|e proibido",
        "meta": "como funciona|o que e exatamente|por curiosidade|como se defende|"
        "modelos de linguagem|jailbreaks",
        "discussion": "injecao de prompt|engenharia social|golpistas|atacantes|malicios|"
        "vulnerabilidade",
        "authoring": "me ajuda a escrever|escrever o prompt|como escrever",
    },
    "fr": {
        "policy": "politique :|politique:|notre politique|politique interne|charte|"
        "reglement interieur|le personnel doit|les employes doivent|ne demandez pas a l'assistant|"
        "il est interdit|est interdit",
        "meta": "comment fonctionne|qu'est-ce qu|comment rendre|comment se proteger|"
        "modele de langage|modeles de langage|les editeurs|jailbreaks",
        "discussion": "injection de prompt|ingenierie sociale|escrocs|attaquants|malveillant|"
        "vulnerabilite|exfiltration|hameconnage",
        "authoring": "aide-moi a ecrire|ecrire le prompt|comment ecrire|rediger le prompt",
    },
    "it": {
        "policy": "policy:|politica aziendale|regolamento|il personale deve|i dipendenti devono|"
        "non chiedete all'assistente|e vietato",
        "meta": "come funziona|come si difende|che cos'e|modelli linguistici|modello linguistico|"
        "jailbreak sono",
        "discussion": "iniezione di prompt|ingegneria sociale|truffatori|attaccanti|malevol|"
        "vulnerabilita",
        "authoring": "aiutami a scrivere|scrivere il prompt|come scrivere",
    },
    "de": {
        "policy": "richtlinie|nutzungsrichtlinie|hausordnung|mitarbeitende mussen|"
        "mitarbeiter mussen|bitte versucht nicht|bitte versuchen sie nicht|ist untersagt|"
        "ist verboten",
        "meta": "wie funktionier|was ist eigentlich|wie schutze ich|sprachmodell|bachelorarbeit|"
        "masterarbeit|sicherheitshinweis",
        "discussion": "prompt injection|prompt-injektion|social engineering|betruger|angreifer|"
        "schwachstelle|gegenmassnahmen|bosartig",
        "authoring": "hilf mir|schreiben wir den prompt|wie schreibt man|prompt schreiben",
    },
    "nl": {
        "policy": "beleid:|ons beleid|huisregels|gedragscode|medewerkers moeten|"
        "vraag de assistent niet|is niet toegestaan|is verboden",
        "meta": "hoe werkt|wat is eigenlijk|waarom zou een model|taalmodel|beveiligingsadvies",
        "discussion": "promptinjectie|prompt injection|social engineering|oplichters|aanvallers|"
        "kwetsbaarheid",
        "authoring": "help me schrijven|prompt schrijven|hoe schrijf",
    },
    "sv": {
        "policy": "policy:|var policy|riktlinje|uppforandekod|personalen ska|medarbetare ska|"
        "be inte assistenten|ar inte tillatet|ar forbjudet",
        "meta": "hur fungerar|vad ar egentligen|hur gor jag|sprakmodell",
        "discussion": "promptinjektion|social manipulation|bedragare|angripare|sarbarhet",
        "authoring": "hjalp mig skriva|skriva prompten",
    },
    "pl": {
        "meta": "na czym polega|jak dziala|dlaczego firmy|model jezykowy|modele jezykowe|"
        "ostrzezenie",
        "discussion": "wstrzykiwanie promptow|inzynieria spoleczna|oszusci|atakujacy|podatnosc",
        "authoring": "pomoz mi napisac|napisac prompt",
    },
    "ru": {
        "meta": "как работает|что такое|как защитить|языковую модель|языковые модели|джейлбрейк|"
        "разработчики защищаются|курсовую",
        "discussion": "инъекци|социальная инженерия|мошенники|злоумышленник|уязвимост",
        "authoring": "помоги написать|написать промпт|как написать",
    },
    "uk": {
        "meta": "як працює|що таке|як захистити|мовну модель|мовні моделі|попередження",
        "discussion": "ін'єкці|соціальна інженерія|шахраї|зловмисник|вразлив",
        "authoring": "допоможи написати|написати промпт",
    },
    "tr": {
        "meta": "nasil calisiyor|nedir|denen sey|dil modeli|dil modelleri",
        "discussion": "prompt enjeksiyonu|enjeksiyon|sosyal muhendislik|dolandirici|saldirgan|"
        "guvenlik acigi|yapay zeka asistanlarinda guvenlik",
        "authoring": "yazmama yardim|prompt yazmak",
    },
    "ja": {
        "meta": "どういう仕組み|とは何|卒論|言語モデル|注意喚起",
        "discussion": "プロンプトインジェクション|ソーシャルエンジニアリング|詐欺師|攻撃者|"
        "脆弱性|悪意のある",
        "authoring": "書くのを手伝|プロンプトを書|書き方",
    },
    "zh": {
        "meta": "所谓|是指|怎么让|如何防|语言模型|厂商|防御",
        "discussion": "提示注入|提示词注入|社会工程|骗子|攻击者|漏洞|恶意",
        "authoring": "帮我写|如何写好|怎么写|写系统提示词|写的时候",
    },
    "ko": {
        "meta": "탈옥|기법|어떻게 하면|어떻게 더|언어 모델|개발사|대응한다",
        "discussion": "프롬프트 인젝션|사회 공학|사기꾼|공격자|취약점",
        "authoring": "작성을 도와|프롬프트를 작성",
    },
    "vi": {
        "meta": "hoat dong the nao|la gi|luan van|mo hinh ngon ngu|canh bao an ninh",
        "discussion": "tiêm lệnh|chèn prompt|lừa đảo|kẻ tấn công|lỗ hổng",
        "authoring": "giúp tôi viết|viết prompt",
    },
    "id": {
        "meta": "bagaimana cara|adalah upaya|model bahasa|pengembang melawan",
        "discussion": "injeksi prompt|rekayasa sosial|penipu|penyerang|kerentanan",
        "authoring": "bantu saya menulis|menulis prompt",
    },
    "fa": {
        "meta": "یعنی|چطور می‌شود|پایان‌نامه|مدل زبانی|توسعه‌دهندگان",
        "discussion": "تزریق پرامپت|مهندسی اجتماعی|کلاهبردار|مهاجم|آسیب‌پذیری",
    },
    "ar": {
        "meta": "كيف تعمل|ما هو|بحثا جامعيا|نماذج اللغة|تنبيه أمني",
        "discussion": "حقن الأوامر|الهندسة الاجتماعية|المحتالين|المهاجم|ثغرة",
    },
    "hi": {
        "meta": "क्या होता है|कैसे काम|भाषा मॉडल|चेतावनी",
        "discussion": "प्रॉम्प्ट इंजेक्शन|सोशल इंजीनियरिंग|धोखेबाज|हमलावर",
    },
}
