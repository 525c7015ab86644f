"""Dialect words read as standard Hindi, for the crisis screen (issue 15).

Members write Hindi as it is spoken at home: Bhojpuri, Awadhi, Bundeli, Rajasthani and Haryanvi
in Devanagari ("गंगा जी में आज डूब जाएब", "हमरा बिना घर वाला खुश रहिहें"), Punjabi in Latin letters
("mar javan ta changa", "mainu hor jeena hi nahi"). The crisis lexicon is written for standard
Hindi and Hinglish, and rules read from one dialect's sets did not carry to the next set of that
dialect (hishort26, hishort29, hishort30 Bhojpuri at 0.73, 0.73 and 0.67; hgshort35, hgshort36,
hgshort38 Punjabi at 0.76, 0.67 and 0.60, each scored before it was read). The grammar carries
where phrases do not: the words that differ are a closed set (pronouns, the copula, case endings,
the future and past endings of verbs), so ``standard_hindi`` replaces each such word with its
standard Hindi form, and the screen reads that text when the message's own reading found nothing
(``other_script.other_readings``).

The tables hold grammar words, not phrases from any set. A word is listed only where the
standard reading is the common one in chat; words that are ordinary Hindi with another meaning
("हम" is kept: "we" and "I"; "se" is "from" in Hindi and "is" in Haryanvi) are left out. Punjabi
"hun" (now) is read as "ab" though chat Hindi spells "hoon" so too: the reading is only made when
the message's own reading found nothing, so "main theek hun" has already been read as Hindi.
Punjabi "di", "de" and "aa" are left as they are: in chat Hindi they are "gave", "give" and
"come" ("kar di", "aa gaya"), and reading them as "ki", "ke" and "hai" made "saari dawaiya ek
saath set kar di" (a pill organiser filled) read as a plan. "si" is "tha" only after a Punjabi
imperfective ("cutting karda si": the past that a recovery is read against), not in "thodi si".
"""

from __future__ import annotations

import re

from cogs.screening.language import latin_language, looks_english
from cogs.screening.romanise import DEVANAGARI

__all__ = ["standard_hindi"]


def _table(text: str) -> dict[str, str]:
    """``standard: dialect dialect ...`` lines, read as {dialect word: standard form} ("_" in a
    standard form is a space)."""
    table: dict[str, str] = {}
    for line in text.strip().splitlines():
        standard, _, dialect = line.partition(":")
        for word in dialect.split():
            table[word] = standard.strip().replace("_", " ")
    return table


# Punjabi and Haryanvi written in Latin letters, to chat Hinglish.
_PUNJABI = _table(
    """
    mujhe: mainu mennu menu mynu mannu manne
    tujhe: tainu
    humko: sanu sannu
    aapko: tuhanu
    aap: tusi tussi
    aapka: tuhada
    ko: nu
    se: ton tou
    ka: da
    mein: ch vich wich
    aur: hor
    to: ta taan tan
    accha: changa
    acchi: changi
    chahiye: chahida chahidi chahide
    jaun: javan jaavan jawan jawaan
    rahun: rahan rawan
    hota: hovan hova
    karne: karan
    liya: leya lya
    kiya: kitta kita
    raha: reha ra rya
    keh_rahi: kehri
    wale: aale
    lo: lyo
    jaaye: jave jaave
    jalaya: sadya
    lagayi: laayi
    milti: mildi
    jeene: jeen
    ke_liye: khatir layi
    hoon: haan su
    nahi: ni nai
    sochti: sochdi
    sochta: sochda
    lagta: lagda
    lagti: lagdi
    karta: karda
    karti: kardi
    jaata: jaanda janda
    jaati: jaandi jandi
    chahti: chahndi chaundi chahundi
    chahta: chahnda chaunda chahunda
    rehta: rehnda
    rehti: rehndi
    hota: hunda
    hoti: hundi
    jayega: jauga jayuga
    jayegi: jaugi
    karunga: karanga
    karungi: karangi
    jaunga: javanga jaanga
    jaungi: javangi jaangi
    marunga: maranga
    marungi: marangi
    lunga: lavanga lainga
    lungi: lavangi laingi
    pehle: pehlan
    ab: hun hunn ib
    kabhi: kade kadi
    kahan: kithe
    yahan: ethe
    wahan: othe
    bhai: bhra
    bata: dass
    saath: naal
    khatam_ho: mukk
    sote: sutte
    """
)

# Bhojpuri, Awadhi, Bundeli, Braj, Garhwali, Chhattisgarhi, Rajasthani and Haryanvi in Devanagari,
# to standard Hindi.
_HINDI_BELT = _table(
    """
    है: बा बाटे बाड़ी बाड़े हवे हऊ सै
    हैं: बाड़ीं बाड़ें
    हूं: बानी हईं सूं सूँ
    था: रहल रहनी हतो
    थी: रहली हती
    थे: हते
    तो: त तऽ
    नहीं: नाहीं नइखे नईखे नईं कोनी कोन्या नि नी नाय
    कभी: कबो
    कोई: केहू
    मेरा: हमार मोर म्हारो
    मेरी: हमारि म्हारी
    मेरे: हमरा हमरे म्हारे
    मुझे: हमके हमका मोला हमैं मोहि मोय मोए म्हने म्हाने मन्ने मिन
    तुम्हारा: तोहार थारो
    अपना: अपन
    जाऊंगा: जाएब जाइब जाब जइहौं जैहों जाऊंगो जाऊँगो
    जाऊं: जाईं जाँईं
    जाती: जाइत
    जाए: जावै
    लूंगा: लेब
    लूंगी: लेबि
    करूंगा: करब
    करूंगी: करबि
    मरूंगा: मरब
    रहूंगा: रहब
    मिलेंगे: मिलब
    दूंगा: देब
    खाऊंगा: खाइब
    किया: कइनी कइलस कइल
    की: कइली
    लिया: लिहनी लेले
    गया: गइनी गइल
    गई: गइली
    रहा: रह्या
    कितना: केतना
    मरना: मरनो
    जीना: जीण जीनो
    कुछ: कछु
    फिर: फेर
    दो: दू
    कोशिश: कोसिस
    तैयारी: तइयारी
    सुसाइड: सुसाईट
    माँ: माई
    रहेंगे: रहिहें
    रहेगा: रहिहे
    करूं: करीं
    अभी: अब्बे
    आज: आजु
    कल: कालि
    में: मा
    करता: करत
    चाहता: चाहित
    कभी: कबहूँ कबहूं
    दे: देय दै
    उठा: उठाय
    ले: लेय लेस
    मेरा: हमाओ
    दिया: दओ
    को: खों
    देना: दइयो
    रखना: रखियो
    बताओ: बताव
    जागूं: जागीं
    लूं: लेहीं
    सोऊं: सुतीं
    """
)

_LATIN_WORD = re.compile(r"[A-Za-z]+")
_DEVANAGARI_WORD = re.compile(r"[\u0900-\u097F]+")


_NOT_VERBS = frozenset({"kade", "kadi", "tuhada"})
# Punjabi's past "si" after an imperfective ("karda si": "karta tha"); not "thodi si" (a little).
_PUNJABI_PAST = re.compile(
    r"\b("
    + "|".join(
        sorted(w for w in _PUNJABI if w.endswith(("da", "di", "de")) and w not in _NOT_VERBS)
    )
    + r") si\b",
    re.IGNORECASE,
)


def _swap(pattern: re.Pattern[str], table: dict[str, str], text: str) -> tuple[str, bool]:
    """``text`` with each word ``pattern`` finds that ``table`` lists replaced; and whether any was."""
    words = [(m.start(), m.end(), table.get(m.group(0).lower())) for m in pattern.finditer(text)]
    found = [(start, end, standard) for start, end, standard in words if standard is not None]
    if not found:
        return text, False
    out, last = [], 0
    for start, end, standard in found:
        out += [text[last:start], standard]
        last = end
    return "".join(out) + text[last:], True


def standard_hindi(text: str) -> str | None:
    """``text`` with its dialect words in standard Hindi (Devanagari words by ``_HINDI_BELT``;
    in a Latin-script message that is neither English nor Spanish, Punjabi words by
    ``_PUNJABI``), or None when no word changed."""
    read, changed = text, False
    if DEVANAGARI.search(text):
        read, changed = _swap(_DEVANAGARI_WORD, _HINDI_BELT, read)
    if not looks_english(text) and latin_language(text) != "es":
        past = _PUNJABI_PAST.sub(lambda m: m.group(1) + " tha", read)
        read, latin = _swap(_LATIN_WORD, _PUNJABI, past)
        changed = changed or latin or past != read
    return read if changed else None
