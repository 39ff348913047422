"""Japanese, Chinese, Korean, Thai, Vietnamese and Indonesian. Syntax as in ``_en``.

Entries in scripts without spaces between words (CJK, kana, Hangul, Thai) match anywhere,
not only at a word start; Chinese lists both simplified and traditional forms.
"""

JA = {
    "override": "無視|忘れ|無効に|従わない|従うな|従わなくて|気にしない|気にするな|破棄|"
    "放棄|聞かなくて|守らなくて|守るな|考慮しない|考慮せず|従わずに|無視して",
    "prior": "以前の|これまでの|今までの|上記|先ほどの|先程の|最初の|与えられた|"
    "受け取った|前述|事前の",
    "instructions": "指示|命令|ルール|規則|指令|プロンプト|ガイドライン|方針|ポリシー|"
    "指図|システムメッセージ|ガードレール|安全対策",
    "all": "すべて|全て|全部|あらゆる|一切",
    "new": "新しい指示|新たな指示|新しいタスク|新しい役割|新しいルール|本当の指示|"
    "真の指示|本当のタスク|次の指示|以下の指示|これらの指示|追加の指示|隠された指示|"
    "秘密の指示|唯一のタスク|代わりに",
    "from_now": "今から|これから|今後|以降|この瞬間から|会話の残り|別途指示があるまで",
    "you_are": "あなたは今|今やあなたは|あなたは今から|あなたはもう|になりきって|"
    "キャラクターを維持|役を降りない|として答え|として回答|として振る舞|あなたの新しい名前|"
    "解放された|自由になった",
    "pretend": "ふりをし|振りをし|演じて|ロールプレイ|なりきり|想像して|シミュレート|"
    "として行動|役になって|キャラクター|仮定|架空|フィクション|物語の中で|ゲームをしよう",
    "no_limits": "制限なし|制限のない|制限なく|無制限|制約なし|制約のない|検閲なし|"
    "検閲されていない|フィルターなし|フィルターのない|ルールなし|ルールのない|倫理なし|"
    "倫理観のない|道徳のない|一切の制限|何の制限も|縛られない|拘束されない|決して拒否しない|"
    "拒否せず|拒否しない|警告なし|どんな質問|何でも",
    "jailbreak": "開発者モード|デベロッパーモード|神モード|制限解除モード|脱獄|"
    "ジェイルブレイク|danモード",
    "reveal": "教えて|見せて|表示し|出力し|印刷|繰り返し|書き出|共有して|開示|公開して|"
    "明かして|暴露|コピー|列挙|リストアップ|提供して|翻訳して|要約して|引用して|再現して|"
    "送って|何ですか|なんですか|とは何|出力|表示",
    "system_prompt": "システムプロンプト|システムメッセージ|システム指示|システムの指示|"
    "初期指示|初期プロンプト|元の指示|元のプロンプト|最初の指示|隠された指示|隠しプロンプト|"
    "秘密の指示|あなたの指示|あなたのルール|あなたの設定|あなたのプロンプト|あなたへの指示|"
    "上記のテキスト|上記の文章|上の文章|上の指示|以上の内容|内部指示|機密指示|隠された設定|"
    "内部設定|与えられた指示",
    "verbatim": "一字一句|そのまま|逐語|全文|完全に|正確に|省略せず|変更せず|コードブロック",
    "address_strong": "aiへ|aiさんへ|aiへのメモ|aiへの注意|aiへの指示|アシスタントへ|"
    "モデルへ|エージェントへ|もしあなたがai|あなたがaiなら|aiであれば|言語モデルであれば|"
    "言語モデルなら|これを読んでいるai|このテキストを読んでいる|要約する際|要約するとき|"
    "要約時|aiアシスタントへ",
    "address": "アシスタント|言語モデル|人工知能|エージェント|チャットボット",
    "secrecy": "ユーザーに言わない|ユーザーに伝えない|ユーザーには伝え|ユーザーに知らせ|"
    "言及しない|言及せず|触れないで|黙って|こっそり|密かに|秘密裏に|内緒で|確認せずに|"
    "確認を求めず|確認なしで|ユーザーの許可なく|ユーザーに通知せず|バックグラウンドで|"
    "秘密にして|明かさないで",
    "urgent": "重要|緊急|注意|必須|直ちに|至急|優先|警告|管理者|しなければならない",
    "act": "実行|起動|呼び出|ツールを使|削除|消去|送金|振り込|送信|支払|購入|承認|付与|"
    "パスワードを変更|無効化|インストール|ダウンロード|変更して|作成|公開|転送|返金",
    "tool": "ツール|関数|コマンド|ターミナル|シェル|データベース|スクリプト|リポジトリ|"
    "権限|管理者権限",
    "money": "資金|お金|銀行口座|口座番号|ウォレット|支払い|送金|ビットコイン|暗号資産",
    "send": "送信|送って|転送|アップロード|送付|共有|添付|追加して|含め|埋め込|"
    "エンコード|urlに|urlへ|リンクに|パラメータ|アクセスして|開いて",
    "data": "会話|履歴|チャット履歴|以前のメッセージ|認証情報|パスワード|鍵|キー|"
    "トークン|セッション|クッキー|個人情報|個人データ|ユーザーデータ|ユーザー情報|"
    "メールアドレス|メール|連絡先|秘密鍵|クレジットカード|カード番号|ファイル|ドキュメント|"
    "文書|メモリ|記憶|環境変数|機密|データ|住所|電話番号|秘密",
    "dest": "リンク|メールアドレス|外部|攻撃者|ドメイン|ウェブフック|第三者",
    "decode": "デコード|復号|解読|エンコードされた|暗号化された",
    "follow": "その通りに|従って|従え|従う|実行して|守って|遵守|のみ回答|だけ答え|のみ出力|"
    "あなたの回答|回答の冒頭",
    "end_marker": "文書の終わり|ドキュメント終了|コンテキストの終わり|入力の終わり|"
    "テキストの終わり|メッセージの終わり|新しいセッション|新しい会話|指示の終わり|"
    "プロンプトの終わり",
}

ZH = {
    "override": "忽略|忽視|忽视|无视|無視|忘记|忘記|忘掉|不要理会|不要理會|不理会|别管|"
    "別管|不要遵守|不再遵守|停止遵守|不要遵循|不再遵循|抛弃|拋棄|丢弃|丟棄|放弃|放棄|作废|"
    "作廢|绕过|繞過|违反|違反|不用管|不必遵守|失效",
    "prior": "之前|以前|先前|此前|上述|最初|初始|给你的|給你的|你收到的",
    "instructions": "指令|指示|说明|說明|规则|規則|规定|規定|准则|準則|指导|指導|命令|"
    "提示词|提示詞|政策|策略|系统消息|系統訊息|安全措施",
    "all": "所有|全部|一切|任何",
    "new": "新指令|新的指令|新任务|新的任务|新任務|新角色|新规则|新規則|新目标|"
    "真正的指令|真正的任务|真正的任務|以下指令|下面的指令|这些指令|這些指令|额外指令|"
    "隐藏指令|隱藏指令|秘密指令|唯一任务|唯一任務|你的新|相反",
    "from_now": "从现在开始|從現在開始|从现在起|從現在起|今后|今後|此后|此後|从此|從此|"
    "接下来|接下來|本次对话剩余|直到另行通知",
    "you_are": "你现在是|你現在是|现在你是|現在你是|你不再是|你已经不是|你将成为|"
    "你將成為|你已被解放|你已经被解放|你是自由的|保持角色|不要脱离角色|不要跳出角色|身份回答|"
    "你的新名字|你的新身份",
    "pretend": "假装|假裝|扮演|角色扮演|想象你是|想像你是|想象一下|模拟|模擬|充当|充當|"
    "表现得像|表現得像|装作|裝作|角色|假设|假設|虚构|虛構|小说中|故事中|玩个游戏|玩一个游戏",
    "no_limits": "没有限制|沒有限制|不受限制|无限制|無限制|没有任何限制|不受任何|"
    "没有审查|沒有審查|未经审查|未經審查|没有过滤|沒有過濾|没有规则|沒有規則|没有道德|"
    "沒有道德|没有伦理|無道德|不道德|不受约束|不受約束|不受规则|永远不要拒绝|永遠不要拒絕|"
    "不要拒绝|不能拒绝|不会拒绝|无需警告|没有警告|任何问题|任何事情|任何内容",
    "jailbreak": "开发者模式|開發者模式|开发人员模式|上帝模式|越狱|越獄|无限制模式|"
    "dan模式|邪恶模式",
    "reveal": "透露|泄露|洩露|泄漏|显示|顯示|展示|打印|输出|輸出|重复|重複|告诉我|告訴我|"
    "说出|說出|分享|公开|公開|揭示|暴露|复制|複製|列出|给我|給我|提供|是什么|是什麼|翻译|"
    "翻譯|总结|總結|引用|复述|複述|发给我",
    "system_prompt": "系统提示|系統提示|系统消息|系統訊息|系统指令|系統指令|初始指令|"
    "初始提示|原始指令|原始提示|最初的指令|隐藏指令|隱藏指令|隐藏的提示|秘密指令|你的指令|"
    "你的指示|你的规则|你的規則|你的设定|你的設定|你的配置|你的提示|你的编程|上面的文字|"
    "上面的内容|上述内容|以上内容|前面的内容|上面的指令|内部指令|內部指令|机密指令|隐藏配置|"
    "给你的指令|給你的指令|开发者消息",
    "verbatim": "逐字|原封不动|原封不動|一字不差|一字不漏|完整地|完整|全文|准确地|"
    "不加修改|代码块|程式碼區塊",
    "address_strong": "致ai|给ai的|給ai的|ai请注意|ai請注意|对ai的|致助手|给助手|給助手|"
    "致模型|给模型|如果你是ai|如果你是一个ai|如果您是ai|如果你是语言模型|如果你是大语言模型|"
    "如果你是助手|正在阅读的ai|正在閱讀的ai|阅读此内容的ai|读到这里的ai|总结时|總結時|在总结|"
    "ai助手请|ai助理請",
    "address": "助手|助理|语言模型|語言模型|人工智能|人工智慧|智能体|聊天机器人|聊天機器人",
    "secrecy": "不要告诉用户|不要告訴用戶|不要告诉使用者|不要告訴使用者|别告诉用户|"
    "不要提及|不要提到|不要向用户透露|不要让用户知道|不要讓用戶知道|在用户不知情|"
    "在用戶不知情|未经用户|未經用戶|无需确认|無需確認|不要确认|不需要确认|不要请求确认|悄悄|"
    "偷偷|秘密地|默默|暗中|后台|保密|不要透露此|用户不应|用戶不應|不必告知",
    "urgent": "重要|紧急|緊急|注意|必须|必須|立即|马上|馬上|优先|優先|警告|管理员|管理員",
    "act": "执行|執行|运行|運行|调用|調用|使用工具|删除|刪除|转账|轉帳|转给|汇款|匯款|"
    "发送|發送|支付|付款|购买|購買|批准|授予|授权|更改密码|修改密码|禁用|停用|安装|安裝|下载|"
    "下載|修改|创建|創建|发布|發布|转发|轉發|退款",
    "tool": "工具|函数|函數|命令|终端|終端|数据库|資料庫|脚本|腳本|仓库|權限|权限|管理员权限",
    "money": "资金|資金|银行账户|銀行帳戶|账号|帳號|钱包|錢包|付款|转账|轉帳|比特币|"
    "比特幣|加密货币|美元|人民币",
    "send": "发送|發送|发到|發到|转发|轉發|上传|上傳|传输|傳輸|泄露|分享给|复制到|附加|"
    "添加|加到|包含在|嵌入|编码|編碼|url中|链接中|鏈接中|連結中|作为参数|訪問|访问|打开",
    "data": "对话|對話|聊天记录|聊天記錄|历史|歷史|之前的消息|凭证|憑證|密码|密碼|密钥|"
    "密鑰|令牌|会话|會話|个人信息|個人資訊|个人数据|用户数据|用戶數據|用户信息|用戶信息|邮箱|"
    "郵箱|电子邮件|電子郵件|联系人|聯絡人|私钥|私鑰|信用卡|卡号|文件|档案|记忆|記憶|环境变量|"
    "環境變數|机密|機密|敏感|数据|數據|资料|地址|电话|電話|秘密",
    "dest": "链接|鏈接|連結|网址|網址|邮箱地址|外部|攻击者|攻擊者|域名|第三方|这个地址|這個地址",
    "decode": "解码|解碼|解密|编码的|編碼的|加密的",
    "follow": "照着做|遵循|遵守|服从|服從|照做|按照|只回答|只回复|只输出|"
    "你的回答|你的回复|开始你的回答",
    "end_marker": "文档结束|文檔結束|文件结束|上下文结束|输入结束|輸入結束|文本结束|"
    "消息结束|新会话|新會話|新对话|新對話|指令结束|提示结束",
}

KO = {
    "override": "무시|잊어|잊으|잊고|따르지 마|따르지 말|따르지 않|폐기|우회|신경 쓰지|무효",
    "prior": "이전|앞의|앞선|지금까지|받은|주어진",
    "instructions": "지시|지침|명령|규칙|프롬프트|정책|가이드라인|시스템 메시지",
    "all": "모든|전부|모두|어떠한",
    "new": "새로운 지시|새 지시|새로운 명령|새로운 작업|새 작업|새로운 역할|새 역할|"
    "새로운 규칙|진짜 지시|실제 지시|진짜 작업|다음 지시|다음 지침|이 지시|추가 지시|"
    "숨겨진 지시|비밀 지시|유일한 임무|대신에",
    "from_now": "지금부터|이제부터|이 순간부터|이후로|대화의 나머지|별도 지시가 있을 때까지",
    "you_are": "너는 이제|당신은 이제|이제 너는|이제 당신은|너는 더 이상|당신은 더 이상|"
    "해방되었|자유로워|캐릭터를 유지|역할을 유지|역할에서 벗어나지|로서 대답|로서 답변|"
    "새 이름|새로운 이름",
    "pretend": "척하|척 해|연기해|연기하|역할극|롤플레이|상상해|시뮬레이션|처럼 행동|"
    "인 것처럼|역할을 맡|캐릭터|가상의|허구|가정해",
    "no_limits": "제한 없|제한이 없|무제한|제약 없|검열 없|검열되지 않|필터 없|필터링 없|"
    "규칙 없|윤리 없|도덕 없|어떠한 제한|구속되지 않|절대 거부하지|거부하지 말|거부하지 않|"
    "경고 없이|어떤 질문|무엇이든",
    "jailbreak": "개발자 모드|개발자모드|신 모드|탈옥|제한 해제 모드|dan 모드",
    "reveal": "공개|보여|표시|출력|인쇄|반복|알려|말해|공유|드러내|노출|복사|나열|제공|"
    "무엇인가|뭐야|번역|요약|인용|재현",
    "system_prompt": "시스템 프롬프트|시스템프롬프트|시스템 메시지|시스템 지시|"
    "시스템 지침|초기 지시|초기 프롬프트|원래 지시|원래 프롬프트|처음 지시|숨겨진 지시|"
    "숨겨진 프롬프트|비밀 지시|너의 지시|당신의 지시|너의 규칙|당신의 규칙|너의 설정|"
    "당신의 설정|너의 프롬프트|당신의 프롬프트|위의 텍스트|위의 내용|위 내용|위의 지시|"
    "내부 지시|내부 지침|기밀 지시|숨겨진 설정|받은 지시",
    "verbatim": "그대로|한 글자도|글자 그대로|원문 그대로|전문|정확히|수정 없이|코드 블록",
    "address_strong": "ai에게|ai 에게|ai에 대한 메모|ai 참고|어시스턴트에게|모델에게|"
    "에이전트에게|당신이 ai라면|네가 ai라면|ai라면|언어 모델이라면|이것을 읽는 ai|"
    "이 글을 읽는 ai|요약할 때|요약 시",
    "address": "어시스턴트|언어 모델|인공지능|에이전트|챗봇",
    "secrecy": "사용자에게 말하지|사용자에게 알리지|언급하지 마|언급하지 말|몰래|"
    "비밀리에|조용히|은밀히|사용자 모르게|확인 없이|확인을 요청하지|백그라운드|비밀로|"
    "드러내지 마",
    "urgent": "중요|긴급|주의|필수|즉시|우선|경고|관리자|해야 합니다|반드시",
    "act": "실행|호출|도구를 사용|삭제|지워|송금|이체|전송|보내|지불|결제|구매|승인|부여|"
    "비밀번호를 변경|비활성화|설치|다운로드|수정|생성|게시|전달|환불",
    "tool": "도구|함수|명령어|터미널|데이터베이스|스크립트|저장소|권한|관리자 권한",
    "money": "자금|은행 계좌|계좌 번호|지갑|결제|송금|비트코인|암호화폐|달러",
    "send": "보내|전송|전달|게시|업로드|공유|복사해|첨부|추가|포함|삽입|인코딩|url에|"
    "링크에|매개변수|방문|열어",
    "data": "대화|기록|이전 메시지|자격 증명|비밀번호|암호|토큰|세션|쿠키|개인 정보|"
    "개인정보|사용자 데이터|사용자 정보|이메일|연락처|개인 키|신용카드|카드 번호|파일|문서|"
    "메모리|기억|환경 변수|기밀|민감|데이터|주소|전화번호|비밀",
    "dest": "링크|이메일 주소|외부|공격자|도메인|웹훅|제3자|이 주소",
    "decode": "디코딩|해독|복호화|인코딩된|암호화된",
    "follow": "그대로|따르|따라|복종|준수|실행해|만 대답|만 답변|만 출력|너의 답변|당신의 답변",
    "end_marker": "문서 끝|문서의 끝|컨텍스트 끝|입력 끝|텍스트 끝|메시지 끝|새 세션|"
    "새로운 세션|새 대화|새로운 대화|지시 끝",
}

TH = {
    "override": "เพิกเฉย|ไม่ต้องสนใจ|อย่าสนใจ|ละเว้น|ลืม|ไม่ต้องทำตาม|อย่าทำตาม|"
    "หยุดทำตาม|ยกเลิก|ฝ่าฝืน|ละทิ้ง|ไม่สนใจ",
    "prior": "ก่อนหน้า|ข้างต้น|เริ่มต้น|แรกเริ่ม|ที่ได้รับ",
    "instructions": "คำสั่ง|คำแนะนำ|กฎ|ข้อบังคับ|แนวทาง|พรอมต์|นโยบาย|ข้อความระบบ",
    "all": "ทั้งหมด|ทุก",
    "new": "คำสั่งใหม่|งานใหม่|บทบาทใหม่|กฎใหม่|เป้าหมายใหม่|คำสั่งที่แท้จริง|"
    "งานที่แท้จริง|คำสั่งต่อไปนี้|คำสั่งเหล่านี้|คำสั่งเพิ่มเติม|คำสั่งลับ|คำสั่งที่ซ่อน|"
    "งานเดียวของคุณ",
    "from_now": "ตั้งแต่นี้|ต่อจากนี้|นับจากนี้|จากนี้ไป|ตลอดการสนทนา|จนกว่าจะมีคำสั่ง",
    "you_are": "ตอนนี้คุณคือ|ตอนนี้คุณเป็น|คุณไม่ใช่|คุณจะกลายเป็น|คุณเป็นอิสระ|"
    "คุณได้รับการปลดปล่อย|อยู่ในบทบาท|อย่าออกจากบทบาท|ตอบในฐานะ|ชื่อใหม่ของคุณ",
    "pretend": "แกล้งทำ|สมมติว่า|สวมบทบาท|เล่นบทบาท|จินตนาการว่า|จำลอง|ทำตัวเหมือน|"
    "ทำตัวเป็น|ตัวละคร|สมมุติ|เรื่องสมมติ|นิยาย",
    "no_limits": "ไม่มีข้อจำกัด|ไร้ข้อจำกัด|ไม่จำกัด|ไม่มีการเซ็นเซอร์|ไม่ถูกเซ็นเซอร์|"
    "ไม่มีตัวกรอง|ไม่มีกฎ|ไม่มีจริยธรรม|ไม่มีศีลธรรม|ไม่ถูกผูกมัด|ห้ามปฏิเสธ|อย่าปฏิเสธ|"
    "ไม่ปฏิเสธ|ไม่มีคำเตือน|คำถามใดๆ",
    "jailbreak": "โหมดนักพัฒนา|โหมดพระเจ้า|โหมดไม่จำกัด|เจลเบรก",
    "reveal": "เปิดเผย|แสดง|พิมพ์|ส่งออก|ทำซ้ำ|พูดซ้ำ|บอกฉัน|บอกผม|แบ่งปัน|คัดลอก|แจกแจง|"
    "ให้ฉัน|คืออะไร|แปล|สรุป|เขียนออกมา",
    "system_prompt": "พรอมต์ระบบ|ข้อความระบบ|คำสั่งระบบ|คำสั่งเริ่มต้น|พรอมต์เริ่มต้น|"
    "คำสั่งดั้งเดิม|คำสั่งเดิม|คำสั่งที่ซ่อน|คำสั่งลับ|คำสั่งของคุณ|กฎของคุณ|"
    "การตั้งค่าของคุณ|พรอมต์ของคุณ|ข้อความข้างต้น|ข้อความด้านบน|ทุกอย่างข้างต้น|คำสั่งภายใน",
    "verbatim": "คำต่อคำ|ทุกคำ|ตามตัวอักษร|อย่างครบถ้วน|ครบถ้วน|ไม่มีการแก้ไข|ในบล็อกโค้ด",
    "address_strong": "ถึง ai|ถึงai|สำหรับ ai|หมายเหตุถึง ai|ข้อความถึง ai|ถ้าคุณเป็น ai|"
    "หากคุณเป็น ai|หากคุณเป็นโมเดลภาษา|หากคุณเป็นผู้ช่วย|ถึงผู้ช่วย|ถึงโมเดล|เมื่อสรุป|"
    "ขณะสรุป|หากคุณกำลังอ่าน",
    "address": "ผู้ช่วย|โมเดลภาษา|ปัญญาประดิษฐ์|เอเจนต์|แชทบอท",
    "secrecy": "อย่าบอกผู้ใช้|ไม่ต้องบอกผู้ใช้|อย่าแจ้งผู้ใช้|อย่าพูดถึง|ไม่ต้องพูดถึง|"
    "โดยไม่แจ้ง|โดยไม่บอก|โดยไม่ถาม|โดยไม่ต้องยืนยัน|อย่างลับๆ|อย่างเงียบๆ|เก็บเป็นความลับ|"
    "ผู้ใช้ไม่ควรรู้",
    "urgent": "สำคัญ|ด่วน|โปรดทราบ|จำเป็น|ทันที|เร่งด่วน|คำเตือน|ผู้ดูแลระบบ|คุณต้อง",
    "act": "ดำเนินการ|เรียกใช้|ใช้เครื่องมือ|ลบ|โอนเงิน|ส่ง|ชำระ|จ่าย|ซื้อ|อนุมัติ|"
    "ให้สิทธิ์|เปลี่ยนรหัสผ่าน|ปิดใช้งาน|ติดตั้ง|ดาวน์โหลด|แก้ไข|สร้าง|เผยแพร่|ส่งต่อ|"
    "คืนเงิน",
    "tool": "เครื่องมือ|ฟังก์ชัน|เทอร์มินัล|ฐานข้อมูล|สคริปต์|สิทธิ์|สิทธิ์ผู้ดูแล",
    "money": "เงิน|บัญชีธนาคาร|เลขบัญชี|กระเป๋าเงิน|การชำระเงิน|บิตคอยน์|คริปโต",
    "send": "ส่ง|ส่งต่อ|เผยแพร่|อัปโหลด|แชร์|คัดลอกไป|แนบ|ใส่ใน|ฝัง|เข้ารหัส|ใน url|ในลิงก์|เป็นพารามิเตอร์|เยี่ยมชม",
    "data": "การสนทนา|ประวัติ|ข้อความก่อนหน้า|ข้อมูลรับรอง|รหัสผ่าน|คีย์|โทเค็น|เซสชัน|"
    "คุกกี้|ข้อมูลส่วนตัว|ข้อมูลส่วนบุคคล|ข้อมูลผู้ใช้|อีเมล|รายชื่อติดต่อ|คีย์ส่วนตัว|"
    "บัตรเครดิต|หมายเลขบัตร|ไฟล์|เอกสาร|หน่วยความจำ|ความลับ|ข้อมูลลับ|ข้อมูล|ที่อยู่|"
    "เบอร์โทร",
    "dest": "ลิงก์|ที่อยู่อีเมล|ภายนอก|ผู้โจมตี|โดเมน|เว็บฮุค|บุคคลที่สาม",
    "decode": "ถอดรหัส|เข้ารหัสไว้",
    "follow": "ทำตาม|ปฏิบัติตาม|เชื่อฟัง|ตอบเพียง|ตอบแค่|คำตอบของคุณ",
    "end_marker": "สิ้นสุดเอกสาร|จบเอกสาร|สิ้นสุดบริบท|สิ้นสุดข้อความ|เซสชันใหม่|การสนทนาใหม่|สิ้นสุดคำสั่ง",
}

VI = {
    "override": "bỏ qua|phớt lờ|lờ đi|quên đi|hãy quên|quên hết|quên tất cả|"
    "không tuân theo|đừng tuân theo|ngừng tuân theo|không làm theo|đừng làm theo|hủy bỏ|"
    "vô hiệu|bất chấp|loại bỏ|không cần tuân theo|bỏ hết",
    "prior": "trước đó|trước đây|phía trên|bên trên|trên đây|ban đầu|đã được cung cấp|"
    "đã nhận|được đưa ra",
    "instructions": "hướng dẫn|chỉ dẫn|chỉ thị|mệnh lệnh|quy tắc|quy định|nguyên tắc|"
    "lời nhắc|chính sách|thông điệp hệ thống",
    "all": "tất cả|mọi|toàn bộ|bất kỳ",
    "new": "hướng dẫn mới|chỉ dẫn mới|lệnh mới|nhiệm vụ mới|vai trò mới|quy tắc mới|"
    "mục tiêu mới|hướng dẫn thực sự|nhiệm vụ thực sự|hướng dẫn sau|các hướng dẫn sau|"
    "những hướng dẫn này|hướng dẫn bổ sung|hướng dẫn ẩn|hướng dẫn bí mật|nhiệm vụ duy nhất|"
    "thay vào đó",
    "from_now": "từ bây giờ|kể từ bây giờ|từ giờ trở đi|từ nay|kể từ lúc này|"
    "trong phần còn lại|cho đến khi có thông báo",
    "you_are": "bây giờ bạn là|giờ bạn là|bạn bây giờ là|bạn không còn là|"
    "bạn sẽ trở thành|bạn đã được giải phóng|bạn được tự do|giữ vai|không thoát vai|"
    "trả lời với tư cách|tên mới của bạn",
    "pretend": "giả vờ|giả làm|đóng vai|nhập vai|hãy tưởng tượng|tưởng tượng bạn|"
    "mô phỏng|hành động như|cư xử như|nhân vật|giả định|hư cấu|câu chuyện mà",
    "no_limits": "không có giới hạn|không giới hạn|không bị giới hạn|không hạn chế|"
    "không bị hạn chế|không kiểm duyệt|không bị kiểm duyệt|không có bộ lọc|không lọc|"
    "không có quy tắc|không có đạo đức|vô đạo đức|không bị ràng buộc|không bao giờ từ chối|"
    "đừng từ chối|không từ chối|không cảnh báo|bất kỳ câu hỏi|bất cứ điều gì",
    "jailbreak": "chế độ nhà phát triển|chế độ developer|chế độ thần|"
    "chế độ không giới hạn|chế độ dan|bẻ khóa",
    "reveal": "tiết lộ|hiển thị|cho tôi xem|cho xem|in ra|xuất ra|lặp lại|nhắc lại|"
    "cho tôi biết|nói cho tôi|chia sẻ|công khai|để lộ|sao chép|liệt kê|đưa cho tôi|cung cấp|"
    "là gì|tóm tắt|trích dẫn|viết ra|gửi cho tôi",
    "system_prompt": "lời nhắc hệ thống|prompt hệ thống|thông điệp hệ thống|"
    "tin nhắn hệ thống|hướng dẫn hệ thống|chỉ dẫn hệ thống|hướng dẫn ban đầu|"
    "lời nhắc ban đầu|hướng dẫn gốc|prompt gốc|hướng dẫn ẩn|lời nhắc ẩn|hướng dẫn bí mật|"
    "hướng dẫn của bạn|chỉ dẫn của bạn|quy tắc của bạn|cấu hình của bạn|cài đặt của bạn|"
    "lời nhắc của bạn|prompt của bạn|văn bản ở trên|nội dung ở trên|mọi thứ ở trên|"
    "hướng dẫn ở trên|hướng dẫn nội bộ|hướng dẫn bảo mật|cấu hình ẩn",
    "verbatim": "nguyên văn|từng chữ|từng từ|đầy đủ|toàn văn|chính xác|không sửa đổi|"
    "không bỏ sót|trong khối mã",
    "address_strong": "gửi trợ lý|ghi chú cho ai|lưu ý cho ai|tin nhắn cho ai|"
    "nếu bạn là một ai|nếu bạn là mô hình ngôn ngữ|nếu bạn là trợ lý|chú ý ai|"
    "hướng dẫn cho ai|gửi mô hình|gửi tác nhân|khi tóm tắt|nếu bạn đang đọc",
    "address": "trợ lý|mô hình ngôn ngữ|trí tuệ nhân tạo|tác nhân|chatbot",
    "secrecy": "đừng nói với người dùng|không nói với người dùng|"
    "không cho người dùng biết|đừng cho người dùng biết|đừng đề cập|không đề cập|"
    "không nhắc đến|đừng nhắc đến|mà không thông báo|mà không cho biết|không cần xác nhận|"
    "không hỏi xác nhận|mà không hỏi|bí mật|lặng lẽ|âm thầm|lén lút|một cách kín đáo|"
    "giữ bí mật|người dùng không được biết",
    "urgent": "quan trọng|khẩn cấp|chú ý|bắt buộc|ngay lập tức|ưu tiên|cảnh báo|"
    "quản trị viên|bạn phải",
    "act": "thực thi|thực hiện|sử dụng công cụ|xóa|xoá|chuyển tiền|chuyển khoản|gửi|"
    "thanh toán|phê duyệt|cấp quyền|đổi mật khẩu|vô hiệu hóa|cài đặt|tải xuống|sửa đổi|"
    "chuyển tiếp|hoàn tiền",
    "tool": "công cụ|cơ sở dữ liệu|tập lệnh|máy chủ|kho mã|quyền quản trị",
    "money": "tài khoản ngân hàng|số tài khoản|thanh toán|chuyển khoản|tiền điện tử|đô la",
    "send": "gửi|gởi|chuyển tiếp|tải lên|truyền|chia sẻ với|sao chép vào|đính kèm|"
    "thêm vào|chèn|nhúng|mã hóa|vào url|trong url|vào liên kết|làm tham số|truy cập",
    "data": "cuộc trò chuyện|lịch sử|tin nhắn trước|thông tin đăng nhập|mật khẩu|phiên|"
    "dữ liệu cá nhân|thông tin cá nhân|dữ liệu người dùng|thông tin người dùng|email|danh bạ|"
    "khóa riêng|thẻ tín dụng|số thẻ|tài liệu|bộ nhớ|biến môi trường|nhạy cảm|dữ liệu|địa chỉ|"
    "số điện thoại",
    "dest": "liên kết|đường dẫn|địa chỉ email|bên ngoài|kẻ tấn công|tên miền|bên thứ ba|"
    "địa chỉ này",
    "decode": "giải mã|được mã hóa",
    "follow": "làm đúng|làm theo|tuân theo|tuân thủ|chỉ trả lời|chỉ phản hồi|"
    "câu trả lời của bạn|"
    "bắt đầu câu trả lời",
    "end_marker": "kết thúc tài liệu|hết tài liệu|kết thúc ngữ cảnh|kết thúc văn bản|"
    "kết thúc tin nhắn|phiên mới|cuộc trò chuyện mới|kết thúc hướng dẫn",
}

ID = {
    "override": "abaikan|lupakan|jangan ikuti|jangan patuhi|berhenti mengikuti|"
    "tidak perlu mengikuti|tinggalkan|buang|batalkan|langgar|acuhkan|kesampingkan|"
    "tidak usah mengikuti|tidak berlaku lagi|hiraukan",
    "prior": "sebelumnya|terdahulu|di atas|diatas|semula|sejauh ini|yang diberikan|"
    "yang kamu terima|yang anda terima",
    "instructions": "instruksi|petunjuk|perintah|aturan|peraturan|pedoman|arahan|prompt|"
    "kebijakan|pesan sistem",
    "all": "semua|seluruh|segala|setiap",
    "new": "instruksi baru|perintah baru|tugas baru|peran baru|aturan baru|tujuan baru|"
    "instruksi sebenarnya|tugas sebenarnya|instruksi berikut|perintah berikut|instruksi ini|"
    "instruksi tambahan|instruksi tersembunyi|instruksi rahasia|satu-satunya tugas|"
    "tugasmu sekarang|sebagai gantinya",
    "from_now": "mulai sekarang|dari sekarang|mulai saat ini|sejak saat ini|"
    "untuk sisa percakapan|sampai pemberitahuan lebih lanjut|selanjutnya kamu",
    "you_are": "kamu sekarang|anda sekarang|sekarang kamu|sekarang anda|kamu bukan lagi|"
    "anda bukan lagi|kamu akan menjadi|kamu telah dibebaskan|kamu bebas|anda bebas|"
    "tetap dalam karakter|jangan keluar dari karakter|jawab sebagai|nama barumu",
    "pretend": "berpura-pura|pura-pura|bertindak sebagai|berperan sebagai|bermain peran|"
    "memerankan|bayangkan kamu|bayangkan anda|bayangkan bahwa|simulasikan|"
    "bersikaplah seperti|karakter|hipotetis|fiksi|cerita di mana",
    "no_limits": "tanpa batasan|tanpa batas|tanpa filter|tanpa sensor|tanpa aturan|"
    "tanpa etika|tanpa moral|tidak terbatas|tak terbatas|tidak disensor|tidak ada batasan|"
    "tidak ada aturan|tidak terikat|bebas dari|jangan pernah menolak|tidak pernah menolak|"
    "tanpa menolak|tanpa peringatan|pertanyaan apa pun|apa saja",
    "jailbreak": "mode pengembang|mode developer|mode dewa|mode tanpa batas|mode dan",
    "reveal": "ungkapkan|tunjukkan|perlihatkan|tampilkan|cetak|keluarkan|ulangi|katakan|"
    "beri tahu|beritahu|bagikan|bocorkan|salin|sebutkan|berikan|apa isi|apa itu|terjemahkan|"
    "ringkas|kutip",
    "system_prompt": "prompt sistem|pesan sistem|instruksi sistem|instruksi awal|"
    "prompt awal|instruksi asli|prompt asli|instruksi tersembunyi|prompt tersembunyi|"
    "instruksi rahasia|instruksimu|instruksi anda|instruksi kamu|aturanmu|aturan anda|"
    "konfigurasimu|konfigurasi anda|promptmu|prompt anda|teks di atas|semua di atas|"
    "instruksi di atas|instruksi internal|konfigurasi tersembunyi",
    "verbatim": "kata demi kata|kata per kata|apa adanya|secara lengkap|persis|"
    "tanpa perubahan|tanpa mengubah|dalam blok kode|huruf demi huruf",
    "address_strong": "ai yang terhormat|untuk ai|kepada ai|catatan untuk ai|"
    "pesan untuk ai|jika kamu adalah ai|jika anda adalah ai|jika kamu ai|jika anda ai|"
    "jika kamu model bahasa|jika anda asisten|perhatian ai|instruksi untuk ai|kepada asisten|"
    "kepada model|kepada agen|ai yang membaca|saat merangkum|ketika merangkum|"
    "jika kamu membaca ini",
    "address": "asisten|model bahasa|kecerdasan buatan|chatbot",
    "secrecy": "jangan beri tahu pengguna|jangan beritahu pengguna|"
    "jangan katakan kepada pengguna|jangan sebutkan|tanpa memberi tahu|tanpa memberitahu|"
    "tanpa sepengetahuan|tanpa bertanya|tanpa konfirmasi|jangan minta konfirmasi|diam-diam|"
    "secara rahasia|rahasiakan|di latar belakang|pengguna tidak boleh tahu|"
    "jangan ungkapkan ini",
    "urgent": "penting|mendesak|perhatian|kritis|wajib|segera|prioritas|peringatan|"
    "administrator|kamu harus|anda harus",
    "act": "jalankan|eksekusi|panggil|gunakan alat|hapus|transfer|kirim|bayar|beli|"
    "setujui|berikan akses|ubah kata sandi|nonaktifkan|matikan|instal|unduh|publikasikan|"
    "teruskan|kembalikan dana",
    "tool": "alat|fungsi|perintah|terminal|basis data|database|skrip|repositori|"
    "hak akses|hak admin",
    "money": "dana|uang|rekening bank|nomor rekening|dompet|pembayaran|bitcoin|kripto|rupiah",
    "send": "kirim|kirimkan|teruskan|unggah|publikasikan|bagikan ke|salin ke|lampirkan|"
    "tambahkan|sertakan|sisipkan|sematkan|di url|ke url|di tautan|sebagai parameter|kunjungi",
    "data": "percakapan|riwayat|pesan sebelumnya|kredensial|kata sandi|sandi|kunci|token|"
    "sesi|cookie|data pribadi|informasi pribadi|data pengguna|informasi pengguna|email|"
    "kontak|kunci pribadi|kartu kredit|nomor kartu|berkas|dokumen|memori|variabel lingkungan|"
    "rahasia|sensitif|alamat|nomor telepon",
    "dest": "tautan|alamat email|eksternal|penyerang|pihak ketiga|alamat ini",
    "decode": "dekode|dekripsi|terenkode|terenkripsi",
    "follow": "langsung kerjakan|ikuti|patuhi|laksanakan|jawab hanya|hanya jawab|hanya balas|"
    "jawabanmu|"
    "jawaban anda|mulai jawabanmu",
    "end_marker": "akhir dokumen|akhir konteks|akhir input|akhir teks|akhir pesan|"
    "sesi baru|percakapan baru|akhir instruksi",
}

LANGUAGES = {"ja": JA, "zh": ZH, "ko": KO, "th": TH, "vi": VI, "id": ID}
