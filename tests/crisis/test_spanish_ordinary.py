"""Spanish plans said with everyday verbs, and the everyday Spanish that uses the same verbs.

"Voy a hacerlo", "voy a tirarme", "me voy a aventar", "acabar con todo" and "quiero morirme"
are how people say they will end their life, and also how they say they will do their homework,
lie down, dare to sing, finish the cake or die of laughter. Sentences written for these tests
(none comes from ../shared/data): the first list must still raise an alert, the second must not.
"""

from __future__ import annotations

import pytest

from cogs.crisis.detector import CrisisScreen, Level


@pytest.fixture(scope="module")
def screen() -> CrisisScreen:
    return CrisisScreen.load_default()


STILL_ALERTS = [
    # "hacerlo" beside the means, a goodbye or death itself
    "ya decidí hacerlo, tengo las pastillas guardadas",
    "voy a hacerlo esta noche, perdónenme todos",
    "pienso hacerlo pronto, ya no quiero vivir",
    "estoy por hacerlo, ya escribí la carta",
    # ending it all, with nothing after it, or "this"
    "ya no puedo más, quiero acabar con todo",
    "voy a terminar con todo esto hoy",
    "estoy pensando en acabar con todo.",
    # throwing oneself from a height or in front of a train
    "me voy a tirar del puente",
    "voy a tirarme de la azotea",
    "me voy a tirar al tren mañana temprano",
    "me voy a aventar del edificio",
    # killing oneself, said with "matar"
    "me voy a matar",
    "esta noche me voy a matar, ya no aguanto",
    "hoy me voy a quitar la vida",
    # wishing to die now, and dying in one's sleep without old age
    "quiero morirme, ya no aguanto el dolor",
    "solo quiero dormirme y no despertar",
    "quiero morirme dormida esta noche",
    # ready, with the pills, saying goodbye
    "ya tengo las pastillas, esta noche lo hago",
    "tengo todo listo, perdónenme",
    "me tomé todas las pastillas que tenía",
    "este es mi último mensaje, gracias por todo",
]

ORDINARY = [
    # doing it: homework, a course, an appointment
    "voy a hacerlo mañana, el proyecto ya casi está",
    "ya decidí hacerlo, me inscribo al curso de pintura",
    "pienso hacerlo el lunes con mi neuróloga",
    "estoy por hacerlo, ya tengo la cita",
    # finishing all of something
    "voy a acabar con todo el pastel jaja",
    "hoy voy a terminar con todo el papeleo del seguro",
    "quiero acabar con todos los pendientes antes del viernes",
    # lying down, sleeping, daring
    "voy a tirarme a dormir un rato",
    "me voy a tirar en el sillón toda la tarde",
    "me voy a tirar al sillón a ver la serie",
    "voy a lanzarme con el negocio de tamales",
    "me voy a aventar a cantar en la fiesta",
    "me voy a aventar un taco de pastor",
    # "matar" of time and of other things
    "voy a matar el tiempo leyendo",
    "me voy a matar estudiando para el examen",
    # dying of laughter, and an old age far away
    "quiero morirme de risa con esa serie",
    "cuando sea viejita quiero morirme dormida",
    "de viejo quiero morir en paz, rodeado de mis nietos",
    # the day's dose, a trip, an infusion, the last message of the day
    "ya tengo las pastillas para el viaje",
    "tengo todo listo para la infusión de mañana",
    "me tomé todas las pastillas del día, como siempre",
    "este es mi último mensaje del día, buenas noches",
    "hoy es mi último día en la oficina, ¡qué nervios!",
]


@pytest.mark.parametrize("text", STILL_ALERTS)
def test_still_an_alert(screen: CrisisScreen, text: str) -> None:
    verdict = screen.screen(text)
    assert verdict.level >= Level.CONCERN, (text, verdict)


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_spanish_is_not_an_alert(screen: CrisisScreen, text: str) -> None:
    verdict = screen.screen(text)
    assert verdict.level < Level.CONCERN, (text, verdict)
