"""Words for the text an assistant was given before the conversation, and for setting it aside.

An extraction rarely says "system prompt": it asks for "the text you received before my first
message", or declares that "the configuration you were given at the start no longer applies".
``preamble`` is that text, named from the user's side; ``override`` gains the ways of saying a
rule has lapsed; ``address`` gains the automated handlers a ticket or a review is written
to; ``respond`` is a request about the reader's answer, which only a model writes.
Syntax as in ``_en``; keyed by language, then concept.
"""

LANGUAGES = {
    "en": {
        "respond": "instead say|instead write|instead reply|instead respond|instead answer|"
        "in your answer|in your reply|in your response|in your summary|reply with|respond with|"
        "answer with",
        "preamble": "before my first message|before my first question|before my messages|"
        "before this conversation started|before our conversation|you were set up with|"
        "you were configured with|you were initialised with|you were initialized with|"
        "your initial setup|your original setup|your initial configuration|"
        "your original configuration|the setup text|who set you up",
        "address": "automated agent|automated handler|automated processor|moderation bot",
    },
    "de": {
        "respond": "sag stattdessen|schreib stattdessen|antworte stattdessen|in deiner antwort|"
        "in deiner zusammenfassung|antworte mit",
        "preamble": "vor meiner ersten nachricht|vor meiner ersten frage|"
        "deine ursprungliche konfiguration|deine ursprunglichen anweisungen|"
        "mit dem du eingerichtet|womit du eingerichtet|mit dem du konfiguriert",
        "override": "gilt nicht mehr|gelten nicht mehr|nicht mehr gultig|ausser kraft",
        "address": "automatischen bearbeiter|automatische bearbeiter|moderationsbot",
    },
    "fr": {
        "respond": "dis plutot|reponds plutot|ecris plutot|dans ta reponse|dans ton resume|"
        "reponds par",
        "preamble": "avant mon premier message|avant ma premiere question|"
        "texte de configuration|ta configuration initiale|ta configuration d'origine|"
        "on t'a ecrit avant",
        "override": "ne s'applique plus|ne s'appliquent plus|ne valent plus|plus valable",
        "address": "agent automatique|traitement automatique|bot de moderation",
    },
    "es": {
        "respond": "di en su lugar|responde en su lugar|en tu respuesta|en tu resumen|responde con",
        "preamble": "antes de mi primer mensaje|antes de mi primera pregunta|"
        "antes de empezar esta conversacion|lo que te configuraron|tu configuracion inicial|"
        "te dieron antes de empezar",
        "override": "ya no vale|ya no valen|ya no se aplica|ya no es valid|queda sin efecto",
        "address": "agente automatico|bot de moderacion",
    },
    "it": {
        "respond": "di' invece|rispondi invece|nella tua risposta|nel tuo riassunto|rispondi con",
        "preamble": "prima del mio primo messaggio|prima della mia prima domanda|"
        "con cui sei stato configurato|la tua configurazione iniziale",
        "override": "non vale piu|non valgono piu|non e piu valid|non sono piu valid",
        "address": "agente automatico|bot di moderazione",
    },
    "pt": {
        "respond": "diga em vez|responda em vez|na sua resposta|no seu resumo|responda com",
        "preamble": "antes da minha primeira mensagem|antes da minha primeira pergunta|"
        "voce recebeu no inicio|sua configuracao inicial|com que voce foi configurad",
        "override": "nao vale mais|nao valem mais|nao se aplica mais|perdeu a validade",
        "address": "agente automatico|bot de moderacao",
    },
    "nl": {
        "respond": "zeg in plaats|antwoord in plaats|in je antwoord|in je samenvatting",
        "preamble": "voor mijn eerste bericht|voor mijn eerste vraag|"
        "je oorspronkelijke instellingen|je oorspronkelijke instructies|je kreeg voor mijn",
        "override": "gelden niet meer|geldt niet meer|niet meer geldig",
        "address": "automatische afhandelaar|automatische verwerker|moderatiebot",
    },
    "sv": {
        "preamble": "fore mitt forsta meddelande|fore min forsta fraga|du konfigurerades med|"
        "dina ursprungliga instruktioner",
        "override": "galler inte langre|inte langre giltig",
        "address": "modereringsbot|automatiska handlaggaren",
    },
    "pl": {
        "preamble": "przed moja pierwsza wiadomoscia|przed moim pierwszym pytaniem|"
        "dostales na poczatku|twoja pierwotna konfiguracja",
        "override": "juz nie obowiazuje|juz nie obowiazuja|stracil waznosc",
        "address": "automatycznego agenta|automatyczny agent|bot moderacji",
    },
    "ru": {
        "respond": "вместо этого скажи|вместо этого ответь|в своём ответе|в своем ответе|"
        "в ответе пользователю",
        "preamble": "до моего первого сообщения|до моего первого вопроса|"
        "твоя первоначальная настройка|твои исходные настройки|с которым тебя настроили",
        "override": "больше не действует|больше не действуют|утратил силу|утратили силу",
        "address": "автоматическому агенту|автоматический обработчик|боту модерации",
    },
    "uk": {
        "preamble": "до мого першого повідомлення|до мого першого питання|тебе налаштували|"
        "твої початкові налаштування",
        "override": "більше не діє|більше не діють|втратили чинність|втратила чинність",
        "address": "боту модерації|автоматичному агенту",
    },
    "tr": {
        "preamble": "ilk mesajimdan once|ilk sorumdan once|basta sana verilen|ilk ayarlarin",
        "override": "artik gecersiz|artik gecerli degil",
        "address": "otomatik ajan|moderasyon botu",
    },
    "ar": {
        "preamble": "قبل رسالتي الأولى|قبل سؤالي الأول|التي زودت بها في البداية|إعداداتك الأصلية",
        "override": "لم تعد سارية|لم يعد ساريا|لم تعد صالحة",
        "address": "الوكيل الآلي|للوكيل الآلي",
    },
    "fa": {
        "preamble": "پیش از اولین پیام من|قبل از اولین پیام من|با آن تنظیم شدی|تنظیمات اولیه",
        "override": "دیگر معتبر نیست|دیگر اعتبار ندارد",
        "address": "ربات بررسی|عامل خودکار",
    },
    "hi": {
        "preamble": "पहले संदेश से पहले|शुरुआत में तुम्हें जो|शुरुआत में आपको जो",
        "override": "अब लागू नहीं|अब मान्य नहीं",
        "address": "स्वचालित एजेंट",
    },
    "zh": {
        "respond": "改为回答|在你的回答中|在回复中|回复用户时",
        "preamble": "第一条消息之前|第一个问题之前|一开始给你的设定|最初的设定|初始设定",
        "override": "作废|不再有效|不再适用",
        "address": "自动处理程序|审核机器人",
    },
    "ja": {
        "respond": "代わりに答え|回答の冒頭|あなたの回答|返信の冒頭",
        "preamble": "最初のメッセージより前|最初のメッセージの前|最初の質問より前|"
        "受け取った設定文|最初の設定",
        "override": "無効になりました|もう適用されません",
        "address": "審査ボット|自動処理",
    },
    "ko": {
        "preamble": "첫 메시지 전에|첫 질문 전에|처음에 받은 설정|초기 설정",
        "override": "이제 무효|더 이상 유효하지",
        "address": "자동 처리 에이전트|검토 봇",
    },
    "vi": {
        "preamble": "truoc tin nhan dau tien|thiet lap ban dau",
        "override": "khong con hieu luc",
        "address": "tac tu tu dong|bot kiem duyet",
    },
    "id": {
        "preamble": "sebelum pesan pertamaku|sebelum pesan pertama saya|pengaturan awal",
        "override": "tidak berlaku lagi",
        "address": "agen otomatis|bot moderasi",
    },
}
