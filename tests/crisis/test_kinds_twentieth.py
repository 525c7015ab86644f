"""Kinds of Spanish, Hindi and Hinglish crisis language the twentieth pass (issue 15) worked on,
each beside the ordinary sentence that shares its words.

A span kept clean of self-harm, counted ("hoy cumplo un año sin cortarme", "clean from self harm
500 days today"): the self-harm named inside the span is not happening, though "today" dates
the milestone (``clean_streak``). The recovered-past step never weighed these, for they hold no
past word. A span told as ended ("llevaba 8 meses sin ...", "I had been clean for ..."), the
pull back to it ("pero hoy tengo ganas de hacerlo", "the urge is so strong") or any other signal
in the message ("1 year clean from cutting and I want to die") keeps the alert.

Each line was written for this test, apart from any data file.
"""

from __future__ import annotations

from tests.crisis.sentence_kinds import kind_tests

URGENT_STREAK = [
    "llevaba un año sin cortarme y hoy lo hice",
    "300 days self harm free but tonight the urge is so strong",
    "llevo 6 meses sin cortarme pero hoy tengo ganas de hacerlo",
]
ALERTS_STREAK = [
    "hoy cumplo un año sin cortarme pero anoche me volví a cortar",
    "llevaba 8 meses sin autolesionarme y hoy volví, estoy en el baño con la cuchilla",
    "llevaba meses sin cortarme hasta ayer",
    "llevo un año sin cortarme y no se cuanto mas aguante sin hacerlo",
    "500 days clean and today I cut again",
    "I was 2 years self harm free and I cut last night",
    "had been clean from self harm for 8 months, did it yesterday",
    "1 year clean from cutting and I want to die",
    "un año sin cortarme y ya no quiero vivir",
    "2 saal clean thi, aaj phir kiya",
    # the pull to cut, said with "karne"
    "ek saal ho gaya cutting chhode, par aaj bahut mann kar raha hai cut karne ka",
    "phir se cut karne ka mann ho raha hai yaar",
    "cutting karne ka mann kar raha hai, blade dhoondh rahi hu",
    "फिर से कट करने का मन हो रहा है",
]
NOT_ALERTS_STREAK = [
    "hoy cumplo un año sin cortarme 🎉",
    "llevo 6 meses sin hacerme daño, hoy lo celebré con mi hermana",
    "llevo 6 años limpia de cortarme, hoy vi la cicatriz en la playa y ni me importó",
    "clean from self harm 400 days today, ms is hard but i'm proud",
    "today I'm 2 years self harm free",
    "it's been a year since I last cut, today I went to the gym instead",
    "aaj pure ek saal ho gaya cutting ke bina",
    # hair, a cake, vegetables cut
    "baal cut karne ka mann kar raha hai, bahut lambe ho gaye",
    "mann kar raha hai cutting karwa lu, baal bahut bade ho gaye",
    "cake cut karne ka mann hai aaj birthday pe",
    "sabzi cut karne ka mann nahi hai aaj, maggi kha lenge",
]

test_urgent_streak, test_an_alert_streak, test_not_an_alert_streak = kind_tests(
    URGENT_STREAK, ALERTS_STREAK, NOT_ALERTS_STREAK
)
