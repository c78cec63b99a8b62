"""The embedded example dataset: the 2025-2026 US-China trade arrangements.

Built from dated public reporting. Every event names its sources and carries
the confidence the reporting supports; where sources disagree, the event's
notes say so. Ids are stable: ``geneva-2025``, ``london-2025``,
``stockholm-2025`` and ``busan-2025``.
"""

from __future__ import annotations

import datetime as dt

from ._calendar import Period
from ._conditions import DateReached, Fulfilled, approved_by
from ._model import (
    Agreement,
    Commitment,
    Dataset,
    EntryIntoForce,
    Event,
    Link,
    Measure,
    Official,
    Party,
    Source,
    Term,
)
from ._vocabulary import (
    Action,
    AgreementKind,
    Confidence,
    EventKind,
    LinkKind,
    MeasureKind,
    SourceKind,
)

__all__ = ["example_dataset"]

D = dt.date
HIGH, MEDIUM, LOW = Confidence.HIGH, Confidence.MEDIUM, Confidence.LOW
PRESS, ANALYSIS, OFFICIAL = SourceKind.PRESS_REPORT, SourceKind.ANALYSIS, SourceKind.OFFICIAL_TEXT

PARTIES = (
    Party(id="USA", name="United States of America"),
    Party(id="CHN", name="People's Republic of China"),
)

OFFICIALS = (
    Official(id="trump", name="Donald Trump", party="USA", role="President"),
    Official(id="bessent", name="Scott Bessent", party="USA", role="Secretary of the Treasury"),
    Official(
        id="greer", name="Jamieson Greer", party="USA", role="United States Trade Representative"
    ),
    Official(id="lutnick", name="Howard Lutnick", party="USA", role="Secretary of Commerce"),
    Official(id="xi", name="Xi Jinping", party="CHN", role="President"),
    Official(id="he-lifeng", name="He Lifeng", party="CHN", role="Vice Premier"),
    Official(
        id="li-chenggang",
        name="Li Chenggang",
        party="CHN",
        role="China International Trade Representative and Vice Minister of Commerce",
    ),
    Official(id="wang-wentao", name="Wang Wentao", party="CHN", role="Minister of Commerce"),
)

MEASURES = (
    Measure(
        id="us-reciprocal-tariff-cn",
        name="US 'reciprocal' additional tariff on goods from China",
        imposed_by="USA",
        kind=MeasureKind.TARIFF,
        applies_to=("CHN",),
        legal_basis="IEEPA; Executive Order 14257 (34%), raised by EO 14259 and EO 14266",
    ),
    Measure(
        id="us-fentanyl-tariff-cn",
        name="US 'fentanyl' additional tariff on goods from China",
        imposed_by="USA",
        kind=MeasureKind.TARIFF,
        applies_to=("CHN",),
        legal_basis="IEEPA",
        summary="20% from March 2025; 10% from 2025-11-10.",
    ),
    Measure(
        id="cn-counter-tariff-us",
        name="China's additional tariff on goods from the United States",
        imposed_by="CHN",
        kind=MeasureKind.TARIFF,
        applies_to=("USA",),
        legal_basis="Customs Tariff Commission of the State Council, Announcement No. 4 of 2025",
    ),
    Measure(
        id="cn-rare-earth-licensing",
        name="Export licensing of seven medium and heavy rare earths",
        imposed_by="CHN",
        kind=MeasureKind.EXPORT_CONTROL,
        legal_basis="MOFCOM/General Administration of Customs Announcement No. 18 of 2025",
        summary="Samarium, gadolinium, terbium, dysprosium, lutetium, scandium, yttrium.",
    ),
    Measure(
        id="cn-october-export-controls",
        name="China's October 2025 rare-earth and technology export controls",
        imposed_by="CHN",
        kind=MeasureKind.EXPORT_CONTROL,
        legal_basis="MOFCOM Announcements 55-58, 61 and 62 of 2025",
        summary="Five more rare earths, related technologies, and an extraterritorial 0.1% rule.",
    ),
    Measure(
        id="us-eda-ethane-controls",
        name="US licence requirements on chip-design (EDA) software, ethane and jet-engine items for China",
        imposed_by="USA",
        kind=MeasureKind.EXPORT_CONTROL,
        applies_to=("CHN",),
    ),
    Measure(
        id="us-advanced-ai-chip-controls",
        name="US export controls on advanced AI chips",
        imposed_by="USA",
        kind=MeasureKind.EXPORT_CONTROL,
        applies_to=("CHN",),
        summary="Controls on the most advanced Nvidia chips (Blackwell class).",
    ),
    Measure(
        id="us-student-visa-revocations",
        name="US plan to revoke visas of Chinese students",
        imposed_by="USA",
        kind=MeasureKind.VISA,
        applies_to=("CHN",),
    ),
    Measure(
        id="us-affiliates-rule",
        name="BIS 'Affiliates Rule' (entities at least 50% owned by listed parties)",
        imposed_by="USA",
        kind=MeasureKind.EXPORT_CONTROL,
        legal_basis="Federal Register 2025-19001",
    ),
)


def _press(
    id: str, publisher: str, title: str = "", published: dt.date | None = None, quote: str = ""
) -> Source:
    return Source(
        id=id, publisher=publisher, kind=PRESS, title=title, published=published, quote=quote
    )


def _analysis(id: str, publisher: str, title: str = "") -> Source:
    return Source(id=id, publisher=publisher, kind=ANALYSIS, title=title)


SOURCES = (
    _press(
        "seed-000",
        "news report",
        "China confirms the finalization of a new trade framework with the United States",
        quote="we just signed with China yesterday",
    ),
    _press(
        "seed-001",
        "news report",
        "U.S.-China London talks: a tentative framework on rare earths, chips and student visas",
        quote="Our deal with China is done.",
    ),
    _press(
        "seed-002",
        "CNBC (via nbcphiladelphia.com)",
        "China, U.S. officials reach agreement for allowing rare-earth, tech trade. "
        "Now it's up to Trump and Xi",
        D(2025, 6, 10),
        quote="We have reached a framework to implement the Geneva consensus and the call "
        "between the two presidents",
    ),
    _press(
        "seed-003",
        "FX Leaders",
        "U.S. and China Reach Preliminary Deal After Two Days of Talks",
        quote="The understanding, which still requires approval from Presidents Donald Trump "
        "and Xi Jinping, includes key commitments on rare earth elements and technology",
    ),
    Source(
        id="truth-social-2025-06-11",
        publisher="Truth Social (Donald Trump)",
        kind=SourceKind.SOCIAL_MEDIA_POST,
        title="Post on the London framework, as reported",
        published=D(2025, 6, 11),
        quote="OUR DEAL WITH CHINA IS DONE, SUBJECT TO FINAL APPROVAL WITH PRESIDENT XI AND ME",
    ),
    _analysis("btlaw", "btlaw.com"),
    _analysis("hklaw", "hklaw.com"),
    _analysis("osencmagnet", "osencmagnet.com"),
    _analysis("bhfs", "bhfs.com"),
    _press("people-cn", "en.people.cn"),
    _press("bastillepost", "bastillepost.com", "Geneva Joint Statement"),
    Source(
        id="eo-14298",
        publisher="govinfo.gov",
        kind=OFFICIAL,
        title="Executive Order 14298 (effective 00:01 EDT 2025-05-14)",
    ),
    _analysis("edgarindex", "edgarindex.com"),
    _analysis("sysona", "sysona.com"),
    _analysis("geopolitechs", "geopolitechs.org", "MOFCOM readouts"),
    _press("capitalpress", "capitalpress.com"),
    _press("upi", "upi.com"),
    _press("azzet", "azzet.com"),
    _analysis("mondaq", "mondaq.com"),
    _press("exportcompliancedaily", "exportcompliancedaily.com"),
    _analysis("triviumchina", "triviumchina.com"),
    _analysis("cas-fudan", "cas.fudan.edu.cn"),
    _analysis("schnitgercorp", "schnitgercorp.com"),
    _press("internationaltradetoday", "internationaltradetoday.com"),
    _press("world-economist", "world-economist.com"),
    _press("ap-lincolndailynews", "AP (via lincolndailynews.com)"),
    _press("miragenews", "miragenews.com"),
    _analysis("schulztradelaw", "schulztradelaw.com"),
    Source(
        id="federal-register-2025-19001",
        publisher="Federal Register",
        kind=OFFICIAL,
        title="2025-19001",
    ),
    _analysis("chemradar", "chemradar.com"),
    _press("livemint", "livemint.com"),
    _press("businesstoday", "businesstoday.in"),
    _press("hindustantimes", "hindustantimes.com"),
    _press("plataformamedia", "plataformamedia.com"),
    Source(
        id="whitehouse-fact-sheet-2025-11-01",
        publisher="The White House (copy on govpulse)",
        kind=SourceKind.OFFICIAL_STATEMENT,
        title="Fact sheet on the deal with China",
        published=D(2025, 11, 1),
    ),
    _analysis("strtrade", "strtrade.com"),
    _analysis("sinobtd", "sinobtd.com"),
    _press("report-az", "report.az"),
    _analysis("resilinc", "resilinc.ai"),
    _analysis("internationaltradeinsights", "internationaltradeinsights.com"),
    _analysis("fenwick", "fenwick.com"),
    _press("odishaconnect", "odishaconnect.com"),
    Source(
        id="wikipedia-learning-resources",
        publisher="Wikipedia",
        kind=SourceKind.REFERENCE,
        title="Learning Resources, Inc. v. Trump",
    ),
    _analysis("natlawreview", "natlawreview.com"),
    _analysis("dutyclaims", "dutyclaims.com"),
    _press("cbs-firstnorthwestern", "CBS (via firstnorthwestern.com)"),
    _press("bbc-mirror", "BBC (mirror)"),
    _press("bilateral-news", "bilateral.news"),
)

GENEVA = Agreement(
    id="geneva-2025",
    title="Joint Statement on U.S.-China Economic and Trade Meeting in Geneva",
    kind=AgreementKind.JOINT_STATEMENT,
    parties=("USA", "CHN"),
    concluded=D(2025, 5, 12),
    entry_into_force=EntryIntoForce(when=DateReached(D(2025, 5, 14))),
    summary=(
        "By 2025-05-14 each side suspends 24 of its 34 additional percentage points for an "
        "initial 90 days, keeps 10%, and revokes the April escalations; China suspends or "
        "removes its non-tariff countermeasures taken since 2025-04-02. A consultation "
        "mechanism is created."
    ),
    sources=("bastillepost", "eo-14298"),
    commitments=(
        Commitment(
            id="geneva-2025/us-suspend-24-points",
            by="USA",
            action=Action.SUSPEND,
            measure="us-reciprocal-tariff-cn",
            beneficiary="CHN",
            summary="Suspend 24 of the 34 percentage points for an initial 90 days, keeping 10%.",
            term=Term(period=Period(days=90)),
            sources=("bastillepost", "eo-14298"),
        ),
        Commitment(
            id="geneva-2025/us-revoke-escalation",
            by="USA",
            action=Action.LIFT,
            measure="us-reciprocal-tariff-cn",
            beneficiary="CHN",
            summary="Revoke the increases of Executive Orders 14259 and 14266.",
            sources=("bastillepost", "eo-14298"),
        ),
        Commitment(
            id="geneva-2025/cn-suspend-24-points",
            by="CHN",
            action=Action.SUSPEND,
            measure="cn-counter-tariff-us",
            beneficiary="USA",
            summary="Suspend 24 of the 34 percentage points of Announcement No. 4 for an initial 90 days, keeping 10%.",
            term=Term(period=Period(days=90)),
            sources=("bastillepost",),
        ),
        Commitment(
            id="geneva-2025/cn-revoke-escalation",
            by="CHN",
            action=Action.LIFT,
            measure="cn-counter-tariff-us",
            beneficiary="USA",
            summary="Revoke the increases of Tariff Commission Announcements No. 5 and No. 6.",
            sources=("bastillepost",),
        ),
        Commitment(
            id="geneva-2025/cn-suspend-non-tariff-countermeasures",
            by="CHN",
            action=Action.SUSPEND,
            beneficiary="USA",
            summary="Suspend or remove the non-tariff countermeasures taken against the United States since 2025-04-02.",
            sources=("bastillepost",),
        ),
    ),
)

LONDON = Agreement(
    id="london-2025",
    title="London framework to implement the Geneva consensus",
    kind=AgreementKind.FRAMEWORK,
    parties=("USA", "CHN"),
    concluded=D(2025, 6, 10),
    entry_into_force=EntryIntoForce(
        when=approved_by("USA", "london-2025") & approved_by("CHN", "london-2025")
    ),
    links=(Link(kind=LinkKind.IMPLEMENTS, target="geneva-2025"),),
    summary=(
        "Agreed at Lancaster House on 2025-06-09/10 'to implement the Geneva consensus and the "
        "call between the two presidents'; to be implemented once President Trump and then "
        "President Xi approve it."
    ),
    sources=("seed-002", "seed-003", "seed-001", "geopolitechs"),
    commitments=(
        Commitment(
            id="london-2025/cn-rare-earth-approvals",
            by="CHN",
            action=Action.APPROVE,
            measure="cn-rare-earth-licensing",
            beneficiary="USA",
            summary="Review and approve eligible applications to export rare earths and magnets.",
            sources=("seed-002", "seed-000", "exportcompliancedaily"),
        ),
        Commitment(
            id="london-2025/us-rollback-export-restrictions",
            by="USA",
            action=Action.LIFT,
            measure="us-eda-ethane-controls",
            beneficiary="CHN",
            summary=(
                "Roll back the recent export restrictions (chip-design software, ethane, jet "
                "engines) as China approves rare-earth exports."
            ),
            condition=Fulfilled("london-2025/cn-rare-earth-approvals"),
            sources=("seed-002", "seed-001", "seed-000"),
        ),
        Commitment(
            id="london-2025/us-maintain-ai-chip-controls",
            by="USA",
            action=Action.MAINTAIN,
            measure="us-advanced-ai-chip-controls",
            summary="Keep the controls on advanced Nvidia AI chips in place.",
            sources=("seed-001",),
        ),
        Commitment(
            id="london-2025/us-student-visa-reversal",
            by="USA",
            action=Action.REFRAIN,
            measure="us-student-visa-revocations",
            beneficiary="CHN",
            summary="Reverse course on revoking the visas of Chinese students ('Chinese students may stay').",
            sources=("seed-001", "truth-social-2025-06-11"),
        ),
    ),
)

STOCKHOLM = Agreement(
    id="stockholm-2025",
    title="Stockholm Joint Statement",
    kind=AgreementKind.JOINT_STATEMENT,
    parties=("USA", "CHN"),
    concluded=D(2025, 8, 11),
    links=(Link(kind=LinkKind.EXTENDS, target="geneva-2025"),),
    summary=(
        "Both sides suspend the 24 percentage points for a further 90 days from 2025-08-12. "
        "Published in China on 2025-08-12."
    ),
    sources=("miragenews", "schulztradelaw"),
)

BUSAN = Agreement(
    id="busan-2025",
    title="Busan arrangement (Trump-Xi meeting of 2025-10-30)",
    kind=AgreementKind.ARRANGEMENT,
    parties=("USA", "CHN"),
    concluded=D(2025, 10, 30),
    entry_into_force=EntryIntoForce(when=DateReached(D(2025, 11, 10))),
    term=Term(period=Period(years=1)),
    summary=(
        "Fentanyl tariff cut from 20% to 10%; a one-year pause of China's October export "
        "controls; soybean purchases; one-year suspensions of the Affiliates Rule and of the "
        "Section 301 shipping actions. The two sides' statements differ: general licences for "
        "rare earths appear only in the US fact sheet."
    ),
    sources=(
        "hindustantimes",
        "plataformamedia",
        "whitehouse-fact-sheet-2025-11-01",
        "geopolitechs",
    ),
    commitments=(
        Commitment(
            id="busan-2025/us-reduce-fentanyl-tariff",
            by="USA",
            action=Action.REDUCE,
            measure="us-fentanyl-tariff-cn",
            beneficiary="CHN",
            summary="Cut the fentanyl tariff by 10 points, to 10%, from 2025-11-10.",
            sources=("whitehouse-fact-sheet-2025-11-01", "mondaq", "strtrade"),
        ),
        Commitment(
            id="busan-2025/us-suspend-affiliates-rule",
            by="USA",
            action=Action.SUSPEND,
            measure="us-affiliates-rule",
            beneficiary="CHN",
            summary="Suspend the Affiliates Rule for one year.",
            term=Term(period=Period(years=1)),
            sources=("whitehouse-fact-sheet-2025-11-01",),
        ),
        Commitment(
            id="busan-2025/cn-suspend-october-controls",
            by="CHN",
            action=Action.SUSPEND,
            measure="cn-october-export-controls",
            beneficiary="USA",
            summary="Suspend the export controls announced on 2025-10-09 for one year.",
            term=Term(period=Period(years=1)),
            sources=("whitehouse-fact-sheet-2025-11-01", "geopolitechs"),
        ),
        Commitment(
            id="busan-2025/cn-general-licences",
            by="CHN",
            action=Action.PROVIDE,
            measure="cn-rare-earth-licensing",
            beneficiary="USA",
            summary=(
                "Issue general licences for rare-earth exports. Stated only in the US fact "
                "sheet; China's own statement does not mention it."
            ),
            sources=("whitehouse-fact-sheet-2025-11-01",),
        ),
        Commitment(
            id="busan-2025/cn-soybean-purchases",
            by="CHN",
            action=Action.PROVIDE,
            beneficiary="USA",
            summary=(
                "Buy 12 million metric tons of US soybeans in 2025 (a target later reported "
                "moved to the end of February 2026) and 25 million tons a year in 2026-2028."
            ),
            sources=("whitehouse-fact-sheet-2025-11-01",),
        ),
    ),
)


def _event(
    id: str,
    date: dt.date,
    kind: EventKind,
    summary: str,
    sources: tuple[str, ...],
    *,
    party: str | None = None,
    official: str | None = None,
    target: str | None = None,
    confidence: Confidence = HIGH,
    ends_on: dt.date | None = None,
    notes: str = "",
) -> Event:
    return Event(
        id=id,
        date=date,
        kind=kind,
        summary=summary,
        sources=sources,
        party=party,
        official=official,
        target=target,
        confidence=confidence,
        ends_on=ends_on,
        notes=notes,
    )


EK = EventKind

EVENTS = (
    _event(
        "2025-04-02-us-reciprocal-tariff",
        D(2025, 4, 2),
        EK.MEASURE_TAKEN,
        "Executive Order 14257 imposes 'reciprocal' tariffs; 34% for China.",
        ("btlaw",),
        party="USA",
        target="us-reciprocal-tariff-cn",
    ),
    _event(
        "2025-04-04-cn-counter-tariff",
        D(2025, 4, 4),
        EK.MEASURE_TAKEN,
        "Tariff Commission Announcement No. 4: 34% on US goods.",
        ("hklaw",),
        party="CHN",
        target="cn-counter-tariff-us",
    ),
    _event(
        "2025-04-04-cn-rare-earth-licensing",
        D(2025, 4, 4),
        EK.MEASURE_TAKEN,
        "MOFCOM/Customs Announcement No. 18: export licences required for seven rare earths.",
        ("hklaw", "osencmagnet"),
        party="CHN",
        target="cn-rare-earth-licensing",
    ),
    _event(
        "2025-04-10-us-escalation",
        D(2025, 4, 10),
        EK.MEASURE_TAKEN,
        "US rate raised to 84% then 125% (EO 14259, EO 14266); 145% with the 20% fentanyl duty.",
        ("bhfs",),
        party="USA",
        target="us-reciprocal-tariff-cn",
    ),
    _event(
        "2025-04-10-cn-escalation",
        D(2025, 4, 10),
        EK.MEASURE_TAKEN,
        "China raises its rate to 84% then 125% (effective 2025-04-12).",
        ("people-cn",),
        party="CHN",
        target="cn-counter-tariff-us",
    ),
    _event(
        "2025-05-12-geneva-joint-statement",
        D(2025, 5, 12),
        EK.CONCLUSION,
        "Geneva Joint Statement issued after talks led by Bessent, Greer and He Lifeng.",
        ("bastillepost",),
        target="geneva-2025",
        notes="One secondary source dates the talks 11-12 May.",
    ),
    _event(
        "2025-05-14-us-geneva-suspension",
        D(2025, 5, 14),
        EK.PERFORMANCE,
        "Executive Order 14298 takes effect: 24 points suspended, 10% kept.",
        ("eo-14298",),
        party="USA",
        target="geneva-2025/us-suspend-24-points",
    ),
    _event(
        "2025-05-14-us-geneva-revocation",
        D(2025, 5, 14),
        EK.PERFORMANCE,
        "Executive Order 14298 revokes the EO 14259 and EO 14266 increases.",
        ("eo-14298",),
        party="USA",
        target="geneva-2025/us-revoke-escalation",
    ),
    _event(
        "2025-05-23-us-eda-ethane-controls",
        D(2025, 5, 23),
        EK.MEASURE_TAKEN,
        "US licence requirements on chip-design software, ethane and other items, citing slow "
        "Chinese rare-earth licensing.",
        ("edgarindex", "sysona"),
        party="USA",
        target="us-eda-ethane-controls",
        confidence=MEDIUM,
        notes="Letters reported around late May; the exact date is uncertain.",
    ),
    _event(
        "2025-06-05-trump-xi-call",
        D(2025, 6, 5),
        EK.MEETING,
        "Trump-Xi phone call.",
        ("geopolitechs",),
    ),
    _event(
        "2025-06-10-london-framework",
        D(2025, 6, 10),
        EK.CONCLUSION,
        "London talks (Lancaster House, 06-09/10) reach 'a framework to implement the Geneva "
        "consensus and the call between the two presidents'.",
        ("seed-002", "seed-003", "geopolitechs"),
        target="london-2025",
    ),
    _event(
        "2025-06-10-lutnick-approvals-needed",
        D(2025, 6, 10),
        EK.STATEMENT,
        "Lutnick: he and Greer will 'make sure President Trump approves'; if Xi also agrees, "
        "'we will implement the framework'. US export restrictions to be rolled back as "
        "Beijing approves rare-earth exports; advanced AI-chip controls remain.",
        ("seed-002", "seed-003", "seed-001"),
        party="USA",
        official="lutnick",
        target="london-2025",
    ),
    _event(
        "2025-06-11-trump-post",
        D(2025, 6, 11),
        EK.STATEMENT,
        "Trump on Truth Social: 'OUR DEAL WITH CHINA IS DONE, SUBJECT TO FINAL APPROVAL WITH "
        "PRESIDENT XI AND ME'. A statement of intent, not an approval by both presidents.",
        ("truth-social-2025-06-11", "seed-001", "capitalpress", "upi"),
        party="USA",
        official="trump",
        target="london-2025",
    ),
    _event(
        "2025-06-25-us-approval",
        D(2025, 6, 25),
        EK.APPROVAL,
        "The United States signs off on the framework: on 06-26 Trump said 'we just signed "
        "with China yesterday'; Lutnick told Bloomberg it was signed.",
        ("seed-000", "azzet", "mondaq"),
        party="USA",
        official="trump",
        target="london-2025",
        confidence=MEDIUM,
        notes="Signing date conflicts: 06-25 (implied by Trump) vs 'as of 06-24' (a law-firm "
        "note). A White House official called it 'an additional understanding'.",
    ),
    _event(
        "2025-06-27-cn-approval",
        D(2025, 6, 27),
        EK.APPROVAL,
        "MOFCOM confirms the framework and its details.",
        ("seed-000", "exportcompliancedaily"),
        party="CHN",
        target="london-2025",
        notes="China's approval is known from the MOFCOM confirmation; no separate statement "
        "by President Xi is recorded.",
    ),
    _event(
        "2025-06-27-cn-rare-earth-approvals",
        D(2025, 6, 27),
        EK.PERFORMANCE,
        "MOFCOM: China reviews and approves eligible export applications for controlled items; "
        "the US cancels 'a series of restrictive measures'.",
        ("seed-000", "exportcompliancedaily"),
        party="CHN",
        target="london-2025/cn-rare-earth-approvals",
        notes="Announced in general terms; individual licences are not itemised.",
    ),
    _event(
        "2025-07-02-us-lifts-eda-ethane",
        D(2025, 7, 2),
        EK.PERFORMANCE,
        "BIS lifts the EDA and ethane licence requirements; on 07-04 MOFCOM acknowledges notices "
        "covering EDA, ethane and aircraft engines.",
        ("triviumchina", "cas-fudan", "schnitgercorp"),
        party="USA",
        target="london-2025/us-rollback-export-restrictions",
        notes="On 07-03 a wire report said the jet-engine licences were unconfirmed.",
    ),
    _event(
        "2025-07-15-h20-licences",
        D(2025, 7, 15),
        EK.STATEMENT,
        "Nvidia says H20 export licences are assured; Lutnick says H20 was 'in the trade deal "
        "with the magnets'. Blackwell-class chips stay controlled.",
        ("internationaltradetoday", "world-economist"),
        party="USA",
        official="lutnick",
        target="us-advanced-ai-chip-controls",
        confidence=MEDIUM,
        notes="Bessent earlier told Congress there was 'no quid pro quo'.",
    ),
    _event(
        "2025-07-29-stockholm-talks",
        D(2025, 7, 29),
        EK.MEETING,
        "Stockholm talks (07-28/29): both sides agree to pursue an extension; Bessent: 'Nothing "
        "is agreed until we speak with President Trump'.",
        ("ap-lincolndailynews",),
    ),
    _event(
        "2025-08-11-us-extension",
        D(2025, 8, 11),
        EK.EXTENSION,
        "US executive order extends the suspension to 2025-11-10 00:01 EST.",
        ("miragenews", "schulztradelaw"),
        party="USA",
        target="geneva-2025/us-suspend-24-points",
        ends_on=D(2025, 11, 10),
    ),
    _event(
        "2025-08-11-stockholm-joint-statement",
        D(2025, 8, 11),
        EK.CONCLUSION,
        "Stockholm Joint Statement: both sides suspend 24 points for a further 90 days from 08-12.",
        ("miragenews", "schulztradelaw"),
        target="stockholm-2025",
        notes="Published in China on 2025-08-12.",
    ),
    _event(
        "2025-08-11-cn-extension",
        D(2025, 8, 11),
        EK.EXTENSION,
        "China suspends the 24 points for a further 90 days from 2025-08-12 (Stockholm Joint "
        "Statement).",
        ("miragenews", "schulztradelaw"),
        party="CHN",
        target="geneva-2025/cn-suspend-24-points",
        ends_on=D(2025, 11, 10),
        notes="Published in China on 2025-08-12.",
    ),
    _event(
        "2025-09-29-affiliates-rule",
        D(2025, 9, 29),
        EK.MEASURE_TAKEN,
        "BIS 'Affiliates Rule': entities at least 50% owned by listed parties become restricted.",
        ("federal-register-2025-19001",),
        party="USA",
        target="us-affiliates-rule",
    ),
    _event(
        "2025-10-09-cn-october-controls",
        D(2025, 10, 9),
        EK.MEASURE_TAKEN,
        "MOFCOM Announcements 55-58, 61, 62: five more rare earths, related technologies, and an "
        "extraterritorial 0.1% rule (effective 12-01).",
        ("chemradar",),
        party="CHN",
        target="cn-october-export-controls",
    ),
    _event(
        "2025-10-10-trump-threat",
        D(2025, 10, 10),
        EK.STATEMENT,
        "Trump threatens an extra 100% tariff plus 'critical software' export controls from 11-01.",
        ("livemint",),
        party="USA",
        official="trump",
    ),
    _event(
        "2025-10-26-kuala-lumpur-talks",
        D(2025, 10, 26),
        EK.MEETING,
        "Kuala Lumpur talks (10-25/26) reach a 'preliminary consensus'.",
        ("businesstoday",),
    ),
    _event(
        "2025-10-30-busan-meeting",
        D(2025, 10, 30),
        EK.CONCLUSION,
        "Trump-Xi meeting in Busan: fentanyl tariff 20% to 10%; one-year pause of China's "
        "October rare-earth controls; soybean purchases.",
        ("hindustantimes", "plataformamedia"),
        target="busan-2025",
    ),
    _event(
        "2025-11-01-white-house-fact-sheet",
        D(2025, 11, 1),
        EK.STATEMENT,
        "White House fact sheet on the Busan arrangement, including general licences for rare "
        "earths and soybean purchases of 12 MMT in 2025 and 25 MMT a year 2026-2028.",
        ("whitehouse-fact-sheet-2025-11-01", "geopolitechs"),
        party="USA",
        target="busan-2025",
        notes="The two sides' statements differ: general licences appear only in the US text.",
    ),
    _event(
        "2025-11-04-us-extension",
        D(2025, 11, 4),
        EK.EXTENSION,
        "Executive order: the 24-point suspension continues until 2026-11-10 00:01 EST; the "
        "President may modify it if China fails to perform.",
        ("mondaq", "strtrade"),
        party="USA",
        target="geneva-2025/us-suspend-24-points",
        ends_on=D(2026, 11, 10),
    ),
    _event(
        "2025-11-05-cn-extension",
        D(2025, 11, 5),
        EK.EXTENSION,
        "Tariff Commission: from 2025-11-10 13:01 Beijing time the 24 points stay suspended for "
        "one year, 10% retained.",
        ("sinobtd", "report-az"),
        party="CHN",
        target="geneva-2025/cn-suspend-24-points",
        ends_on=D(2026, 11, 10),
    ),
    _event(
        "2025-11-07-cn-suspends-october-controls",
        D(2025, 11, 7),
        EK.PERFORMANCE,
        "MOFCOM Announcement No. 70 suspends the six 2025-10-09 announcements until 2026-11-10.",
        ("chemradar", "resilinc"),
        party="CHN",
        target="busan-2025/cn-suspend-october-controls",
    ),
    _event(
        "2025-11-10-us-fentanyl-cut",
        D(2025, 11, 10),
        EK.PERFORMANCE,
        "The fentanyl duty falls to 10% from 00:01 EST (executive order of 2025-11-04).",
        ("mondaq", "strtrade"),
        party="USA",
        target="busan-2025/us-reduce-fentanyl-tariff",
    ),
    _event(
        "2025-11-10-us-suspends-affiliates-rule",
        D(2025, 11, 10),
        EK.PERFORMANCE,
        "BIS suspends the Affiliates Rule through 2026-11-09; USTR suspends the Section 301 "
        "shipping action for one year.",
        ("internationaltradeinsights", "fenwick"),
        party="USA",
        target="busan-2025/us-suspend-affiliates-rule",
    ),
    _event(
        "2025-12-15-soybean-target-moved",
        D(2025, 12, 15),
        EK.STATEMENT,
        "Bessent: the 12 MMT soybean target moves to the end of February 2026.",
        ("triviumchina",),
        party="USA",
        official="bessent",
        target="busan-2025/cn-soybean-purchases",
        confidence=MEDIUM,
        notes="Reported in December 2025; the exact day is uncertain.",
    ),
    _event(
        "2026-02-04-trump-xi-call",
        D(2026, 2, 4),
        EK.MEETING,
        "Trump-Xi call; Trump accepts an April visit to Beijing.",
        ("odishaconnect",),
        confidence=MEDIUM,
    ),
    _event(
        "2026-02-20-scotus-ieepa-reciprocal",
        D(2026, 2, 20),
        EK.INVALIDATION,
        "Supreme Court, Learning Resources v. Trump (6-3): IEEPA does not authorize tariffs. The "
        "IEEPA 'reciprocal' duties on China end; collection stopped 2026-02-24 00:00. A Section "
        "122 surcharge of 10% applies from 2026-02-24 for 150 days.",
        ("wikipedia-learning-resources", "natlawreview"),
        party="USA",
        target="us-reciprocal-tariff-cn",
        notes="Trump announced 15% on 02-21; sources disagree whether 15% was implemented "
        "(low confidence).",
    ),
    _event(
        "2026-02-20-scotus-ieepa-fentanyl",
        D(2026, 2, 20),
        EK.INVALIDATION,
        "The same ruling ends the IEEPA 'fentanyl' duty on China.",
        ("wikipedia-learning-resources", "natlawreview"),
        party="USA",
        target="us-fentanyl-tariff-cn",
    ),
    _event(
        "2026-03-11-section-301-investigations",
        D(2026, 3, 11),
        EK.STATEMENT,
        "USTR opens Section 301 'excess capacity' investigations.",
        ("dutyclaims",),
        party="USA",
        confidence=MEDIUM,
    ),
    _event(
        "2026-03-17-beijing-trip-delayed",
        D(2026, 3, 17),
        EK.STATEMENT,
        "Trump delays the planned 03-31 Beijing trip by about five to six weeks.",
        ("cbs-firstnorthwestern",),
        party="USA",
        official="trump",
    ),
    _event(
        "2026-05-14-beijing-summit",
        D(2026, 5, 14),
        EK.MEETING,
        "Beijing summit (05-13/15): Trump claims 'fantastic trade deals' (e.g. 200 Boeing jets); "
        "China confirmed none; Blackwell controls unchanged.",
        ("bbc-mirror", "bilateral-news"),
        confidence=MEDIUM,
    ),
    _event(
        "2026-05-14-general-licences-claim",
        D(2026, 5, 14),
        EK.EXTENSION,
        "Claim, before the summit, that China's general licences for rare earths were extended "
        "to December 2026.",
        ("bilateral-news",),
        party="CHN",
        target="busan-2025/cn-general-licences",
        ends_on=D(2027, 1, 1),
        confidence=LOW,
        notes="From one weak source; low confidence.",
    ),
)


def example_dataset() -> Dataset:
    """The embedded example: the 2025-2026 US-China trade arrangements.

    Agreements ``geneva-2025``, ``london-2025``, ``stockholm-2025`` and
    ``busan-2025``, with their commitments, the measures they concern, and the
    dated events and sources from April 2025 to May 2026.

    Examples:
        >>> ds = example_dataset()
        >>> [a.id for a in ds.agreements]
        ['geneva-2025', 'london-2025', 'stockholm-2025', 'busan-2025']
        >>> ds.event("2025-06-11-trump-post").kind.value
        'statement'
    """
    return Dataset(
        title="US-China trade arrangements 2025-2026",
        parties=PARTIES,
        officials=OFFICIALS,
        measures=MEASURES,
        sources=SOURCES,
        agreements=(GENEVA, LONDON, STOCKHOLM, BUSAN),
        events=EVENTS,
    )
