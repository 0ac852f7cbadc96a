"""Every KPI's definition, unit and source: shown in the app's glossary and in the KPI docstrings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    name: dict[str, str]
    definition: dict[str, str]
    unit: dict[str, str]
    source: dict[str, str]


INKAR = {"de": "BBSR, INKAR 2025 (Wanderungsindikatoren)", "en": "BBSR, INKAR 2025 (migration indicators)"}
REGISTER = {
    "de": "Melderegister der Kommunen bzw. Wanderungsstatistik IT.NRW (Tabelle 12711)",
    "en": "population registers of the municipalities or IT.NRW migration statistics (table 12711)",
}

GLOSSARY: dict[str, Term] = {
    "inflow": Term(
        {"de": "Zuzüge", "en": "In-migration"},
        {
            "de": "Personen, die im Zeitraum in die Kommune gezogen sind (über die Gemeindegrenze). "
            "Für ganz Südwestfalen zählen in Melderegister-Daten nur Zuzüge über die Grenze der Region "
            "(ohne Umzüge zwischen den 59 Kommunen). Amtliche Jahreswerte (GENESIS 12711) kennen diese "
            "Herkunft nicht: für Jahre mit amtlichen Werten enthält die Summe einer Gruppe die Umzüge "
            "zwischen ihren Kommunen („einschließlich Umzügen zwischen den Kommunen der Auswahl“), und "
            "die Seite sagt, welche Jahre das sind. Amtliche Werte haben für ihre Kommunen-Jahre Vorrang.",
            "en": "Persons who moved into the municipality in the period (across the municipal border). "
            "For all of Südwestfalen, register data count only moves across the region's border "
            "(not moves between the 59 municipalities). Official annual figures (GENESIS 12711) do not "
            "know that origin: for years with official figures a group's total includes the moves "
            'between its municipalities ("including moves between the chosen municipalities"), and the '
            "page says which years these are. Official figures take precedence for their town-years.",
        },
        {"de": "Personen", "en": "persons"},
        REGISTER,
    ),
    "outflow": Term(
        {"de": "Fortzüge", "en": "Out-migration"},
        {
            "de": "Personen, die im Zeitraum aus der Kommune fortgezogen sind (über die Gemeindegrenze); "
            "für Gruppen wie bei den Zuzügen.",
            "en": "Persons who moved out of the municipality in the period (across the municipal border); "
            "for groups as for in-migration.",
        },
        {"de": "Personen", "en": "persons"},
        REGISTER,
    ),
    "net": Term(
        {"de": "Wanderungssaldo", "en": "Net migration"},
        {
            "de": "Zuzüge − Fortzüge. Für eine Gruppe von Kommunen heben sich Umzüge zwischen ihren "
            "Mitgliedern auf: der Saldo zählt nur Wanderungen über die Grenze der Gruppe.",
            "en": "In-migration − out-migration. For a group of municipalities moves between its members "
            "cancel out: the balance counts only moves across the group's border.",
        },
        {"de": "Personen", "en": "persons"},
        REGISTER,
    ),
    "per_1000": Term(
        {"de": "je 1.000 Einwohner", "en": "per 1,000 inhabitants"},
        {
            "de": "Personen je 1.000 Einwohner und Jahr: Summe im Zeitraum ÷ Summe der Einwohner der "
            "Jahre × 1.000. Einwohner am 31.12. des Jahres; fehlt dieser Stand, ein anderer Stichtag "
            "desselben Jahres (30.06., Zensus 15.05.2022), sonst das nächstgelegene Jahr. Die Seite sagt, "
            "wenn ein anderer Stichtag oder erzeugte Beispielzahlen verwendet werden. Ohne "
            "eingespielte Einwohnerzahlen gilt der Zensus 2022 (mitgeliefert).",
            "en": "Persons per 1,000 inhabitants and year: total in the period ÷ sum of the years' "
            "inhabitants × 1,000. Inhabitants on 31 Dec of the year; without that figure another "
            "reference date of the same year (30 June, the census of 15 May 2022), else the nearest "
            "year. The page says when another date or generated sample figures are used. Without "
            "imported populations the shipped census 2022 applies.",
        },
        {"de": "je 1.000 Einw. und Jahr", "en": "per 1,000 inhabitants and year"},
        INKAR,
    ),
    "target_groups": Term(
        {"de": "Zielgruppen (Wanderungstypen)", "en": "Target groups (migration types)"},
        {
            "de": "Nach Alter beim Umzug, wie BBSR/INKAR 2025: Familienwanderer (unter 18), "
            "Bildungswanderer (18–24), Berufseinstiegswanderer (25–29), Erwerbswanderer (30–49), "
            "50–64 (kein INKAR-Indikator, eigene Gruppe), Ruhestandswanderer (65+). Variante "
            "„Familienwanderer (INKAR alt)“: unter 18 und 30–49.",
            "en": "By age at the move, as BBSR/INKAR 2025: family movers (under 18), education movers "
            "(18–24), career starters (25–29), working-age movers (30–49), 50–64 (no INKAR "
            'indicator, kept as its own group), retirement movers (65+). Variant "family movers '
            '(old INKAR)": under 18 plus 30–49.',
        },
        {"de": "Personen", "en": "persons"},
        INKAR,
    ),
    "origin": Term(
        {"de": "Herkunft / Ziel", "en": "Origin / destination"},
        {
            "de": "Woher Zugezogene kamen bzw. wohin Fortgezogene gingen: andere Kommune Südwestfalens, "
            "übriges NRW, übriges Deutschland, Ausland.",
            "en": "Where in-movers came from or out-movers went: another municipality of Südwestfalen, "
            "the rest of NRW, the rest of Germany, abroad.",
        },
        {"de": "Personen", "en": "persons"},
        REGISTER,
    ),
    "outlier": Term(
        {"de": "Auffälliges Jahr (Datenqualität)", "en": "Unusual year (data quality)"},
        {
            "de": "Eine Kommune in einem Jahr mit Zuzügen je 1.000 Einwohner über dem Doppelten ihres "
            "eigenen Medians der übrigen Jahre derselben Quelle (amtliche Jahre gegen amtliche, "
            "Melderegister gegen Melderegister) oder mit einem Anteil an den Zuzügen der Region über "
            "dem Doppelten ihres Anteils an den Einwohnern, etwa durch eine Erstaufnahmeeinrichtung "
            "(2015: Hemer, Wickede (Ruhr), Burbach, Bad Berleburg, Rüthen). Rankings nutzen daher den "
            "Saldo je 1.000 Einwohner und markieren auffällige Jahre.",
            "en": "A municipality-year whose in-migration per 1,000 inhabitants exceeds twice the "
            "town's own median of the other years of the same source (official against official, "
            "register against register), or whose share of the region's in-migration exceeds twice "
            "its share of the inhabitants, e.g. because of a refugee reception facility. Rankings "
            "therefore use net migration per 1,000 inhabitants and mark unusual years.",
        },
        {"de": "Kennzeichen", "en": "flag"},
        {"de": "eigene Definition (DESIGN.md)", "en": "own definition (DESIGN.md)"},
    ),
    "missing": Term(
        {"de": "Fehlende Werte", "en": "Missing values"},
        {
            "de": "Ein amtlicher Wert kann fehlen: geheim („.“), nicht sinnvoll („x“), nicht sicher genug "
            "(„/“), fällt später an („...“); „-“ heißt genau null. Fehlt der Wert einer Kommune, zeigt "
            "eine Summe über mehrere Kommunen den bekannten Teil und nennt die fehlenden Kommunen mit "
            "Grund (ihre Einwohner zählen dann auch in der Rate nicht); Diagramme lassen eine Lücke, "
            "Rankings führen solche Kommunen gesondert auf. Ein Wert wird nie durch 0 ersetzt.",
            "en": 'An official value may be missing: confidential ("."), not meaningful ("x"), not reliable '
            'enough ("/"), not yet available ("..."); "-" means exactly zero. Where a municipality\'s '
            "value is missing, a total over several municipalities shows the known part and names the "
            "missing ones with the reason (their inhabitants then leave the rate too); charts leave a gap, "
            "rankings list such municipalities apart. A value is never replaced by 0.",
        },
        {"de": "Kennzeichen", "en": "flag"},
        {"de": "GENESIS-Zeichenerklärung; eigene Regel", "en": "GENESIS explanation of symbols; own rule"},
    ),
    "provenance": Term(
        {"de": "Herkunft der Daten", "en": "Data provenance"},
        {
            "de": "Jeder Datensatz ist je Jahr amtlich (GENESIS-Tabellen, Zensus 2022, BKG-Grenzen), eine "
            "eigene Lieferung oder vom Generator des Projekts erzeugte Beispieldaten; Zahlen aus "
            "Beispieldaten sind dort gekennzeichnet, wo sie stehen (Karte, Tabelle, Export, Folie). Die "
            "Leiste oben nennt die Datensätze mit Jahren und Art.",
            "en": "Every data set is, per year, official (GENESIS tables, census 2022, BKG boundaries), an own "
            "delivery or sample data made by the project's generator; figures from sample data are marked "
            "where they are shown (card, table, export, slide). The bar at the top lists the data sets "
            "with years and kinds.",
        },
        {"de": "Kennzeichen", "en": "flag"},
        {"de": "Importprotokoll (import_log)", "en": "import log (import_log)"},
    ),
    "change": Term(
        {"de": "Veränderung zum Vorzeitraum", "en": "Change against the previous period"},
        {
            "de": "Differenz zum gleich langen Zeitraum davor (gleiche Monate), in Personen bzw. Prozent.",
            "en": "Difference to the period of equal length before it (same months), in persons or per cent.",
        },
        {"de": "Personen, %", "en": "persons, %"},
        {"de": "eigene Definition", "en": "own definition"},
    ),
    "campaign_reach": Term(
        {"de": "Kampagnen-Reichweite", "en": "Campaign reach"},
        {
            "de": "Impressionen (Einblendungen), Klicks, Klickrate = Klicks ÷ Impressionen, Leads "
            "(Anfragen, Anmeldungen), Ausgaben, Kosten je Klick = Ausgaben ÷ Klicks, Kosten je Lead "
            "= Ausgaben ÷ Leads. Reichweite je 1.000 Einwohner: Impressionen in einer Kommune ÷ "
            "Einwohner × 1.000; regionsweite Aktivität wird nicht auf Kommunen verteilt.",
            "en": "Impressions, clicks, click rate = clicks ÷ impressions, leads (enquiries, sign-ups), "
            "spend, cost per click = spend ÷ clicks, cost per lead = spend ÷ leads. Reach per 1,000 "
            "inhabitants: impressions in a municipality ÷ inhabitants × 1,000; region-wide activity "
            "is not spread over municipalities.",
        },
        {"de": "Anzahl, %, EUR", "en": "count, %, EUR"},
        {"de": "Kampagnenberichte der Agentur", "en": "the agency's campaign reports"},
    ),
    "campaign_outcome": Term(
        {"de": "Kampagnenwirkung (Differenz der Differenzen)", "en": "Campaign outcome (difference in differences)"},
        {
            "de": "Zuzüge der Zielgruppe aus dem übrigen Deutschland (NRW und andere Länder, ohne Ausland) "
            "je 1.000 Einwohner und Jahr: Veränderung in den Kampagnenorten (Laufzeitjahre gegen die "
            "drei Jahre davor) minus Veränderung in ihren Vergleichskommunen. Vergleichskommunen: je "
            "Kampagnenort die drei Kommunen ohne Kampagne für dieselbe Zielgruppe, die ihm in den drei "
            "Jahren davor am nächsten waren (Niveau doppelt gewichtet, Trend, Größe; standardisiert). "
            "Hauptwert: jede Kommune gleich gewichtet; daneben nach Einwohnern gewichtet. Intervall: "
            "90-%-t-Intervall nach Welch mit den Freiheitsgraden nach Satterthwaite, die Kommunen als "
            "Cluster (robust gegen alles innerhalb einer Kommune, ehrlich bei wenigen Kampagnenorten); "
            "auf 2.000 Placebo-Kampagnen ohne Wirkung (Daten des Generators mit --campaign-uplift 0) deckt es "
            "null in 88–92 % der Fälle (Test). Ereignisstudie: der Unterschied je Jahr gegen die Jahre "
            "davor; streut er vor dem Start um null, liefen die Trends parallel. Ein Zusammenhang, kein "
            "Beweis einer Wirkung. Nicht schätzbar für regionsweite Kampagnen (es gibt keine Kommunen "
            "ohne sie zum Vergleich) und ohne drei Jahre davor.",
            "en": "In-migration of the target group from the rest of Germany (NRW and other states, not "
            "abroad) per 1,000 inhabitants and year: the change in the campaign towns (campaign years "
            "against the three years before) minus the change in their comparison towns. Comparison "
            "towns: for each campaign town the three towns without a campaign for the same target group "
            "nearest to it in the three years before (level weighted twice, trend, size; standardised). "
            "Main figure: every town weighted equally; beside it weighted by inhabitants. Interval: 90% "
            "Welch t interval with Satterthwaite degrees of freedom, the towns as clusters (robust to "
            "anything within a town, honest with few campaign towns); on 2,000 placebo campaigns without "
            "effect (the generator's data with --campaign-uplift 0) it covers zero in 88–92% of cases (a test). "
            "Event study: the difference per year against the years before; if it scatters around zero "
            "before the start, the trends ran parallel. An association, not proof of an effect. Not "
            "estimable for region-wide campaigns (there are no towns without them to compare with) or "
            "without three years before.",
        },
        {
            "de": "Personen je 1.000 Einw. und Jahr; Personen je Jahr",
            "en": "persons per 1,000 and year; persons per year",
        },
        {"de": "eigene Auswertung (Differenz der Differenzen)", "en": "own analysis (difference in differences)"},
    ),
    "flow_origins": Term(
        {"de": "Herkunft der Zugezogenen", "en": "Where newcomers come from"},
        {
            "de": "Zuzüge einer Kommune nach dem Ort der alten Anschrift (Melderegister): eine Kommune "
            "Südwestfalens, sonst Kreis, Land oder Ausland, wie geliefert; Anteil an allen Zuzügen der "
            "Liste und – für Kommunen der Region – je 1.000 Einwohner des Herkunftsorts.",
            "en": "A town's in-migration by the place of the previous address (population register): a "
            "town of Südwestfalen, else a district, state or abroad, as delivered; share of all listed "
            "in-migration and, for towns of the region, per 1,000 inhabitants of the origin.",
        },
        {"de": "Personen; %; je 1.000 Einw. des Herkunftsorts", "en": "persons; %; per 1,000 of the origin"},
        {"de": "Melderegister der Kommunen (Import flows)", "en": "population registers (flows import)"},
    ),
    "flow_destinations": Term(
        {"de": "Ziele der Fortgezogenen", "en": "Where leavers go"},
        {
            "de": "Fortzüge einer Kommune nach dem Ort der neuen Anschrift, wie die Herkunft der Zugezogenen.",
            "en": "A town's out-migration by the place of the new address, as for where newcomers come from.",
        },
        {"de": "Personen; %; je 1.000 Einw. des Zielorts", "en": "persons; %; per 1,000 of the destination"},
        {"de": "Melderegister der Kommunen (Import flows)", "en": "population registers (flows import)"},
    ),
    "flow_links": Term(
        {"de": "Wanderungsverflechtung", "en": "Migration links"},
        {
            "de": "Umzüge zwischen zwei Kommunen Südwestfalens in beide Richtungen im Zeitraum; die "
            "stärksten Verbindungen zuerst.",
            "en": "Moves between two towns of Südwestfalen in both directions in the period; the strongest "
            "links first.",
        },
        {"de": "Personen", "en": "persons"},
        {"de": "Melderegister der Kommunen (Import flows)", "en": "population registers (flows import)"},
    ),
    "flow_district_matrix": Term(
        {"de": "Umzüge zwischen den Kreisen", "en": "Moves between the districts"},
        {
            "de": "Umzüge zwischen den Kommunen der Region, nach Kreis der alten und der neuen Anschrift "
            "summiert; auf der Diagonale Umzüge zwischen Kommunen desselben Kreises.",
            "en": "Moves between the region's towns, summed by the district of the old and the new "
            "address; on the diagonal moves between towns of the same district.",
        },
        {"de": "Personen", "en": "persons"},
        {"de": "Melderegister der Kommunen (Import flows)", "en": "population registers (flows import)"},
    ),
    "flow_size_classes": Term(
        {"de": "Umzüge zwischen Stadt und Land", "en": "Moves between cities and small towns"},
        {
            "de": "Umzüge zwischen Kommunen verschiedener Größe (Städte ab 50.000 Einwohnern, Kommunen mit "
            "20.000 bis unter 50.000, kleinere Kommunen unter 20.000; Zensus 2022 bzw. letzter Stand) je "
            "Altersgruppe: gewonnen aus den anderen Größenklassen minus verloren an sie. Umzüge innerhalb "
            "einer Größenklasse heben sich auf.",
            "en": "Moves between towns of different size (cities from 50,000 inhabitants, towns from 20,000 "
            "to under 50,000, smaller towns under 20,000; Zensus 2022 or latest) per age band: gained from "
            "the other size classes minus lost to them. Moves within a size class cancel out.",
        },
        {"de": "Personen", "en": "persons"},
        {"de": "Melderegister der Kommunen (Import flows)", "en": "population registers (flows import)"},
    ),
    "flow_outside_exchange": Term(
        {"de": "Austausch mit außerhalb", "en": "Exchange with the outside"},
        {
            "de": "Zuzüge nach Südwestfalen und Fortzüge aus der Region über ihre Grenze, nach Herkunft "
            "bzw. Ziel (übriges NRW, übriges Deutschland, Ausland) und Altersgruppe, aus den Monatsdaten "
            "des Melderegisters (amtliche Jahreswerte teilen die Herkunft nicht nach Alter).",
            "en": "In-migration to Südwestfalen and out-migration across its border by origin or destination "
            "(rest of NRW, rest of Germany, abroad) and age band, from the register's monthly data "
            "(official annual figures do not split origin by age).",
        },
        {"de": "Personen", "en": "persons"},
        REGISTER,
    ),
    "peer_group": Term(
        {"de": "Vergleichbare Kommunen", "en": "Comparable towns"},
        {
            "de": "Die fünf Kommunen, die einer Kommune nach einer festen Regel am nächsten sind: Größe "
            "(Logarithmus der Einwohner, Gewicht 2), Art (Stadt oder Gemeinde, Gewicht 1) und das eigene "
            "Wanderungsprofil der letzten drei Jahre mit Daten – Zuzüge je 1.000 Einwohner und Jahr jeder "
            "Zielgruppe (je Gewicht 0,5) und der Saldo je 1.000 (Gewicht 1); jede Größe über die Kommunen "
            "standardisiert, Abstand euklidisch, +0,5 für einen anderen Kreis. Die Altersstruktur der "
            "Einwohner ist nicht geladen und fehlt daher. Mit jedem Import neu berechnet und mit ihren "
            "Eingaben im Warehouse gespeichert (Tabellen peer, peer_input). Rang: Platz der Kommune unter "
            "sich und ihren Vergleichskommunen, höchster Wert zuerst.",
            "en": "The five towns nearest to a town by a fixed rule: size (logarithm of inhabitants, weight 2), "
            "kind (Stadt or Gemeinde, weight 1) and its own migration profile over the last three years "
            "with data – in-migration per 1,000 inhabitants and year of each target group (weight 0.5 each) "
            "and net migration per 1,000 (weight 1); each input standardised over the towns, Euclidean "
            "distance, +0.5 for another district. The age structure of the inhabitants is not loaded and so "
            "left out. Recomputed with every import and stored with its inputs in the warehouse (tables "
            "peer, peer_input). Rank: the town's place among itself and its peers, highest value first.",
        },
        {"de": "Rang unter 6 Kommunen", "en": "rank among 6 towns"},
        {"de": "eigene Auswertung (Melderegister, Zensus 2022)", "en": "own analysis (registers, Zensus 2022)"},
    ),
    "network_coverage": Term(
        {"de": "Netzwerk-Abdeckung", "en": "Network coverage"},
        {
            "de": "Mitglieder eines Netzwerks an einem Stichtag, ihr Anteil an den 59 Kommunen und an "
            "der Bevölkerung Südwestfalens.",
            "en": "Members of a network on a given date, their share of the 59 municipalities and of "
            "the population of Südwestfalen.",
        },
        {"de": "Kommunen, %", "en": "municipalities, %"},
        {"de": "Mitgliederlisten der Agentur", "en": "the agency's member lists"},
    ),
    "welcome_bag_coverage": Term(
        {"de": "Willkommenstaschen-Abdeckung", "en": "Welcome-bag coverage"},
        {
            "de": "Ausgegebene Willkommenstaschen ÷ Zuzüge. Zuzüge zählen Personen, Taschen gehen an "
            "Haushalte: 100 % werden daher nicht erreicht.",
            "en": "Welcome bags handed out ÷ in-migration. In-migration counts persons, bags go to "
            "households, so 100 % is not reached.",
        },
        {"de": "%", "en": "%"},
        {"de": "Meldungen der Kommunen", "en": "reports of the municipalities"},
    ),
    "targets": Term(
        {"de": "Ziel (Soll) und Ist", "en": "Target and actual"},
        {
            "de": "Ziele setzt die Agentur je Kennzahl und Jahr. Für einen Zeitraum addieren sich die "
            "Jahresziele von Anzahlen (Zuzüge, Saldo, Leads) – dafür braucht jedes Jahr ein Ziel; für "
            "Quoten (Kosten je Lead, Taschen-Abdeckung) gilt das Mittel der Jahre, die ein Ziel haben; "
            "für die Netzwerk-Abdeckung das Ziel des letzten Jahres. Der Vorzeitraum ist der gleich "
            "lange Zeitraum davor; sein Wert und damit die Veränderung fehlen, wenn ihm Daten fehlen "
            "(die Karte sagt, welche). Abweichung vom Soll = (Ist − Soll) ÷ |Soll|. Ampel: grün = "
            "erreicht, gelb = höchstens 5 % des Ziels verfehlt, rot = verfehlt; bei Kosten je Lead ist "
            "weniger besser.",
            "en": "The agency sets targets per KPI and year. For a period the yearly targets of counts "
            "(in-migration, balance, leads) add up, which needs a target for every year; for ratios "
            "(cost per lead, bag coverage) the mean of the years that have one applies; for network "
            "coverage the last year's target. The previous period is the period of equal length before; "
            "its value, and so the change, is missing where it lacks data (the card says which). "
            "Gap = (actual − target) ÷ |target|. Traffic light: green = reached, amber = missed by at "
            "most 5 % of the target, red = missed; for cost per lead, lower is better.",
        },
        {"de": "wie die Kennzahl", "en": "as the KPI"},
        {
            "de": "Zielvereinbarung der Agentur (Tabelle kpi_target)",
            "en": "the agency's target agreement (table kpi_target)",
        },
    ),
    "highlights": Term(
        {"de": "Auffälligkeiten", "en": "Notable changes"},
        {
            "de": "Die größten Veränderungen gegenüber dem Vorzeitraum unter allen Kommunen bei Saldo, "
            "Zuzügen und Fortzügen je 1.000 Einwohner, gemessen in typischen Schwankungen der "
            "Kommunen (Median der absoluten Abweichungen); je Kommune die stärkste.",
            "en": "The largest changes against the previous period among all municipalities in net, "
            "in- and out-migration per 1,000 inhabitants, measured in the towns' typical spread "
            "(median absolute deviation); per municipality the strongest.",
        },
        {"de": "je 1.000 Einw. und Jahr", "en": "per 1,000 inhabitants and year"},
        {"de": "eigene Auswertung", "en": "own analysis"},
    ),
}


def defines(*keys: str) -> Callable:
    """Append the glossary definitions to a KPI function's docstring (one text, two places)."""

    def decorate(function: Callable) -> Callable:
        texts = [
            f"{GLOSSARY[k].name['de']}: {GLOSSARY[k].definition['de']} "
            f"Einheit: {GLOSSARY[k].unit['de']}. Quelle: {GLOSSARY[k].source['de']}."
            for k in keys
        ]
        function.__doc__ = "\n\n".join([(function.__doc__ or "").strip(), *texts])
        function.glossary_keys = keys
        return function

    return decorate
