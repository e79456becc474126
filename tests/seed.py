"""The real seed document (data/raw/diemen) and its ground truth, shared by the tests: counts come from here,
never from literals."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "raw" / "diemen" / "programmabegroting-2024.txt"

# The seed's sentences as a careful reader splits them (ground truth written by hand).
SEED_SENTENCES = [
    "De kracht van Diemen is dat het een samenleving is met een schaal waarop mensen dichtbij elkaar zijn en nauw bij elkaar betrokken zijn.",
    "De gemeente is er voor de inwoners en bedrijven en wil in de contacten dan ook open en communicatief optreden.",
    "Ook willen we de onderlinge verbindingen in ons dorp bevorderen.",
    "Deze visie komt duidelijk terug in de visie en kernwaarden van de organisatie:",
    "Het beste voor Diemen.",
    "Op onze eigen manier.",
    "Met de kernwaarden: Leergierig, Bewust doen, Met lef, Verbindend en Open houding.",
    "We durven met lef van de gebaande paden af te wijken om de dienstverlening voor inwoners en ondernemers te verbeteren.",
    "Dat is onze inzet.",
    "Die ambities zijn stevig verankerd in een vastgesteld ambitiedocument 'Voor en met Diemen' en in de onderliggende kaders voor participatie, communicatie en dienstverlening.",
    "Met een programmatische aanpak nemen we de uitvoering ook in 2024 ter hand.",
    "De gemeente kan al haar ambities alleen realiseren in samenwerking met een grote hoeveelheid maatschappelijke partners en met gemeenten in de regio.",
    "De Duo+-gemeenten zijn wat dat betreft de voorkeurspartner.",
    "We willen de samenwerking binnen onze regio versterken en daar ook een krachtige rol spelen.",
    "We willen hierin strategische keuzes maken waar we onze energie op inzetten en waarop niet.",
    "Zo zorgen we voor een toekomstbestendig lokaal bestuur in Diemen.",
    "Om deze accenten in onze werkwijze te realiseren begonnen we met het ontwikkeltraject Diemen '22.",
    "Er is een concerndirectie gevormd en de teams vormen de bouwstenen van de organisatie.",
    "We verbeteren processen en procedures en we maken werk van onze strategie.",
    "Met als doel dat de organisatie nog beter aansluit op de wensen van de samenleving en het bestuur.",
    "In 2023 wordt het ontwikkeltraject geëvalueerd.",
    "En in 2024 maken we de balans op welke stappen we nog moeten zetten.",
    "Ook in 2024 gebruikt de organisatie de teamplannen als strategisch instrument.",
    "Daarmee kunnen we komen tot zorgvuldige afwegingen en keuzes, onder andere over de inzet van personeel.",
    "We zetten we in op competentie-ontwikkeling van alle medewerkers, met name op het gebied van samenwerken, vitaliteit, politiek-bestuurlijke sensitiviteit, digitalisering en dienstverlening.",
]
