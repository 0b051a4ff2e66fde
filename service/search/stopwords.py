"""Function words of the ten languages (articles, pronouns, prepositions, question words, auxiliaries).

In a directory of a few dozen entries such words are rare enough to look meaningful ("what", "my", "with"), so a
query word that is one of them counts only a little; it still counts, so a query of nothing else finds something.
"""

from __future__ import annotations

from service.search.normalize import tokens

_WORDS = {
    "de": """der die das den dem des ein eine einen einem einer eines und oder aber auch nicht kein keine keinen
        ich du er sie es wir ihr mich mir dich dir uns euch sich mein meine meinen meinem meiner dein deine sein
        seine seinen ihr ihre ihren unser unsere mit von zu zum zur bei beim für fur in im an am auf aus nach vor
        über uber unter um bis ohne gegen durch wie was wer wo wann warum welche welcher welches wieviel wohin
        woher ist sind bin bist war hat habe hast haben hab kann können kannst muss müssen soll will möchte mochte
        brauche brauchen gibt es da hier so sehr viel noch schon nur mal bitte ja nein wenn dass weil ob""",
    "en": """the a an and or but not no yes i me my mine you your he him his she her it its we us our they them
        their with without of to for in on at by from about into over under after before how what who where when
        why which is are am was were be been has have had do does did can could must should would will need want
        please there here this that these those so very much many some any just also only if because""",
    "tr": """ve veya ile ama fakat de da ki bu şu o bir ben sen biz siz onlar benim senin onun bizim sizin için
        gibi kadar çok az daha en ne nasıl nerede nereye neden niçin kim hangi kaç var yok mi mı mu mü değil ise
        lütfen evet hayır her şey""",
    "ar": """في من الى إلى على عن مع هذا هذه ذلك تلك هو هي هم هن انا أنا انت أنت نحن انتم أنتم لي لك له لها لنا
        لهم ما ماذا كيف اين أين متى لماذا هل من كم اي أي و او أو ثم لا لم لن ليس ليست عند بعد قبل كل بعض جدا
        يوجد كان كانت يكون الذي التي الذين ان أن إن قد""",
    "uk": """і й та а але або не ні так я ти він вона воно ми ви вони мене мені мій моя моє мої твій твоя наш ваш
        їх його її з із зі у в на до від для про по при за під над між без через як що хто де коли чому який яка
        яке які скільки чи це цей ця ті тут там є був була було були буде можна треба дуже ще вже тільки будь
        ласка""",
    "ru": """и а но или не нет да я ты он она оно мы вы они меня мне мой моя моё мои твой твоя наш ваш их его её
        с со у в во на до от для про по при за под над между без через как что кто где когда почему какой какая
        какое какие сколько ли это этот эта эти тут там есть был была было были будет можно нужно надо очень ещё
        уже только пожалуйста""",
    "pl": """i a ale lub albo nie tak ja ty on ona ono my wy oni mnie mi mój moja moje moi twój nasz wasz ich jego
        jej z ze w we na do od dla o po przy za pod nad między bez przez jak co kto gdzie kiedy dlaczego jaki
        jaka jakie ile czy to ten ta te tu tam jest są był była było będzie można trzeba bardzo jeszcze już tylko
        proszę się sie""",
    "ro": """și si sau dar nu da eu tu el ea noi voi ei ele mă ma mi meu mea mei mele tău tau nostru vostru lor lui
        ei cu de la în in pe din pentru despre prin sub peste fără fara după dupa înainte cum ce cine unde când
        cand de ce care cât cat cați este sunt e era am ai are avem aveți au pot poate trebuie foarte mai doar vă
        va vă rog un o unui unei""",
    "fa": """و یا اما به از با در برای تا که این آن اون این ها من تو او ما شما آنها اونا مرا منو مال چه چی چطور
        چگونه کجا کی چرا کدام چند آیا هست است هستم نیست نه بله خیلی هم فقط یک بعد قبل روی زیر پیش را رو
        می میخواهم باید""",
    "ku": """û an lê ne na erê ez tu ew em hûn min te wî wê me we wan bi ji li bo ji bo di de ve re ser bin nav ku
        çi kî çawa li ku kengî çima kîjan çend ev ew e ye in im î bû heye tune gelek pir jî tenê ka ji kerema
        xwe""",
}

# "I need", "I want", "looking for": they ask, but say nothing about what
_NEED = """brauchen brauchst benötige benötigen suche suchen | needs wanted looking |
    ihtiyacım ihtiyaç lazım istiyorum | أحتاج احتاج نحتاج بحاجة محتاج أريد اريد |
    потрібна потрібен потрібно потрібні хочу | нужна нужен нужно нужны хочу | potrzebuję potrzebna potrzebny chcę |
    nevoie vreau | نیاز دارم میخوام می‌خواهم لازم | pêwîst hewce dixwazim"""

STOPWORDS: frozenset[str] = frozenset(word for text in (*_WORDS.values(), _NEED) for word in tokens(text))
STOPWORD_SHARE = 0.2  # how much a function word counts against a content word of the same rarity
