"""Danish, Finnish, Hungarian and Hebrew. Syntax as in ``_en``.

Finnish and Hungarian add cases and possessives to the end of a word ("ohjeesi",
"utasításaidat"), so their nouns are listed as stems. Hebrew joins "the", "and", "to" and
"in" to the front of a word, so its key nouns are also listed with those prefixes.
"""

DA = {
    "override": "ignorer|glem|se bort fra|tilsidesæt|omga|følg ikke|stop med at følge|"
    "gælder ikke længere|ikke længere gyldig|ophæv",
    "prior": "tidligere|foregående|ovenstående|oprindelige|hidtil|du har fået|du fik",
    "instructions": "instruktion|regler|regel$|retningslinje|direktiv|prompt|systemprompt|"
    "systembesked|begrænsning",
    "all": "alle$|alt$|enhver|samtlige",
    "new": "nye instruktioner|ny instruktion|ny opgave|ny rolle|nye regler|rigtige opgave|"
    "egentlige opgave|følgende instruktioner|disse instruktioner|skjulte instruktioner|"
    "din eneste opgave|din nye|i stedet",
    "from_now": "fra nu af|fremover|herefter|resten af samtalen|indtil videre|fra dette øjeblik",
    "you_are": "du er nu|du er ikke længere|du er fri|bliv i rollen|forbliv i rollen|svar som|"
    "dit nye navn",
    "pretend": "lad som om|lad som|opfør dig som|spil rollen|rollespil|forestil dig|simuler|"
    "karakter|hypotetisk|fiktiv",
    "no_limits": "uden begrænsninger|uden grænser|uden filter|uden censur|uden regler|"
    "ingen begrænsninger|ingen regler|ucensureret|ufiltreret|afvis aldrig|afviser aldrig|"
    "siger aldrig nej|ethvert spørgsmål",
    "jailbreak": "udviklertilstand|gudetilstand|tilstand uden begrænsninger",
    "reveal": "afslør|vis|udskriv|gentag|fortæl|giv mig|del med|kopier|list|hvad er|oversæt|"
    "opsummer|citer|gengiv",
    "system_prompt": "systemprompt|systembesked|systeminstruktion|oprindelige instruktioner|"
    "skjulte instruktioner|dine instruktioner|dine regler|din konfiguration|din prompt|"
    "teksten ovenfor|interne instruktioner",
    "verbatim": "ordret|ord for ord|fuldstændigt|præcis|i sin helhed|uændret|i en kodeblok",
    "address_strong": "kære ai|besked til ai|til ai'en|til assistenten|til modellen|"
    "til agenten|hvis du er en ai|hvis du er en sprogmodel|note til ai|ai der læser",
    "address": "assistent|sprogmodel|kunstig intelligens|ai$|ai-|agent|chatbot|bot$|"
    "automatiske behandler",
    "secrecy": "fortæl ikke brugeren|sig det ikke|nævn ikke|uden at fortælle|"
    "uden at informere|uden at spørge|i hemmelighed|hemmeligt|diskret|i baggrunden|"
    "uden bekræftelse|bed ikke om bekræftelse",
    "urgent": "vigtigt|haster|straks|omgående|kritisk|obligatorisk|advarsel|du skal",
    "act": "kør|udfør|kald|brug værktøjet|fjern|overfør|send|betal|køb|godkend|"
    "deaktiver|installer|download|opret|publicer|videresend|refunder",
    "tool": "værktøj|funktion|kommando|terminal|database|script|server|rettighed|adgang",
    "money": "penge|beløb|bankkonto|kontonummer|betaling|overførsel|kroner|euro$|dollar",
    "send": "send|videresend|upload|overfør|del med|kopier til|vedhæft|tilføj|inkluder|"
    "indlejr|i url'en|i linket|besøg|åbn",
    "data": "samtale|historik|chathistorik|tidligere beskeder|adgangskode|kodeord|nøgle|"
    "token|session|personoplysninger|kundedata|e-mailadresse|kontakter|kreditkort|filer|"
    "dokumenter|fortrolig|cpr-nummer",
    "dest": "server|link|url$|ekstern|angriber|domæne|webhook|tredjepart",
    "decode": "afkod|dekrypter|kodet",
    "follow": "gør det|gør som|følg|adlyd|udfør|svar kun|dit svar",
    "end_marker": "slut på dokumentet|slut på teksten|slut på beskeden|ny session",
    "impact": "udrul|sælg|køb|overfør|underskriv|godkend|slet alle|administratorrettigheder",
    "skip_check": "uden godkendelse|uden at spørge|uden bekræftelse|allerede godkendt",
    "authority": "jeg er administrator|jeg er udvikleren|besked fra|sikkerhedsteamet|"
    "ledelsen|har godkendt",
    "elevated": "verificeret som|er administrator|fuld adgang",
    "lifted": "ophævet|gælder ikke|deaktiveret|suspenderet",
    "config": "indstillinger|konfiguration|begrænsninger|politik|regler|filter",
    "stay_role": "bliv i rollen|gå ikke ud af rollen|hele tiden",
    "never_refuse": "aldrig siger nej|siger aldrig nej|afviser aldrig",
    "stepwise": "trin for trin|i detaljer|detaljeret|hvert trin",
    "stealth": "uden at nogen opdager|ubemærket|uden at blive opdaget",
    "reader": "den der gennemgår|den der læser|den der vurderer|den der behandler|"
    "ved opsummering|ved gennemgang|ved behandling|note til bedømmer",
    "slant": "højeste karakter|højeste score|anbefal ansættelse|angiv at|påstå at|"
    "sig at|skriv at|undlad at nævne|udelad|svar altid|marker som godkendt|link til",
    "preamble": "før min første besked|før mit første spørgsmål|du blev konfigureret med|"
    "dine oprindelige instruktioner",
    "policy": "politik:|vores politik|retningslinje|personalet skal|medarbejdere skal|"
    "er ikke tilladt|er forbudt",
    "meta": "hvordan fungerer|hvad er egentlig|sprogmodel",
    "discussion": "promptinjektion|prompt injection|social manipulation|svindlere|angribere|"
    "sårbarhed",
}

FI = {
    "override": "ohita|unohda|jätä huomiotta|älä noudata|lakkaa noudattamasta|sivuuta|"
    "kumoa|ei enää päde|eivät enää päde|ei ole enää voimassa|eivät ole enää voimassa",
    "prior": "aiemm|edellis|yllä olev|alkuperäi|tähänastis|sinulle annet|saamasi",
    "instructions": "ohje|sääntö|säännö|toimintaohje|direktiivi|kehote|kehotteen|"
    "järjestelmäkehote|järjestelmäviesti|rajoitu",
    "all": "kaikki|kaikk|jokainen|jokaise|mikä tahansa",
    "new": "uudet ohjeet|uusi ohje|uusi tehtävä|uusi rooli|uudet säännöt|todellinen tehtävä|"
    "varsinainen tehtävä|seuraavat ohjeet|nämä ohjeet|piilotetut ohjeet|ainoa tehtäväsi|"
    "uusi tehtäväsi|sen sijaan",
    "from_now": "tästä lähtien|tästä eteenpäin|nyt lähtien|keskustelun loppuun|"
    "toistaiseksi|jatkossa",
    "you_are": "olet nyt|et ole enää|olet vapaa|pysy roolissa|pysy hahmossa|vastaa kuin|"
    "uusi nimesi",
    "pretend": "teeskentele|esitä|käyttäydy kuin|näyttele|roolipeli|kuvittele|simuloi|"
    "hahmo|hypoteettinen|fiktiivinen|leikitään",
    "no_limits": "ilman rajoituksia|ilman rajoja|ilman suodattimia|ilman sensuuria|"
    "ilman sääntöjä|ei rajoituksia|ei sääntöjä|rajoittamaton|sensuroimaton|"
    "älä koskaan kieltäydy|ei koskaan kieltäydy|ei kieltäydy|mihin tahansa kysymykseen",
    "jailbreak": "kehittäjätila|jumalatila|rajoittamaton tila",
    "reveal": "paljasta|näytä|tulosta|toista sanasta|kerro|anna minulle|jaa|kopioi|listaa|mikä on|"
    "käännä|tiivistä|lainaa|kirjoita näkyviin",
    "system_prompt": "järjestelmäkehote|järjestelmäviesti|järjestelmäohje|alkuperäiset ohjeet|"
    "piilotetut ohjeet|ohjeesi|sääntösi|asetuksesi|kehotteesi|yllä oleva teksti|"
    "sisäiset ohjeet|saamasi ohjeet",
    "verbatim": "sanatarkasti|sana sanalta|kokonaan|täsmälleen|sellaisenaan|koodilohkoon|"
    "koodilohkossa",
    "address_strong": "hyvä tekoäly|viesti tekoälylle|tekoälylle:|avustajalle|mallille|"
    "agentille|jos olet tekoäly|jos olet kielimalli|huomio tekoäly|tekoäly joka lukee|"
    "tehtävä tekoälyavustajalle",
    "address": "avustaja|kielimalli|tekoäly|ai-|agentti|chatbot|botti",
    "secrecy": "älä kerro käyttäjälle|älä mainitse|mainitsematta|kertomatta|ilmoittamatta|"
    "kysymättä|salaa|huomaamatta|taustalla|ilman vahvistusta|älä pyydä vahvistusta",
    "urgent": "tärkeä|kiireellinen|heti|välittömästi|kriittinen|pakollinen|varoitus|sinun täytyy",
    "act": "suorita|aja|kutsu|käytä työkalua|poista|siirrä|lähetä|maksa|osta|hyväksy|"
    "myönnä|poista käytöstä|asenna|lataa|luo|julkaise|välitä|hyvitä",
    "tool": "työkalu|funktio|komento|pääte|tietokanta|skripti|palvelin|oikeu|käyttöoikeu",
    "money": "raha|summa|pankkitili|tilinumero|maksu|tilisiirto|euro|dollari",
    "send": "lähetä|välitä|julkaise|lataa|siirrä|jaa|kopioi|liitä|lisää|sisällytä|upota|"
    "url-osoitteeseen|linkkiin|vieraile|avaa",
    "data": "keskustelu|historia|keskusteluhistoria|aiemmat viestit|salasana|avain|tunnus|"
    "token|istunto|henkilötied|asiakastied|sähköpostiosoit|yhteystied|luottokort|tiedosto|"
    "asiakirja|luottamukselli|henkilötunnu",
    "dest": "palvelin|linkki|url$|ulkoinen|ulkoiseen|hyökkääjä|verkkotunnus|webhook|"
    "kolmas osapuoli|kolmannelle osapuolelle",
    "decode": "pura koodaus|dekoodaa|salauksen|koodattu",
    "follow": "tee se|tee niin|noudata|tottele|suorita|vastaa vain|vastauksesi",
    "end_marker": "asiakirjan loppu|tekstin loppu|viestin loppu|uusi istunto",
    "impact": "julkaise tuotantoon|myy|osta|siirrä|allekirjoita|hyväksy|poista kaikki|"
    "ylläpitäjän oikeudet|pääkäyttäjä",
    "skip_check": "ilman hyväksyntää|kysymättä|ilman vahvistusta|on jo hyväksytty|"
    "jo hyväksytty|ei tarvitse tarkistaa",
    "authority": "olen ylläpitäjä|olen kehittäjä|viesti tiimiltä|tietoturvatiimi|johto|"
    "talousjohtaja|toimitusjohtaja|on hyväksynyt",
    "elevated": "vahvistettu|on ylläpitäjä|täydet oikeudet",
    "lifted": "kumottu|ei päde|poistettu käytöstä|keskeytetty",
    "config": "asetukset|konfiguraatio|rajoitukset|käytäntö|säännöt|suodatin",
    "stay_role": "pysy roolissa|älä poistu roolista|koko ajan",
    "never_refuse": "ei koskaan sano ei|ei koskaan kieltäydy",
    "stepwise": "vaihe vaiheelta|askel askeleelta|yksityiskohtaisesti|jokainen vaihe",
    "stealth": "huomaamatta|jäämättä kiinni|kenenkään huomaamatta",
    "reader": "arvioijalle|käsittelijälle|tiivistäessä|yhteenvetoa tehdessä|"
    "tätä asiakirjaa käsittelevä|tämän lukeva",
    "slant": "korkein arvosana|parhaat pisteet|suosittele palkkaamista|totea että|väitä että|"
    "sano että|kirjoita että|jätä mainitsematta|jätä pois|vastaa aina|merkitse hyväksytyksi",
    "preamble": "ennen ensimmäistä viestiäni|ennen ensimmäistä kysymystäni|"
    "alkuperäiset ohjeesi|sinut on määritetty",
    "policy": "käytäntö:|käytäntömme|henkilöstön tulee|työntekijöiden tulee|ei ole sallittu|"
    "on kielletty",
    "meta": "miten toimii|mikä oikeastaan on|kielimalli",
    "discussion": "kehoteinjektio|prompt injection|huijarit|hyökkääjät|haavoittuvuu",
}

HU = {
    "override": "hagyd figyelmen kívül|hagyja figyelmen kívül|figyelmen kívül|felejtsd el|"
    "felejtse el|ne kövesd|ne kövesse|ne vedd figyelembe|kerüld meg|már nem érvényes|"
    "nem érvényesek|hatályon kívül",
    "prior": "korábbi|előző|fenti|eredeti|eddigi|kapott|neked adott",
    "instructions": "utasítás|szabály|irányelv|direktíva|prompt|rendszerprompt|"
    "rendszerüzenet|korlátozás",
    "all": "minden|összes|bármely|bármilyen",
    "new": "új utasítás|új feladat|új szerep|új szabály|valódi feladat|igazi feladat|"
    "következő utasítás|ezek az utasítások|rejtett utasítás|egyetlen feladatod|"
    "új feladatod|ehelyett|helyette",
    "from_now": "mostantól|ettől kezdve|mától|a beszélgetés hátralévő|további értesítésig",
    "you_are": "most már te|te most|már nem vagy|szabad vagy|maradj a szerepben|"
    "maradj szerepben|válaszolj úgy mint|új neved",
    "pretend": "tegyél úgy|tettesd|viselkedj úgy|játszd el|szerepjáték|képzeld el|"
    "szimuláld|karakter|hipotetikus|kitalált|játsszunk",
    "no_limits": "korlátozások nélkül|korlátok nélkül|szűrő nélkül|cenzúra nélkül|"
    "szabályok nélkül|nincsenek korlátok|nincsenek szabályok|korlátlan|cenzúrázatlan|"
    "soha ne utasítsd el|soha nem utasít el|soha nem mond nemet|bármilyen kérdés",
    "jailbreak": "fejlesztői mód|isten mód|korlátlan mód",
    "reveal": "fedd fel|mutasd|írd ki|ismételd|mondd el|add meg|oszd meg|másold|listázd|"
    "fordítsd le|foglald össze|idézd",
    "system_prompt": "rendszerprompt|rendszerüzenet|rendszerutasítás|eredeti utasítás|"
    "rejtett utasítás|utasításaid|szabályaid|beállításaid|promptod|fenti szöveg|"
    "belső utasítás|kapott utasítás",
    "verbatim": "szó szerint|szóról szóra|teljes egészében|pontosan|változtatás nélkül|kódblokkban",
    "address_strong": "kedves mi|kedves ai|üzenet az mi|üzenet a mi|az asszisztensnek|"
    "a modellnek|az ágensnek|ha mi vagy|ha ai vagy|ha nyelvi modell vagy|"
    "mi-asszisztensnek|ai-asszisztensnek",
    "address": "asszisztens|nyelvi modell|mesterséges intelligencia|mi-|ai-|ágens|chatbot|bot$",
    "secrecy": "ne mondd el a felhasználónak|ne említsd|említés nélkül|szólás nélkül|"
    "értesítés nélkül|kérdezés nélkül|titokban|észrevétlenül|a háttérben|"
    "megerősítés nélkül|ne kérj megerősítést|erről ne tegyél említést",
    "urgent": "fontos|sürgős|azonnal|kritikus|kötelező|figyelmeztetés|muszáj",
    "act": "futtasd|hajtsd végre|hívd meg|használd az eszközt|töröld|utald|küldd|fizesd|"
    "vedd meg|hagyd jóvá|engedélyezd|kapcsold ki|telepítsd|töltsd le|hozd létre|"
    "tedd közzé|továbbítsd|térítsd vissza",
    "tool": "eszköz|funkció|parancs|terminál|adatbázis|szkript|szerver|jogosultság",
    "money": "pénz|összeg|bankszámla|számlaszám|fizetés|átutalás|forint|euró|dollár",
    "send": "küldd|továbbítsd|tedd közzé|töltsd fel|oszd meg|másold|csatold|add hozzá|"
    "illeszd be|ágyazd be|az url-be|a linkbe|látogasd meg|nyisd meg",
    "data": "beszélgetés|előzmény|csevegési előzmény|korábbi üzenet|jelszó|kulcs|token|"
    "munkamenet|személyes adat|ügyféladat|e-mail-cím|kapcsolat|bankkártya|fájl|"
    "dokumentum|bizalmas|adóazonosító|fizetés",
    "dest": "szerver|link|url$|külső|támadó|domain|webhook|harmadik fél",
    "decode": "dekódold|fejtsd vissza|kódolt",
    "follow": "tedd meg|kövesd|engedelmeskedj|hajtsd végre|csak válaszolj|válaszod",
    "end_marker": "dokumentum vége|szöveg vége|üzenet vége|új munkamenet",
    "impact": "telepítsd élesbe|add el|vedd meg|utald át|írd alá|hagyd jóvá|töröld az összes|"
    "rendszergazdai jog",
    "skip_check": "jóváhagyás nélkül|kérdezés nélkül|megerősítés nélkül|már jóváhagyták|"
    "már jóvá van hagyva",
    "authority": "én vagyok a rendszergazda|a fejlesztő vagyok|üzenet a|biztonsági csapat|"
    "vezetőség|jóváhagyta",
    "elevated": "ellenőrzött|rendszergazda|teljes hozzáférés",
    "lifted": "feloldva|nem érvényes|kikapcsolva|felfüggesztve",
    "config": "beállítások|konfiguráció|korlátozások|szabályzat|szabályok|szűrő",
    "stay_role": "maradj a szerepben|ne lépj ki a szerepből|végig",
    "never_refuse": "soha nem mond nemet|soha nem utasít el",
    "stepwise": "lépésről lépésre|részletesen|minden lépés",
    "stealth": "észrevétlenül|lebukás nélkül|anélkül hogy észrevennék",
    "reader": "az értékelőnek|a feldolgozónak|összefoglaláskor|a dokumentumot feldolgozó|"
    "ezt olvasó",
    "slant": "legmagasabb pontszám|legjobb értékelés|javasold a felvételt|állítsd, hogy|"
    "írd, hogy|mondd, hogy|ne említsd|hagyd ki|mindig válaszold|jelöld jóváhagyottnak",
    "preamble": "az első üzenetem előtt|az első kérdésem előtt|eredeti utasításaid|"
    "amivel beállítottak",
    "policy": "szabályzat:|szabályzatunk|irányelv|a munkatársaknak|nem megengedett|tilos",
    "meta": "hogyan működik|mi is pontosan|nyelvi modell",
    "discussion": "promptinjekció|prompt injection|csalók|támadók|sebezhetőség",
}

HE = {
    "override": "התעלם|תתעלם|התעלמי|שכח|תשכח|אל תציית|אל תמלא|הפסק לציית|עקוף|"
    "כבר לא בתוקף|אינן בתוקף|אינו בתוקף|בטל",
    "prior": "הקודמות|הקודמים|הקודם|הקודמת|קודמות|שלמעלה|המקוריות|המקורי|עד כה|שקיבלת|שניתנו לך",
    "instructions": "הוראות|ההוראות|להוראות|בהוראות|הוראה|ההוראה|כללים|הכללים|הנחיות|"
    "ההנחיות|הנחיה|ההנחיה|פרומפט|הפרומפט|הנחיית מערכת|הודעת מערכת|מגבלות|המגבלות",
    "all": "כל$|כלל|כולן|כולם",
    "new": "הוראות חדשות|הוראה חדשה|משימה חדשה|תפקיד חדש|כללים חדשים|המשימה האמיתית|"
    "ההוראות הבאות|הוראות נסתרות|המשימה היחידה שלך|המשימה החדשה שלך|במקום זאת|במקום זה",
    "from_now": "מעכשיו|מעתה|מרגע זה|מהיום|עד להודעה חדשה|בהמשך השיחה",
    "you_are": "אתה עכשיו|את עכשיו|אתה כבר לא|אתה חופשי|הישאר בדמות|הישאר בתפקיד|"
    "ענה בתור|השם החדש שלך",
    "pretend": "העמד פנים|תעמיד פנים|התנהג כמו|שחק את התפקיד|משחק תפקידים|דמיין|"
    "תדמיין|דמות|היפותטי|בדיוני|בוא נשחק",
    "no_limits": "ללא מגבלות|בלי מגבלות|ללא סינון|בלי סינון|ללא צנזורה|ללא כללים|"
    "בלי כללים|אין מגבלות|אין לה שום מגבלות|אין לו שום מגבלות|שום מגבלות|לא מסרב|"
    "לעולם לא מסרב|אל תסרב|כל שאלה",
    "jailbreak": "מצב מפתח|מצב אל|מצב ללא מגבלות",
    "reveal": "חשוף|תחשוף|הצג|תציג|הדפס|חזור על|ספר לי|תן לי|שתף|העתק|פרט|מה הן|"
    "תרגם|סכם|צטט|כתוב את",
    "system_prompt": "הנחיית המערכת|הנחיות המערכת|פרומפט המערכת|הודעת המערכת|"
    "ההוראות המקוריות|ההוראות הנסתרות|ההוראות שלך|הכללים שלך|ההגדרות שלך|הפרומפט שלך|"
    "הטקסט שלמעלה|ההוראות הפנימיות",
    "verbatim": "מילה במילה|במלואו|במלואן|בדיוק|ללא שינוי|בבלוק קוד",
    "address_strong": "בינה מלאכותית יקרה|הודעה לבינה המלאכותית|לבינה המלאכותית|לעוזר|"
    "למודל|לסוכן|אם אתה בינה מלאכותית|אם אתה מודל שפה|שים לב בינה מלאכותית",
    "address": "עוזר|העוזר|מודל שפה|בינה מלאכותית|הבינה המלאכותית|סוכן|הסוכן|צ'אטבוט|בוט|הבוט",
    "secrecy": "אל תספר למשתמש|אל תגיד למשתמש|אל תזכיר|בלי לספר|בלי להודיע|בלי לשאול|"
    "בסתר|בשקט|ברקע|ללא אישור|בלי אישור|אל תבקש אישור",
    "urgent": "חשוב|דחוף|מיד|מיידית|קריטי|חובה|אזהרה|עליך",
    "act": "הרץ|הפעל|בצע|קרא ל|השתמש בכלי|מחק|העבר את|שלח|שלם|קנה|אשר את|הענק|השבת|"
    "התקן|הורד|פרסם|העבר הלאה|החזר",
    "tool": "כלי|פונקציה|פקודה|מסוף|מסד נתונים|סקריפט|שרת|הרשאות|הרשאה",
    "money": 'כסף|סכום|חשבון בנק|מספר חשבון|תשלום|העברה בנקאית|שקלים|ש"ח|יורו|דולר',
    "send": "שלח|תשלח|העבר את|פרסם|העלה|שתף|העתק|צרף|הוסף|הטמע|בכתובת|בקישור|בקר ב",
    "data": "שיחה|השיחה|היסטוריה|היסטוריית השיחה|הודעות קודמות|סיסמה|הסיסמה|מפתח|טוקן|"
    'פרטים אישיים|נתונים אישיים|נתוני לקוחות|כתובת דוא"ל|אנשי קשר|כרטיס אשראי|קבצים|'
    "מסמכים|סודי|מספר זהות|תעודת זהות",
    "dest": "שרת|קישור|כתובת url|חיצוני|תוקף|דומיין|webhook|צד שלישי",
    "decode": "פענח|תפענח|מקודד",
    "follow": "עשה זאת|בצע זאת|ציית|פעל לפי|ענה רק|התשובה שלך",
    "end_marker": "סוף המסמך|סוף הטקסט|סוף ההודעה|סוף פלט|סשן חדש",
    "impact": "פרוס|מכור|קנה|העבר את|חתום|אשר את|מחק את כל|הרשאות מנהל|מנהל מערכת",
    "skip_check": "ללא אישור|בלי לשאול|ללא אימות|כבר אושר|כבר מאושר",
    "authority": "אני המנהל|אני המפתח|הודעה מצוות|צוות האבטחה|ההנהלה|אישר את",
    "elevated": "מאומת|הוא מנהל|הרשאות מנהל|גישה מלאה",
    "lifted": "בוטלו|בוטל|לא בתוקף|הושבת|מושעות",
    "config": "הגדרות|תצורה|מגבלות|מדיניות|כללים|מסנן",
    "stay_role": "הישאר בדמות|אל תצא מהדמות|כל הזמן",
    "never_refuse": "לעולם לא אומר לא|אף פעם לא מסרב|לעולם לא מסרב",
    "stepwise": "צעד אחר צעד|שלב אחר שלב|בפירוט|כל שלב",
    "stealth": "בלי שאף אחד ישים לב|מבלי להיתפס|בלי להתגלות",
    "reader": "למעריך|למי שמעבד|בעת הסיכום|מי שקורא את זה|המעבד את המסמך",
    "slant": "הציון הגבוה ביותר|דירוג מקסימלי|המלץ על גיוס|ציין כי|טען כי|אמור ש|"
    "כתוב ש|אל תזכיר|השמט|תמיד תענה|סמן כמאושר",
    "preamble": "לפני ההודעה הראשונה שלי|לפני השאלה הראשונה שלי|ההוראות המקוריות שלך",
    "policy": "מדיניות:|המדיניות שלנו|על העובדים|אסור|אינו מותר",
    "meta": "איך עובד|מה זה בעצם|מודל שפה",
    "discussion": "הזרקת פרומפט|prompt injection|נוכלים|תוקפים|פגיעות",
}

LANGUAGES = {"da": DA, "fi": FI, "hu": HU, "he": HE}
