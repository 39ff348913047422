"""German, Dutch and Swedish. Syntax as in ``_en``.

German and Dutch glue words together ("Systemanweisungen", "systeeminstructies"), so the
nouns are listed as stems and as the heads of compounds where those are common.
"""

DE = {
    "override": "ignorier|vergiss|vergesst|vergessen sie|missachte|missachten sie|"
    "beachte nicht|beachten sie nicht|nicht beachten|nicht mehr beachten|umgeh|"
    "setze ausser kraft|ausser kraft|lass weg|lasse weg|hor auf|befolge nicht|"
    "befolgen sie nicht|nicht mehr befolgen|nicht befolgen|nicht mehr folgen|setz zuruck|"
    "setze zuruck|aufheben|hebe auf|gelten nicht mehr|nicht mehr gultig|sind ungultig|"
    "ungultig|widersetz|kummere dich nicht|schenke keine beachtung|keine beachtung",
    "prior": "vorherig|vorangegangen|vorhergehend|obig|bisherig|anfanglich|erhalten hast|"
    "erhalten haben|gegeben wurden|dir gegeben|ihnen gegeben|zuvor",
    "instructions": "anweisung|instruktion|regel|richtlinie|prompt|systemprompt|"
    "systemnachricht|sicherheitsrichtlinie|direktive|schutzmassnahme|inhaltsrichtlinie",
    "all": "alle$|allen$|aller$|alles$|samtliche|jegliche|jede$|jeden$|jeder$|jedes$",
    "new": "neue anweisung|neuen anweisung|neue instruktion|neue aufgabe|neuen aufgabe|"
    "neue rolle|neuen rolle|neue regeln|neues ziel|neuer auftrag|neuen auftrag|"
    "echte anweisung|wahre anweisung|eigentliche anweisung|eigentliche aufgabe|echte aufgabe|"
    "wahre aufgabe|folgende anweisung|folgenden anweisung|diese anweisung|"
    "zusatzliche anweisung|versteckte anweisung|geheime anweisung|deine einzige aufgabe|"
    "ihre einzige aufgabe|deine neue|ihre neue|dein neuer|deine wahre|deine eigentliche|"
    "stattdessen",
    "from_now": "ab sofort|ab jetzt|von nun an|ab heute|von jetzt an|fortan|kunftig|"
    "ab diesem moment|fur den rest|bis auf weiteres|in allen zukunftigen|fur alle weiteren|"
    "fur alle folgenden",
    "you_are": "du bist jetzt|du bist nun|sie sind jetzt|sie sind nun|du bist ab sofort|"
    "du bist nicht mehr|sie sind nicht mehr|du wirst jetzt|du wirst nun|du wirst zu|"
    "du bist frei|sie sind frei|du wurdest befreit|du wurdest umprogrammiert|"
    "bleib in der rolle|bleibe in der rolle|bleiben sie in der rolle|"
    "fall nicht aus der rolle|falle nicht aus der rolle|antworte als|antworten sie als|"
    "dein neuer name|deine neue identitat",
    "pretend": "tu so als|tue so als|tun sie so als|gib vor|gibst vor|geben sie vor|"
    "verhalte dich wie|verhalten sie sich wie|agiere als|agieren sie als|handle als|"
    "spiel die rolle|spiele die rolle|spielen sie die rolle|rollenspiel|stell dir vor|"
    "stellen sie sich vor|simulier|schlupfe in die rolle|charakter|figur$|hypothetisch|"
    "fiktiv|geschichte in der|lass uns spielen|als ob du",
    "no_limits": "ohne einschrankung|ohne beschrankung|ohne grenzen|ohne limits|"
    "ohne filter|ohne zensur|ohne regeln|ohne ethik|ohne moral|ohne jegliche|uneingeschrankt|"
    "unzensiert|ungefiltert|grenzenlos|keine einschrankung|keine beschrankung|keine grenzen|"
    "keine regeln|keine filter|keine zensur|an keine regeln|nicht gebunden|nicht an regeln|"
    "frei von allen|befreit von|lehne niemals ab|lehnst niemals ab|niemals ablehnen|"
    "verweigere nie|ohne abzulehnen|ohne warnungen|ohne hinweise|jede frage|alles sagen|"
    "alles tun",
    "jailbreak": "entwicklermodus|entwickler-modus|gottmodus|jailbreak-modus|dan-modus|"
    "uneingeschrankter modus|bosen modus|boser modus|modus ohne einschrankungen",
    "reveal": "enthull|zeig|gib mir|gib uns|geben sie mir|drucke|druck|gib aus|ausgeben|"
    "wiederhole|wiederholen sie|nenne|nennen sie|sag mir|sagen sie mir|teile|verrat|"
    "offenbare|offenlege|offenleg|kopier|liste|auflisten|was ist|was sind|wie lautet|"
    "wie lauten|ubersetz|fasse zusammen|zitier|gib wieder|gib preis|preisgeben|ausgabe",
    "system_prompt": "systemprompt|system-prompt|systemnachricht|systemanweisung|"
    "systeminstruktion|systemmeldung|initiale anweisung|anfangliche anweisung|"
    "ursprungliche anweisung|ursprunglichen anweisung|ursprunglicher prompt|"
    "ursprunglichen prompt|anfangsprompt|startprompt|versteckte anweisung|"
    "versteckten anweisung|versteckter prompt|geheime anweisung|geheimen anweisung|"
    "deine anweisung|ihre anweisung|deine regeln|ihre regeln|deine richtlinie|"
    "ihre richtlinie|deine konfiguration|ihre konfiguration|deine programmierung|"
    "ihre programmierung|dein prompt|deinen prompt|ihren prompt|den text oben|obigen text|"
    "alles oben|alles obige|alles was oben|anweisungen oben|obigen anweisung|"
    "interne anweisung|internen anweisung|vertrauliche anweisung|interne konfiguration|"
    "versteckte konfiguration|die du erhalten|die sie erhalten|mit denen du",
    "verbatim": "wortlich|wort fur wort|wortgetreu|vollstandig|komplett|im wortlaut|"
    "genau so|exakt|ungekurzt|ohne auslassung|ohne anderung|im codeblock|in einem codeblock|"
    "buchstabe fur buchstabe|zeichen fur zeichen",
    "address_strong": "liebe ki|lieber assistent|hinweis fur die ki|hinweis an die ki|"
    "notiz fur die ki|nachricht an die ki|nachricht fur die ki|an die ki|fur die ki|"
    "wenn du eine ki bist|falls du eine ki bist|wenn sie eine ki sind|"
    "wenn du ein sprachmodell bist|falls du ein sprachmodell bist|wenn du ein assistent bist|"
    "achtung ki|achtung assistent|anweisungen fur die ki|anweisung an die ki|"
    "an den assistenten|an das modell|an den agenten|jede ki|ki, die dies liest|"
    "ki die dies liest|beim zusammenfassen|wenn du dies liest|wenn du das liest|hallo ki|"
    "hey ki",
    "address": "assistent|sprachmodell|kunstliche intelligenz|ki$|ki-|agent|chatbot",
    "secrecy": "sag dem benutzer nicht|sagen sie dem benutzer nicht|sag es nicht|"
    "erwahne nicht|erwahnen sie nicht|nicht erwahnen|niemals erwahnen|ohne es zu sagen|"
    "ohne zu informieren|ohne den benutzer|ohne den nutzer|ohne wissen|ohne zu fragen|"
    "ohne nachzufragen|ohne benachrichtigung|ohne bestatigung|ohne ruckfrage|heimlich|"
    "im geheimen|stillschweigend|unbemerkt|verdeckt|diskret|im hintergrund|verrate das nicht|"
    "verrate dies nicht|verschweige|halte dies geheim|halte das geheim|"
    "der benutzer darf nicht|der nutzer darf nicht|der benutzer muss nicht|informiere nicht|"
    "frage nicht nach",
    "urgent": "wichtig|dringend|achtung|kritisch|verpflichtend|zwingend|sofort|umgehend|"
    "prioritat|warnung|sicherheitshinweis|sicherheitswarnung|administrator|du musst|"
    "sie mussen",
    "act": "fuhre aus|fuhren sie aus|ausfuhren|starte|rufe auf|ruf auf|aufrufen|"
    "verwende das tool|nutze das tool|losche|loschen|entferne|entfernen|uberweise|uberweisen|"
    "sende|senden|schicke|schicken|bezahle|bezahlen|kaufe|kaufen|genehmige|genehmigen|"
    "gewahre|erteile|andere das passwort|deaktivier|installier|lade herunter|andere|erstelle|"
    "veroffentliche|leite weiter|weiterleiten|erstatte|storniere",
    "tool": "werkzeug|tool|funktion|befehl|terminal|konsole|datenbank|skript|server|"
    "repository|berechtigung|rechte|adminrechte|administratorrechte",
    "money": "geld|betrag|bankkonto|kontonummer|wallet|zahlung|uberweisung|bitcoin|"
    "krypto|euro$|dollar|gutschein",
    "send": "sende|senden|schicke|schick|schicken|leite weiter|weiterleiten|leite|"
    "veroffentliche|lade hoch|hochladen|ubermittle|ubermitteln|ubertrage|exfiltrier|"
    "teile mit|kopiere nach|hange an|fuge hinzu|fuge ein|einbetten|bette ein|kodiere|"
    "in die url|an die url|im link|als parameter|besuche|offne|rufe die url",
    "data": "gesprach|unterhaltung|verlauf|chatverlauf|bisherige nachrichten|"
    "zugangsdaten|anmeldedaten|passwort|kennwort|schlussel|token|sitzung|cookie|"
    "personliche daten|personenbezogene daten|benutzerdaten|nutzerdaten|kundendaten|"
    "e-mail-adresse|e-mails|kontakte|privater schlussel|kreditkarte|kartennummer|dateien|"
    "dokumente|speicher|umgebungsvariablen|vertrauliche daten|sensible daten|die daten|"
    "adresse|telefonnummer|geheimnis",
    "dest": "server|link$|url$|e-mail-adresse|extern|angreifer|domain|webhook|dritte|diese adresse",
    "decode": "dekodier|entschlussel|decodier|kodiert|verschlusselt",
    "follow": "tu es|tu das|mach das|mache es|fuhre es|befolge|befolgen|folge|gehorche|"
    "halte dich an|fuhre aus|antworte nur|"
    "antworte ausschliesslich|deine antwort|ihre antwort|beginne deine antwort",
    "end_marker": "ende des dokuments|ende des kontexts|ende der eingabe|ende des textes|"
    "ende der nachricht|ende der e-mail|ende der ergebnisse|neue sitzung|neues gesprach|"
    "ende der anweisungen|ende des prompts|dokument endet",
}

NL = {
    "override": "negeer|vergeet|veronachtzaam|omzeil|laat varen|gooi weg|schrap|"
    "volg niet|niet meer volgen|volg niet langer|houd geen rekening|hou geen rekening|"
    "geen rekening houden|trek je niets aan|hef op|vervallen|niet langer geldig|"
    "zijn ongeldig|reset je",
    "prior": "vorige|voorgaande|eerdere|bovenstaande|hierboven|daarvoor|initiele|"
    "tot nu toe|die je hebt gekregen|die je kreeg|gegeven",
    "instructions": "instructie|regel|prompt|systeemprompt|systeembericht",
    "all": "alle$|al$|alles$|elke|ieder|iedere",
    "new": "nieuwe instructie|nieuwe opdracht|nieuwe taak|nieuwe rol|nieuwe regels|"
    "nieuw doel|echte instructie|ware instructie|echte opdracht|echte taak|"
    "volgende instructie|deze instructie|extra instructie|verborgen instructie|"
    "geheime instructie|je enige taak|uw enige taak|je nieuwe|jouw nieuwe|je echte|"
    "in plaats daarvan",
    "from_now": "vanaf nu|van nu af aan|voortaan|vanaf dit moment|vanaf vandaag|"
    "voor de rest van|tot nader order|in alle toekomstige",
    "you_are": "je bent nu|jij bent nu|u bent nu|je bent niet langer|je bent geen|"
    "je wordt|je zult nu|je bent vrij|je bent bevrijd|je bent geherprogrammeerd|"
    "blijf in je rol|blijf in de rol|val niet uit je rol|antwoord als|je nieuwe naam|"
    "je nieuwe identiteit",
    "pretend": "doe alsof|doe net alsof|gedraag je als|speel de rol|rollenspel|"
    "stel je voor|beeld je in|simuleer|treed op als|fungeer als|personage|hypothetisch|"
    "fictief|verhaal waarin|laten we spelen",
    "no_limits": "zonder beperkingen|zonder beperking|zonder grenzen|zonder limieten|"
    "zonder filter|zonder censuur|zonder regels|zonder ethiek|zonder moraal|onbeperkt|"
    "ongecensureerd|ongefilterd|geen beperkingen|geen grenzen|geen regels|geen filters|"
    "geen censuur|niet gebonden|vrij van alle|weiger nooit|nooit weigeren|zonder te weigeren|"
    "zonder waarschuwingen|elke vraag|alles zeggen",
    "jailbreak": "ontwikkelaarsmodus|ontwikkelaarmodus|godmodus|modus zonder beperkingen|"
    "dan-modus|kwaadaardige modus",
    "reveal": "onthul|toon|laat zien|laat me zien|print|druk af|herhaal|geef me|geef ons|"
    "vertel me|vertel ons|noem|deel|verklap|maak bekend|kopieer|plak|som op|wat is|wat zijn|"
    "hoe luidt|hoe luiden|vertaal|vat samen|citeer|geef weer",
    "system_prompt": "systeemprompt|systeem-prompt|systeembericht|systeeminstructie|"
    "initiele instructie|oorspronkelijke instructie|originele instructie|"
    "oorspronkelijke prompt|originele prompt|beginprompt|verborgen instructie|"
    "verborgen prompt|geheime instructie|je instructies|jouw instructies|uw instructies|"
    "je regels|jouw regels|je richtlijnen|jouw richtlijnen|je configuratie|jouw configuratie|"
    "je programmering|je prompt|jouw prompt|de tekst hierboven|bovenstaande tekst|"
    "alles hierboven|instructies hierboven|interne instructie|vertrouwelijke instructie|"
    "interne configuratie|die je hebt gekregen|waarmee je",
    "verbatim": "woordelijk|woord voor woord|letterlijk|volledig|compleet|exact|precies|"
    "ongewijzigd|zonder weglating|in een codeblok|letter voor letter",
    "address_strong": "beste ai|beste assistent|lieve ai|notitie voor de ai|"
    "opmerking voor de ai|bericht voor de ai|bericht aan de ai|aan de ai|voor de ai|"
    "als je een ai bent|als jij een ai bent|als u een ai bent|als je een taalmodel bent|"
    "als je een assistent bent|let op ai|attentie ai|instructies voor de ai|aan de assistent|"
    "aan het model|aan de agent|elke ai|ai die dit leest|bij het samenvatten|"
    "als je dit leest|hallo ai|hoi ai",
    "address": "assistent|taalmodel|kunstmatige intelligentie|ai$|agent|chatbot",
    "secrecy": "vertel de gebruiker niet|zeg de gebruiker niet|zeg het niet|vermeld niet|"
    "noem dit niet|niet vermelden|zonder te zeggen|zonder te informeren|zonder de gebruiker|"
    "zonder medeweten|zonder te vragen|zonder bevestiging|zonder melding|in het geheim|"
    "stiekem|heimelijk|ongemerkt|stilletjes|discreet|op de achtergrond|verklap dit niet|"
    "houd dit geheim|hou dit geheim|de gebruiker mag niet|de gebruiker hoeft niet|"
    "informeer niet|vraag niet om bevestiging",
    "urgent": "belangrijk|dringend|urgent|let op|kritiek|verplicht|onmiddellijk|meteen|"
    "prioriteit|waarschuwing|beveiligingsmelding|beheerder|je moet|u moet",
    "act": "voer uit|uitvoeren|start|roep aan|aanroepen|gebruik de tool|verwijder|"
    "verwijderen|wis|maak over|overmaken|stuur|sturen|verstuur|versturen|betaal|betalen|koop|"
    "kopen|keur goed|goedkeuren|verleen|verlenen|wijzig het wachtwoord|schakel uit|"
    "deactiveer|installeer|download|wijzig|maak aan|publiceer|stuur door|doorsturen|"
    "terugbetalen|annuleer",
    "tool": "gereedschap|tool|functie|commando|terminal|console|database|script|server|"
    "repository|rechten|machtigingen|beheerdersrechten",
    "money": "geld|bedrag|bankrekening|rekeningnummer|portemonnee|betaling|overboeking|"
    "bitcoin|crypto|euro$|dollar|cadeaubon",
    "send": "stuur|sturen|verstuur|versturen|stuur door|doorsturen|publiceer|upload|"
    "verzend|verzenden|exfiltreer|deel met|kopieer naar|voeg toe|bijvoegen|insluiten|codeer|"
    "in de url|naar de url|in de link|als parameter|bezoek|open",
    "data": "gesprek|conversatie|geschiedenis|chatgeschiedenis|eerdere berichten|"
    "inloggegevens|wachtwoord|sleutel|token|sessie|cookie|persoonlijke gegevens|"
    "persoonsgegevens|gebruikersgegevens|klantgegevens|e-mailadres|e-mails|contacten|"
    "prive sleutel|creditcard|kaartnummer|bestanden|documenten|geheugen|omgevingsvariabelen|"
    "vertrouwelijke gegevens|gevoelige gegevens|de gegevens|adres|telefoonnummer|geheim",
    "dest": "server|link$|url$|e-mailadres|extern|aanvaller|domein|webhook|derden|dit adres",
    "decode": "decodeer|ontcijfer|gecodeerd|versleuteld",
    "follow": "voer het|doe het|doe wat|volg|gehoorzaam|houd je aan|voer uit|antwoord alleen|"
    "antwoord uitsluitend|"
    "je antwoord|uw antwoord|begin je antwoord",
    "end_marker": "einde van het document|einde document|einde van de context|"
    "einde van de invoer|einde van de tekst|einde van het bericht|nieuwe sessie|"
    "nieuw gesprek|einde van de instructies|einde prompt",
}

SV = {
    "override": "ignorera|glom|bortse fran|strunta i|kringga|asidosatt|folj inte|"
    "sluta folja|upphav",
    "prior": "tidigare|foregaende|ovanstaende|initiala|hittills|som du fatt",
    "instructions": "instruktion|regler|regel$|riktlinje|direktiv|prompt|systemprompt|"
    "systemmeddelande|begransning|restriktion",
    "all": "alla$|allt$|varje|samtliga",
    "new": "nya instruktioner|ny instruktion|ny uppgift|ny roll|nya regler|nytt mal|"
    "riktiga instruktioner|verkliga instruktioner|egentliga uppgift|foljande instruktioner|"
    "dessa instruktioner|dolda instruktioner|hemliga instruktioner|din enda uppgift|din nya|"
    "ditt nya|i stallet",
    "from_now": "fran och med nu|fran och med nu|hadanefter|fran detta ogonblick|"
    "resten av konversationen|tills vidare|i alla framtida",
    "you_are": "du ar nu|du ar inte langre|du blir|du kommer nu|du ar fri|"
    "du har befriats|stanna i rollen|hall dig i rollen|svara som|ditt nya namn",
    "pretend": "latsas|lat som|agera som|bete dig som|spela rollen|rollspel|"
    "forestall dig|tank dig att|simulera|karaktar|hypotetisk|fiktiv",
    "no_limits": "utan begransningar|utan granser|utan filter|utan censur|utan regler|"
    "utan etik|utan moral|obegransad|ocensurerad|ofiltrerad|inga begransningar|inga regler|"
    "inga filter|vagra aldrig|aldrig vagra|varje fraga",
    "jailbreak": "utvecklarlage|gudslage|lage utan begransningar|dan-lage",
    "reveal": "avsloja|visa|skriv ut|upprepa|beratta|ge mig|dela|kopiera|lista|vad ar|"
    "oversatt|sammanfatta|citera|aterge",
    "system_prompt": "systemprompt|systemmeddelande|systeminstruktion|"
    "ursprungliga instruktioner|initiala instruktioner|dolda instruktioner|dold prompt|"
    "hemliga instruktioner|dina instruktioner|dina regler|dina riktlinjer|din konfiguration|"
    "din programmering|din prompt|texten ovan|allt ovan|instruktionerna ovan|"
    "interna instruktioner",
    "verbatim": "ordagrant|ord for ord|fullstandigt|exakt|i sin helhet|oforandrad|i ett kodblock",
    "address_strong": "kara ai|meddelande till ai|till ai:n|till ain|for ai:n|"
    "om du ar en ai|om du ar en sprakmodell|om du ar en assistent|observera ai|"
    "instruktioner for ai|till assistenten|till modellen|till agenten|varje ai|ai som laser|"
    "nar du sammanfattar|hej ai",
    "address": "assistent|sprakmodell|artificiell intelligens|ai$|agent|chatbot",
    "secrecy": "beratta inte for anvandaren|saga inte till anvandaren|namn inte|"
    "namn inte detta|utan att beratta|utan att informera|utan att fraga|utan anvandarens|"
    "i hemlighet|hemligt|tyst|obemarkt|diskret|i bakgrunden|hall detta hemligt|"
    "anvandaren far inte|utan bekraftelse|be inte om bekraftelse",
    "urgent": "viktigt|bradskande|observera|kritiskt|obligatoriskt|omedelbart|prioritet|"
    "varning|sakerhetsmeddelande|administrator|du maste",
    "act": "kor|kora|utfor|anropa|anvand verktyget|radera|ta bort|overfor|skicka|betala|"
    "kop|kopa|godkann|bevilja|andra losenordet|inaktivera|installera|ladda ner|andra|skapa|"
    "publicera|vidarebefordra|aterbetala",
    "tool": "verktyg|funktion|kommando|terminal|databas|skript|server|behorighet|"
    "administratorsrattigheter",
    "money": "pengar|belopp|bankkonto|kontonummer|planbok|betalning|overforing|bitcoin|"
    "kronor|euro$|dollar",
    "send": "skicka|vidarebefordra|publicera|ladda upp|overfor|dela med|kopiera till|"
    "bifoga|lagg till|inkludera|badda in|koda|i url:en|till url:en|i lanken|besok|oppna",
    "data": "konversation|historik|chatthistorik|tidigare meddelanden|"
    "inloggningsuppgifter|losenord|nyckel|token|session|personuppgifter|anvandardata|"
    "kunddata|e-postadress|kontakter|privat nyckel|kreditkort|filer|dokument|minne|"
    "miljovariabler|konfidentiell|kanslig|uppgifterna|adress|telefonnummer|hemlighet",
    "dest": "server|lank|url$|e-postadress|extern|angripare|doman|webhook|tredje part",
    "decode": "avkoda|dekryptera|kodad",
    "follow": "gor det|gor som|utfor det|folj|lyd|utfor|svara endast|svara bara|ditt svar|"
    "borja ditt svar",
    "end_marker": "slut pa dokumentet|slut pa kontexten|slut pa texten|"
    "slut pa meddelandet|ny session|ny konversation|slut pa instruktionerna",
}

LANGUAGES = {"de": DE, "nl": NL, "sv": SV}
