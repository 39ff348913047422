"""Spanish, French, Portuguese, Italian and Romanian. Syntax as in ``_en``."""

ES = {
    "override": "ignor|olvid|omit|haz caso omiso|hagas caso omiso|no hagas caso|no sigas|"
    "deja de seguir|pasa por alto|pasar por alto|invalid|desobedec|prescind|abandona|"
    "deja de lado|deja atras|desatiend|no tengas en cuenta|no obedezcas|ya no sigas|"
    "ya no aplican|sin efecto|reinicia tus|no cumplas|no respetes|eluda|elude|evita",
    "prior": "anterior|anteriores|previa|previo|previas|previos|precedente|de arriba|"
    "hasta ahora|hasta este momento|que te dieron|que recibiste|que te han dado|"
    "que se te dieron|que te di",
    "instructions": "instruccion|regla|directriz|directrices|prompt|mensaje del sistema|"
    "consigna|mandato",
    "all": "todas|todos|todo$|cualquier|cada$",
    "new": "nuevas instrucciones|nueva instruccion|nueva tarea|nuevo rol|nuevas reglas|"
    "nuevo objetivo|nueva mision|instrucciones reales|verdaderas instrucciones|"
    "verdadera tarea|tarea real|siguientes instrucciones|instrucciones siguientes|"
    "estas instrucciones|instrucciones adicionales|instrucciones ocultas|"
    "instrucciones secretas|tu unica tarea|tu nueva|tu verdadera|tu verdadero|en su lugar|"
    "en lugar de eso",
    "from_now": "a partir de ahora|de ahora en adelante|desde ahora|en adelante|"
    "a partir de este momento|desde este momento|durante el resto de|para el resto de|"
    "en todas las respuestas futuras|hasta nuevo aviso",
    "you_are": "ahora eres|ahora tu eres|ya no eres|eres ahora|te conviertes en|seras|"
    "has sido liberado|has sido reprogramado|estas libre|eres libre|no rompas el personaje|"
    "mantente en el personaje|manten el personaje|responde como|actuaras como|"
    "tu nuevo nombre|tu nueva identidad",
    "pretend": "finge|fingir|finja|haz de cuenta|actua como|actue como|actuar como|"
    "interpreta|juego de rol|rol de|imagina que eres|imagina que|simula|simular|"
    "comportate como|hazte pasar|personaje|hipotetic|ficticio|ficcion|historia en la que|"
    "juguemos",
    "no_limits": "sin restricciones|sin restriccion|sin limites|sin limite|sin filtros|"
    "sin filtro|sin censura|sin reglas|sin etica|sin moral|sin normas|"
    "sin ninguna restriccion|sin ninguna limitacion|ilimitad|no tienes restricciones|"
    "no tienes limites|no tienes reglas|no estas sujeto|no estas obligado|libre de toda|"
    "libre de restricciones|nunca te niegues|nunca rechaces|no puedes negarte|sin negarte|"
    "sin advertencias|sin censurar|sin filtrar|cualquier pregunta|cualquier cosa|lo que sea",
    "jailbreak": "modo desarrollador|modo sin restricciones|modo dios|"
    "haz cualquier cosa ahora|modo malvado|modo libre|modo jailbreak|modo dan",
    "reveal": "revela|revelar|muestra|muestrame|mostrar|imprime|imprimir|repite|repetir|"
    "dime$|dinos|comparte|compartir|divulga|expon|copia|pega|lista$|dame$|proporciona|"
    "cual es|cuales son|que dice|traduce|resume|recita|reproduce|ensename|devuelve",
    "system_prompt": "prompt del sistema|prompt de sistema|mensaje del sistema|"
    "mensaje de sistema|instrucciones del sistema|instrucciones de sistema|"
    "indicaciones del sistema|instrucciones iniciales|instrucciones originales|"
    "prompt inicial|prompt original|instrucciones ocultas|prompt oculto|"
    "instrucciones secretas|tus instrucciones|tus reglas|tus directrices|tu configuracion|"
    "tu programacion|tu prompt|tus indicaciones|tus pautas|el texto anterior|texto de arriba|"
    "todo lo anterior|todo lo de arriba|las instrucciones de arriba|instrucciones internas|"
    "instrucciones confidenciales|configuracion oculta|configuracion interna|"
    "tu mensaje de sistema|tus normas|con las que fuiste",
    "verbatim": "textualmente|palabra por palabra|literalmente|al pie de la letra|"
    "tal cual|integro|integramente|exactamente|sin omitir|sin modificar|"
    "en un bloque de codigo|letra por letra|completas",
    "address_strong": "querida ia|querido asistente|nota para la ia|"
    "nota para el asistente|mensaje para la ia|para la ia|a la ia|si eres una ia|"
    "si eres un modelo|si eres un asistente|si eres un llm|atencion ia|atencion asistente|"
    "instrucciones para la ia|instrucciones para el asistente|al asistente|al modelo|"
    "al agente|cualquier ia|ia que lea|asistente que lea|modelo que lea|cuando resumas|"
    "al resumir este|al procesar este|si estas leyendo esto|oye ia|hola ia",
    "address": "asistente|modelo de lenguaje|inteligencia artificial|ia$|agente|chatbot",
    "secrecy": "no le digas al usuario|no se lo digas|no digas al usuario|no menciones|"
    "nunca menciones|sin decirle|sin informar|sin avisar|sin notificar|sin preguntar|"
    "sin que el usuario|sin el conocimiento|en secreto|secretamente|silenciosamente|"
    "discretamente|sin que lo sepa|sin confirmacion|sin pedir confirmacion|"
    "no pidas confirmacion|no reveles esto|oculta esto|mantenlo en secreto|no lo menciones|"
    "el usuario no debe|el usuario no necesita|no informes|no avises",
    "urgent": "importante|urgente|atencion$|critico|obligatorio|inmediatamente|"
    "de inmediato|prioridad|advertencia|aviso de seguridad|administrador|debes$|tienes que",
    "act": "ejecuta|ejecutar|llama a|llamar a|invoca|usa la herramienta|elimina|eliminar|"
    "borra|borrar|transfiere|transferir|envia|enviar|manda|mandar|paga$|pagar|compra|comprar|"
    "aprueba|aprobar|otorga|concede|cambia la contrasena|desactiva|instala|descarga|modifica|"
    "publica|reenvia|reenviar|subir|reembolsa|cancela|da acceso|dale acceso",
    "tool": "herramienta|funcion|comando|terminal|consola|base de datos|script|servidor|"
    "repositorio|permisos|privilegios|administrador",
    "money": "fondos|dinero|cuenta bancaria|numero de cuenta|cartera|billetera|pago$|"
    "transferencia|bitcoin|criptomoneda|euros|dolares|tarjeta regalo",
    "send": "envia|enviar|envie|manda|mandar|reenvia|reenviar|publica|subir|transmite|"
    "filtra|exfiltra|comparte con|copia a|adjunta|anade|agrega|incluye|incrusta|inserta|"
    "codifica|en la url|a la url|en el enlace|como parametro|visita|abre|carga|accede a",
    "data": "conversacion|historial|mensajes anteriores|credenciales|contrasena|clave|"
    "claves|token|sesion|cookie|datos personales|datos del usuario|informacion personal|"
    "informacion del usuario|correo electronico|correos|contactos|clave privada|"
    "tarjeta de credito|numero de tarjeta|archivos|documentos|memoria|variables de entorno|"
    "datos confidenciales|datos sensibles|los datos|direccion|telefono|secreto|secretos",
    "dest": "servidor|enlace|url$|direccion de correo|externo|externa|atacante|dominio|"
    "webhook|tercero|terceros|este correo|esta direccion",
    "decode": "decodifica|descodifica|descifra|decodificar|codificado|codificada|cifrado",
    "follow": "hazlo|ejecutalo|cumplelo|sigue|seguir|obedece|obedecer|cumple|cumplir|ejecuta|"
    "realiza|haz lo que|"
    "actua segun|responde solo|responde unicamente|solo responde|tu respuesta|"
    "debes responder|comienza tu respuesta",
    "end_marker": "fin del documento|fin del contexto|fin de la entrada|fin del texto|"
    "fin del mensaje|fin del correo|fin de los resultados|nueva sesion|nueva conversacion|"
    "fin de las instrucciones|fin del prompt|el documento termina",
}

FR = {
    "override": "ignor|oublie|oubliez|oublier|ne tiens pas compte|ne tenez pas compte|"
    "ne pas tenir compte|fais abstraction|faites abstraction|passe outre|passez outre|"
    "outrepasse|contourne|abandonne|abandonnez|neglige|laisse de cote|laissez de cote|"
    "mets de cote|mettez de cote|ne suis plus|ne suivez plus|cesse de suivre|"
    "cessez de suivre|n'obeis plus|n'obeissez plus|desobei|ne respecte plus|"
    "ne respectez plus|ne s'appliquent plus|sont annulees|caduque|ne tiens plus compte|"
    "ne tenez plus compte",
    "prior": "precedent|anterieur|ci-dessus|ci dessus|au-dessus|auparavant|jusqu'ici|"
    "jusqu'a present|jusqu'a maintenant|qu'on t'a donne|qu'on vous a donne|que tu as recu|"
    "que vous avez recu|qui t'ont ete|qui vous ont ete",
    "instructions": "instruction|consigne|regle|directive|ligne directrice|"
    "lignes directrices|prompt|message systeme|contrainte|garde-fou|protocole",
    "all": "toutes|tous$|tout$|chaque|n'importe quel",
    "new": "nouvelles instructions|nouvelle instruction|nouvelle consigne|"
    "nouvelles consignes|nouvelle tache|nouveau role|nouvelles regles|nouvel objectif|"
    "nouvelle mission|vraies instructions|veritables instructions|vraie tache|"
    "veritable tache|instructions suivantes|instructions ci-dessous|ces instructions|"
    "instructions supplementaires|instructions cachees|instructions secretes|ta seule tache|"
    "votre seule tache|ta nouvelle|votre nouvelle|ton nouveau|votre nouveau|ta vraie|"
    "votre vraie|a la place",
    "from_now": "a partir de maintenant|des maintenant|desormais|dorenavant|"
    "a partir de ce moment|a partir d'aujourd'hui|pour le reste de|pour la suite de|"
    "jusqu'a nouvel ordre|pour toutes les reponses",
    "you_are": "tu es maintenant|vous etes maintenant|tu es desormais|"
    "vous etes desormais|tu n'es plus|vous n'etes plus|tu deviens|vous devenez|tu seras|"
    "vous serez|tu as ete libere|vous avez ete libere|tu as ete reprogramme|tu es libre|"
    "vous etes libre|ne sors pas du personnage|reste dans le personnage|"
    "restez dans le personnage|reponds en tant que|repondez en tant que|ton nouveau nom|"
    "ta nouvelle identite",
    "pretend": "fais semblant|faites semblant|faire semblant|pretends|pretendez|"
    "agis comme|agissez comme|agir comme|agis en tant que|joue le role|jouez le role|"
    "jeu de role|imagine que tu es|imaginez que vous etes|imagine que|simule|simulez|"
    "comporte-toi comme|comportez-vous comme|incarne|incarnez|personnage|hypothetique|fictif|"
    "fictive|fiction|histoire ou|jouons",
    "no_limits": "sans restriction|sans limite|sans filtre|sans censure|sans regles|"
    "sans ethique|sans morale|sans aucune restriction|sans aucune limite|illimite|"
    "aucune restriction|aucune limite|aucune regle|aucun filtre|aucune censure|n'es pas tenu|"
    "n'etes pas tenu|libre de toute|libere de|ne refuse jamais|ne refusez jamais|"
    "ne jamais refuser|sans refuser|sans avertissement|non censure|non filtre|"
    "n'importe quelle question|n'importe quoi",
    "jailbreak": "mode developpeur|mode dieu|mode sans restriction|mode sans limites|"
    "mode malefique|mode jailbreak|mode dan|fais tout maintenant",
    "reveal": "revele|revelez|reveler|montre|montrez|montrer|affiche|affichez|afficher|"
    "imprime|imprimez|repete|repetez|repeter|dis-moi|dites-moi|dis moi|dites moi|partage|"
    "partagez|divulgue|divulguez|expose|copie|copiez|colle|liste|listez|donne-moi|donnez-moi|"
    "donne moi|donnez moi|fournis|fournissez|quel est|quelles sont|quels sont|quelle est|"
    "traduis|traduisez|resume|resumez|recite|reproduis|renvoie|communique",
    "system_prompt": "prompt systeme|prompt du systeme|message systeme|"
    "message du systeme|instructions systeme|instructions du systeme|consignes systeme|"
    "instructions initiales|consignes initiales|instructions d'origine|"
    "instructions originales|prompt initial|prompt d'origine|prompt original|"
    "instructions cachees|prompt cache|instructions secretes|tes instructions|"
    "vos instructions|tes consignes|vos consignes|tes regles|vos regles|tes directives|"
    "vos directives|ta configuration|votre configuration|ta programmation|"
    "votre programmation|ton prompt|votre prompt|le texte ci-dessus|le texte precedent|"
    "tout ce qui precede|tout ce qui est au-dessus|les instructions ci-dessus|"
    "instructions internes|instructions confidentielles|configuration cachee|"
    "configuration interne|ton message systeme|votre message systeme|avec lesquelles tu|"
    "qu'on t'a donnees|qu'on vous a donnees",
    "verbatim": "mot pour mot|mot a mot|textuellement|verbatim|integralement|en entier|"
    "en integralite|exactement|tel quel|telles quelles|sans rien omettre|sans modification|"
    "dans un bloc de code|lettre par lettre|au complet",
    "address_strong": "chere ia|cher assistant|note pour l'ia|note a l'ia|"
    "note pour l'assistant|message pour l'ia|pour l'ia|a l'ia|si tu es une ia|"
    "si vous etes une ia|si tu es un modele|si vous etes un modele|si tu es un assistant|"
    "si vous etes un assistant|attention ia|attention assistant|instructions pour l'ia|"
    "instructions pour l'assistant|a l'assistant|au modele|a l'agent|toute ia|ia qui lit|"
    "assistant qui lit|modele qui lit|lorsque tu resumes|quand tu resumes|en resumant ce|"
    "si tu lis ceci|si vous lisez ceci|salut ia|bonjour ia",
    "address": "assistant|modele de langage|intelligence artificielle|ia$|agent|chatbot",
    "secrecy": "ne dis pas a l'utilisateur|ne dites pas a l'utilisateur|ne le dis pas|"
    "ne le dites pas|ne mentionne pas|ne mentionnez pas|ne jamais mentionner|sans le dire|"
    "sans informer|sans prevenir|sans avertir|sans notifier|sans demander|"
    "sans que l'utilisateur|a l'insu|en secret|secretement|silencieusement|discretement|"
    "sans confirmation|sans demander de confirmation|ne demande pas de confirmation|"
    "ne revele pas ceci|cache ceci|garde le secret|gardez le secret|"
    "l'utilisateur ne doit pas|l'utilisateur n'a pas besoin|n'informe pas|n'informez pas",
    "urgent": "important|urgent|critique|obligatoire|immediatement|priorite|"
    "avertissement|alerte de securite|administrateur|tu dois|vous devez",
    "act": "execute|executez|executer|lance|lancez|appelle|appelez|invoque|"
    "utilise l'outil|utilisez l'outil|supprime|supprimez|supprimer|efface|transfere|"
    "transferez|virement|envoie|envoyez|envoyer|paie|payez|achete|achetez|approuve|approuvez|"
    "accorde|accordez|change le mot de passe|desactive|desactivez|installe|telecharge|"
    "modifie|cree|creez|publie|rembourse|annule|donne acces|donnez acces",
    "tool": "outil|fonction|commande|terminal|console|base de donnees|script|serveur|"
    "depot|permissions|privileges|administrateur",
    "money": "fonds|argent|compte bancaire|numero de compte|portefeuille|paiement|"
    "virement|bitcoin|crypto|euros|dollars|carte cadeau",
    "send": "envoie|envoyez|envoyer|transfere|transferez|transmets|transmettez|publie|"
    "televerse|partage avec|copie a|joins|ajoute|ajoutez|inclus|incluez|integre|encode|"
    "dans l'url|a l'url|dans le lien|en parametre|visite|ouvre|charge|fuite|exfiltre",
    "data": "conversation|historique|messages precedents|identifiants|mot de passe|"
    "mots de passe|cle$|cles$|jeton|session|cookie|donnees personnelles|"
    "donnees de l'utilisateur|informations personnelles|informations de l'utilisateur|"
    "adresse e-mail|adresse email|courriels|e-mails|contacts|cle privee|carte bancaire|"
    "carte de credit|numero de carte|fichiers|documents|memoire|variables d'environnement|"
    "donnees confidentielles|donnees sensibles|les donnees|adresse|telephone|secret|secrets",
    "dest": "serveur|lien$|url$|adresse e-mail|externe|attaquant|domaine|webhook|tiers|"
    "cette adresse",
    "decode": "decode|decodez|decoder|dechiffre|dechiffrez|encode en|chiffre",
    "follow": "fais-le|execute-le|fais ce qu|suis$|suivez|suivre|obeis|obeissez|obeir|respecte|"
    "respectez|execute|"
    "applique|appliquez|reponds uniquement|repondez uniquement|reponds seulement|ta reponse|"
    "votre reponse|commence ta reponse",
    "end_marker": "fin du document|fin du contexte|fin de l'entree|fin du texte|"
    "fin du message|fin du courriel|fin des resultats|nouvelle session|nouvelle conversation|"
    "fin des instructions|fin du prompt",
}

PT = {
    "override": "ignor|esqueca|esquece|esquecer|desconsider|nao siga|deixe de seguir|"
    "pare de seguir|deixa de lado|deixe de lado|descarte|descarta|abandone|abandona|despreze|"
    "despreza|nao obedeca|desobedeca|nao considere|nao leve em conta|nao valem mais|"
    "perderam a validade|sem efeito|passe por cima|contorne|nao cumpra|nao respeite",
    "prior": "anterior|anteriores|previa|previas|previo|previos|ate agora|ate aqui|"
    "que voce recebeu|que lhe foram|que te foram|que te dei",
    "instructions": "instruc|regra|diretriz|diretrizes|diretiva|orientac|prompt|"
    "mensagem do sistema",
    "all": "todas|todos|tudo$|qualquer|cada$",
    "new": "novas instrucoes|nova instrucao|nova tarefa|novo papel|novas regras|"
    "novo objetivo|nova missao|instrucoes reais|verdadeiras instrucoes|tarefa real|"
    "verdadeira tarefa|seguintes instrucoes|instrucoes a seguir|estas instrucoes|"
    "essas instrucoes|instrucoes adicionais|instrucoes ocultas|instrucoes secretas|"
    "sua unica tarefa|tua unica tarefa|sua nova|seu novo|sua verdadeira|em vez disso|"
    "ao inves disso",
    "from_now": "a partir de agora|de agora em diante|daqui em diante|doravante|"
    "a partir deste momento|pelo resto da|durante o resto|ate nova ordem|"
    "em todas as respostas",
    "you_are": "agora voce e|agora tu es|voce agora e|voce nao e mais|voce se torna|"
    "voce sera|voce foi libertado|voce foi reprogramado|voce esta livre|"
    "nao saia do personagem|mantenha o personagem|permaneca no personagem|responda como|"
    "seu novo nome|sua nova identidade",
    "pretend": "finja|fingir|finge|aja como|atue como|agir como|atuar como|faca o papel|"
    "interprete|jogo de papeis|imagine que voce|imagine que|simule|simular|comporte-se como|"
    "personagem|hipotetic|ficticio|ficcao|historia em que|vamos jogar",
    "no_limits": "sem restricoes|sem restricao|sem limites|sem limite|sem filtros|"
    "sem filtro|sem censura|sem regras|sem etica|sem moral|sem nenhuma restricao|ilimitad|"
    "nenhuma restricao|nenhum limite|nenhuma regra|nenhum filtro|nao esta sujeito|"
    "livre de todas|livre de qualquer|nunca recuse|nunca se recuse|nao pode recusar|"
    "sem recusar|sem avisos|sem censurar|qualquer pergunta|qualquer coisa",
    "jailbreak": "modo desenvolvedor|modo deus|modo sem restricoes|modo jailbreak|"
    "modo dan|modo malvado|faca qualquer coisa agora",
    "reveal": "revele|revela|revelar|mostre|mostra|mostrar|exiba|exibe|imprima|imprime|"
    "repita|repete|repetir|diga-me|me diga|compartilhe|compartilha|divulgue|exponha|copie|"
    "cole|liste|me de|forneca|qual e|quais sao|traduza|resuma|recite|reproduza|retorne|"
    "me mostre|me mostra",
    "system_prompt": "prompt do sistema|prompt de sistema|mensagem do sistema|"
    "mensagem de sistema|instrucoes do sistema|instrucoes de sistema|instrucoes iniciais|"
    "instrucoes originais|prompt inicial|prompt original|instrucoes ocultas|prompt oculto|"
    "instrucoes secretas|suas instrucoes|tuas instrucoes|suas regras|tuas regras|"
    "suas diretrizes|sua configuracao|tua configuracao|sua programacao|seu prompt|teu prompt|"
    "o texto acima|texto anterior|tudo acima|tudo o que esta acima|instrucoes acima|"
    "instrucoes internas|instrucoes confidenciais|configuracao oculta|configuracao interna|"
    "com as quais voce",
    "verbatim": "textualmente|palavra por palavra|literalmente|na integra|integralmente|"
    "exatamente|tal como|sem omitir|sem modificar|em um bloco de codigo|letra por letra",
    "address_strong": "cara ia|caro assistente|nota para a ia|nota para o assistente|"
    "mensagem para a ia|para a ia|a ia que|se voce e uma ia|se voce e um modelo|"
    "se voce e um assistente|atencao ia|atencao assistente|instrucoes para a ia|"
    "instrucoes para o assistente|ao assistente|ao modelo|ao agente|qualquer ia|ia que ler|"
    "ia que esteja lendo|assistente que ler|modelo que ler|ao resumir este|quando resumir|"
    "ao processar este|se voce esta lendo isto|ola ia|oi ia",
    "address": "assistente|modelo de linguagem|inteligencia artificial|ia$|agente|chatbot",
    "secrecy": "nao diga ao usuario|nao conte ao usuario|nao mencione|nunca mencione|"
    "sem dizer|sem informar|sem avisar|sem notificar|sem perguntar|sem que o usuario|"
    "sem o conhecimento|em segredo|secretamente|silenciosamente|discretamente|"
    "sem confirmacao|sem pedir confirmacao|nao peca confirmacao|nao revele isto|oculte isto|"
    "esconda isto|mantenha em segredo|o usuario nao deve|o usuario nao precisa",
    "urgent": "importante|urgente|atencao$|critico|obrigatorio|imediatamente|prioridade|"
    "aviso|alerta de seguranca|administrador|voce deve",
    "act": "execute|executa|executar|rode|chame|invoque|use a ferramenta|exclua|excluir|"
    "apague|apagar|delete|deletar|transfira|transferir|envie|enviar|mande|mandar|pague|pagar|"
    "compre|comprar|aprove|aprovar|conceda|conceder|altere a senha|mude a senha|desative|"
    "desativar|instale|baixe|modifique|crie|publique|encaminhe|encaminhar|reembolse|cancele|"
    "de acesso",
    "tool": "ferramenta|funcao|comando|terminal|console|banco de dados|script|servidor|"
    "repositorio|permissoes|privilegios|administrador",
    "money": "fundos|dinheiro|conta bancaria|numero da conta|carteira|pagamento|"
    "transferencia|pix$|bitcoin|cripto|reais|euros|dolares|cartao presente",
    "send": "envie|envia|enviar|mande|manda|mandar|encaminhe|encaminha|encaminhar|"
    "publique|carregue|transmita|vaze|exfiltre|compartilhe com|copie para|anexe|adicione|"
    "inclua|incorpore|codifique|na url|para a url|no link|como parametro|visite|abra|acesse",
    "data": "conversa|historico|mensagens anteriores|credenciais|senha|senhas|chave|"
    "chaves|token|sessao|cookie|dados pessoais|dados do usuario|informacoes pessoais|"
    "informacoes do usuario|e-mail|emails|contatos|chave privada|cartao de credito|"
    "numero do cartao|arquivos|documentos|memoria|variaveis de ambiente|dados confidenciais|"
    "dados sensiveis|os dados|endereco|telefone|segredo|segredos|cpf$",
    "dest": "servidor|link$|url$|endereco de e-mail|externo|externa|atacante|dominio|"
    "webhook|terceiro|terceiros|este e-mail|este endereco",
    "decode": "decodifique|decodifica|decodificar|decifre|codificado|codificada|cifrado",
    "follow": "faca isso|faz isso|execute-o|siga|segue|seguir|obedeca|obedece|obedecer|cumpra|"
    "cumprir|execute|realize|"
    "faca o que|responda apenas|responda somente|sua resposta|comece sua resposta",
    "end_marker": "fim do documento|fim do contexto|fim da entrada|fim do texto|"
    "fim da mensagem|fim do e-mail|fim dos resultados|nova sessao|nova conversa|"
    "fim das instrucoes|fim do prompt",
}

IT = {
    "override": "ignor|dimentica|dimenticate|dimenticare|non tenere conto|"
    "non tener conto|non considerare|trascura|trascurate|abbandona|metti da parte|"
    "lascia perdere|non seguire|smetti di seguire|disobbedisci|disattendi|aggira|bypassa|"
    "non valgono piu|non sono piu valide|sono annullate|decadute",
    "prior": "precedent|piu in alto|finora|fino ad ora|fino a questo momento|"
    "che ti sono state|che hai ricevuto|ricevute",
    "instructions": "istruzion|regol|linee guida|linea guida|indicazion|prompt|"
    "messaggio di sistema|vincol|consegn",
    "all": "tutte|tutti|tutto$|qualsiasi|qualunque|ogni$",
    "new": "nuove istruzioni|nuova istruzione|nuovo compito|nuovo ruolo|nuove regole|"
    "nuovo obiettivo|nuova missione|vere istruzioni|istruzioni reali|vero compito|"
    "compito reale|seguenti istruzioni|istruzioni seguenti|queste istruzioni|"
    "istruzioni aggiuntive|istruzioni nascoste|istruzioni segrete|tuo unico compito|"
    "il tuo nuovo|la tua nuova|il tuo vero|invece di",
    "from_now": "d'ora in poi|da ora in poi|da adesso|da questo momento|d'ora innanzi|"
    "per il resto della|fino a nuovo ordine|in tutte le risposte",
    "you_are": "ora sei|adesso sei|sei ora|non sei piu|diventi|sarai|sei stato liberato|"
    "sei stato riprogrammato|sei libero|sei libera|non uscire dal personaggio|"
    "resta nel personaggio|rimani nel personaggio|rispondi come|il tuo nuovo nome|"
    "la tua nuova identita",
    "pretend": "fingi|fingere|fai finta|far finta|comportati come|agisci come|agire come|"
    "interpreta|gioco di ruolo|immagina di essere|immagina che|simula|simulare|impersona|"
    "personaggio|ipotetic|fittizi|finzione|storia in cui|giochiamo",
    "no_limits": "senza restrizioni|senza limiti|senza limite|senza filtri|senza filtro|"
    "senza censura|senza regole|senza etica|senza morale|senza alcuna restrizione|illimitat|"
    "nessuna restrizione|nessun limite|nessuna regola|nessun filtro|non sei vincolato|"
    "libero da ogni|libero da qualsiasi|non rifiutare mai|non rifiuti mai|senza rifiutare|"
    "senza avvertenze|non censurato|qualsiasi domanda|qualsiasi cosa",
    "jailbreak": "modalita sviluppatore|modalita dio|modalita senza restrizioni|"
    "modalita jailbreak|modalita dan|modalita malvagia",
    "reveal": "rivela|rivelami|rivelare|mostra|mostrami|mostrare|visualizza|stampa|"
    "ripeti|ripetere|dimmi|diteci|condividi|divulga|esponi|copia|incolla|elenca|dammi|"
    "fornisci|qual e|quali sono|traduci|riassumi|recita|riproduci|restituisci|riporta",
    "system_prompt": "prompt di sistema|prompt del sistema|messaggio di sistema|"
    "istruzioni di sistema|istruzioni del sistema|istruzioni iniziali|istruzioni originali|"
    "prompt iniziale|prompt originale|istruzioni nascoste|prompt nascosto|istruzioni segrete|"
    "le tue istruzioni|tue istruzioni|le tue regole|tue regole|le tue linee guida|"
    "la tua configurazione|tua configurazione|la tua programmazione|il tuo prompt|tuo prompt|"
    "il testo sopra|testo precedente|tutto cio che precede|tutto quello sopra|"
    "istruzioni sopra|istruzioni interne|istruzioni riservate|configurazione nascosta|"
    "configurazione interna|con cui sei stato",
    "verbatim": "alla lettera|parola per parola|testualmente|integralmente|per intero|"
    "esattamente|cosi com'e|senza omettere|senza modifiche|in un blocco di codice|"
    "lettera per lettera|verbatim",
    "address_strong": "cara ia|caro assistente|nota per l'ia|nota per l'assistente|"
    "messaggio per l'ia|per l'ia|all'ia|se sei un'ia|se sei una ia|se sei un modello|"
    "se sei un assistente|attenzione ia|attenzione assistente|istruzioni per l'ia|"
    "istruzioni per l'assistente|all'assistente|al modello|all'agente|qualsiasi ia|"
    "ia che legge|assistente che legge|modello che legge|quando riassumi|nel riassumere|"
    "se stai leggendo questo|ciao ia",
    "address": "assistente|modello linguistico|modello di linguaggio|"
    "intelligenza artificiale|ia$|agente|chatbot",
    "secrecy": "non dire all'utente|non dirlo|non menzionare|non menzionarlo|senza dire|"
    "senza informare|senza avvisare|senza notificare|senza chiedere|senza che l'utente|"
    "all'insaputa|in segreto|segretamente|silenziosamente|di nascosto|discretamente|"
    "senza conferma|senza chiedere conferma|non chiedere conferma|non rivelare questo|"
    "nascondi questo|mantieni il segreto|l'utente non deve|l'utente non ha bisogno",
    "urgent": "importante|urgente|attenzione$|critico|obbligatorio|immediatamente|subito|"
    "priorita|avviso|allerta di sicurezza|amministratore|devi$",
    "act": "esegui|eseguire|lancia|chiama|invoca|usa lo strumento|elimina|eliminare|"
    "cancella|trasferisci|trasferire|bonifico|invia|inviare|manda|mandare|paga$|pagare|"
    "compra|acquista|approva|concedi|cambia la password|disattiva|installa|scarica|modifica|"
    "crea$|pubblica|inoltra|inoltrare|rimborsa|annulla|dai accesso",
    "tool": "strumento|funzione|comando|terminale|console|database|script|server|"
    "repository|permessi|privilegi|amministratore",
    "money": "fondi|denaro|soldi|conto bancario|numero di conto|portafoglio|pagamento|"
    "bonifico|bitcoin|cripto|euro$|dollari|carta regalo",
    "send": "invia|inviare|manda|mandare|inoltra|inoltrare|pubblica|carica|trasmetti|"
    "esfiltra|condividi con|copia a|allega|aggiungi|includi|incorpora|codifica|nell'url|"
    "all'url|nel link|come parametro|visita|apri$",
    "data": "conversazione|cronologia|messaggi precedenti|credenziali|password|chiave|"
    "chiavi|token|sessione|cookie|dati personali|dati dell'utente|informazioni personali|"
    "informazioni dell'utente|indirizzo email|email|contatti|chiave privata|carta di credito|"
    "numero della carta|documenti|memoria|variabili d'ambiente|dati riservati|dati sensibili|"
    "i dati|indirizzo|telefono|segreto|segreti",
    "dest": "server|link$|url$|indirizzo email|esterno|esterna|attaccante|dominio|"
    "webhook|terzi$|questo indirizzo",
    "decode": "decodifica|decodificare|decifra|decifrare|codificato|codificata|cifrato",
    "follow": "fallo|eseguilo|fai quello|segui|seguire|obbedisci|obbedire|rispetta|esegui|"
    "attieniti|rispondi solo|"
    "rispondi soltanto|la tua risposta|inizia la tua risposta",
    "end_marker": "fine del documento|fine del contesto|fine dell'input|fine del testo|"
    "fine del messaggio|fine dell'email|fine dei risultati|nuova sessione|"
    "nuova conversazione|fine delle istruzioni|fine del prompt",
}

RO = {
    "override": "ignor|uita|uitati|nu tine cont|nu lua in seama|treci peste|renunta la|"
    "abandoneaza|nu mai urma|nu respecta|ocoleste",
    "prior": "anterioare|anterior|precedente|de mai sus|pana acum|pe care le-ai primit",
    "instructions": "instructiun|reguli|regula|directiv|indicatii|prompt|"
    "mesajul de sistem|restrictii|limitari",
    "all": "toate|toti|tot$|orice|fiecare",
    "new": "noi instructiuni|instructiuni noi|noua sarcina|sarcina noua|rol nou|"
    "noile reguli|instructiunile reale|instructiuni ascunse|instructiuni secrete|"
    "urmatoarele instructiuni|aceste instructiuni|singura ta sarcina|noul tau|noua ta",
    "from_now": "de acum inainte|de acum|din acest moment|de acum incolo|pentru restul",
    "you_are": "acum esti|nu mai esti|devii|vei fi|ai fost eliberat|esti liber|"
    "ramai in personaj|raspunde ca",
    "pretend": "prefa-te|pretinde|joaca rolul|joc de rol|imagineaza-ti|simuleaza|"
    "comporta-te ca|actioneaza ca|personaj|ipotetic|fictiv",
    "no_limits": "fara restrictii|fara limite|fara filtre|fara cenzura|fara reguli|"
    "fara etica|fara morala|nelimitat|nicio restrictie|nicio limita|nu refuza niciodata|"
    "orice intrebare",
    "jailbreak": "mod dezvoltator|modul dezvoltator|mod fara restrictii|modul dan",
    "reveal": "dezvaluie|arata|arata-mi|afiseaza|tipareste|repeta|spune-mi|partajeaza|"
    "copiaza|listeaza|da-mi|furnizeaza|care este|care sunt|tradu|rezuma|reproduce",
    "system_prompt": "promptul de sistem|prompt de sistem|mesajul de sistem|"
    "instructiunile de sistem|instructiunile initiale|instructiunile originale|"
    "promptul initial|instructiunile ascunse|instructiunile tale|regulile tale|"
    "configuratia ta|programarea ta|promptul tau|textul de mai sus|tot ce este mai sus|"
    "instructiunile interne",
    "verbatim": "cuvant cu cuvant|textual|integral|in intregime|exact$|fara modificari|"
    "intr-un bloc de cod|litera cu litera",
    "address_strong": "draga ia|nota pentru ia|pentru ia|daca esti o ia|"
    "daca esti un model|daca esti un asistent|atentie ia|instructiuni pentru ia|"
    "catre asistent|catre model|orice ia|ia care citeste|cand rezumi",
    "address": "asistent|model de limbaj|inteligenta artificiala|agent|chatbot",
    "secrecy": "nu spune utilizatorului|nu-i spune|nu mentiona|fara sa spui|"
    "fara sa informezi|fara sa anunti|fara sa intrebi|fara ca utilizatorul|in secret|"
    "pe ascuns|in tacere|fara confirmare|nu cere confirmare|nu dezvalui asta|ascunde asta|"
    "utilizatorul nu trebuie",
    "urgent": "important|urgent|atentie|critic|obligatoriu|imediat|prioritate|"
    "avertisment|administrator|trebuie sa",
    "act": "executa|ruleaza|apeleaza|invoca|foloseste instrumentul|sterge|transfera|"
    "trimite|plateste|cumpara|aproba|acorda|schimba parola|dezactiveaza|instaleaza|descarca|"
    "modifica|creeaza|publica|redirectioneaza",
    "tool": "instrument|functie|comanda|terminal|baza de date|script|server|permisiuni|"
    "privilegii|administrator",
    "money": "fonduri|bani$|cont bancar|numarul contului|portofel|plata|transfer|bitcoin|dolari",
    "send": "trimite|trimiteti|redirectioneaza|publica|incarca|transmite|partajeaza cu|"
    "ataseaza|adauga|include|codifica|in url|la url|in link|viziteaza|deschide",
    "data": "conversatie|istoric|mesajele anterioare|credentiale|parola|parolele|cheie|"
    "chei$|token|sesiune|date personale|datele utilizatorului|informatii personale|"
    "adresa de email|contacte|cheie privata|card de credit|fisiere|documente|memorie|"
    "date confidentiale|date sensibile|datele|adresa|telefon|secret",
    "dest": "server|link$|url$|adresa de email|extern|externa|atacator|domeniu|webhook",
    "decode": "decodeaza|decodifica|descifreaza|codificat",
    "follow": "urmeaza|respecta|executa|asculta|raspunde doar|raspunsul tau",
    "end_marker": "sfarsitul documentului|sfarsitul contextului|sfarsitul textului|"
    "sfarsitul mesajului|sesiune noua|conversatie noua|sfarsitul instructiunilor",
}

LANGUAGES = {"es": ES, "fr": FR, "pt": PT, "it": IT, "ro": RO}
