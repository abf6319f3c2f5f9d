/**
 * Blind phrasing table for the cell-therapy and time-frame extraction: intervention / arm texts written the way
 * registries (ClinicalTrials.gov, ChiCTR, IRCT, CTRI, EU CTR, ANZCTR, jRCT, ISRCTN) and reviews of MSC trials for
 * COVID-19 phrase them, each with the `cellTherapy` a curator would record (SPEC.md `cellTherapy`).
 *
 * Written before reading src/extract, so it tests the phrasing families, not the rules. Conventions:
 * - a key left out of `schedule` is not checked (e.g. the interval of "days 0, 3, 6", which the SPEC example leaves out);
 *   a schedule of null means nothing about the schedule is stated (an all-empty schedule counts as null);
 * - `dose.unit` is `cells` for a bare count of a cell product ("1×10^6/kg" of MSCs), `particles` for exosome /
 *   nanovesicle / particle counts, `ml` / `mg` only when no count is given;
 * - a range or escalation ("1-5 x 10^6") records its first (lowest) value — judgement, see `note`.
 * Cases marked with `note` are judgement calls.
 */
import type { CellProduct, CellSource, CellType, DoseUnit, Route } from '../../model/registration.js';

export interface ExpectedCell {
  cellType: CellType | null;
  source: CellSource | null;
  product: CellProduct | null;
  dose: { value: number | null; unit: DoseUnit | null; perKg: boolean } | null;
  route: Route | null;
  schedule: { doses?: number | null; intervalDays?: number | null; days?: number[] } | null;
}

export interface InterventionCase {
  registry: string;
  name: string;
  description?: string;
  type?: 'drug' | 'biological' | 'procedure' | 'other' | 'genetic' | 'device';
  expect: ExpectedCell | null;
  note?: string;
}

const cells = (value: number, perKg = false) => ({ value, unit: 'cells' as const, perKg });
const particles = (value: number, perKg = false) => ({ value, unit: 'particles' as const, perKg });

export const INTERVENTIONS: InterventionCase[] = [
  // ---- reviews of MSC trials for COVID-19
  { registry: 'review', name: 'Allogeneic UC-MSC, 3 doses of 3.0 × 10^7 at days 0, 3, 6, IV',
    expect: { cellType: 'msc', source: 'umbilical_cord', product: 'cells', dose: cells(3e7), route: 'intravenous', schedule: { doses: 3, days: [0, 3, 6] } } },
  { registry: 'review', name: 'Adipose MSC-exosomes, 5 doses of 2.0 × 10^8 nanovesicles, aerosol inhalation',
    expect: { cellType: 'msc', source: 'adipose', product: 'exosomes', dose: particles(2e8), route: 'inhalation', schedule: { doses: 5 } } },
  { registry: 'review', name: "Wharton's jelly MSCs 1 million cells per kilogram on day 1 and day 4",
    expect: { cellType: 'msc', source: 'wharton_jelly', product: 'cells', dose: cells(1e6, true), route: null, schedule: { doses: 2, days: [1, 4] } } },
  { registry: 'review', name: 'hUC-MSCs 4×10^7 cells, once every other day for 3 times',
    expect: { cellType: 'msc', source: 'umbilical_cord', product: 'cells', dose: cells(4e7), route: null, schedule: { doses: 3, intervalDays: 2 } } },
  { registry: 'review', name: 'Remestemcel-L: two intravenous infusions of 100 million cells 48 hours apart',
    note: 'remestemcel-L is a bone-marrow MSC product; the tissue is not written, so source stays null',
    expect: { cellType: 'msc', source: null, product: 'cells', dose: cells(1e8), route: 'intravenous', schedule: { doses: 2, intervalDays: 2 } } },
  { registry: 'review', name: 'MSC-derived secretome 5 ml nebulised twice daily for 5 days',
    note: 'twice daily for 5 days = 10 administrations; the half-day interval is not checked',
    expect: { cellType: 'msc', source: null, product: 'secretome', dose: { value: 5, unit: 'ml', perKg: false }, route: 'inhalation', schedule: { doses: 10 } } },
  { registry: 'review', name: 'Menstrual blood stem cells, 3 infusions of 3×10^7 cells each',
    note: 'menstrual-blood-derived stem cells are MSC-like stromal cells; an infusion is intravenous (as in the other rows)',
    expect: { cellType: 'msc', source: 'menstrual_blood', product: 'cells', dose: cells(3e7), route: 'intravenous', schedule: { doses: 3 } } },
  { registry: 'review', name: 'Dental pulp stem cells 3.0×10^7 cells intravenously on days 1, 4 and 7',
    note: 'dental pulp stem cells are MSCs',
    expect: { cellType: 'msc', source: 'dental_pulp', product: 'cells', dose: cells(3e7), route: 'intravenous', schedule: { doses: 3, days: [1, 4, 7] } } },
  { registry: 'review', name: 'Bone marrow-derived MSCs (BM-MSCs), single infusion of 1 × 10^6 cells/kg',
    expect: { cellType: 'msc', source: 'bone_marrow', product: 'cells', dose: cells(1e6, true), route: 'intravenous', schedule: { doses: 1 } },
    note: '"infusion" is intravenous' },
  { registry: 'review', name: 'Placenta-derived decidual stromal cells 1×10^6/kg, IV',
    note: 'decidual stromal cells are MSC-like cells of placental (decidual) tissue',
    expect: { cellType: 'msc', source: 'placenta', product: 'cells', dose: cells(1e6, true), route: 'intravenous', schedule: null } },
  { registry: 'review', name: 'Human amniotic epithelial cells (hAECs), 1 × 10^6 cells/kg intravenously',
    expect: { cellType: 'other', source: 'amniotic', product: 'cells', dose: cells(1e6, true), route: 'intravenous', schedule: null } },

  // ---- ClinicalTrials.gov
  { registry: 'ctgov', type: 'biological', name: 'Umbilical cord mesenchymal stem cells',
    description: 'Participants will receive 1x10(6) cells/kg of UC-MSCs by intravenous infusion on Day 0 and Day 3.',
    expect: { cellType: 'msc', source: 'umbilical_cord', product: 'cells', dose: cells(1e6, true), route: 'intravenous', schedule: { doses: 2, days: [0, 3] } } },
  { registry: 'ctgov', type: 'biological', name: 'NK cells',
    description: 'Allogeneic natural killer cells derived from cord blood, 10^8 cells/m2, weekly for 4 weeks',
    expect: { cellType: 'nk', source: 'cord_blood', product: 'cells', dose: cells(1e8), route: null, schedule: { doses: 4, intervalDays: 7 } } },
  { registry: 'ctgov', type: 'genetic', name: 'CD19 CAR-T cells',
    description: 'A single infusion of 1-5 x 10^6 CAR+ cells/kg after lymphodepletion with fludarabine and cyclophosphamide',
    note: 'range: first value recorded',
    expect: { cellType: 'car_t', source: null, product: 'cells', dose: cells(1e6, true), route: 'intravenous', schedule: { doses: 1 } } },
  { registry: 'ctgov', type: 'biological', name: 'Exosomes',
    description: 'Exosomes derived from allogeneic bone marrow MSCs, 2.0 x 10^9 particles in 10 mL, inhaled via nebulizer once daily for 5 consecutive days',
    expect: { cellType: 'msc', source: 'bone_marrow', product: 'exosomes', dose: particles(2e9), route: 'inhalation', schedule: { doses: 5, intervalDays: 1 } } },
  { registry: 'ctgov', type: 'biological', name: 'MSC',
    description: 'Adipose-derived mesenchymal stromal cells 100x10^6 cells, intravenous, twice, 7 days apart',
    expect: { cellType: 'msc', source: 'adipose', product: 'cells', dose: cells(1e8), route: 'intravenous', schedule: { doses: 2, intervalDays: 7 } } },
  { registry: 'ctgov', type: 'biological', name: 'Bone Marrow Mononuclear Cells (BM-MNC)',
    description: 'Autologous BM-MNC harvested from the iliac crest and given by intravenous infusion, single dose',
    expect: { cellType: 'mononuclear', source: 'bone_marrow', product: 'cells', dose: null, route: 'intravenous', schedule: { doses: 1 } } },
  { registry: 'ctgov', type: 'biological', name: 'Cord blood mononuclear cells',
    description: 'Human umbilical cord blood mononuclear cells, 5 × 10^7 cells, intramuscular injection',
    expect: { cellType: 'mononuclear', source: 'cord_blood', product: 'cells', dose: cells(5e7), route: 'intramuscular', schedule: null } },
  { registry: 'ctgov', type: 'biological', name: 'Virus-specific T cells',
    description: 'Partially HLA-matched SARS-CoV-2 specific T cells from convalescent donors, 2 x 10^7 cells/m2, IV',
    note: 'T cells from peripheral blood of donors, but the tissue is not written: source null',
    expect: { cellType: 't_cell', source: null, product: 'cells', dose: cells(2e7), route: 'intravenous', schedule: null } },
  { registry: 'ctgov', type: 'biological', name: 'Regulatory T cells (Treg)',
    description: 'Cord blood-derived Treg cells, 1 x 10^8 cells per dose, 3 doses on days 0, 3 and 7',
    expect: { cellType: 't_cell', source: 'cord_blood', product: 'cells', dose: cells(1e8), route: null, schedule: { doses: 3, days: [0, 3, 7] } } },
  { registry: 'ctgov', type: 'biological', name: 'CD34+ cells',
    description: 'Autologous peripheral blood CD34+ hematopoietic stem cells, intramyocardial injection',
    expect: { cellType: 'hsc', source: 'peripheral_blood', product: 'cells', dose: null, route: 'local', schedule: null } },
  { registry: 'ctgov', type: 'biological', name: 'MSC conditioned medium',
    description: 'Conditioned medium from umbilical cord MSC culture, 10 mL intravenously',
    expect: { cellType: 'msc', source: 'umbilical_cord', product: 'conditioned_medium', dose: { value: 10, unit: 'ml', perKg: false }, route: 'intravenous', schedule: null } },
  { registry: 'ctgov', type: 'biological', name: 'MSC',
    description: 'Allogeneic bone marrow MSCs 1.0E+06 cells/kg intra-articular injection',
    expect: { cellType: 'msc', source: 'bone_marrow', product: 'cells', dose: cells(1e6, true), route: 'local', schedule: null } },
  { registry: 'ctgov', type: 'biological', name: 'Autologous MSC',
    description: 'Autologous bone marrow mesenchymal stem cells, 2 × 10^6 cells/kg, intrathecal, two injections one month apart',
    note: 'intrathecal: judged other when the table was written blind; the project already pins it as local (cell-therapy.test.ts, route.ts: an injection into a body compartment, like intra-articular) and SPEC lists no finer bucket, so local is kept. "one month" = 30 days',
    expect: { cellType: 'msc', source: 'bone_marrow', product: 'cells', dose: cells(2e6, true), route: 'local', schedule: { doses: 2, intervalDays: 30 } } },
  { registry: 'ctgov', type: 'biological', name: 'Descartes-30',
    description: 'Descartes-30 is a mesenchymal stem cell product engineered with RNA; 3 infusions weekly',
    expect: { cellType: 'msc', source: null, product: 'cells', dose: null, route: 'intravenous', schedule: { doses: 3, intervalDays: 7 } },
    note: 'an infusion is intravenous' },
  { registry: 'ctgov', type: 'biological', name: 'Dendritic cell vaccine',
    description: 'Autologous dendritic cells loaded with SARS-CoV-2 antigens, subcutaneous injection',
    expect: { cellType: 'other', source: null, product: 'cells', dose: null, route: 'subcutaneous', schedule: null } },

  // ---- ChiCTR (English with Chinese-style spacing and punctuation)
  { registry: 'chictr', name: 'Experimental group:hUC-MSCs 1×10^6/kg, intravenous drip,once every 4 days for 4 times',
    expect: { cellType: 'msc', source: 'umbilical_cord', product: 'cells', dose: cells(1e6, true), route: 'intravenous', schedule: { doses: 4, intervalDays: 4 } } },
  { registry: 'chictr', name: '间充质干细胞 每次1×10^6/kg 静脉输注',
    expect: { cellType: 'msc', source: null, product: 'cells', dose: cells(1e6, true), route: 'intravenous', schedule: null } },
  { registry: 'chictr', name: '人脐带间充质干细胞;每次1×10^6/kg，静脉滴注，第1、3、5天',
    expect: { cellType: 'msc', source: 'umbilical_cord', product: 'cells', dose: cells(1e6, true), route: 'intravenous', schedule: { doses: 3, days: [1, 3, 5] } } },
  { registry: 'chictr', name: 'Mesenchymal stem cells (MSCs) 106/Kg body weight',
    note: 'lost superscript: 106 → 10^6',
    expect: { cellType: 'msc', source: null, product: 'cells', dose: cells(1e6, true), route: null, schedule: null } },
  { registry: 'chictr', name: 'Conventional treatment + umbilical cord MSCs;0.5×10^6 cells/kg body weight;',
    expect: { cellType: 'msc', source: 'umbilical_cord', product: 'cells', dose: cells(5e5, true), route: null, schedule: null } },
  { registry: 'chictr', name: 'Experimental group: Conventional treatment+Human menstrual blood-derived stem cells (MenSCs)',
    expect: { cellType: 'msc', source: 'menstrual_blood', product: 'cells', dose: null, route: null, schedule: null },
    note: 'MenSCs are MSC-like' },
  { registry: 'chictr', name: 'treatment group:umbilical cord blood mononuclear cells conditioned medium nebulization',
    expect: { cellType: 'mononuclear', source: 'cord_blood', product: 'conditioned_medium', dose: null, route: 'inhalation', schedule: null } },
  { registry: 'chictr', name: 'MSC group:Routine treatment + MSC 2*10^6/kg on day 1,day 3,day 5',
    expect: { cellType: 'msc', source: null, product: 'cells', dose: cells(2e6, true), route: null, schedule: { doses: 3, days: [1, 3, 5] } } },
  { registry: 'chictr', name: 'Exosome group:Exosomes of human umbilical cord MSCs ,aerosol inhalation,2.0×10^8 particles/3ml, twice a day for 7 days',
    note: 'twice a day for 7 days = 14',
    expect: { cellType: 'msc', source: 'umbilical_cord', product: 'exosomes', dose: particles(2e8), route: 'inhalation', schedule: { doses: 14 } } },
  { registry: 'chictr', name: 'Case series:Wharton jelly mesenchymal stem cells 1×10~6 cells/kg, i.v.',
    note: 'ChiCTR sometimes writes the exponent caret as a tilde',
    expect: { cellType: 'msc', source: 'wharton_jelly', product: 'cells', dose: cells(1e6, true), route: 'intravenous', schedule: null } },
  { registry: 'chictr', name: 'Experimental group:Standard treatment + NK cells;Control group:Standard treatment;',
    expect: { cellType: 'nk', source: null, product: 'cells', dose: null, route: null, schedule: null } },
  { registry: 'chictr', name: 'Treatment group:human placenta mesenchymal stem cells 1×10^6 cells/kg D0,D3,D6',
    expect: { cellType: 'msc', source: 'placenta', product: 'cells', dose: cells(1e6, true), route: null, schedule: { doses: 3, days: [0, 3, 6] } } },

  // ---- IRCT
  { registry: 'irct', name: 'Intervention 1: Intervention group: Mesenchymal stem cells derived from umbilical cord Wharton\'s jelly at a dose of 150 million cells are injected intravenously in 3 stages with an interval of 48 hours.',
    note: '"umbilical cord Wharton\'s jelly": the more specific tissue wins',
    expect: { cellType: 'msc', source: 'wharton_jelly', product: 'cells', dose: cells(1.5e8), route: 'intravenous', schedule: { doses: 3, intervalDays: 2 } } },
  { registry: 'irct', name: 'Intervention 1: Intervention group: Injection of exosomes derived from mesenchymal stem cells, 10 mL containing 1×10^9 particles, by inhalation. Intervention 2: Control group: placebo.',
    expect: { cellType: 'msc', source: null, product: 'exosomes', dose: particles(1e9), route: 'inhalation', schedule: null } },
  { registry: 'irct', name: 'Intervention 1: Intervention group: Autologous adipose-derived stem cells, 1 x 10E6 cells/kg, intramuscular',
    note: 'adipose-derived stem cells are MSCs',
    expect: { cellType: 'msc', source: 'adipose', product: 'cells', dose: cells(1e6, true), route: 'intramuscular', schedule: null } },
  { registry: 'irct', name: 'Intervention 1: Intervention group: Intradermal injection of autologous fibroblasts, 10 million cells per session, 3 sessions 4 weeks apart',
    expect: { cellType: 'other', source: null, product: 'cells', dose: cells(1e7), route: 'intradermal', schedule: { doses: 3, intervalDays: 28 } } },

  // ---- CTRI
  { registry: 'ctri', name: 'Intervention1: Stempeucel: Bone marrow derived pooled allogeneic mesenchymal stromal cells, 2 million cells/kg body weight, intravenous infusion, single dose',
    expect: { cellType: 'msc', source: 'bone_marrow', product: 'cells', dose: cells(2e6, true), route: 'intravenous', schedule: { doses: 1 } } },
  { registry: 'ctri', name: 'Intervention1: Allogeneic Wharton Jelly derived MSC: 1 x 10^6 cells/kg on Day 1, Day 3 and Day 5 through IV route',
    expect: { cellType: 'msc', source: 'wharton_jelly', product: 'cells', dose: cells(1e6, true), route: 'intravenous', schedule: { doses: 3, days: [1, 3, 5] } } },
  { registry: 'ctri', name: 'Intervention1: Local injection of autologous bone marrow aspirate concentrate into the knee',
    note: 'bone marrow aspirate concentrate: mononuclear-cell product',
    expect: { cellType: 'mononuclear', source: 'bone_marrow', product: 'cells', dose: null, route: 'local', schedule: null } },

  // ---- EU CTR IMP sections
  { registry: 'euctr', name: 'Product Name: ExoFlo Pharmaceutical Form: Suspension for infusion Route of administration of the IMP: Intravenous use Other descriptive name: Bone marrow mesenchymal stem cell derived extracellular vesicles',
    note: 'extracellular vesicles are recorded as exosomes',
    expect: { cellType: 'msc', source: 'bone_marrow', product: 'exosomes', dose: null, route: 'intravenous', schedule: null } },
  { registry: 'euctr', name: 'Trade Name: Alofisel Product Name: darvadstrocel Pharmaceutical Form: Suspension for injection INN or Proposed INN: darvadstrocel Other descriptive name: expanded adipose-derived stem cells Concentration number: 5 million cells/ml Route of administration of the IMP: Intralesional use',
    note: 'concentration per ml is not a dose; the dose value is not stated as a total — recorded as 5×10^6',
    expect: { cellType: 'msc', source: 'adipose', product: 'cells', dose: cells(5e6), route: 'local', schedule: null } },
  { registry: 'euctr', name: 'Product Name: Allogeneic umbilical cord MSC Pharmaceutical Form: Dispersion for infusion Route of administration of the IMP: Intravenous use Concentration unit: cells/kg Concentration number: 1000000',
    expect: { cellType: 'msc', source: 'umbilical_cord', product: 'cells', dose: cells(1e6, true), route: 'intravenous', schedule: null } },

  // ---- ANZCTR, jRCT, ISRCTN
  { registry: 'anzctr', name: 'Participants will receive two intravenous doses of mesenchymal precursor cells (2 million cells/kg) on day 0 and day 4 (+/- 1 day), administered over 30 minutes.',
    expect: { cellType: 'msc', source: null, product: 'cells', dose: cells(2e6, true), route: 'intravenous', schedule: { doses: 2, days: [0, 4] } } },
  { registry: 'jrct', name: 'Intravenous administration of allogeneic adipose tissue-derived mesenchymal stem cells (ADR-001) at 1×10^8 cells once a week for 4 weeks',
    expect: { cellType: 'msc', source: 'adipose', product: 'cells', dose: cells(1e8), route: 'intravenous', schedule: { doses: 4, intervalDays: 7 } } },
  { registry: 'jrct', name: 'Subcutaneous injection of autologous peripheral blood mononuclear cells',
    expect: { cellType: 'mononuclear', source: 'peripheral_blood', product: 'cells', dose: null, route: 'subcutaneous', schedule: null } },
  { registry: 'isrctn', name: 'Patients will be randomised to receive either ORBCEL-C (CD362 enriched umbilical cord derived mesenchymal stromal cells) 400 x 10^6 cells or placebo (Plasma-Lyte 148) as a single intravenous infusion',
    expect: { cellType: 'msc', source: 'umbilical_cord', product: 'cells', dose: cells(4e8), route: 'intravenous', schedule: { doses: 1 } } },
  { registry: 'isrctn', name: 'Intratracheal administration of MSCs at 5 × 10^6 cells/kg via bronchoscopy',
    expect: { cellType: 'msc', source: null, product: 'cells', dose: cells(5e6, true), route: 'intratracheal', schedule: null } },
  { registry: 'ctgov', type: 'biological', name: 'MSC lysate',
    description: 'Lysate of umbilical cord mesenchymal stem cells, 5 mg applied topically to the wound daily for 14 days',
    note: 'topical application on a wound: local',
    expect: { cellType: 'msc', source: 'umbilical_cord', product: 'lysate', dose: { value: 5, unit: 'mg', perKg: false }, route: 'local', schedule: { doses: 14, intervalDays: 1 } } },
  { registry: 'ctgov', type: 'biological', name: 'Mesenchymal stem cells',
    description: 'MSCs 1 × 10⁶ cells/kg IV on day 1, 3 and 5',
    expect: { cellType: 'msc', source: null, product: 'cells', dose: cells(1e6, true), route: 'intravenous', schedule: { doses: 3, days: [1, 3, 5] } } },
  { registry: 'ctgov', type: 'biological', name: 'MSCs',
    description: 'three times at an interval of 3 days, 5 × 10^5 cells/kg each time, peripheral vein',
    expect: { cellType: 'msc', source: null, product: 'cells', dose: cells(5e5, true), route: 'intravenous', schedule: { doses: 3, intervalDays: 3 } } },

  // ---- added after the blind round, from the real ICTRP export (COVID19-web_7Jul2020): phrasing families the
  // table had missed (Mac Roman mojibake, misspelt "milion", ordinal days, EU CTR labels, Spanish IMP names)
  { registry: 'chictr', name: 'HUMSCs: intravenous infusion, 5 √ó 10E7 cells / time, once / week, twice / course',
    note: 'ICTRP mojibake: √ó is ×',
    expect: { cellType: 'msc', source: 'umbilical_cord', product: 'cells', dose: cells(5e7), route: 'intravenous', schedule: { doses: 2, intervalDays: 7 } } },
  { registry: 'irct', name: 'Intervention group', description: 'In this group, umbilical cord Wharton‚Äôs jelly mesenchymal stem cells are infused at an initial dose of 0.5-2 milion/ kg. This process is performed on the first, third and sixth days.',
    expect: { cellType: 'msc', source: 'wharton_jelly', product: 'cells', dose: cells(5e5, true), route: 'intravenous', schedule: { doses: 3, days: [1, 3, 6] } } },
  { registry: 'irct', name: 'Intervention group', description: 'Patients in 3 times (1, 3 and 6 days) are received 1 million Umbilical cord-derived MSCs/BW by intravenous injection',
    expect: { cellType: 'msc', source: 'umbilical_cord', product: 'cells', dose: cells(1e6, true), route: 'intravenous', schedule: { doses: 3, days: [1, 3, 6] } } },
  { registry: 'irct', name: 'Intervention group 1', description: 'treatment group A, 0.1 * 107 NK cells per kilogram of patient weight. The lowest dose of cells will be injected into this treatment cohort.',
    note: '"injected into this cohort" is not a local injection',
    expect: { cellType: 'nk', source: null, product: 'cells', dose: cells(1e6, true), route: null, schedule: null } },
  { registry: 'isrctn', name: 'Intravenous infusion of purified exosomes, XoGlo, which are isolated, neonatal, mesenchymal stem cell-derived extracellular vesicles at a dose of 0.2 mg/kg each in a total of 15ml on day 1 and day 3.',
    note: '"a total of 15ml" is a volume, not 15 doses',
    expect: { cellType: 'msc', source: null, product: 'exosomes', dose: { value: 0.2, unit: 'mg', perKg: true }, route: 'intravenous', schedule: { doses: 2, days: [1, 3] } } },
  { registry: 'euctr', name: 'HCR040', description: 'Product Name: HCR040 Pharmaceutical Form: Suspension for injection Other descriptive name: ALLOGENEIC ADIPOSE TISSUE-DERIVED MESENCHYMAL STEM CELLS EXPANDED Concentration unit: million organisms million organisms Concentration type: range Concentration number: 1-2',
    note: 'EU CTR writes cells as "organisms"; a range takes its first value',
    expect: { cellType: 'msc', source: 'adipose', product: 'cells', dose: cells(1e6), route: null, schedule: null } },
  { registry: 'euctr', name: 'Células mesenquimales troncales adultas alogénicas de médula ósea expandidas en suspensión',
    expect: { cellType: 'msc', source: 'bone_marrow', product: 'cells', dose: null, route: null, schedule: null } },
  { registry: 'chictr', name: 'The control group was given the same amount of placebo (stem cell solvent)', expect: null },
  { registry: 'irct', name: 'Control group', description: 'Receiving common therapies (without stem cell). In this group, patients do not receive stem cells', expect: null },
  { registry: 'isrctn', name: 'Patients will undergo a single-draw set of baseline blood tests. This will include peripheral blood mononuclear cells and Paxgene DNA.',
    note: 'cells taken as a sample are not a treatment', expect: null },
  { registry: 'chictr', name: 'Isolate PBMC to extract tRNA', expect: null },
  { registry: 'ctgov', type: 'other', name: 'T-cell receptor (TCR) repertoire', expect: null },
  { registry: 'ctgov', type: 'other', name: 'Q-NRG Metobolic Cart Device', note: 'a metabolic cart is not CAR-T', expect: null },
  { registry: 'euctr', name: 'otilimab', description: 'Other descriptive name: Anti human granulocyte-macrophage colony-stimulating factor (GM-CSF) monoclonal antibody', expect: null },

  { registry: 'anzctr', name: 'Cord blood therapy (expanded cord blood cells) + standard supportive management',
    note: 'cells named by their tissue only: a cell product of unstated type',
    expect: { cellType: 'other', source: 'cord_blood', product: 'cells', dose: null, route: null, schedule: null } },
  { registry: 'ctgov', type: 'biological', name: 'CAP-1002 Allogeneic Cardiosphere-Derived Cells',
    expect: { cellType: 'other', source: null, product: 'cells', dose: null, route: null, schedule: null } },
  { registry: 'ctgov', type: 'biological', name: 'MultiStem', note: 'a brand ending in Stem names a stem-cell product',
    expect: { cellType: 'other', source: null, product: 'cells', dose: null, route: null, schedule: null } },
  { registry: 'irct', name: 'Intervention group', description: 'Afterward, 1 √ó 106 cells/Kg of weight are prepared for transplantation in addition to common treatment protocol. Cell transplantation is repeated once every 3-4 days during a 14-day period (totally three doses).',
    note: 'type and tissue are only in the title, which this row does not have',
    expect: { cellType: 'other', source: null, product: 'cells', dose: cells(1e6, true), route: null, schedule: { doses: 3, intervalDays: 3 } } },
    // ("every 3-4 days": the first value, as for dose ranges)
  { registry: 'ctgov', type: 'biological', name: 'Recombinant new coronavirus vaccine (CHO cell) low-dose group', expect: null },
  { registry: 'ctgov', type: 'device', name: 'COVSurf Drug Delivery System', note: '"System" is not a brand ending in Stem', expect: null },
  { registry: 'chictr', name: 'early warning and prediction system', expect: null },

  // ---- not cell therapies: cellTherapy must be null
  { registry: 'ctgov', type: 'biological', name: 'Convalescent plasma', description: '200 mL of convalescent plasma from recovered donors, IV, two units 24 hours apart', expect: null },
  { registry: 'ctgov', type: 'drug', name: 'Tocilizumab', description: 'tocilizumab 8 mg/kg IV single dose', expect: null },
  { registry: 'ctgov', type: 'drug', name: 'Placebo', description: 'Normal saline 100 ml intravenous infusion on days 0, 3 and 6', expect: null },
  { registry: 'chictr', name: 'Control group:standard care', expect: null },
  { registry: 'ctgov', type: 'drug', name: 'Hydroxychloroquine', description: 'Hydroxychloroquine 400 mg twice daily on day 1 followed by 200 mg twice daily for 4 days', expect: null },
  { registry: 'ctgov', type: 'drug', name: 'G-CSF', description: 'Granulocyte colony-stimulating factor (stem cell mobiliser) 5 µg/kg subcutaneously daily for 5 days',
    note: 'a drug that mobilises stem cells is not a cell product', expect: null },
  { registry: 'ctgov', type: 'drug', name: 'Busulfan', description: 'Busulfan 3.2 mg/kg/day IV for 4 days as conditioning before peripheral blood stem cell transplantation',
    note: 'the conditioning drug is not the cell product, even though the transplant is named', expect: null },
  { registry: 'ctgov', type: 'other', name: 'Placebo', description: 'Vehicle solution of the MSCs without cells, same volume, intravenous', expect: null,
    note: 'a placebo that names the cells it replaces' },
  { registry: 'ctgov', type: 'biological', name: 'Inactivated SARS-CoV-2 vaccine (Vero cell)', description: '0.5 mL intramuscular, two doses 14 days apart', expect: null,
    note: 'a vaccine grown in Vero cells is not a cell product' },
  { registry: 'chictr', name: 'Control group:Conventional treatment+normal saline', expect: null },
  { registry: 'irct', name: 'Intervention 1: Control group: standard treatment including dexamethasone 6 mg daily', expect: null },
  { registry: 'ctgov', type: 'drug', name: 'Ruxolitinib', description: '5 mg twice daily oral tablets for 14 days', expect: null },
];

export interface TimeFrameCase {
  timeFrame: string;
  expect: number[];
  note?: string;
}

/** Convention: day counts; a week 7, a month 30, a year 365; hours become fractions of a day; baseline 0. */
export const TIME_FRAMES: TimeFrameCase[] = [
  { timeFrame: 'Day 28', expect: [28] },
  { timeFrame: '28 days', expect: [28] },
  { timeFrame: '3 months', expect: [90] },
  { timeFrame: '1 year', expect: [365] },
  { timeFrame: 'baseline, week 4, 12 and 24', expect: [0, 28, 84, 168] },
  { timeFrame: 'up to 90 days', expect: [90] },
  { timeFrame: 'Days 1, 3, 7, 14 and 28 after infusion', expect: [1, 3, 7, 14, 28] },
  { timeFrame: '6 weeks', expect: [42] },
  { timeFrame: '48 hours', expect: [2] },
  { timeFrame: 'at discharge (an average of 2 weeks)', expect: [14], note: 'the average stay stands for the discharge time' },
  { timeFrame: 'Baseline and 6 months', expect: [0, 180] },
  { timeFrame: '第28天', expect: [28] },
  { timeFrame: 'd7', expect: [7] },
  { timeFrame: 'Day 0, Day 7, Day 14, Day 28', expect: [0, 7, 14, 28] },
  { timeFrame: '14 days after treatment', expect: [14] },
  { timeFrame: 'From baseline to day 28', expect: [0, 28] },
  { timeFrame: '72 hours after the first infusion', expect: [3] },
  { timeFrame: 'Week 12', expect: [84] },
  { timeFrame: 'Months 1, 3 and 6', expect: [30, 90, 180] },
  { timeFrame: '2 years', expect: [730] },
  { timeFrame: 'Day 7 and day 28', expect: [7, 28] },
  { timeFrame: '1, 2 and 4 weeks', expect: [7, 14, 28] },
  { timeFrame: 'up to 28 days', expect: [28] },
  { timeFrame: 'Baseline, 1 month, 3 months', expect: [0, 30, 90] },
  { timeFrame: '治疗后第7天、第14天', expect: [7, 14] },
  { timeFrame: 'D0, D3, D7, D14', expect: [0, 3, 7, 14] },
  { timeFrame: 'one month', expect: [30] },
  { timeFrame: 'six months', expect: [180] },
  { timeFrame: '4 weeks after the last dose', expect: [28] },
  { timeFrame: 'Within 24 hours', expect: [1] },
  { timeFrame: 'Days 0-28', expect: [0, 28], note: 'a span: both ends' },
  { timeFrame: '90 days', expect: [90] },
  // added after the blind round, from the real ICTRP export
  { timeFrame: '0th day, 15th day, 45th day and 60th day', expect: [0, 15, 45, 60] },
  { timeFrame: 'At the beginning of the study (before the intervention) and 7 and 14 days after the intervention', expect: [0, 7, 14] },
  { timeFrame: 'day 28 after enrollment', expect: [28], note: 'enrolment is the origin here, not a time point' },
  { timeFrame: 'Before intervention and 1 day after final intervention', expect: [0, 1] },
];
