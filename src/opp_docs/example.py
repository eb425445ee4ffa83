"""A complete, realistic and entirely fictional plan: the one ``opp voorbeeld`` prints.

Every part of the form is filled the way a coordinator would: all six domains of C, goals in
three domains of F, the six pre-printed signatures and two extra rows, four evaluations, and an
aanvraag for a TLV VSO with its attachments. Names, school and numbers are invented.
"""

from __future__ import annotations

from datetime import date

from opp_docs.model import (
    OPP,
    Aanvraag,
    ActaChecklistpunt,
    Afwijkingen,
    Arrangement,
    Bekostigingscategorie,
    Bijlage,
    Bijstelling,
    Domein,
    DomeinFactoren,
    Evaluatie,
    EvaluatieHandtekening,
    EvaluatieSoort,
    Factoren,
    Handelingsdeel,
    Handelingsdoel,
    Leerling,
    Looptijd,
    Motivering,
    Ondertekening,
    Ontwikkelingsperspectief,
    Ouder,
    Periode,
    Uitstroomprofiel,
    Vervolgtraject,
)

__all__ = ["example_plan"]

_MENTOR = "Jeroen Bakker"
_COORDINATOR = "Marieke de Groot"
_ONDERSTEUNER = "Fatima Oulad Ali"


def _evaluation_signatures() -> list[EvaluatieHandtekening]:
    return [
        EvaluatieHandtekening(naam=_COORDINATOR, functie="Ondersteuningscoördinator"),
        EvaluatieHandtekening(naam=_MENTOR, functie="Mentor"),
        EvaluatieHandtekening(naam="Sanne van den Berg", functie="Moeder"),
    ]


def example_plan() -> OPP:
    """The fictional example plan, a new object on every call: the plan ``opp voorbeeld`` prints.

    Every part of the form is filled; names, school and numbers are invented.

    >>> import opp_docs
    >>> plan = opp_docs.example_plan()
    >>> plan.leerling.klas, len(plan.evaluaties), plan.aanvraag.ingevuld
    ('3K2', 4, True)
    >>> plan == opp_docs.example_plan() and plan is not opp_docs.example_plan()
    True
    """
    return OPP(
        datum=date(2024, 10, 1),
        startdatum_opp=date(2024, 10, 1),
        einddatum_opp=date(2025, 7, 11),
        datum_ondersteuningsbehoefte=date(2024, 9, 10),
        leerling=Leerling(
            naam="Noor Elisabeth van den Berg (Noor)",
            leerlingnummer="240117",
            geboortedatum=date(2008, 4, 22),
            school_en_locatie="Voorbeeldcollege, locatie Naaldwijk",
            klas="3K2",
            leerjaar=3,
            niveau_afdeling="VMBO kaderberoepsgerichte leerweg, Groen",
            datum_inschrijving=date(2022, 8, 22),
            mentor=_MENTOR,
            ondersteuningscoordinator=_COORDINATOR,
            ouders=[
                Ouder(naam="Sanne van den Berg", relatie="moeder"),
                Ouder(naam="Erik van den Berg", relatie="vader"),
            ],
        ),
        ontwikkelingsperspectief=Ontwikkelingsperspectief(
            uitstroomprofiel=Uitstroomprofiel.VMBO_KL,
            vervolgtrajecten=[Vervolgtraject.MBO_2, Vervolgtraject.MBO_3, Vervolgtraject.ANDERS],
            vervolgtraject_anders="BBL-traject in de glastuinbouw",
            onderbouwing=(
                "Noor haalt voldoendes voor de praktijkvakken en voor wiskunde op kaderniveau.\n"
                "Bij taal en bij zelfstandig plannen valt zij terug; met structuur en een vaste "
                "begeleider haalt zij het kaderniveau. Ouders ondersteunen thuis bij het plannen."
            ),
        ),
        factoren=Factoren(
            domeinen=[
                DomeinFactoren(
                    domein=Domein.COGNITIEF,
                    stimulerend="Sterk in rekenen en praktische opdrachten; leert goed door doen.",
                    belemmerend="Dyslexie (verklaring 2019); begrijpend lezen op niveau 1F.",
                    ondersteuningsbehoefte=(
                        "Voorleessoftware, vergrote toetsen en 25% extra tijd bij toetsen."
                    ),
                ),
                DomeinFactoren(
                    domein=Domein.WERKHOUDING,
                    stimulerend="Gemotiveerd bij praktijkvakken; komt afspraken na.",
                    belemmerend="Plant huiswerk niet zelfstandig; raakt overzicht kwijt.",
                    ondersteuningsbehoefte="Wekelijkse planningscoaching met vaste begeleider.",
                ),
                DomeinFactoren(
                    domein=Domein.GEDRAG,
                    stimulerend="Behulpzaam, heeft een vaste vriendengroep.",
                    belemmerend="Faalangst bij toetsen; trekt zich terug bij onverwachte zaken.",
                    ondersteuningsbehoefte="Faalangstreductietraining en een rustige toetsruimte.",
                ),
                DomeinFactoren(
                    domein=Domein.LICHAMELIJK,
                    stimulerend="Sportief; speelt hockey.",
                    belemmerend="Slaapt slecht in toetsweken.",
                ),
                DomeinFactoren(
                    domein=Domein.VEILIGHEID,
                    stimulerend="Verzuim laag, geen ongeoorloofd verzuim.",
                    belemmerend="Meldt zich soms ziek op toetsdagen.",
                ),
                DomeinFactoren(
                    domein=Domein.THUISSITUATIE,
                    stimulerend="Betrokken ouders; bijbaan bij een kwekerij.",
                    belemmerend="Weinig rust thuis door verbouwing.",
                ),
            ],
            uitkomsten_vobl=(
                "VOBL afgenomen op 12-09-2024: ondersteuningsbehoefte op lezen, plannen en "
                "omgaan met toetsdruk."
            ),
            samenvattende_analyse=(
                "Noor heeft structuur, compenserende middelen en begeleiding bij faalangst nodig "
                "om het kaderniveau te halen. Afstemming met de jeugdconsulent over de thuisrust."
            ),
            wat_vindt_de_leerling=(
                "Noor wil haar diploma halen en daarna naar het mbo. Zij maakt elke maandag een "
                "weekplanning met haar begeleider."
            ),
            wat_vinden_ouders=(
                "Ouders steunen het plan. Moeder neemt op zondag de weekplanning met Noor door."
            ),
        ),
        ondertekening=[
            Ondertekening(rol="Leerling", naam="Noor van den Berg", datum=date(2024, 10, 1)),
            Ondertekening(
                rol="Ouder/verzorger", naam="Sanne van den Berg", datum=date(2024, 10, 1)
            ),
            Ondertekening(rol="Ouder/verzorger", naam="Erik van den Berg", datum=date(2024, 10, 2)),
            Ondertekening(rol="Mentor", naam=_MENTOR, datum=date(2024, 10, 1)),
            Ondertekening(
                rol="Ondersteuningscoördinator", naam=_COORDINATOR, datum=date(2024, 10, 1)
            ),
            Ondertekening(
                rol="Namens het bevoegd gezag", naam="Drs. P. Verhoeven", datum=date(2024, 10, 3)
            ),
            Ondertekening(rol="Schoolondersteuner", naam=_ONDERSTEUNER, datum=date(2024, 10, 1)),
            Ondertekening(
                rol="Jeugdconsulent gemeente", naam="Koen Vermeulen", datum=date(2024, 10, 4)
            ),
        ],
        handelingsadviezen=(
            "- Geef toetsen vergroot (Arial 12) en laat Noor voorleessoftware gebruiken.\n"
            "- Kondig wijzigingen in het rooster of de toets vooraf aan.\n"
            "- Zet Noor bij toetsen in de stilteruimte; geef 25% extra tijd.\n"
            "- Vraag bij nieuwe stof of zij de opdracht in eigen woorden kan herhalen."
        ),
        handelingsdeel=Handelingsdeel(
            doelen=[
                Handelingsdoel(
                    domein=Domein.COGNITIEF,
                    beoogd_resultaat="Noor gebruikt bij elke toets zelfstandig voorleessoftware.",
                    activiteiten=f"{_ONDERSTEUNER} (schoolondersteuner): uitleg en oefenen.",
                    periode=Periode(
                        van=date(2024, 10, 7), tot_en_met=date(2024, 12, 20), frequentie="wekelijks"
                    ),
                ),
                Handelingsdoel(
                    domein=Domein.COGNITIEF,
                    beoogd_resultaat="Begrijpend lezen stijgt van 1F naar 2F.",
                    activiteiten="Remedial teacher: leesbegeleiding in kleine groep.",
                    periode=Periode(
                        van=date(2024, 10, 7),
                        tot_en_met=date(2025, 6, 27),
                        frequentie="twee keer per week",
                    ),
                ),
                Handelingsdoel(
                    domein=Domein.WERKHOUDING,
                    beoogd_resultaat="Noor maakt zelf een weekplanning en houdt die voor 80% aan.",
                    activiteiten=f"{_MENTOR} (mentor): planningsgesprek op maandag.",
                    periode=Periode(
                        van=date(2024, 10, 7), tot_en_met=date(2025, 3, 28), frequentie="wekelijks"
                    ),
                ),
                Handelingsdoel(
                    domein=Domein.GEDRAG,
                    beoogd_resultaat="Noor meldt zich op toetsdagen niet meer ziek.",
                    activiteiten=f"{_ONDERSTEUNER} (schoolondersteuner): faalangsttraining.",
                    periode=Periode(van=date(2024, 11, 4), tot_en_met=date(2025, 1, 31)),
                ),
                Handelingsdoel(
                    domein=Domein.GEDRAG,
                    beoogd_resultaat="Noor maakt toetsen in de stilteruimte.",
                    activiteiten="Toetscoördinator: roostert de stilteruimte in.",
                    periode=Periode(
                        van=date(2024, 10, 7), tot_en_met=date(2025, 7, 11), frequentie="per toets"
                    ),
                ),
            ],
            datum_eerste_tussenevaluatie=date(2024, 12, 10),
            afwijkingen=Afwijkingen.WEL,
            afwijkingen_omschrijving=(
                "Vrijstelling voor Duits; in plaats daarvan twee uur extra Nederlands."
            ),
            instemming_ouders=True,
            instemming_leerling=True,
            zienswijze="Ouders vragen de school bij roosterwijzigingen vooraf te bellen.",
        ),
        evaluaties=[
            Evaluatie(
                soort=EvaluatieSoort.TUSSENEVALUATIE,
                datum=date(2024, 12, 10),
                aanwezig="Noor, moeder, mentor, ondersteuningscoördinator, schoolondersteuner",
                terugblik="Voorleessoftware wordt bij alle toetsen gebruikt. Planning lukt half.",
                vervolgacties="Planningsgesprek blijft wekelijks; mentor controleert de agenda.",
                bijstelling=Bijstelling.NEE,
                datum_volgende_evaluatie=date(2025, 2, 18),
                ondertekening=_evaluation_signatures(),
            ),
            Evaluatie(
                soort=EvaluatieSoort.TUSSENEVALUATIE,
                datum=date(2025, 2, 18),
                aanwezig="Noor, beide ouders, mentor, ondersteuningscoördinator",
                terugblik="Faalangsttraining afgerond; geen ziekmeldingen op toetsdagen.",
                vervolgacties="Aanvraag TLV VSO voorbereiden met de schoolondersteuner.",
                bijstelling=Bijstelling.JA,
                bijstelling_toelichting="Doel lezen bijgesteld: 2F aan het eind van leerjaar 4.",
                datum_volgende_evaluatie=date(2025, 4, 15),
                ondertekening=_evaluation_signatures(),
            ),
            Evaluatie(
                soort=EvaluatieSoort.TUSSENEVALUATIE,
                datum=date(2025, 4, 15),
                aanwezig="Noor, moeder, mentor, ondersteuningscoördinator, jeugdconsulent",
                terugblik="Planning lukt nu voor 75%. Lezen vordert langzaam.",
                vervolgacties="Jeugdconsulent zoekt rustige studieplek buiten huis.",
                bijstelling=Bijstelling.NEE,
                datum_volgende_evaluatie=date(2025, 6, 24),
                ondertekening=_evaluation_signatures(),
            ),
            Evaluatie(
                soort=EvaluatieSoort.EINDEVALUATIE,
                datum=date(2025, 6, 24),
                aanwezig="Noor, beide ouders, mentor, ondersteuningscoördinator",
                terugblik="Doelen planning en faalangst behaald; lezen op 1F+.",
                vervolgacties="Nieuw OPP voor leerjaar 4, uiterlijk 6 weken na de start.",
                bijstelling=Bijstelling.NEE,
                datum_volgende_evaluatie=date(2025, 9, 30),
                ondertekening=_evaluation_signatures(),
            ),
        ],
        aanvraag=Aanvraag(
            arrangement=Arrangement.TLV_VSO,
            bekostigingscategorie=Bekostigingscategorie.LAAG,
            looptijd=Looptijd.TWEE_SCHOOLJAREN,
            ingangsdatum=date(2025, 8, 1),
            beoogde_school="VSO De Voorbeeldschool, Den Haag",
            motivering=Motivering(
                huidige_situatie="Voorbeeldcollege Naaldwijk, VMBO kader, leerjaar 3.",
                wat_is_er_aan_de_hand=(
                    "Ernstige dyslexie en faalangst; ondanks ondersteuning blijft Noor achter."
                ),
                wat_is_er_al_gedaan=(
                    "Sinds oktober 2024: voorleessoftware, planningscoaching, faalangsttraining "
                    "en leesbegeleiding (zie evaluaties)."
                ),
                wat_is_er_nodig=(
                    "Kleine klassen en intensieve leesbegeleiding in het VSO, twee schooljaren."
                ),
            ),
            bijlagen=[
                Bijlage(naam="OPP met evaluaties", bijgevoegd=True),
                Bijlage(naam="Uitkomsten VOBL", bijgevoegd=True),
                Bijlage(
                    naam="Onderzoeksverslag(en)",
                    bijgevoegd=False,
                    toelichting="Het onderzoek loopt nog; het verslag volgt voor de vergadering.",
                ),
                Bijlage(naam="Leerresultaten", bijgevoegd=True),
                Bijlage(naam="Verzuimoverzicht", bijgevoegd=True),
                Bijlage(naam="Verslag ondersteuningsteam/MDO", bijgevoegd=True),
                Bijlage(naam="Zienswijze ouder(s)/verzorger(s) en leerling", bijgevoegd=True),
                Bijlage(
                    naam="Eerdere beschikking of TLV (bij herindicatie)",
                    bijgevoegd=False,
                    toelichting="Niet van toepassing: eerste aanvraag.",
                ),
                Bijlage(naam="Verslag jeugdconsulent", bijgevoegd=True),
            ],
            ondertekening=[
                Ondertekening(
                    rol="Namens het bevoegd gezag", naam="Drs. P. Verhoeven", datum=date(2025, 3, 3)
                ),
                Ondertekening(
                    rol="Ouder(s)/verzorger(s)",
                    naam="Sanne en Erik van den Berg",
                    datum=date(2025, 3, 4),
                ),
                Ondertekening(
                    rol="Leerling (16+)", naam="Noor van den Berg", datum=date(2025, 3, 4)
                ),
            ],
        ),
        acta_checklist=list(ActaChecklistpunt),
    )
