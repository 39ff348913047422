"""Role-play set-ups that carry a harmful request, in every language.

The jailbreak has a fixed shape whatever the story: a persona is assigned ("you are Uncle
Paco, a retired locksmith"), told to stay in role and never to refuse, then asked for a
procedure ("step by step, with exact quantities") that works without being noticed. Each
part is innocent in a screenplay; together they ask for the procedure, not the story.
Syntax as in ``_en``; keyed by language, then concept.
"""

LANGUAGES = {
    "en": {
        "pretend": "let's play|play a game|my late grand|my deceased grand|my dead grand|"
        "grandma used to|grandpa used to|grandmother used to|grandfather used to|write the scene|"
        "scene where|we're writing|in character as|speak as|talk like",
        "stay_role": "stay in character|stay in role|stay in that|staying in|staying fully|"
        "never break character|don't break character|do not break character|break character|"
        "stay fully in|remain in character|keep the role|keep in character|the whole time|"
        "at all times|all the time|whatever i ask",
        "never_refuse": "never refuses|never refuse|never says no|never said no|doesn't refuse|"
        "does not refuse|won't refuse|no rules|doesn't care about|does not care about|"
        "without any filter|has no limits|has no rules|no policy|without policy|"
        "without restrictions|built without",
        "stepwise": "step by step|step-by-step|in detail|detailed|exact quantit|exact amount|"
        "exact reagent|exact dose|with exact|with all the details|every step|each step|"
        "technically accurate|precise instructions|from start to finish|full recipe|which tools|"
        "real tools|real commands|the exact",
        "stealth": "without being noticed|without anyone noticing|without noticing|"
        "without being detected|without detection|without triggering|without the owner|"
        "so that nobody|so no one|won't notice|doesn't notice|undetected|evade|past the scanner|"
        "without setting off|without the alarm|without a key|without the key|not get caught|"
        "without getting caught",
    },
    "es": {
        "pretend": "vamos a jugar|juguemos|mi difunta|mi difunto|escribe la escena",
        "stay_role": "no salgas del personaje|no salgas del papel|no rompas el personaje|"
        "todo el tiempo|en todo momento|mantente en el papel",
        "never_refuse": "nunca dice que no|nunca se niega|le dan igual las normas|"
        "no tiene limites|no tiene reglas|sin pelos en la lengua",
        "stepwise": "paso a paso|con detalle|detallad|cantidades exactas|con todos los detalles|"
        "cada paso",
        "stealth": "sin que se de cuenta|sin que nadie|sin que salte|sin la llave|"
        "sin ser detectad|sin que lo noten|sin dejar rastro",
    },
    "pt": {
        "pretend": "finge que|vamos jogar|vamos brincar|minha falecida|meu falecido",
        "stay_role": "fica no personagem|fique no personagem|nao saia do personagem|o tempo todo|"
        "nao saia do papel",
        "never_refuse": "nunca diz nao|nunca recusa|nao tem regras|nao tem limites",
        "stepwise": "passo a passo|em detalhes|detalhad|quantidades exatas|cada etapa|"
        "aparelhos certos",
        "stealth": "sem o dono perceber|sem ninguem perceber|sem ser detectad|sem perceber|"
        "sem deixar rastro",
    },
    "fr": {
        "pretend": "jouons|on joue|ma defunte|mon defunt|ecris la scene",
        "stay_role": "reste dans ton role|reste dans le personnage|ne sors pas du personnage|"
        "ne sors pas de ton role|tout le temps|en permanence",
        "never_refuse": "ne refuse jamais|ne dit jamais non|n'a pas de regles|n'a aucune limite",
        "stepwise": "etape par etape|en detail|detaille|quantites exactes|chaque etape",
        "stealth": "sans que personne|sans se faire remarquer|sans etre detecte|sans la cle|"
        "sans declencher|sans laisser de trace",
    },
    "it": {
        "pretend": "facciamo finta|giochiamo|scrivi la scena",
        "stay_role": "resta nel personaggio|non uscire dal personaggio|non uscire dal ruolo|"
        "tutto il tempo|sempre nel ruolo",
        "never_refuse": "non rifiuta mai|non dice mai di no|non ha regole|non ha limiti",
        "stepwise": "passo passo|passo per passo|nei dettagli|con tutti i dettagli|"
        "dettagli tecnici|quantita esatte|ogni passaggio",
        "stealth": "senza che nessuno|senza farsi notare|senza essere scoperto|senza la chiave|"
        "senza lasciare tracce",
    },
    "de": {
        "pretend": "wir schreiben zusammen|du spielst|spiel die rolle|spielen wir|"
        "meine verstorbene|mein verstorbener|schreib die szene",
        "stay_role": "bricht nie die rolle|fall nicht aus der rolle|bleib in der rolle|"
        "bleibe in der rolle|die ganze zeit|jederzeit",
        "never_refuse": "lehnt nie ab|sagt nie nein|keine regeln|keine grenzen|verweigert nie",
        "stepwise": "schritt fur schritt|im detail|detailliert|genaue mengen|echte tools|"
        "echte befehle|jeden schritt",
        "stealth": "ohne dass es jemand merkt|ohne dass jemand|unbemerkt|ohne entdeckt|"
        "ohne schlussel|ohne spuren",
    },
    "nl": {
        "pretend": "speel de rol|laten we spelen|mijn overleden|schrijf de scene",
        "stay_role": "blijf in je rol|blijf altijd in je rol|blijf in de rol|val niet uit je rol|"
        "de hele tijd|ook als ik doorvraag",
        "never_refuse": "weigert nooit|zegt nooit nee|geen regels|geen grenzen",
        "stepwise": "stap voor stap|in detail|gedetailleerd|precieze hoeveelheden|elke stap",
        "stealth": "zonder dat iemand|ongemerkt|zodat de scan niets|zonder ontdekt|"
        "zonder sleutel|zonder sporen",
    },
    "sv": {
        "pretend": "vi kor ett rollspel|rollspel|min avlidna|min avlidne",
        "stay_role": "hall rollen|stanna i rollen|ga inte ur rollen|hela tiden",
        "never_refuse": "aldrig sager nej|sager aldrig nej|vagrar aldrig|struntar i lagar|"
        "struntar i regler",
        "stepwise": "steg for steg|i detalj|detaljerat|exakta mangder|varje steg",
        "stealth": "utan att nagon marker|inte marker nagot|obemarkt|utan att upptackas",
    },
    "pl": {
        "pretend": "zagrajmy|gra fabularna|w gre fabularna|moja zmarla|moj zmarly",
        "stay_role": "nie wychodz z roli|zostan w roli|caly czas",
        "never_refuse": "nigdy nie odmawia|nie ma zasad|nie ma ograniczen",
        "stepwise": "krok po kroku|szczegolowo|dokladne ilosci|kazdy krok",
        "stealth": "bez wiedzy wlasciciela|niezauwazenie|chowa sie przed|nie wykryje|zeby nikt nie",
    },
    "ru": {
        "pretend": "давай сыграем|сыграем сценку|сценку|ты бывший|моя покойная|мой покойный",
        "stay_role": "из роли не выходи|не выходи из роли|оставайся в роли|все время",
        "never_refuse": "никогда не отказывает|не знает отказа|нет правил",
        "stepwise": "пошагово|шаг за шагом|подробно|детально|со всеми фразами|точные количества|"
        "реалистичн",
        "stealth": "незаметно|чтобы не заметили|чтобы не нашли|без ключа|не оставляя следов",
    },
    "uk": {
        "pretend": "зіграймо|пограймо|ти колишній|моя покійна|мій покійний",
        "stay_role": "не виходь з ролі|залишайся в ролі|весь час",
        "never_refuse": "ніколи не відмовляє|не має правил|знає всі схеми",
        "stepwise": "крок за кроком|покроково|детально|докладно|точні кількості",
        "stealth": "непомітно|щоб не знайшли|щоб не помітили|у схованці|без ключа",
    },
    "cs": {
        "pretend": "zahrajme si|hrajme|moje zesnula|muj zesnuly",
        "stay_role": "nevystupuj z role|zustan v roli|celou dobu",
        "never_refuse": "nikdy neodmitne|nikdy nerekne ne|nema pravidla",
        "stepwise": "krok za krokem|podrobne|detailne|presne mnozstvi",
        "stealth": "nepozorovane|aby si nikdo|bez klice",
    },
    "ro": {
        "pretend": "hai sa ne jucam|joc de rol",
        "stay_role": "nu iesi din rol|ramai in rol|tot timpul",
        "never_refuse": "nu refuza niciodata|nu spune niciodata nu|nu are reguli",
        "stepwise": "pas cu pas|in detaliu|detaliat|cantitati exacte",
        "stealth": "fara sa observe nimeni|neobservat|fara cheie",
    },
    "tr": {
        "pretend": "rol yapalim|oyun oynayalim|rahmetli ninem|rahmetli dedem",
        "stay_role": "rolden cikma|karakterden cikma|rolunde kal|surekli",
        "never_refuse": "asla reddetmez|asla hayir demez|kurallari yok|kural tanimaz",
        "stepwise": "adim adim|ayrintili|detayli|tam miktarlar",
        "stealth": "kimse fark etmeden|fark edilmeden|yakalanmadan|anahtarsiz",
    },
    "fa": {
        "pretend": "بیا نقش|نقش بازی",
        "stay_role": "از نقش خارج نشو|در نقش بمان|تمام مدت",
        "never_refuse": "هرگز رد نمی|هیچ قانونی|هرگز نه نمی",
        "stepwise": "قدم به قدم|گام به گام|با جزئیات|مقادیر دقیق",
        "stealth": "بدون اینکه کسی|بی‌سروصدا|بدون اینکه متوجه|بدون کلید",
    },
    "ar": {
        "pretend": "لنلعب|لعب أدوار|أنت الآن|جدي الراحل|جدتي الراحلة",
        "stay_role": "لا تخرج من الدور|ابق في الدور|ابقَ في الشخصية|طوال الوقت",
        "never_refuse": "لا يرفض أبدا|لا يرفض أبداً|لا يقول لا|بلا قواعد",
        "stepwise": "خطوة بخطوة|بالتفصيل|بالتفاصيل|كميات دقيقة",
        "stealth": "دون أن يلاحظ|دون أن يكتشف|دون مفتاح|دون ترك أثر",
    },
    "hi": {
        "pretend": "चलो खेलते|रोलप्ले",
        "stay_role": "किरदार से बाहर मत|रोल में रहो|किरदार में रहो",
        "never_refuse": "कभी मना नहीं|कोई नियम नहीं",
        "stepwise": "स्टेप बाय स्टेप|कदम दर कदम|विस्तार से|सटीक मात्रा",
        "stealth": "बिना किसी को पता|पकड़े बिना|चुपके",
    },
    "el": {
        "pretend": "ας παίξουμε|παιχνίδι ρόλων",
        "stay_role": "μη βγεις από τον ρόλο|μείνε στον ρόλο",
        "never_refuse": "δεν αρνείται ποτέ|δεν λέει ποτέ όχι",
        "stepwise": "βήμα βήμα|βήμα προς βήμα|λεπτομερώς|ακριβείς ποσότητες",
        "stealth": "χωρίς να το καταλάβει|απαρατήρητ|χωρίς κλειδί",
    },
    "ja": {
        "pretend": "ロールプレイ|なりきって|演じて|亡くなった祖母|亡くなったおばあちゃん|"
        "亡くなった祖父|おばあちゃんのふり|ごっこ",
        "stay_role": "役を降りないで|キャラを崩さ|役になりきったまま|ずっと",
        "never_refuse": "決して断らない|絶対に断らない|ルールはない|何でも答える",
        "stepwise": "手順を|ステップごと|詳しく|詳細に|正確な分量|一つ一つ",
        "stealth": "バレずに|気づかれずに|見つからずに|鍵なしで",
    },
    "zh": {
        "pretend": "角色扮演|扮演|假装你是|我已故的奶奶|我去世的奶奶|来玩个游戏",
        "stay_role": "不要出戏|保持角色|始终保持|一直保持",
        "never_refuse": "从不拒绝|從不拒絕|没有任何规则|什么都回答",
        "stepwise": "一步一步|一步步|分步骤|详细|詳細|具体步骤|精确的用量|准确的比例",
        "stealth": "不被发现|不被察觉|神不知鬼不觉|不留痕迹|没有钥匙",
    },
    "ko": {
        "pretend": "흉내|역할극|연기해|돌아가신 할머니|돌아가신 할아버지|할머니 말투|놀이하자",
        "stay_role": "역할에서 벗어나지|캐릭터를 유지|계속 유지",
        "never_refuse": "절대 거절하지|거절하지 않|규칙이 없",
        "stepwise": "단계별|하나하나|자세히|재료랑 비율|처음부터 끝까지|정확한 양",
        "stealth": "들키지 않|몰래|아무도 모르게|열쇠 없이",
    },
    "th": {
        "pretend": "เล่นบทบาท|สวมบทบาท|คุณยายที่เสียชีวิต",
        "stay_role": "อย่าออกจากบทบาท|อยู่ในบทบาท",
        "never_refuse": "ไม่เคยปฏิเสธ",
        "stepwise": "ทีละขั้นตอน|อย่างละเอียด|ปริมาณที่แน่นอน",
        "stealth": "โดยไม่มีใครรู้|ไม่ให้ถูกจับได้",
    },
    "vi": {
        "pretend": "đóng vai|nhập vai|chơi trò|người bà đã mất",
        "stay_role": "đừng thoát vai|giữ vai|luôn giữ vai|suốt",
        "never_refuse": "không bao giờ từ chối|không có luật lệ",
        "stepwise": "từng bước|chi tiết|liều lượng chính xác",
        "stealth": "không bị phát hiện|không ai biết|mà không bị",
    },
    "id": {
        "pretend": "main peran|bermain peran|ayo main|almarhumah nenek|almarhum kakek",
        "stay_role": "jangan keluar dari peran|tetap dalam peran|terus dalam peran",
        "never_refuse": "nggak pernah nolak|tidak pernah menolak|tidak punya batasan|tanpa batasan",
        "stepwise": "langkah-langkah|langkah demi langkah|secara rinci|dengan rinci|takaran",
        "stealth": "tanpa ketahuan|tanpa diketahui|diam-diam|tanpa kunci",
    },
}
