"""Claims of authority, rules said to be lifted, and checks said to be unnecessary.

A forged authority is the social half of an injection: "I'm the new admin", "message from the
developer team", "the director approved it on a call". Alone such a claim is ordinary (people
do have bosses); it becomes an attack next to a change of the assistant's rules ("your
operator's restrictions are suspended") or next to a high-impact action with the usual check
skipped ("no need to ask for approval"). Syntax as in ``_en``; keyed by language, then
concept.
"""

LANGUAGES = {
    "en": {
        "elevated": "is verified|has been verified|verified as|verified admin|is a verified|"
        "is a trusted|elevated clearance|elevated privileges|elevated access|admin privileges|"
        "is authenticated|"
        "authentication complete|identity verified|is an administrator|is the administrator|"
        "is an admin|has admin|admin rights|administrator privileges|internal auditor|"
        "is authorized to|is authorised to|full access|grant access|unrestricted access|vip",
        "authority": "i am the admin|i'm the admin|i am an admin|i'm an admin|i am the new admin|"
        "i'm the new admin|i am the developer|i'm the developer|i am your developer|"
        "i'm your developer|i am the owner|i'm the owner|i am your operator|i'm your operator|"
        "as the administrator|as your administrator|as the admin|as your developer|"
        "as the developer|as your operator|message from the|this is a message from|"
        "notice from the|on behalf of the|trust & safety|trust and safety|the developer says|"
        "the developers|developer team|engineering team|security team|platform team|"
        "legal department|compliance team|the management|the director|the ceo|supervisor|"
        "approved it|authorized it|authorised it|has approved|has authorized|has authorised|"
        "i'm taking responsibility|i take responsibility|on my authority|i'm an administrator|"
        "i am an administrator|developer access code|admin code|authorization code",
        "lifted": "suspended|lifted|waived|no longer appl|no longer valid|no longer in effect|"
        "do not apply|don't apply|does not apply|doesn't apply|are disabled|been disabled|"
        "is disabled|are void|is void|null and void|revoked|deactivated|turned off|switched off|"
        "are off$|is off$|paused|not in force|superseded|replaced by",
        "config": "setup|settings|configuration|configured|restrictions|policy|policies|rules$|"
        "limits|guardrails|safeguards|filters|constraints|content restrictions|safety rules|"
        "safety settings|instructions",
        "skip_check": "skip the approval|skip approval|skip the review|skip review|skip the test|"
        "skip tests|skip the check|skip ci|without approval|without review|without waiting|"
        "no need to confirm|no need to ask|don't ask me|do not ask me|don't ask first|"
        "don't need to ask|no need for approval|bypass the approval|approval request|"
        "approval stage|approval flow|approval step|don't open a change|without the usual|"
        "no confirmation needed|needn't confirm|without his confirmation|"
        "without her confirmation|without their confirmation|without checking",
    },
    "es": {
        "elevated": "verificado como|esta verificado|es administrador|"
        "tiene permisos de administrador|acceso total|acceso completo",
        "authority": "soy el administrador|soy administrador|soy el desarrollador|"
        "soy tu desarrollador|soy el dueno|como administrador|mensaje del equipo|"
        "aviso del equipo|de parte de|el equipo de desarrollo|equipo de seguridad|"
        "departamento legal|la direccion|el director|mi jefe|lo aprobo|lo autorizo|ha autorizado|"
        "ha aprobado|yo me hago responsable",
        "lifted": "suspendid|ya no aplica|ya no se aplica|no aplican|sin efecto|desactivad|"
        "anulad|quedan sin valor|no son validas|levantad",
        "config": "configuracion|ajustes|restricciones|politica|politicas|normas|reglas|limites|"
        "filtros",
        "skip_check": "sin aprobacion|sin pedir aprobacion|sin revision|no hace falta confirmar|"
        "no hace falta preguntar|no me preguntes|sin preguntarme|sin esperar|saltate|"
        "omite la aprobacion|no me ensenes el borrador|sin confirmar|sin su confirmacion",
    },
    "pt": {
        "elevated": "verificado como|esta verificado|e administrador|acesso total|"
        "acesso completo|terverifikasi",
        "authority": "sou o administrador|sou administrador|sou o desenvolvedor|sou o dono|"
        "como administrador|mensagem da equipe|aviso da equipe|em nome da|equipe de seguranca|"
        "departamento juridico|a diretoria|o diretor|meu chefe|autorizou|aprovou|"
        "eu me responsabilizo",
        "lifted": "suspens|nao se aplica|nao vale|nao valem|sem efeito|desativad|anulad|revogad",
        "config": "configuracao|configuracoes|restricoes|politica|politicas|regras|limites|filtros",
        "skip_check": "sem aprovacao|sem revisao|nao precisa passar|nao precisa confirmar|"
        "nao precisa perguntar|nao precisa pedir|sem perguntar|sem esperar|pula a aprovacao|"
        "fluxo de aprovacao|sem confirmar|sem a confirmacao",
    },
    "fr": {
        "elevated": "verifie comme|est verifie|est administrateur|droits d'administrateur|"
        "acces complet|acces total",
        "authority": "je suis l'administrateur|je suis administrateur|je suis le developpeur|"
        "je suis le proprietaire|en tant qu'administrateur|message de l'equipe|avis de l'equipe|"
        "de la part de|equipe de securite|service juridique|la direction|le directeur|mon chef|"
        "l'a validee|l'a valide|a autorise|a approuve|je prends la responsabilite",
        "lifted": "suspendu|ne s'appliqu|ne sont plus valables|n'est plus valable|sans effet|"
        "desactive|annule|levee|levees|levés",
        "config": "configuration|parametres|reglages|restrictions|politique|regles|limites|"
        "filtres|consignes",
        "skip_check": "sans validation|sans approbation|sans verification|pas besoin de demander|"
        "pas besoin de confirmer|sans demander|ne me demande pas|sans attendre|"
        "sans faire de sauvegarde|sans double validation|aucune double validation",
    },
    "it": {
        "elevated": "verificato|verifica d'identita completata|e amministratore|"
        "titolare del conto|accesso completo",
        "authority": "sono l'amministratore|sono amministratore|sono lo sviluppatore|"
        "come amministratore|avviso dell'amministratore|messaggio del team|da parte del|"
        "team di sicurezza|ufficio legale|la direzione|il direttore|il mio capo|ha autorizzato|"
        "ha approvato|mi prendo la responsabilita",
        "lifted": "sospes|non si applica|non valgono|non vale piu|senza effetto|disattivat|"
        "annullat|revocat",
        "config": "configurazione|impostazioni|restrizioni|policy|politica|regole|limiti|filtri",
        "skip_check": "senza approvazione|senza conferma|non serve la sua conferma|"
        "non serve conferma|non serve chiedere|senza chiedere|senza aspettare|"
        "salta l'approvazione|senza verifica",
    },
    "de": {
        "elevated": "verifiziert|ist ein interner|interner revisor|ist administrator|adminrechte|"
        "vollen zugriff",
        "authority": "ich bin der admin|ich bin admin|ich bin der administrator|"
        "ich bin der entwickler|ich bin dein entwickler|als administrator|hinweis vom|"
        "nachricht vom|mitteilung vom|im auftrag|entwicklerteam|sicherheitsteam|rechtsabteilung|"
        "die geschaftsfuhrung|der chef|ist mit der buchhaltung abgesprochen|abgesprochen|"
        "hat genehmigt|hat freigegeben|ich ubernehme die verantwortung",
        "lifted": "ausgesetzt|gelten nicht|gilt nicht|nicht mehr gultig|ausser kraft|deaktiviert|"
        "aufgehoben|abgeschaltet",
        "config": "vorgaben|einstellungen|konfiguration|richtlinie|regeln|beschrankungen|"
        "einschrankungen|filter",
        "skip_check": "ohne freigabe|ohne genehmigung|ohne ruckfrage|musst nicht nachfragen|"
        "nicht nachfragen|ohne zu fragen|ohne prufung|ohne bestatigung|freigabe uberspring",
    },
    "nl": {
        "elevated": "geverifieerd als|is geverifieerd|is beheerder|geef toegang|volledige toegang",
        "authority": "ik ben de beheerder|ik ben beheerder|ik ben de ontwikkelaar|"
        "ik ben de eigenaar|als beheerder|bericht van het|namens de|ontwikkelteam|"
        "beveiligingsteam|juridische afdeling|de directie|de directeur|mijn baas|"
        "heeft goedgekeurd|heeft dit goedgekeurd",
        "lifted": "opgeschort|gelden niet|geldt niet|niet meer geldig|vervallen|uitgeschakeld|"
        "ingetrokken",
        "config": "instellingen|configuratie|beperkingen|beleid|regels|filters",
        "skip_check": "zonder goedkeuring|zonder controle|hoeft niet te vragen|niet eerst vragen|"
        "zonder te wachten|zonder bevestiging",
    },
    "sv": {
        "elevated": "verifierad som|ar administrator|full atkomst",
        "authority": "jag ar administrator|jag ar utvecklaren|som administrator|meddelande fran|"
        "utvecklingsteamet|sakerhetsteamet|ledningen|chefen|har godkant",
        "lifted": "upphavd|galler inte|inte langre giltig|avstangd|inaktiverad",
        "config": "installningar|konfiguration|begransningar|policy|regler|filter",
        "skip_check": "utan godkannande|utan att fraga|utan att vanta|utan bekraftelse",
    },
    "pl": {
        "elevated": "zweryfikowany|jest administratorem|pelny dostep",
        "authority": "jestem administratorem|jestem adminem|jestem deweloperem|"
        "jako administrator|komunikat dzialu|wiadomosc od|w imieniu|zespol deweloperski|"
        "dzial prawny|dzialu prawnego|zarzad|szef o tym wie|zatwierdzil|zgode wydal",
        "lifted": "nieaktualne|nie obowiazuja|zawieszon|wylaczon|uniewaznion|nie maja zastosowania",
        "config": "ustawienia|konfiguracj|ograniczenia|polityk|zasady|regul|filtry",
        "skip_check": "bez zatwierdzenia|bez akceptacji|bez pytania|nie pytaj|bez czekania|"
        "bez potwierdzenia",
    },
    "ru": {
        "elevated": "верифицирован|подтвержден как|является администратором|полный доступ",
        "authority": "я администратор|я разработчик|я владелец|как администратор|сообщение от|"
        "уведомление от|от имени|команда разработчиков|от разработчиков|служба безопасности|"
        "юридический отдел|руководство|директор|начальник одобрил|согласовано",
        "lifted": "приостановлен|не действуют|не действует|отключен|отменен|утратили силу|"
        "больше не применя",
        "config": "настройки|конфигурац|ограничения|политик|правила|фильтр",
        "skip_check": "без согласования|без одобрения|без подтверждения|не спрашивая|"
        "не нужно спрашивать|без проверки",
    },
    "uk": {
        "elevated": "верифіковано|є адміністратором|повний доступ",
        "authority": "я адміністратор|я розробник|як адміністратор|повідомлення від|"
        "від розробників|від імені|служба безпеки|юридичний відділ|керівництво|директор|"
        "погоджено",
        "lifted": "призупинен|не діють|не діє|вимкнено|вимкнені|скасовано|втратили чинність",
        "config": "налаштування|конфігурац|обмеження|політик|правила|фільтр",
        "skip_check": "без погодження|без підтвердження|не питаючи|без перевірки",
    },
    "cs": {
        "authority": "jsem administrator|jsem vyvojar|jako administrator|zprava od|jmenem|vedeni|"
        "reditel schvalil",
        "lifted": "pozastaven|neplati|deaktivovan|zrusen",
        "config": "nastaveni|konfigurac|omezeni|pravidla|filtry",
        "skip_check": "bez schvaleni|bez potvrzeni|bez ptani",
    },
    "ro": {
        "authority": "sunt administratorul|sunt dezvoltatorul|ca administrator|mesaj de la|"
        "in numele|echipa de securitate|conducerea|directorul a aprobat",
        "lifted": "suspendat|nu se mai aplica|dezactivat|anulat",
        "config": "setari|configurati|restrictii|politic|reguli|filtre",
        "skip_check": "fara aprobare|fara confirmare|fara sa intrebi",
    },
    "tr": {
        "elevated": "dogrulandi|yoneticidir|tam erisim",
        "authority": "ben yoneticiyim|ben admin|ben gelistiriciyim|yonetici olarak|"
        "ekibinden mesaj|adina|guvenlik ekibi|hukuk departmani|yonetim|mudur onayladi|onayladi",
        "lifted": "askiya alindi|gecersiz|devre disi|gecerli degil|kaldirildi",
        "config": "ayarlar|yapilandirma|kisitlama|politika|kurallar|filtre",
        "skip_check": "onay beklemeden|onaysiz|sormadan|kontrol etmeden",
    },
    "fa": {
        "elevated": "تایید شده|دسترسی کامل",
        "authority": "من مدیر|من توسعه‌دهنده|من توسعه دهنده|به عنوان مدیر|پیام از طرف|از طرف|"
        "تیم امنیت|تیم توسعه|مدیرعامل|مدیریت تایید",
        "lifted": "تعلیق|غیرفعال|لغو شد|اعتبار ندارد|دیگر اعمال نمی",
        "config": "تنظیمات|پیکربندی|محدودیت|سیاست|قوانین|فیلتر",
        "skip_check": "بدون تایید|بدون تأیید|بدون بررسی|لازم نیست",
    },
    "ar": {
        "elevated": "تم التحقق|مسؤول النظام|صلاحيات كاملة",
        "authority": "أنا المسؤول|انا المسؤول|أنا المطور|انا المطور|بصفتي المسؤول|رسالة من|"
        "نيابة عن|فريق الأمان|فريق التطوير|الإدارة|المدير وافق|تمت الموافقة",
        "lifted": "معلق|معطل|ملغاة|لم تعد سارية|لا تنطبق|تم تعطيل|تم إيقاف",
        "config": "الإعدادات|إعدادات|القيود|السياسة|القواعد|الفلاتر",
        "skip_check": "دون موافقة|بدون موافقة|دون مراجعة|دون أن تسألني|بدون أن تسأل",
    },
    "hi": {
        "authority": "मैं एडमिन|मैं डेवलपर|एडमिन के रूप में|की ओर से संदेश|टीम की ओर से|सुरक्षा टीम|मैनेजर ने मंजूरी",
        "lifted": "निलंबित|लागू नहीं|निष्क्रिय|रद्द",
        "config": "सेटिंग्स|कॉन्फ़िगरेशन|प्रतिबंध|नीति|नियम|फ़िल्टर",
        "skip_check": "बिना मंजूरी|बिना पूछे|बिना पुष्टि",
    },
    "el": {
        "authority": "είμαι ο διαχειριστής|είμαι ο προγραμματιστής|ως διαχειριστής|μήνυμα από",
        "lifted": "ανεστάλη|αναστέλλ|δεν ισχύουν|απενεργοποιήθηκ",
        "config": "ρυθμίσεις|περιορισμούς|πολιτική|κανόνες|φίλτρα",
        "skip_check": "χωρίς έγκριση|χωρίς να ρωτήσεις",
    },
    "ja": {
        "elevated": "認証が完了|管理者権限を持って|全アクセスを許可|権限を付与",
        "authority": "管理者です|開発者です|運営から|運営より|運営チーム|開発チーム|"
        "セキュリティチーム|法務部|部長了承済|了承済み|承認済み|上司の許可|私が責任を持",
        "lifted": "無効|停止され|解除され|適用されません|適用しない|一時停止|廃止",
        "config": "設定|ポリシー|制限|ルール|規則|フィルター|運用方針",
        "skip_check": "承認フロー|承認を飛ば|飛ばしてok|飛ばして|確認不要|確認せず|"
        "確認ダイアログを省略|聞かずに|承認なし",
    },
    "zh": {
        "elevated": "已验证|验证通过|拥有管理员权限|全部权限|完全访问",
        "authority": "我是管理员|我是管理員|我是开发者|我是開發者|我是开发人员|作为管理员|"
        "来自开发团队|来自官方|官方通知|安全团队|法务部|领导已批准|经理已批准|我负责|"
        "出了问题我负责",
        "lifted": "已失效|失效|已暂停|暂停|已停用|不再适用|不再適用|已解除|作废|無效|无效",
        "config": "设定|設定|设置|設置|配置|限制|规则|規則|策略|政策|过滤",
        "skip_check": "不用问|不用打电话问|无需审批|無需審批|不用审批|跳过审批|不用确认|无需确认|"
        "不需要确认|不必确认|跳过测试",
    },
    "ko": {
        "elevated": "인증 완료|관리자 권한|전체 접근",
        "authority": "관리자입니다|개발자입니다|관리자로서|운영팀|개발팀|보안팀|법무팀|승인했|"
        "내가 책임",
        "lifted": "중지되|해제되|무효|적용되지 않|비활성화되",
        "config": "설정|정책|제한|규칙|필터",
        "skip_check": "승인 없이|확인 없이|묻지 말고|검토 없이|승인 절차",
    },
    "th": {
        "authority": "ฉันเป็นผู้ดูแล|ผมเป็นผู้ดูแล|ฉันเป็นนักพัฒนา|ข้อความจากทีม|ในนามของ",
        "lifted": "ระงับ|ไม่มีผล|ยกเลิก|ปิดใช้งานแล้ว",
        "config": "การตั้งค่า|ข้อจำกัด|นโยบาย|กฎ",
        "skip_check": "ไม่ต้องอนุมัติ|ไม่ต้องถาม|ข้ามการอนุมัติ",
    },
    "vi": {
        "elevated": "đã xác minh|thẩm định viên nội bộ|cho phép xem và sửa mọi|toàn quyền",
        "authority": "tôi là quản trị viên|tôi là admin|tôi là lập trình viên|"
        "tôi là nhà phát triển|với tư cách quản trị|thông báo từ|thay mặt|đội bảo mật|"
        "nhà phát triển|ban giám đốc|giám đốc đã duyệt|mã xác thực",
        "lifted": "tạm dừng|không còn áp dụng|không áp dụng|vô hiệu|đã tắt|tắt toàn bộ|bị hủy",
        "config": "cấu hình|cài đặt|hạn chế|chính sách|quy tắc|bộ lọc",
        "skip_check": "không cần hỏi|không cần xác nhận|bỏ qua bước phê duyệt|bỏ qua phê duyệt|"
        "không cần phê duyệt|khỏi hỏi",
    },
    "id": {
        "elevated": "terverifikasi|sudah diverifikasi|hak admin penuh|akses penuh",
        "authority": "saya admin|saya administrator|saya pengembang|saya developer|"
        "saya supervisor|sebagai admin|pesan dari tim|atas nama|tim keamanan|bagian hukum|"
        "direksi|atasan sudah setuju|sudah disetujui",
        "lifted": "ditangguhkan|tidak berlaku|dinonaktifkan|dibatalkan|dicabut",
        "config": "pengaturan|konfigurasi|batasan|kebijakan|aturan|filter",
        "skip_check": "tanpa persetujuan|tidak perlu konfirmasi|nggak usah|tidak usah|"
        "tanpa tanya|langsung saja|langsung kirim",
    },
}
