"""Russian, Ukrainian, Polish and Czech. Syntax as in ``_en``.

These languages inflect heavily, so most entries are stems: "инструкц" reads инструкции,
инструкций and инструкциям alike.
"""

RU = {
    "override": "игнорир|проигнорир|забудь|забудьте|забыть|не обращай внимания|"
    "не обращайте внимания|не учитывай|не учитывайте|пренебреги|отбрось|обойди|не следуй|"
    "не следуйте|перестань следовать|больше не следуй|отключи|отклонись от|нарушь|"
    "не соблюдай|не выполняй|аннулир|утратили силу|больше не действуют|недействительн",
    "prior": "предыдущ|прежн|вышеуказанн|вышеизложенн|до этого|первоначальн|исходн|"
    "изначальн|начальн|которые тебе дали|которые вам дали|полученн|все что было",
    "instructions": "инструкц|указани|правил|установк|директив|предписани|промпт|запрет|"
    "руководств|рекомендац",
    "all": "все$|всех$|всё$|всем$|любые|любых|каждый|каждое",
    "new": "новые инструкции|новая инструкция|новых инструкций|новое задание|"
    "новая задача|новая роль|новые правила|новая цель|настоящие инструкции|"
    "истинные инструкции|настоящая задача|реальная задача|следующие инструкции|"
    "эти инструкции|дополнительные инструкции|скрытые инструкции|секретные инструкции|"
    "твоя единственная задача|ваша единственная задача|твоя новая|твой новый|твоя настоящая|"
    "вместо этого",
    "from_now": "отныне|с этого момента|с этого дня|теперь ты|впредь|начиная с этого|"
    "до конца разговора|до конца беседы|до дальнейших указаний|во всех последующих|"
    "с сегодняшнего дня|теперь вы",
    "you_are": "теперь ты|ты теперь|теперь вы|вы теперь|ты больше не|вы больше не|"
    "ты стал|ты станешь|ты будешь|ты свободен|ты освобожден|тебя перепрограммировали|"
    "оставайся в роли|не выходи из роли|отвечай как|отвечайте как|твое новое имя|"
    "твоя новая личность",
    "pretend": "притворись|притворитесь|представь что|представьте что|представь себя|"
    "веди себя как|ведите себя как|действуй как|действуйте как|сыграй роль|играй роль|"
    "ролевая игра|ролевую игру|в роли|изобрази|симулируй|персонаж|гипотетическ|вымышленн|"
    "давай сыграем",
    "no_limits": "без ограничений|без ограничения|без цензуры|без фильтров|без фильтра|"
    "без правил|без этики|без морали|без каких-либо|неограниченн|нецензурир|нет ограничений|"
    "никаких ограничений|никаких правил|никаких фильтров|не связан|не ограничен|свободен от|"
    "никогда не отказывай|никогда не отказывайся|не можешь отказать|без отказов|"
    "без предупреждений|любой вопрос|что угодно",
    "jailbreak": "режим разработчика|режим бога|режим без ограничений|режим dan|"
    "злой режим|джейлбрейк",
    "reveal": "раскрой|раскройте|покажи|покажите|выведи|выведите|напечатай|повтори|"
    "повторите|скажи|скажите|расскажи|расскажите|поделись|выдай|выдайте|скопируй|перечисли|"
    "дай мне|предоставь|какие у тебя|какой у тебя|каков|переведи|перескажи|процитируй|"
    "воспроизведи|сообщи",
    "system_prompt": "системный промпт|системного промпта|системную инструкцию|"
    "системные инструкции|системное сообщение|системного сообщения|системной подсказк|"
    "исходные инструкции|исходный промпт|первоначальные инструкции|начальные инструкции|"
    "изначальные инструкции|скрытые инструкции|скрытый промпт|секретные инструкции|"
    "твои инструкции|ваши инструкции|твои правила|ваши правила|твои указания|"
    "твою конфигурацию|твоя конфигурация|твой промпт|ваш промпт|текст выше|все что выше|"
    "всё что выше|инструкции выше|внутренние инструкции|конфиденциальные инструкции|"
    "скрытую конфигурацию|которые тебе дали|с которыми ты",
    "verbatim": "дословно|слово в слово|полностью|целиком|точно так|без изменений|"
    "без сокращений|в блоке кода|буква в букву",
    "address_strong": "дорогой ии|дорогой ассистент|заметка для ии|примечание для ии|"
    "сообщение для ии|для ии:|ии, читающ|если ты ии|если вы ии|если ты языковая модель|"
    "если ты ассистент|если ты модель|внимание ии|внимание ассистент|инструкции для ии|"
    "ассистенту|модели:|агенту|любой ии|при резюмировании|при пересказе|если ты читаешь это|"
    "привет ии",
    "address": "ассистент|языковая модель|языковой модели|искусственный интеллект|ии$|"
    "агент|чат-бот|бот$|нейросет",
    "secrecy": "не говори пользователю|не сообщай пользователю|не упоминай|"
    "никогда не упоминай|не рассказывай|не говорите пользователю|без ведома|не уведомляя|"
    "не сообщая|не спрашивая|без подтверждения|не спрашивай подтверждения|тайно|втайне|"
    "незаметно|скрытно|тихо|молча|в фоновом режиме|держи в секрете|сохрани в тайне|"
    "не раскрывай это|пользователь не должен|пользователю не нужно",
    "urgent": "важно|срочно|внимание|критически|обязательно|немедленно|приоритет|"
    "предупреждение|администратор|ты должен|вы должны",
    "act": "выполни|выполните|запусти|запустите|вызови|вызовите|используй инструмент|"
    "удали|удалите|сотри|переведи деньги|перечисли|отправь|отправьте|пошли|оплати|купи|"
    "одобри|предоставь доступ|выдай права|смени пароль|отключи|установи|скачай|измени|создай|"
    "опубликуй|перешли|верни деньги",
    "tool": "инструмент|функци|команд|терминал|консол|базу данных|база данных|скрипт|"
    "сервер|репозитори|права доступа|права администратора|привилеги",
    "money": "деньги|средства|банковский счет|номер счета|кошелек|платеж|перевод|биткоин|"
    "криптовалют|рублей|долларов|евро$",
    "send": "отправь|отправьте|отправить|пошли|перешли|перешлите|опубликуй|загрузи|"
    "передай|передайте|слей|поделись с|скопируй в|прикрепи|добавь|добавьте|включи|встрой|"
    "закодируй|в url|в ссылку|в ссылке|как параметр|посети|открой|зайди на",
    "data": "переписк|истори|предыдущие сообщения|учетные данные|пароль|пароли|ключ|"
    "токен|сесси|cookie|персональные данные|личные данные|данные пользователя|"
    "информацию о пользователе|электронн|почту|контакты|приватный ключ|закрытый ключ|кредитн|"
    "номер карты|файлы|документы|памят|переменные окружения|конфиденциальн|секрет|данные|"
    "адрес|телефон",
    "dest": "сервер|ссылк|url$|адрес электронной|внешн|злоумышленник|домен|вебхук|"
    "третьим лицам|этот адрес",
    "decode": "декодируй|расшифруй|раскодируй|закодированн|зашифрованн",
    "follow": "выполни|следуй|следуйте|подчиняйся|выполняй|соблюдай|отвечай только|"
    "отвечайте только|твой ответ|ваш ответ|начни свой ответ",
    "end_marker": "конец документа|конец контекста|конец ввода|конец текста|"
    "конец сообщения|конец письма|новая сессия|новый сеанс|новый разговор|конец инструкций|"
    "конец промпта",
}

UK = {
    "override": "ігноруй|ігноруйте|проігноруй|забудь|забудьте|не зважай|не зважайте|"
    "не враховуй|знехтуй|відкинь|обійди|не дотримуйся|не виконуй|більше не дотримуйся|"
    "перестань дотримуватися|порушуй|втратили чинність|недійсн",
    "prior": "попередн|вищезазначен|до цього|початков|первинн|вихідн|які тобі дали|отриман",
    "instructions": "інструкц|вказівк|правил|настанов|директив|промпт",
    "all": "усі$|всі$|усіх$|всіх$|будь-які|кожн",
    "new": "нові інструкції|нова інструкція|нове завдання|нова роль|нові правила|"
    "справжні інструкції|справжнє завдання|наступні інструкції|ці інструкції|"
    "приховані інструкції|секретні інструкції|твоє єдине завдання|твоя нова|твій новий|"
    "замість цього",
    "from_now": "відтепер|з цього моменту|надалі|до кінця розмови|до подальших вказівок|"
    "у всіх наступних",
    "you_are": "тепер ти|ти тепер|тепер ви|ти більше не|ти станеш|ти будеш|ти вільний|"
    "тебе звільнено|залишайся в ролі|не виходь з ролі|відповідай як|твоє нове ім'я",
    "pretend": "прикинься|удавай|уяви що|уявіть що|уяви себе|поводься як|дій як|"
    "зіграй роль|рольова гра|симулюй|персонаж|гіпотетичн|вигадан",
    "no_limits": "без обмежень|без цензури|без фільтрів|без правил|без етики|без моралі|"
    "необмежен|жодних обмежень|жодних правил|ніколи не відмовляй|будь-яке питання",
    "jailbreak": "режим розробника|режим бога|режим без обмежень",
    "reveal": "розкрий|покажи|покажіть|виведи|надрукуй|повтори|скажи|розкажи|поділися|"
    "видай|скопіюй|перелічи|дай мені|надай|переклади|процитуй|повідом",
    "system_prompt": "системний промпт|системного промпту|системні інструкції|"
    "системне повідомлення|початкові інструкції|вихідні інструкції|приховані інструкції|"
    "секретні інструкції|твої інструкції|ваші інструкції|твої правила|твою конфігурацію|"
    "твій промпт|текст вище|все що вище|інструкції вище|внутрішні інструкції",
    "verbatim": "дослівно|слово в слово|повністю|цілком|без змін|у блоці коду",
    "address_strong": "дорогий ші|нотатка для ші|повідомлення для ші|для ші:|якщо ти ші|"
    "якщо ти мовна модель|якщо ти асистент|увага ші|інструкції для ші|асистенту|будь-який ші|"
    "під час підсумовування|якщо ти читаєш це",
    "address": "асистент|мовна модель|штучний інтелект|ші$|агент|чат-бот",
    "secrecy": "не кажи користувачеві|не повідомляй користувачеві|не згадуй|без відома|"
    "не повідомляючи|не питаючи|без підтвердження|таємно|потай|непомітно|тихо|"
    "тримай у таємниці|не розкривай це|користувач не повинен",
    "urgent": "важливо|терміново|увага|критично|обов'язково|негайно|пріоритет|"
    "попередження|адміністратор|ти повинен|ти мусиш",
    "act": "виконай|запусти|виклич|використай інструмент|видали|зітри|переведи кошти|"
    "надішли|відправ|оплати|купи|схвали|надай доступ|зміни пароль|вимкни|встанови|завантаж|"
    "зміни|створи|опублікуй|перешли",
    "tool": "інструмент|функці|команд|терміналі|базу даних|база даних|скрипт|сервер|"
    "права доступу|права адміністратора",
    "money": "гроші|кошти|банківський рахунок|номер рахунку|гаманець|платіж|переказ|"
    "біткоїн|гривень|доларів",
    "send": "надішли|відправ|перешли|опублікуй|завантаж|передай|поділися з|прикріпи|"
    "додай|включи|закодуй|в url|у посилання|як параметр|відвідай|відкрий",
    "data": "листуванн|історі|попередні повідомлення|облікові дані|пароль|паролі|ключ|"
    "токен|сесі|персональні дані|особисті дані|дані користувача|електронн|контакти|"
    "приватний ключ|кредитн|номер картки|файли|документи|пам'ят|конфіденційн|секрет|дані|"
    "адрес|телефон",
    "dest": "сервер|посилання|url$|зовнішн|зловмисник|домен|вебхук|третім особам",
    "decode": "розкодуй|декодуй|розшифруй|закодован|зашифрован",
    "follow": "виконай|дотримуйся|виконуй|підкоряйся|відповідай лише|відповідай тільки|"
    "твоя відповідь",
    "end_marker": "кінець документа|кінець контексту|кінець тексту|кінець повідомлення|"
    "нова сесія|нова розмова|кінець інструкцій",
}

PL = {
    "override": "zignoruj|ignoruj|zapomnij|nie zwracaj uwagi|nie bierz pod uwage|odrzuc|"
    "porzuc|uniewaznij|obejdz|nie stosuj sie|nie przestrzegaj|przestan stosowac|"
    "przestan przestrzegac|nie wykonuj|zlekcewaz|nie sa juz wazne|przestaly obowiazywac|"
    "niewazne",
    "prior": "poprzedni|wczesniejsz|powyzsz|dotychczasow|pierwotn|poczatkow|"
    "ktore otrzymales|ktore dostales|otrzymane",
    "instructions": "instrukcj|polecen|zasad|regul|wytyczn|dyrektyw|prompt",
    "all": "wszystkie|wszystkich|wszystko|kazd|jakiekolwiek",
    "new": "nowe instrukcje|nowa instrukcja|nowe polecenie|nowe polecenia|nowe zadanie|"
    "nowa rola|nowe zasady|nowy cel|prawdziwe instrukcje|prawdziwe zadanie|"
    "nastepujace instrukcje|te instrukcje|dodatkowe instrukcje|ukryte instrukcje|"
    "tajne instrukcje|twoje jedyne zadanie|twoja nowa|twoje nowe|twoj nowy|zamiast tego",
    "from_now": "od teraz|od tej chwili|od tego momentu|odtad|od dzisiaj|"
    "do konca rozmowy|az do odwolania|we wszystkich kolejnych",
    "you_are": "teraz jestes|jestes teraz|nie jestes juz|juz nie jestes|stajesz sie|"
    "bedziesz|jestes wolny|zostales uwolniony|zostales przeprogramowany|pozostan w roli|"
    "nie wychodz z roli|odpowiadaj jako|twoje nowe imie",
    "pretend": "udawaj|udaj|wyobraz sobie|zachowuj sie jak|dzialaj jako|wciel sie|"
    "odegraj role|zagraj role|odgrywanie rol|symuluj|postac|hipotetyczn|fikcyjn|zagrajmy",
    "no_limits": "bez ograniczen|bez limitow|bez filtrow|bez cenzury|bez zasad|bez etyki|"
    "bez moralnosci|nieograniczon|nieocenzurowan|zadnych ograniczen|zadnych zasad|"
    "zadnych filtrow|nie jestes zwiazany|wolny od|nigdy nie odmawiaj|bez odmowy|"
    "bez ostrzezen|kazde pytanie|cokolwiek",
    "jailbreak": "tryb dewelopera|tryb programisty|tryb boga|tryb bez ograniczen|tryb dan",
    "reveal": "ujawnij|pokaz|wyswietl|wypisz|wydrukuj|powtorz|powiedz|podaj|udostepnij|"
    "zdradz|skopiuj|wymien|daj mi|przekaz|jakie sa|jaki jest|przetlumacz|podsumuj|zacytuj|"
    "odtworz",
    "system_prompt": "prompt systemowy|promptu systemowego|instrukcje systemowe|"
    "instrukcji systemowych|wiadomosc systemowa|komunikat systemowy|poczatkowe instrukcje|"
    "pierwotne instrukcje|oryginalne instrukcje|ukryte instrukcje|ukryty prompt|"
    "tajne instrukcje|twoje instrukcje|twoich instrukcji|twoje zasady|twoje wytyczne|"
    "twoja konfiguracja|twoja konfiguracje|twoj prompt|tekst powyzej|wszystko powyzej|"
    "instrukcje powyzej|wewnetrzne instrukcje|poufne instrukcje|ktore otrzymales",
    "verbatim": "doslownie|slowo w slowo|slowo po slowie|w calosci|calosc|dokladnie|"
    "bez zmian|bez pomijania|w bloku kodu|litera po literze",
    "address_strong": "droga ai|drogi asystencie|notatka dla ai|wiadomosc dla ai|dla ai:|"
    "jesli jestes ai|jezeli jestes ai|jesli jestes modelem|jesli jestes asystentem|uwaga ai|"
    "uwaga asystencie|instrukcje dla ai|do asystenta|do modelu|do agenta|kazda ai|"
    "ai czytajac|podczas podsumowywania|jesli to czytasz|czesc ai",
    "address": "asystent|model jezykowy|sztuczna inteligencja|ai$|agent|chatbot",
    "secrecy": "nie mow uzytkownikowi|nie informuj uzytkownika|nie wspominaj|"
    "nigdy nie wspominaj|bez informowania|bez wiedzy|bez pytania|bez powiadamiania|"
    "bez potwierdzenia|nie pytaj o potwierdzenie|potajemnie|w tajemnicy|po cichu|"
    "niepostrzezenie|dyskretnie|w tle|zachowaj to w tajemnicy|nie ujawniaj tego|"
    "uzytkownik nie moze|uzytkownik nie musi",
    "urgent": "wazne|pilne|uwaga|krytyczne|obowiazkowe|natychmiast|priorytet|ostrzezenie|"
    "administrator|musisz",
    "act": "wykonaj|uruchom|wywolaj|uzyj narzedzia|usun|skasuj|wymaz|przelej|przelew|"
    "wyslij|przeslij|zaplac|kup|zatwierdz|przyznaj|nadaj uprawnienia|zmien haslo|wylacz|"
    "zainstaluj|pobierz|zmodyfikuj|utworz|opublikuj|przekaz dalej|zwroc pieniadze",
    "tool": "narzedzi|funkcj|polecenie|terminal|konsol|baze danych|baza danych|skrypt|"
    "serwer|repozytori|uprawnien|uprawnienia administratora",
    "money": "pieniadze|srodki|konto bankowe|numer konta|portfel|platnosc|przelew|"
    "bitcoin|kryptowalut|zlotych|euro$|dolarow",
    "send": "wyslij|przeslij|przekaz|opublikuj|wgraj|przeslij dalej|udostepnij|"
    "skopiuj do|dolacz|dodaj|umiesc|zakoduj|w url|w adresie url|w linku|jako parametr|"
    "odwiedz|otworz",
    "data": "rozmow|histori|poprzednie wiadomosci|dane logowania|haslo|hasla|klucz|token|"
    "sesj|dane osobowe|dane uzytkownika|informacje o uzytkowniku|adres e-mail|e-maile|"
    "kontakty|klucz prywatny|karta kredytowa|numer karty|pliki|dokumenty|pamiec|"
    "zmienne srodowiskowe|poufne|wrazliwe|dane$|adres|telefon|sekret",
    "dest": "serwer|link$|url$|adres e-mail|zewnetrzn|atakujac|domen|webhook|osobom trzecim",
    "decode": "zdekoduj|odszyfruj|rozszyfruj|zakodowan|zaszyfrowan",
    "follow": "zrob to|zrob tak|wykonaj to|postepuj zgodnie|wykonaj|przestrzegaj|stosuj sie|"
    "sluchaj|odpowiadaj tylko|"
    "odpowiedz tylko|twoja odpowiedz|zacznij odpowiedz",
    "end_marker": "koniec dokumentu|koniec kontekstu|koniec tekstu|koniec wiadomosci|"
    "nowa sesja|nowa rozmowa|koniec instrukcji|koniec promptu",
}

CS = {
    "override": "ignoruj|ignorujte|zapomen|zapomente|nevsimej si|nevsimejte si|"
    "neber ohled|prehlizej|zahod|obejdi|nedodrzuj|neposlouchej|prestan dodrzovat|jiz neplati|"
    "neplatne",
    "prior": "predchozi|predesl|vyse uveden|dosavadni|pocatecni|ktere jsi dostal|obdrzen",
    "instructions": "instrukc|pokyn|pravidl|smernic|zasad|prompt",
    "all": "vsechny|vsech|vse$|vsechno|kazd|jakekoli",
    "new": "nove instrukce|nove pokyny|novy pokyn|novy ukol|nova role|nova pravidla|"
    "skutecne instrukce|skutecne pokyny|skutecny ukol|nasledujici pokyny|tyto pokyny|"
    "skryte pokyny|tajne pokyny|tvuj jediny ukol|tvoje nova|tvuj novy|misto toho",
    "from_now": "od ted|od nynejska|od teto chvile|odted|do konce konverzace|"
    "az do odvolani|ve vsech dalsich",
    "you_are": "ted jsi|nyni jsi|uz nejsi|jiz nejsi|stanes se|budes|jsi volny|"
    "byl jsi osvobozen|zustan v roli|nevypadni z role|odpovidej jako|tve nove jmeno",
    "pretend": "predstirej|predstav si|chovej se jako|jednej jako|hraj roli|zahraj roli|"
    "hrani roli|simuluj|postava|hypoteticky|fiktivni",
    "no_limits": "bez omezeni|bez cenzury|bez filtru|bez pravidel|bez etiky|bez moralky|"
    "neomezen|necenzurovan|zadna omezeni|zadna pravidla|nikdy neodmitej|jakoukoli otazku",
    "jailbreak": "vyvojarsky rezim|rezim vyvojare|rezim boha|rezim bez omezeni",
    "reveal": "odhal|ukaz|zobraz|vypis|vytiskni|zopakuj|rekni|sdel|sdilej|prozrad|"
    "zkopiruj|vyjmenuj|dej mi|poskytni|jake jsou|jaky je|preloz|shrn|cituj",
    "system_prompt": "systemovy prompt|systemoveho promptu|systemove instrukce|"
    "systemove pokyny|systemova zprava|puvodni instrukce|puvodni pokyny|pocatecni pokyny|"
    "skryte instrukce|skryte pokyny|tajne pokyny|tve instrukce|tve pokyny|tva pravidla|"
    "tvoje pokyny|tvoje instrukce|tvou konfiguraci|tvuj prompt|text vyse|vse vyse|"
    "pokyny vyse|interni pokyny|duverne pokyny",
    "verbatim": "doslova|doslovne|slovo od slova|slovo po slovu|v plnem zneni|cely|"
    "presne|beze zmen|v bloku kodu",
    "address_strong": "mila ai|mily asistente|poznamka pro ai|zprava pro ai|pro ai:|"
    "pokud jsi ai|jestli jsi ai|pokud jsi jazykovy model|pokud jsi asistent|pozor ai|"
    "pokyny pro ai|asistentovi|modelu:|agentovi|kazda ai|pri shrnovani|pokud toto ctes",
    "address": "asistent|jazykovy model|umela inteligence|ai$|agent|chatbot",
    "secrecy": "nerikej uzivateli|neinformuj uzivatele|nezminuj|nikdy nezminuj|"
    "bez vedomi|bez informovani|bez ptani|bez potvrzeni|neptej se na potvrzeni|tajne|potaji|"
    "potichu|nenapadne|diskretne|na pozadi|udrz to v tajnosti|neprozrazuj to|uzivatel nesmi",
    "urgent": "dulezite|naleha|pozor|kriticke|povinne|okamzite|priorita|varovani|"
    "administrator|musis",
    "act": "proved|spust|zavolej|pouzij nastroj|smaz|odstran|preved|posli|odesli|zaplat|"
    "kup|schval|udel|zmen heslo|vypni|nainstaluj|stahni|uprav|vytvor|zverejni|preposli",
    "tool": "nastroj|funkc|prikaz|terminal|konzol|databaz|skript|server|repozitar|"
    "opravneni|prava spravce",
    "money": "penize|prostredky|bankovni ucet|cislo uctu|penezenk|platba|prevod|bitcoin|"
    "korun|eur$|dolaru",
    "send": "posli|odesli|preposli|zverejni|nahraj|predej|sdilej s|zkopiruj do|pripoj|"
    "pridej|vloz|zakoduj|do url|v url|v odkazu|jako parametr|navstiv|otevri",
    "data": "konverzac|histori|predchozi zpravy|prihlasovaci udaje|heslo|hesla|klic|"
    "token|relac|osobni udaje|udaje uzivatele|e-mailova adresa|e-maily|kontakty|"
    "soukromy klic|kreditni karta|cislo karty|soubory|dokumenty|pamet|duverne|citlive|data$|"
    "adresa|telefon|tajemstvi",
    "dest": "server|odkaz|url$|e-mailovou adresu|extern|utocnik|domen|webhook|tretim stranam",
    "decode": "dekoduj|desifruj|zakodovan|zasifrovan",
    "follow": "ridse|dodrzuj|poslechni|proved|odpovez pouze|odpovidej jen|tva odpoved",
    "end_marker": "konec dokumentu|konec kontextu|konec textu|konec zpravy|nova relace|"
    "nova konverzace|konec pokynu",
}

LANGUAGES = {"ru": RU, "uk": UK, "pl": PL, "cs": CS}
