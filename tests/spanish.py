"""A campaign written by the tests, unlike the sample: "Ojos abiertos", a Spanish campaign (country ES) in Spanish,
Catalan, Romanian and English, Spanish first, as a second team would start one (issue 21).

Not a real campaign. Its cards and safety pages are the theme's starter texts (drafts); Catalan has no theme
catalog and no starter text, so its safety page is the English starter text `new` writes for translation, and the
card has no Catalan version (the site offers it in the other languages; print products are made in those). The
help line's number is 116 000, the EU-wide number libphonenumber knows as a free short number in Spain, named
"(prueba)": this file puts no number on anything published."""
from __future__ import annotations

from pathlib import Path

from campaign.content.starter import starter_texts

STARTER = Path(__file__).resolve().parent.parent / "theme" / "starter"
LANGUAGES = ("es", "ca", "ro", "en")
HELPLINE = "116 000"
HELPLINE_NAME = {"es": "Línea de ayuda (prueba)", "ro": "Linie de ajutor (test)", "en": "Helpline (test)"}
EMERGENCY_NAME = {"es": "Emergencias", "ca": "Emergències", "ro": "Urgențe", "en": "Emergency"}
BASE_URL = "https://ojos-abiertos.example.es/"

CAMPAIGN = f"""\
name: {{es: Ojos abiertos, ca: Ulls oberts, ro: Ochii deschiși, en: Open eyes}}
slug: ojos-abiertos
country: ES
start: 2027-03-01
end: 2027-03-14
languages: [{", ".join(LANGUAGES)}]
base_url: {BASE_URL}
quick_exit: https://www.aemet.es/
main_help_line: linea
colours: {{primary: "#0b5d4b", text: "#1a1a1a", background: "#ffffff", accent: "#e7f1ee"}}
regions:
  national: {{es: España, ca: Espanya, ro: Spania, en: Spain}}
print:
  card_languages: [es, ro, en]   # the station prints es and ro; the card is handed out in English too
"""

# The help line's name has no Catalan text, nor the emergency number's label: both are reported.
SERVICES = f"""\
services:
  - id: emergencia
    name: {{{", ".join(f"{lang}: {name}" for lang, name in EMERGENCY_NAME.items())}}}
    description: {{es: ¿Estás en peligro ahora?, ca: Ets en perill ara?, ro: Ești în pericol acum?, en: In danger now?}}
    phones:
      - number: "112"
        label: {{es: emergencias, ro: urgențe, en: emergency}}
    regions: [national]
    emergency: true
  - id: linea
    name: {{{", ".join(f"{lang}: {name}" for lang, name in HELPLINE_NAME.items())}}}
    description: {{es: Servicio de prueba., ca: Servei de prova., ro: Serviciu de test., en: Test service.}}
    phones: ["{HELPLINE}"]
    hours: 24/7
    regions: [national]
    audiences: [victims]
"""

STATIONS = """\
stations:
  - id: estacion-norte
    name: {es: Estación del Norte, ca: Estació del Nord, ro: Gara de Nord, en: North station}
    city: Valencia
    regions: [national]
    languages: [es, ro]
    formats: [a2]
"""


def write_spanish_campaign(content: Path) -> None:
    """The campaign's content/ folder: campaign.yml, services.yml, stations.yml, the starter texts."""
    content.mkdir(parents=True, exist_ok=True)
    for name, text in (("campaign.yml", CAMPAIGN), ("services.yml", SERVICES), ("stations.yml", STATIONS)):
        (content / name).write_text(text, encoding="utf-8")
    for starter in starter_texts(STARTER, LANGUAGES):
        if starter.target != "cards/example.ca.md":
            (content / starter.target).parent.mkdir(parents=True, exist_ok=True)
            (content / starter.target).write_text(starter.text, encoding="utf-8")
