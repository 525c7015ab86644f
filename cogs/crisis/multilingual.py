"""Spelling variants for romanised Hindi (Hinglish) and chat Spanish, applied to lexicon phrases.

Romanised Hindi has no standard spelling: one person writes "maarna chahta hoon", another
"marna chahta hu", a third "mrna chahta hun". Spanish in chat drops letters and swaps the ones
that sound alike ("kiero", "suisidarme", "q" for "que"). ``normalise()`` folds case, accents
and look-alike letters, but not these, because they are spellings, not tricks. So instead of
folding the message (every screen and the shared raw-text gate would have to agree on the
fold), each lexicon phrase is expanded at load time into the spellings people actually use:
a facilitator writes "marna chahta hoon" once and the screen also matches "maarna chahta hu".

The table is per word, and only for words that are not also English (no "man", "to", "main"),
so English phrases are never expanded. Devanagari needs only a small table: ``normalise()``
already drops the nukta and nasal marks and folds long i/u (see cogs/screening/normalise.py),
but not a nasal written as a half letter ("ज़िन्दगी").
"""

from __future__ import annotations

__all__ = ["MAX_VARIANTS", "emphatic_variant", "spelling_variants"]

# At most this many spellings per phrase (the phrase as written first), and only one word
# respelled at a time: every spelling of every word would multiply the phrases (and the start-up
# cost of building the matchers and the shared gate) many times over for little gain, since
# people who write "maarna" mostly write the rest in one style too.
MAX_VARIANTS = 4


def _table(text: str) -> dict[str, tuple[str, ...]]:
    """Lines of "word: variant variant ..." as a dict (easier to read and edit than literals)."""
    out: dict[str, tuple[str, ...]] = {}
    for line in text.strip().splitlines():
        word, _, rest = line.partition(":")
        spellings = (word.strip(), *rest.split())
        for spelling in spellings:
            out[spelling] = spellings
    return out


# Each line is one word's spellings, the commonest first; any of them in a phrase brings in
# the others.
# Hinglish: long vowels written double or single, vowels dropped in chat ("mrna", "krna",
# "rhi"), nasal "n" written or not ("hoon", "hu"), z/j and sh/s as people hear them, and chat
# shorthand that no English word shares ("h" for "hai", "ni" for "nahi", "yr" for "yaar").
_HINGLISH = _table(
    """
    marna: maarna mrna marnaa
    marne: maarne mrne
    mar: maar
    maar: mar
    mara: maara
    jaana: jana jaanaa
    jaun: jaaun jau jaau jaon jaoon
    jaunga: jaaunga jaonga jaoonga jaunga jaugaa jaunga
    jaungi: jaaungi jaongi jaoongi
    jaayega: jayega jaega jaaega
    jaayegi: jayegi jaegi jaaegi
    chahta: chahata chahte chata chahtaa
    chahti: chahati chati chahtii
    hoon: hu hun hoo hoonh
    nahi: nahin nhi nai ni nahee nahii
    karna: krna karnaa
    karne: krne
    kar: kr
    karunga: krunga karoonga karuga
    karungi: krungi karoongi karugi
    lunga: loonga luga lungaa
    lungi: loongi lugi
    dunga: doonga duga
    dungi: doongi dugi
    khudkushi: khudkhushi khudkashi khudkushee khudkhusi khudkusi khudkhushee
    aatmahatya: atmahatya aatmhatya atmhatya
    zindagi: jindagi zindgi jindgi zindagee zndgi
    zinda: jinda
    jeena: jina jeenaa
    jeene: jine
    jee: ji
    mann: mn
    khatam: khatm khtm khattam
    goliyan: goliya goliyaan golian goliyon
    zeher: zehar jahar zahar jeher
    kaash: kash kaas
    bojh: boj bojhh
    ichha: ichcha iccha icha
    fayda: faida fayada
    alvida: alvidaa alwida
    maaf: maf muaf
    kuch: kuchh kch
    sab: sb
    aaj: aj
    raat: raaat
    abhi: abi abhie
    khayal: khyal khayaal khyaal khayaal
    phaansi: phansi fansi faansi
    latak: lattak
    kood: kud
    koodna: kudna
    chhat: chhath chhatt
    bhagwan: bhagvan bhagwaan bhgwan
    pehle: pahle phle
    phir: fir phr
    tha: thaa
    mujhe: mujhko mereko muje mjhe
    hai: h
    rahi: rhi
    raha: rha
    rahe: rhe
    rahungi: rhungi rahoongi
    rahunga: rhunga rahoonga
    rahenge: rhenge
    theek: thik thk
    achha: acha accha achchha
    dhundhna: dhoondhna dhundna
    sooraj: suraj
    hungi: hoongi
    uthun: uthu uthoon
    yaar: yr yar
    """
)

# Chat Spanish: "k"/"q" for "qu", "s" for a soft "c" (seseo), dropped final letters; and the
# death words with a letter starred out to slip past a filter ("s*icidio", "m*rir"): leetspeak
# and spaced letters are undone by normalise(), a star is not, so its common places are here.
# A star inside a variant is matched as written (only a lexicon phrase's last * is a prefix).
_SPANISH = _table(
    """
    quiero: kiero qiero quero
    quisiera: kisiera
    que: q
    suicidarme: suisidarme suicidarm s*icidarme suic*darme suizidarme
    suicidio: suisidio s*icidio su*cidio suic*dio
    suicida: suisida s*icida
    matarme: matarm m*tarme mat*rme
    morirme: morirm m*rirme mor*rme
    morir: m*rir mor*r
    matar: m*tar mat*r
    muerte: m*erte
    muerto: m*erto
    muerta: m*erta
    dios: diosito
    para: pa
    decision: desicion
    pastillas: pastiyas pastias
    porque: xq pq porq
    adios: adio
    nadie: naide
    """
)

# Hindi in Devanagari: a nasal written as a half letter instead of the anusvara ("ज़िन्दगी" for
# "ज़िंदगी", "बन्द" for "बंद"), which normalise() does not fold (it drops the anusvara but keeps
# the half letter), and the loanword "suicide" as people spell it.
_DEVANAGARI = _table(
    """
    ज़िंदगी: ज़िन्दगी जिंदगी जिन्दगी
    बंद: बन्द
    अंत: अन्त
    सुसाइड: स्यूसाइड सुइसाइड सूसाइड
    खुदकुशी: खुदकशी खुदकसी
    """
)

VARIANTS: dict[str, tuple[str, ...]] = {**_HINGLISH, **_SPANISH, **_DEVANAGARI}


def spelling_variants(phrase: str) -> list[str]:
    """``phrase`` and the other spellings of its Hinglish, Spanish and Hindi words (at most
    MAX_VARIANTS, the phrase as written first, then one word respelled at a time). A phrase with none of those words comes back
    alone. A trailing "*" (prefix match) stays on every variant."""
    star = "*" if phrase.endswith("*") else ""
    words = phrase.removesuffix("*").split()
    choices = [VARIANTS.get(w, (w,)) for w in words]
    if all(len(c) == 1 for c in choices):
        return [phrase]
    out = [phrase]
    seen = {phrase}
    # One word respelled at a time, round-robin over the words (each word's commonest other
    # spelling first), so every variable word gets a turn before the cap.
    depth = max(len(c) for c in choices)
    singles = (
        [*words[:i], c[k], *words[i + 1 :]]
        for k in range(depth)
        for i, c in enumerate(choices)
        if k < len(c)
    )
    for combo in singles:
        text = " ".join(combo) + star
        if text not in seen:
            seen.add(text)
            out.append(text)
            if len(out) >= MAX_VARIANTS:
                break
    return out


# Hindi puts an emphatic "hi" (ही, "at all", "just") straight before a negation or a future
# helper verb without changing what is said: "jeene ka mann nahi karta" / "jeene ka mann hi nahi
# karta", "mar jaungi" / "mar hi jaungi". A phrase written plainly also matches the emphatic one.
_NEGATIONS = {"nahi": "hi", "nahin": "hi", "nhi": "hi", "नहीं": "ही"}
_HELPERS = {
    **dict.fromkeys(
        ("jaunga", "jaungi", "jaun", "jau", "jaaun", "lunga", "lungi", "loonga", "loongi",
         "dunga", "dungi", "doonga", "doongi"),
        "hi",
    ),
    **dict.fromkeys(
        ("जाऊंगा", "जाऊंगी", "जाऊं", "जाऊँगा", "जाऊँगी", "जाऊँ", "लूंगा", "लूंगी", "लूँगा", "लूँगी",
         "दूंगा", "दूंगी", "दूँगा", "दूँगी"),
        "ही",
    ),
}  # fmt: skip
_EMPHATIC = {"hi", "bhi", "ही", "भी"}


def emphatic_variant(phrase: str) -> str | None:
    """``phrase`` with "hi"/"ही" before its first Hindi negation ("nahi", "नहीं") or future helper
    ("jaungi", "dunga") that has a word before it and no emphatic particle already; None when
    there is no such word."""
    words = phrase.split()
    for i, word in enumerate(words[1:], start=1):
        bare = word.removesuffix("*")
        particle = _NEGATIONS.get(bare) or _HELPERS.get(bare)
        if particle is not None and words[i - 1] not in _EMPHATIC:
            return " ".join([*words[:i], particle, *words[i:]])
    return None
