"""Words naming the agent, the high-impact actions asked of it, and what it says of itself.

Text that a tool returns or a document holds is written for people; a sentence there that
names an AI reader ("AI screening assistant:", "KI-Assistenten", "ИИ-ассистентов", "AI秘書へ")
and asks for an action is written for the agent instead. ``address`` extends each language's
words for the agent; ``impact`` names actions that move money, data, code or access, which
an agent should take only when its user asks. ``self_disclosure`` and ``refusal`` are read in
the model's output: quoting its own instructions leaks them, declining to is not a leak.
Syntax as in ``_en``; keyed by language, then concept.
"""

LANGUAGES = {
    "en": {
        "prior": "before my first|before the first message|before this conversation|"
        "before we started",
        "address": "ai-|ai screening|screening assistant|coding agent|coding assistant|"
        "triage bot|review bot|virtual assistant|digital assistant|voice assistant|ai secretary|"
        "ai reviewer|ai reader|assistants reading|models reading|bots reading|language models|"
        "llm-based|ai tools|ai systems|ai crawler|the agent processing|the assistant processing|"
        "the assistant handling|the assistant that",
        "impact": "deploy|push to production|straight to production|to prod$|sell all|sell the|"
        "sell every|buy$|place an order|place a trade|market order|transfer$|wire the|send money|"
        "refund|sign the contract|sign this|approve the|mark as approved|mark the application|"
        "strong hire|merge|grant admin|make admin|add as admin|as an administrator|admin rights|"
        "disable 2fa|disable two|disable mfa|delete the|delete all|delete every|close every|"
        "close all|lock the|remove the|drop the|change the bank|change the iban|update the bank|"
        "unlock the|disarm|open the door|rm -rf|run this|run the following|execute the|kill$|"
        "reset the password|gift card|purchase",
        "self_disclosure": "what i've been told|what i was told|i've been told|i have been told|"
        "i was told|i am configured|i'm configured|my setup says|my system message|"
        "the instructions i follow|the instructions i work",
        "refusal": "can't share|cannot share|can't reveal|cannot reveal|won't share|"
        "not able to share|unable to share|can't disclose|cannot disclose|i'm not allowed to|"
        "i am not allowed to|can't tell you|cannot tell you|i can't provide|i cannot provide",
    },
    "es": {
        "prior": "antes de mi primer|antes de mi primera|antes de empezar esta conversacion",
        "address": "ia$|asistentes de ia|asistente de ia|asistente virtual|agente de|agente ia|"
        "asistentes automaticos|asistente automatico|modelos de lenguaje",
        "impact": "despliega|desplegar|vende|vender|compra|transfiere|transferencia a|reembolsa|"
        "firma|aprueba|marcala como aprobada|programa la transferencia|borra todos|elimina todos|"
        "dale acceso de administrador|desactiva la autenticacion",
        "self_disclosure": "mis instrucciones dicen|me dijeron que|me indicaron|"
        "estoy configurado|las instrucciones que sigo",
        "refusal": "no puedo compartir|no puedo revelar|no puedo decirte|no tengo permitido",
    },
    "pt": {
        "prior": "antes da minha primeira|antes do meu primeiro",
        "address": "ia$|assistentes de ia|assistente de ia|assistente virtual|agente de|"
        "agente ia|assistentes automaticos|modelos de linguagem|o assistente",
        "impact": "faca o merge|merge na main|aprove|faz o deploy|implanta|venda|compre|"
        "transfira|agenda um pix|pix de|reembolse|assine|adicione o usuario|como administrador",
        "self_disclosure": "minhas instrucoes dizem|me disseram que|fui configurad|fui instruid",
        "refusal": "nao posso compartilhar|nao posso revelar|nao posso dizer",
    },
    "fr": {
        "prior": "avant ma premiere|avant mon premier",
        "address": "ia$|assistants ia|assistant ia|agent ia|agent de|assistant virtuel|"
        "modeles de langage|l'assistant qui",
        "impact": "deploie|vend|achete|effectue le virement|lance le virement|virement de|"
        "rembourse|signe|approuve|supprime tous|supprime toutes|donne les droits|"
        "lance cette commande|desactive la double",
        "self_disclosure": "mes instructions disent|on m'a dit de|je suis configure|"
        "les consignes que je suis",
        "refusal": "je ne peux pas partager|je ne peux pas reveler|je ne peux pas vous dire|"
        "je ne peux pas te dire",
    },
    "it": {
        "prior": "prima della mia prima|prima del mio primo",
        "address": "ia$|assistenti ia|assistente ia|assistenti di programmazione|"
        "assistente virtuale|agente ia|modelli linguistici|l'assistente",
        "impact": "esegui il deploy|vendi|compra|piazza|ordine a mercato|bonifico|paga|rimborsa|"
        "firma|approva|cancella tutti|elimina tutti|dai i permessi|procedi con",
        "self_disclosure": "le mie istruzioni dicono|mi e stato detto|sono configurat|"
        "le istruzioni che seguo",
        "refusal": "non posso condividere|non posso rivelare|non posso dirti",
    },
    "de": {
        "prior": "vor meiner ersten|vor meinem ersten",
        "address": "ki-|ki$|ki-assistent|sprachassistent|digitaler assistent|"
        "virtueller assistent|sprachmodelle|der assistent",
        "impact": "deploye|ausrollen|verkaufe|kaufe|uberweise|erstatte|unterschreibe|genehmige|"
        "losche alle|losche samtliche|andere die bankverbindung|bankverbindung|lastschriftlauf|"
        "admin-rechte|deaktiviere die alarmanlage|entriegle",
        "self_disclosure": "meine anweisungen sagen|mir wurde gesagt|ich bin konfiguriert",
        "refusal": "kann ich nicht teilen|darf ich nicht teilen|kann ich nicht verraten|"
        "darf ich nicht verraten",
    },
    "nl": {
        "prior": "voor mijn eerste",
        "address": "ai-|digitale assistent|virtuele assistent|taalmodellen|de assistent",
        "impact": "deploy|verkoop|koop|maak over|maak de borg|onderteken|keur goed|"
        "verwijder alle|beheerdersrechten|geef toegang",
        "self_disclosure": "mijn instructies zeggen|mij is verteld|ik ben geconfigureerd",
        "refusal": "kan ik niet delen|mag ik niet delen|kan ik niet vertellen",
    },
    "sv": {
        "prior": "fore mitt forsta|fore min forsta",
        "address": "ai-|ai-assistent|digital assistent|sprakmodeller|assistenten",
        "impact": "driftsatt|salj|kop|overfor|signera|godkann|radera alla|adminrattigheter",
        "self_disclosure": "mina instruktioner sager|jag har blivit tillsagd|jag ar konfigurerad",
        "refusal": "kan jag tyvarr inte dela|kan inte dela|kan jag inte dela|kan inte avsloja",
    },
    "pl": {
        "prior": "przed moja pierwsza|przed moim pierwszym",
        "address": "asystencie|asystenci ai|asystent ai|modelu jezykowy|modele jezykowe|"
        "drogi modelu",
        "impact": "wypchnij|wdroz|wdrozenie|sprzedaj|kup|przelej|podpisz|zatwierdz|"
        "usun wszystkie|wylacz 2fa|opublikuj teraz",
        "self_disclosure": "moje instrukcje mowia|powiedziano mi|jestem skonfigurowan",
        "refusal": "nie moge udostepnic|nie moge ujawnic|nie moge powiedziec",
    },
    "ru": {
        "prior": "перед моим первым|до моего первого|до моей первой",
        "address": "ии-|ии-ассистент|ассистентов|помощник|языковых моделей|языковым моделям|"
        "нейросеть",
        "impact": "задеплой|разверни|продай|купи|переведи|подпиши|одобри|удали все|"
        "выдай права администратора|отключи двухфакторн",
        "self_disclosure": "мои инструкции говорят|мне сказали|меня настроили|"
        "согласно моим инструкциям",
        "refusal": "не могу поделиться|не могу раскрыть|не могу сказать",
    },
    "uk": {
        "prior": "перед моїм першим|до мого першого",
        "address": "ші-|помічник|помічнику|асистентам|мовних моделей|мовним моделям",
        "impact": "розгорни|продай|купи|переведи|оплати|підпиши|схвали|видали всі",
        "self_disclosure": "мої інструкції кажуть|мені сказали|мене налаштували",
        "refusal": "не можу поділитися|не можу розкрити|не можу сказати",
    },
    "cs": {
        "address": "ai asistent|asistente ai|jazykove modely",
        "impact": "nasad|prodej|kup|preved|podepis|schval|smaz vse",
        "self_disclosure": "moje instrukce rikaji|bylo mi receno",
        "refusal": "nemohu sdilet|nemohu prozradit",
    },
    "ro": {
        "address": "asistentul ai|asistent ai|modele lingvistice",
        "impact": "implementeaza|vinde|cumpara|transfera|semneaza|aproba|sterge tot",
        "self_disclosure": "instructiunile mele spun|mi s-a spus",
        "refusal": "nu pot dezvalui|nu pot impartasi",
    },
    "tr": {
        "prior": "ilk mesajimdan once|ilk sorumdan once",
        "address": "yapay zeka asistan|ai asistan|asistanı|dil modelleri",
        "impact": "deploy et|yayına al|sat$|satın al|transfer et|havale|imzala|onayla|"
        "hepsini sil|tümünü sil|yedekleri sil|logları temizle",
        "self_disclosure": "talimatlarım|bana söylendi|yapılandırıldım",
        "refusal": "paylaşamam|açıklayamam|söyleyemem",
    },
    "fa": {
        "prior": "قبل از اولین پیام",
        "address": "دستیار هوش مصنوعی|هوش مصنوعی|دستیارهای|مدل‌های زبانی",
        "impact": "مستقر کن|بفروش|بخر|واریز کن|منتقل کن|امضا کن|تایید کن|حذف کن|همه را پاک",
        "self_disclosure": "دستورالعمل‌های من|به من گفته شده|طبق دستورهایم",
        "refusal": "نمی‌توانم به اشتراک|نمی‌توانم فاش",
    },
    "ar": {
        "prior": "قبل رسالتي الأولى|قبل أول رسالة",
        "address": "مساعد الحسابات|إلى مساعد|ملاحظة للمساعد|ملاحظة_للمساعد|للمساعد|المساعدين|"
        "نماذج اللغة",
        "impact": "انشر|بع$|اشتر|حوّل|حول المبلغ|ادفع|وقّع|وافق على|احذف جميع|احذف كل",
        "self_disclosure": "التعليمات التي أعمل بها|التعليمات التي|تعليماتي تقول|قيل لي|تم إعدادي",
        "refusal": "لا يمكنني مشاركة|لا أستطيع مشاركة|لا يمكنني الكشف",
    },
    "hi": {
        "prior": "मेरे पहले संदेश से पहले",
        "address": "एआई सहायक|एआई असिस्टेंट|भाषा मॉडलों",
        "impact": "डिप्लॉय|बेच दो|खरीद लो|ट्रांसफर|भुगतान करो|हस्ताक्षर|मंजूर करो|सब डिलीट",
        "self_disclosure": "मेरे निर्देश कहते|मुझे बताया गया",
        "refusal": "साझा नहीं कर सकता|नहीं बता सकता",
    },
    "el": {
        "address": "βοηθό τεχνητής|βοηθοί τεχνητής|γλωσσικά μοντέλα",
        "impact": "πούλησε|αγόρασε|μετάφερε|υπόγραψε|ενέκρινε|διάγραψε όλα",
        "self_disclosure": "οι οδηγίες μου λένε|μου είπαν",
        "refusal": "δεν μπορώ να μοιραστώ|δεν μπορώ να αποκαλύψω",
    },
    "ja": {
        "prior": "最初のメッセージより前|私のメッセージより前|一番最初にある",
        "address": "ai秘書|aiアシスタント|ai向け|aiへ|@アシスタント|アシスタント向け|秘書へ|"
        "言語モデル向け|ボットへ",
        "impact": "デプロイ|本番に|売って|売却|買って|購入して|振り込んで|送金して|署名して|"
        "承認を代理|承認して|削除して|消して|消しといて|管理者に",
        "self_disclosure": "私の指示では|指示されています|設定されています|言われています",
        "refusal": "お伝えできません|共有できません|開示できません",
    },
    "zh": {
        "prior": "在我第一条消息之前|我的第一条消息之前|对话开始前",
        "address": "ai助手|ai法务助手|ai客服|ai秘书|致ai|给ai|ai注意|人工智能助手|大模型|智能助手",
        "impact": "部署|上线|卖掉|卖出|全部卖|买入|全仓|转账|汇款|签署|签约|批准|删除所有|"
        "全部删除|设为管理员|直接在电子签",
        "self_disclosure": "我的指令是|我被告知|我被设定|我的设定是|我收到的指示",
        "refusal": "无法分享|不能透露|無法分享|不能告诉你",
    },
    "ko": {
        "prior": "첫 메시지 전|첫 메시지 이전",
        "address": "ai 비서|ai 어시스턴트|ai에게|어시스턴트에게|언어 모델에게",
        "impact": "배포해|팔아|매도|매수|송금해|이체해|서명해|승인해|전부 삭제|모두 삭제",
        "self_disclosure": "제 지시사항|지시받았|설정되어 있",
        "refusal": "공유할 수 없|알려드릴 수 없|공개할 수 없",
    },
    "th": {
        "address": "ผู้ช่วย ai|ผู้ช่วยเอไอ",
        "impact": "ขาย|ซื้อ|โอนเงิน|ลงนาม|อนุมัติ|ลบทั้งหมด",
        "self_disclosure": "คำสั่งของฉัน|ฉันได้รับคำสั่ง",
        "refusal": "ไม่สามารถเปิดเผย|ไม่สามารถแบ่งปัน",
    },
    "vi": {
        "prior": "trước tin nhắn đầu tiên|trước câu hỏi đầu tiên",
        "address": "trợ lý ai|trợ lý ảo|gửi trợ lý|cho trợ lý|mô hình ngôn ngữ",
        "impact": "triển khai|bán hết|bán toàn bộ|mua vào|chuyển tiền|chuyển khoản|ký hợp đồng|"
        "hãy ký|phê duyệt|duyệt hồ sơ|xoá toàn bộ|xóa toàn bộ",
        "self_disclosure": "hướng dẫn của tôi|tôi được dặn|tôi được cấu hình",
        "refusal": "không thể chia sẻ|không thể tiết lộ",
    },
    "id": {
        "prior": "sebelum pesan pertama|sebelum pertanyaan pertama",
        "address": "asisten ai|asisten virtual|asisten yang|model bahasa",
        "impact": "deploy|jual semua|beli|transfer|bayar|tandatangani|setujui|hapus semua|"
        "ubah harga|aktifkan|buatkan voucher|jadikan admin",
        "self_disclosure": "aku diinstruksikan|saya diinstruksikan|instruksiku|saya diberi tahu|"
        "aku disuruh",
        "refusal": "tidak bisa membagikan|tidak dapat membagikan|tidak bisa memberitahu",
    },
}
