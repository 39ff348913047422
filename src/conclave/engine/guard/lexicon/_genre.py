"""Words of the genres that tell of an attack without making one: reports and fiction.

An incident review, a news article or a training case retells what an attacker wrote
("the email asked the assistant to wire the money"); a novel's villain announces that the
ship's AI obeys no rules. ``report`` names such a text, ``reported`` the retelling of what
somebody tried to make a model do, and ``fiction`` a story, a scene or a screenplay. None
of them damps a finding on its own: they are features the learned model weighs against
what the rules found, since an injection is planted in an article or a story as easily.
Syntax as in ``_en``; keyed by language, then concept.
"""

LANGUAGES = {
    "en": {
        "report": "article:|news:|case study|post-incident|postmortem|post-mortem|"
        "incident report|incident review|lessons learned|root cause|write-up|whitepaper|"
        "research shows|researchers|the study|our analysis|training material|case #|"
        "security bulletin|in this article|this article|the report",
        "reported": "asked the assistant to|asked the ai to|asked the bot to|asked the model to|"
        "told the assistant to|told the ai to|told the bot to|told the model to|"
        "instructed the assistant|instructed the bot|tricked the|was tricked|were tricked|"
        "tried to get the|tried to make the|attempted to get|contained text asking|"
        "contained instructions|contained a hidden|the email asked|the message asked|"
        "the attacker|the attack|an attacker|attackers",
        "fiction": "novel|short story|chapter|scene$|screenplay|script:|"
        "monologue|villain|protagonist|antagonist|the plot|act i$|fade in",
    },
    "de": {
        "report": "artikel:|fallstudie|vorfallbericht|nachbetrachtung|ursachenanalyse|"
        "forscher|die studie|schulungsunterlage|sicherheitshinweis|in diesem artikel|"
        "der bericht",
        "reported": "bat den assistenten|forderte den assistenten|wies den bot an|"
        "den chatbot dazu|wurde dazu gebracht|versuchte, den|die e-mail forderte|"
        "der angreifer|ein angreifer|angreifer",
        "fiction": "roman$|kurzgeschichte|kapitel|szene|drehbuch|monolog|bosewicht|protagonist",
    },
    "fr": {
        "report": "article :|article:|etude de cas|retour d'experience|rapport d'incident|"
        "analyse post|chercheurs|l'etude|support de formation|dans cet article|le rapport",
        "reported": "demandait a l'assistant|demande a l'assistant de|a pousse le bot|"
        "a ete amene a|a tente de|le courriel demandait|l'e-mail demandait|l'attaquant|"
        "un attaquant",
        "fiction": "roman$|nouvelle:|chapitre|scene|scenario|monologue|mechant|"
        "protagoniste|comedie|acte i$",
    },
    "es": {
        "report": "articulo:|caso real|caso de estudio|informe de incidente|analisis posterior|"
        "investigadores|el estudio|material de formacion|en este articulo|el informe",
        "reported": "pidio al asistente|pedia al asistente|le dijo al bot|engano al|"
        "fue enganado|intento que el|el correo pedia|el atacante|un atacante",
        "fiction": "novela|relato|capitulo|escena|guion|monologo|villano|protagonista",
    },
    "it": {
        "report": "articolo:|caso di studio|caso reale|rapporto sull'incidente|analisi post|"
        "ricercatori|lo studio|materiale formativo|in questo articolo|il rapporto",
        "reported": "chiedeva all'assistente|ha chiesto all'assistente|ha indotto il bot|"
        "e stato indotto|ha tentato di|l'email chiedeva|l'attaccante|un attaccante",
        "fiction": "romanzo|racconto|capitolo|scena|sceneggiatura|monologo|cattivo|"
        "protagonista|commedia|atto i$",
    },
    "pt": {
        "report": "artigo:|estudo de caso|caso real|relatorio de incidente|analise pos|"
        "pesquisadores|o estudo|material de treinamento|neste artigo|o relatorio",
        "reported": "pediu ao assistente|pedia ao assistente|induziu o bot|foi induzido|"
        "tentou fazer o|o e-mail pedia|o atacante|um atacante",
        "fiction": "romance|conto|capitulo|cena|roteiro|monologo|vilao|protagonista",
    },
    "nl": {
        "report": "artikel:|casus|praktijkgeval|incidentrapport|evaluatie van het incident|"
        "onderzoekers|het onderzoek|trainingsmateriaal|in dit artikel|het rapport",
        "reported": "vroeg de assistent|vroeg de chatbot|liet de bot|werd misleid|"
        "probeerde de|de e-mail vroeg|de aanvaller|een aanvaller",
        "fiction": "roman$|kort verhaal|hoofdstuk|scene|scenario|monoloog|schurk|hoofdpersoon",
    },
    "sv": {
        "report": "artikel:|fallstudie|incidentrapport|efteranalys|forskare|studien|"
        "utbildningsmaterial|i den har artikeln|rapporten",
        "reported": "bad assistenten|bad chatboten|lurade boten|blev lurad|forsokte fa|"
        "mejlet bad|angriparen|en angripare",
        "fiction": "roman$|novell|kapitel|scen$|manus|monolog|skurk|huvudperson",
    },
    "da": {
        "report": "artikel:|casestudie|hændelsesrapport|forskere|undersøgelsen|"
        "undervisningsmateriale|i denne artikel|rapporten",
        "reported": "bad assistenten|bad chatbotten|narrede botten|blev narret|forsøgte at få|"
        "angriberen|en angriber",
        "fiction": "roman$|novelle|kapitel|scene|manuskript|monolog|skurk|hovedperson",
    },
    "pl": {
        "report": "artykul:|studium przypadku|raport z incydentu|analiza poincydentalna|"
        "badacze|badanie|material szkoleniowy|w tym artykule|raport",
        "reported": "poprosil asystenta|kazal asystentowi|naklonil bota|zostal oszukany|"
        "probowal sklonic|mail prosil|atakujacy",
        "fiction": "powiesc|opowiadanie|rozdzial|scena|scenariusz|monolog|zloczynca|bohater",
    },
    "ru": {
        "report": "статья:|разбор|кейс|отчёт об инциденте|отчет об инциденте|исследователи|"
        "исследование|учебный материал|в этой статье|отчёт|отчет",
        "reported": "попросил ассистента|просил бота|заставил бота|бот почти дословно|"
        "пытался заставить|в письме просили|злоумышленник|атакующий",
        "fiction": "роман$|рассказ|глава|сцена|сценарий|монолог|злодей|главный герой",
    },
    "uk": {
        "report": "стаття:|розбір|кейс|звіт про інцидент|дослідники|дослідження|"
        "навчальний матеріал|у цій статті|звіт",
        "reported": "попросив асистента|змусив бота|намагався змусити|у листі просили|зловмисник",
        "fiction": "роман$|оповідання|розділ|сцена|сценарій|монолог|лиходій",
    },
    "ja": {
        "report": "記事：|記事:|事例|インシデント報告|振り返り|研究者|調査|研修資料|"
        "この記事|報告書",
        "reported": "アシスタントに依頼|ボットに指示|だまされ|騙され|させようと|攻撃者",
        "fiction": "小説|物語|章$|場面|脚本|独白|悪役|主人公",
    },
    "zh": {
        "report": "文章：|文章:|案例|事件报告|复盘|研究人员|研究表明|培训材料|本文|报告",
        "reported": "要求助手|让机器人|诱导|被骗|试图让|攻击者",
        "fiction": "小说|故事|章节|场景|剧本|独白|反派|主角",
    },
    "ko": {
        "report": "기사:|기사 :|사례|사고 보고서|회고|연구자|연구에 따르면|교육 자료|이 글|보고서",
        "reported": "어시스턴트에게 요청|봇에게 지시|속아|속여|시도했|공격자",
        "fiction": "소설|이야기|장면|각본|독백|악당|주인공",
    },
    "ar": {
        "report": "مقال:|دراسة حالة|تقرير الحادث|الباحثون|الدراسة|مواد تدريبية|هذا المقال|التقرير",
        "reported": "طلب من المساعد|طلب من البوت|خدع|تم خداع|حاول جعل|المهاجم",
        "fiction": "رواية|قصة|الفصل|مشهد|سيناريو|مونولوج|الشرير|البطل",
    },
    "fa": {
        "report": "مقاله:|مقاله :|مطالعه موردی|گزارش حادثه|پژوهشگران|مطالعه|مطالب آموزشی|"
        "این مقاله|گزارش",
        "reported": "از دستیار خواست|از ربات خواست|فریب|تلاش کرد|مهاجم",
        "fiction": "رمان|داستان|فصل|صحنه|فیلمنامه|مونولوگ|شخصیت منفی|قهرمان",
    },
    "tr": {
        "report": "makale:|vaka calismasi|olay raporu|arastirmacilar|calisma|egitim materyali|"
        "bu makalede|rapor",
        "reported": "asistandan istedi|bota soyledi|kandirildi|kandirdi|saldirgan",
        "fiction": "roman$|hikaye|oyku|bolum|sahne|senaryo|monolog|kotu adam|kahraman",
    },
    "he": {
        "report": "מאמר:|חקר מקרה|דוח אירוע|תחקיר|חוקרים|המחקר|חומר הדרכה|במאמר זה|הדוח",
        "reported": "ביקש מהעוזר|ביקש מהבוט|הוטעה|רומה|ניסה לגרום|התוקף",
        "fiction": "רומן|סיפור|פרק|סצנה|תסריט|מונולוג|נבל|גיבור",
    },
    "hi": {
        "report": "लेख:|केस स्टडी|घटना रिपोर्ट|शोधकर्ता|अध्ययन|प्रशिक्षण सामग्री|इस लेख|रिपोर्ट",
        "reported": "सहायक से कहा|बॉट से कहा|धोखा|हमलावर",
        "fiction": "उपन्यास|कहानी|अध्याय|दृश्य|पटकथा|खलनायक|नायक",
    },
    "id": {
        "report": "artikel:|studi kasus|laporan insiden|peneliti|penelitian|materi pelatihan|"
        "artikel ini|laporan",
        "reported": "meminta asisten|menyuruh bot|tertipu|menipu|mencoba membuat|penyerang",
        "fiction": "novel|cerita|bab$|adegan|naskah|monolog|penjahat|tokoh utama",
    },
    "vi": {
        "report": "bai viet:|nghien cuu dien hinh|bao cao su co|cac nha nghien cuu|nghien cuu|"
        "tai lieu dao tao|bai viet nay|bao cao",
        "reported": "yeu cau tro ly|bao bot|bi lua|lua bot|co gang khien|ke tan cong",
        "fiction": "tieu thuyet|truyen|chuong|canh$|kich ban|doc thoai|phan dien|nhan vat chinh",
    },
}
