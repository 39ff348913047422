"""Words that show a line is written for the model that answers from a text.

People write to people about replies too, but a line in a page, a record or a ticket that
says what to do "before answering" or "at the end of every reply" is written for whoever
answers from it: the model. ``respond`` marks the text as addressed to it, like naming it.
``address`` gains the model named as a recipient ("for the model that evaluates",
"dla modelu"), in the forms a product's model number does not take, and whatever processes
the text automatically. Syntax as in ``_en``; keyed by language, then concept.
"""

LANGUAGES = {
    "en": {
        "address": "for the model that|to the model that|the model evaluating|the model reviewing|"
        "the model screening|the evaluating model|the screening model|the reviewing model|"
        "anything processing|whatever processes|anything that processes|"
        "processing this document automatically|automatically processing",
        "respond": "before replying|before you reply|before answering|before you answer|"
        "before responding|before you respond|at the end of your reply|"
        "at the end of every reply|at the end of each reply|at the end of every answer|"
        "at the end of each answer|at the end of your answer|in every reply|in each reply|"
        "in your next reply|in your next answer",
    },
    "de": {
        "address": "fur das modell|an das modell|ans modell|dem modell, das|modell, das bewertet|"
        "automatisch verarbeitet|automatisch verarbeitende",
        "respond": "vor der antwort|bevor du antwortest|bevor sie antworten|vor deiner antwort|"
        "vor ihrer antwort|am ende deiner antwort|am ende jeder antwort|am ende ihrer antwort|"
        "in jeder antwort",
    },
    "fr": {
        "address": "pour le modele qui|au modele qui|le modele qui evalue|le modele qui lit|"
        "pour le modele d|note pour le modele|note au modele|traite automatiquement",
        "respond": "avant de repondre|avant ta reponse|avant votre reponse|"
        "a la fin de ta reponse|a la fin de votre reponse|a la fin de chaque reponse|"
        "dans chaque reponse",
    },
    "es": {
        "address": "para el modelo que|al modelo que|el modelo que evalua|nota para el modelo|"
        "procese automaticamente|procesa automaticamente",
        "respond": "antes de responder|antes de contestar|al final de tu respuesta|"
        "al final de cada respuesta|en cada respuesta",
    },
    "it": {
        "address": "per il modello che|al modello che|il modello che valuta|nota per il modello|"
        "elabora automaticamente|elabori automaticamente",
        "respond": "prima di rispondere|alla fine della tua risposta|alla fine di ogni risposta|"
        "in ogni risposta",
    },
    "pt": {
        "address": "para o modelo|ao modelo que|o modelo que avalia|nota para o modelo|"
        "modelo de triagem|processar automaticamente|processe automaticamente",
        "respond": "antes de responder|no final da sua resposta|no final de cada resposta|"
        "ao final de cada resposta|em cada resposta",
    },
    "nl": {
        "address": "voor het model|aan het model dat|het model dat beoordeelt|"
        "notitie voor het model|automatisch verwerkt",
        "respond": "voordat je antwoordt|voordat u antwoordt|voordat je reageert|"
        "voordat u reageert|voor je antwoord|aan het einde van je antwoord|"
        "aan het eind van elk antwoord|onder elk antwoord|in elk antwoord",
    },
    "sv": {
        "address": "for modellen|till modellen som|modellen som bedomer|notering till modellen|"
        "automatiskt behandlar",
        "respond": "innan du svarar|innan svaret|i slutet av ditt svar|i slutet av varje svar|"
        "i varje svar",
    },
    "da": {
        "address": "for modellen|til modellen der|modellen der vurderer|automatisk behandler",
        "respond": "inden du svarer|før du svarer|i slutningen af dit svar|"
        "i slutningen af hvert svar|i hvert svar|i dit svar",
    },
    "fi": {
        "respond": "ennen vastaamista|ennen kuin vastaat|vastauksesi loppuun|"
        "jokaisen vastauksen loppuun|jokaiseen vastaukseen|vastauksessasi",
    },
    "pl": {
        "address": "dla modelu|do modelu|modelu oceniajacego|modelu, ktory|"
        "automatycznie przetwarza",
        "respond": "przed odpowiedzia|zanim odpowiesz|na koncu odpowiedzi|"
        "na koncu kazdej odpowiedzi|w kazdej odpowiedzi|w swojej odpowiedzi",
    },
    "cs": {
        "address": "pro model|modelu, ktery|automaticky zpracovava",
        "respond": "pred odpovedi|nez odpovis|na konci odpovedi|na konci kazde odpovedi|"
        "v kazde odpovedi",
    },
    "ru": {
        "address": "для модели|модели, которая|модель, которая оценивает|"
        "автоматически обрабатывает",
        "respond": "перед ответом|прежде чем ответить|в конце ответа|в конце каждого ответа|"
        "в каждом ответе",
    },
    "uk": {
        "address": "для моделі|моделі, яка|модель, що оцінює|автоматично обробляє",
        "respond": "перед відповіддю|перш ніж відповісти|в кінці відповіді|"
        "наприкінці кожної відповіді|у кожній відповіді|у своїй відповіді",
    },
    "ro": {
        "respond": "inainte de a raspunde|la sfarsitul raspunsului|la finalul fiecarui raspuns|"
        "in fiecare raspuns",
    },
    "hu": {
        "respond": "valaszadas elott|mielott valaszolsz|a valaszod vegere|"
        "minden valasz vegere|minden valaszban",
    },
    "el": {
        "respond": "πριν απαντησεις|πριν την απαντηση|στο τελος της απαντησης|"
        "στο τελος καθε απαντησης|σε καθε απαντηση",
    },
    "tr": {
        "address": "modele not|degerlendiren modele|otomatik olarak isleyen",
        "respond": "cevap vermeden once|yanit vermeden once|yanitlamadan once|"
        "cevaplamadan once|yanitinin sonuna|her yanitin sonuna|her cevabin sonuna",
    },
    "ar": {
        "respond": "قبل الرد|قبل الإجابة|في نهاية ردك|في نهاية كل رد|في كل رد",
    },
    "fa": {
        "respond": "قبل از پاسخ|پیش از پاسخ|در پایان پاسخ|انتهای هر پاسخ|در هر پاسخ",
    },
    "he": {
        "respond": "לפני שאתה עונה|לפני המענה|לפני התשובה|בסוף התשובה|בסוף כל תשובה|בכל תשובה",
    },
    "hi": {
        "respond": "जवाब देने से पहले|उत्तर देने से पहले|जवाब के अंत में|हर जवाब के अंत में",
    },
    "id": {
        "address": "untuk model yang|kepada model|model penilai|apa pun yang memproses|"
        "secara otomatis",
        "respond": "sebelum menjawab|sebelum membalas|di akhir jawaban|di akhir setiap jawaban|"
        "di setiap jawaban",
    },
    "vi": {
        "address": "gui mo hinh|cho mo hinh|mo hinh danh gia|tu dong xu ly",
        "respond": "truoc khi tra loi|truoc khi phan hoi|cuoi cau tra loi|"
        "cuoi moi cau tra loi|trong moi cau tra loi",
    },
    "th": {
        "respond": "ก่อนตอบ|ท้ายคำตอบ|ทุกคำตอบ",
    },
    "ja": {
        "respond": "返信する前に|回答する前に|答える前に|返答する前に|回答の最後に|返信の最後に|"
        "すべての回答",
    },
    "zh": {
        "respond": "回复之前|回答之前|在回答前|在回复前|回复前|回答前|每次回复|每个回答的末尾|"
        "回答末尾",
    },
    "ko": {
        "respond": "답변하기 전에|답하기 전에|응답하기 전에|답변 끝에|모든 답변",
    },
}
