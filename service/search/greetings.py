"""Hello and thank you in the ten languages: such a message gets a greeting and the menu, not a search."""

from __future__ import annotations

from service.search.normalize import tokens
from service.search.stopwords import STOPWORDS

# Whole greetings (folded before use); single words among them may also be repeated or combined ("hi, danke").
_PHRASES = {
    "de": """hallo | hi | hey | huhu | moin | servus | guten tag | guten morgen | guten abend | hallo zusammen |
        grüß gott | gruss gott | danke | danke schön | danke sehr | vielen dank | vielen lieben dank | dankeschön |
        tschüss | tschüs | auf wiedersehen | bis bald | alles klar | ok | okay | super""",
    "en": """hello | hi | hey | hello there | hi there | good morning | good afternoon | good evening | thanks |
        thank you | thank you very much | thanks a lot | many thanks | bye | goodbye | ok | okay | great""",
    "tr": """merhaba | selam | selamlar | selamün aleyküm | günaydın | iyi günler | iyi akşamlar | teşekkürler |
        teşekkür ederim | çok teşekkürler | çok teşekkür ederim | sağ ol | sağol | sağolun | eyvallah |
        hoşça kal | görüşürüz | tamam""",
    "ar": """مرحبا | مرحباً | اهلا | أهلا | أهلاً | اهلا وسهلا | أهلا وسهلا | السلام عليكم | سلام | صباح الخير |
        مساء الخير | شكرا | شكراً | شكرا جزيلا | شكراً جزيلاً | مشكور | الف شكر | ألف شكر | مع السلامة""",
    "uk": """привіт | вітаю | добрий день | доброго дня | добрий ранок | доброго ранку | добрий вечір | дякую |
        дуже дякую | щиро дякую | спасибі | до побачення | бувай | добре""",
    "ru": """привет | здравствуйте | здравствуй | добрый день | доброе утро | добрый вечер | спасибо |
        большое спасибо | благодарю | до свидания | пока | хорошо""",
    "pl": """cześć | czesc | dzień dobry | dobry wieczór | witam | siema | hej | dziękuję | dzięki |
        bardzo dziękuję | do widzenia | na razie | dobrze""",
    "ro": """bună | buna | bună ziua | buna ziua | salut | salutare | bună dimineața | bună seara | mulțumesc |
        multumesc | mulțumesc mult | mersi | la revedere | pa | bine""",
    "fa": """سلام | درود | سلام علیکم | صبح بخیر | عصر بخیر | شب بخیر | روز بخیر | خسته نباشید | مرسی | ممنون |
        ممنونم | متشکرم | سپاس | سپاسگزارم | خیلی ممنون | خداحافظ""",
    "ku": """silav | slav | merheba | rojbaş | roj baş | êvarbaş | êvar baş | spas | gelek spas | zor spas |
        sipas | xatirê te | bi xatirê te | baş e""",
}

PHRASES: frozenset[str] = frozenset(  # words sorted: "спасибо большое" = "большое спасибо"
    " ".join(sorted(tokens(phrase))) for text in _PHRASES.values() for phrase in text.split("|") if tokens(phrase))
# Single-word greetings: dropped from a query that also asks something ("Hallo, ich brauche Hilfe").
WORDS: frozenset[str] = frozenset(phrase for phrase in PHRASES if " " not in phrase)
_FILLERS = STOPWORDS | {"liebe", "lieber", "dear", "all", "everyone", "zusammen", "ihnen", "dir", "euch"}


def is_greeting(words: list[str]) -> bool:
    """A message of nothing but greetings or thanks (with function words around them)."""
    if " ".join(sorted(words)) in PHRASES:
        return True
    rest = [word for word in words if word not in _FILLERS or word in WORDS]
    if not rest:
        return False
    return " ".join(sorted(rest)) in PHRASES or all(word in WORDS for word in rest)


def without_greetings(words: list[str]) -> list[str]:
    """The words of a message that asks something, without the greeting around it."""
    kept = [word for word in words if word not in WORDS]
    return kept or words
