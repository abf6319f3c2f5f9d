/**
 * Page texts and HTML written in the shapes of ISRCTN, ANZCTR, ChiCTR, EU CTR, IRCT, CTRI, DRKS, WHO ICTRP and
 * ClinicalTrials.gov (tabular view, current layout): every value each expected record lists must be read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { checkFixture, fixtureNames } from './fixture-check.js';
import { inputFromBuffer } from '../input.js';
import { detectFormat } from '../index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const DIR = path.join(ROOT, 'src/sources/__fixtures__/pages');

/** Pin a blind round: every value read but those listed (with their reason) as still missed. */
function pinFixtures(dir: string, names: string[], knownMisses: Record<string, string[]>): void {
  for (const name of names) {
    test(`fixture ${path.basename(dir)}/${name}`, () => {
      const misses = checkFixture(dir, name).checks.filter((c) => !c.ok).map((c) => c.path);
      assert.deepEqual(misses, knownMisses[name] ?? []);
    });
  }
}

/** Every page of a round is detected as a page (text or HTML), not as some export. */
function detectedAsPages(title: string, dir: string): void {
  test(title, async () => {
    for (const name of fixtureNames(dir)) {
      const input = await inputFromBuffer(name, readFileSync(path.join(dir, name)));
      assert.equal(detectFormat(input)?.id, name.endsWith('.html') ? 'page-html' : 'page-text', name);
    }
  });
}

test('there are page fixtures of at least ten sites and shapes', () => {
  assert.ok(fixtureNames(DIR).length >= 10, `only ${fixtureNames(DIR).length} fixtures`);
});

// pages-heldout: written after the reader and measured before any change for them (ICTRP/ChiCTR + ISRCTN HTML: 59/63
// values; EU CTR copied without tabs: 96/98; ClinicalTrials.gov ct2/show copy: 30/42;
// ICTRP page of an EU CTR trial: 22/30; ICTRP page of a CTRI trial: 27/37), then fixed
for (const dir of [DIR, path.join(ROOT, 'src/sources/__fixtures__/pages-heldout')]) {
  for (const name of fixtureNames(dir)) {
    test(`fixture ${path.basename(dir)}/${name}`, () => {
      const misses = checkFixture(dir, name).checks.filter((c) => !c.ok);
      assert.deepEqual(misses.map((m) => `${m.path}: expected ${JSON.stringify(m.expected)} got ${JSON.stringify(m.actual)}`), []);
    });
  }
}

// pages-blind2: a second blind round (current ClinicalTrials.gov text and h1-titled HTML, UMIN-CTR, PACTR, DRKS 2023,
// EU CTR cell per line, partial ISRCTN, ReBEC), measured before any change: 214/361 values (59%); then a third small
// round after those fixes (TCTR, NTR: 56/74 before; ANZCTR saved HTML: 40/41; CTIS and CRiS, unprofiled sites: 6/21, 22/34;
// current ClinicalTrials.gov observational record with results: 41/42; its lower half copied alone: 17/38). The
// values still missed are listed here, so that reading one more is noticed (update the list) and losing one fails.
const BLIND2 = path.join(ROOT, 'src/sources/__fixtures__/pages-blind2');
const BLIND2_KNOWN_MISSES: Record<string, string[]> = {
  // UMIN-CTR's bare `Control` line (a word too common alone to be a label) and `Publication of results: Unpublished`
  'umin-ctr.txt': ['design.controlType', 'results.posted'],
  // NTR: `Sponsor` alone on a line (too common a word to be a label alone); a comma-separated condition text is kept
  // whole (commas also sit inside one condition: `COVID-19, virus identified`)
  'ntr-page.txt': ['sponsor.primary', 'conditions'],
};
pinFixtures(BLIND2, fixtureNames(BLIND2), BLIND2_KNOWN_MISSES);

detectedAsPages('pages of sites the reader had no profile for (PACTR, ReBEC, UMIN-CTR, TCTR, NTR, CTIS, CRiS) are detected as pages', BLIND2);

// pages-blind3, group A (ChiCTR bilingual and English one-line, CTRI one cell per line, IRCT, ICTRP pages of PACTR and
// of a JPRN trial as saved HTML, DRKS classic): a third blind round, measured before any change at 448/595 values
// over all 14 pages (75.3%), 219/296 over these seven. Where the blind author's judgement calls contradicted
// conventions earlier rounds pin (ChiCTR start/lastUpdate/inline criteria, DRKS conditions/enrollment) or read what the
// page does not state (IRCT study type and country), the expected record follows the pinned convention / the page
// (see the commits). Values still missed are listed here with the reason; none are at present.
const BLIND3 = path.join(ROOT, 'src/sources/__fixtures__/pages-blind3');
const BLIND3_A = [
  'chictr-bilingual.txt', 'chictr-english-inline.txt', 'ctri.txt', 'irct.txt', 'ictrp-pactr.txt', 'ictrp-jprn-saved.html', 'drks.txt',
];
const BLIND3_KNOWN_MISSES_A: Record<string, string[]> = {};
pinFixtures(BLIND3, BLIND3_A, BLIND3_KNOWN_MISSES_A);

// pages-blind3, group B (ClinicalTrials.gov current full and half page, classic Study Details and Tabular View,
// ISRCTN, ANZCTR, EU CTR): a third blind round, measured before any change: 229/299 values of these seven pages
// (the whole round: 448/595, 75.3%). Five expected values were judgement calls against SPEC or an earlier pinned round
// and were corrected (derived cellTherapy and sponsor.type left to the extract stage; one contact entry per role as in
// pages-blind2; ISRCTN overall start date and no target from `Original Estimated Enrollment` as in pages/). Every value
// now read; a value that stops being read fails here (list it below with its reason).
const BLIND3_KNOWN_MISSES_B: Record<string, string[]> = {};
pinFixtures(BLIND3, ['ctgov-modern-full.txt', 'ctgov-modern-partial.txt', 'ctgov-classic-details.txt', 'ctgov-classic-tabular.txt', 'isrctn.txt', 'anzctr.txt', 'euctr.txt'], BLIND3_KNOWN_MISSES_B);

// pages-blind4, group "one" (ClinicalTrials.gov current page saved as HTML with results, current observational copy,
// a plain-language finder portal on CT.gov data, a middle-only CT.gov fragment, ISRCTN saved HTML, the Cochrane
// COVID-19 register): a fourth blind round, measured before any change: 155/191 values of these six pages (the whole
// round: 280/376, 74.5%). One expected value was a judgement call against earlier pinned rounds and was corrected
// (CT.gov site-level contacts and the site PI are listed, as in pages-blind2 and pages-blind3). Every value now read;
// a value that stops being read fails here (list it below with its reason).
const BLIND4_ONE = path.join(ROOT, 'src/sources/__fixtures__/pages-blind4');
const BLIND4_KNOWN_MISSES_ONE: Record<string, string[]> = {};
pinFixtures(BLIND4_ONE, ['ctgov-modern-results-saved.html', 'ctgov-modern-observational-copy.txt', 'portal-trialfinder-nk-copy.txt', 'partial-middle-no-id-copy.txt', 'isrctn-saved.html', 'cochrane-covid-register-wj-msc-copy.txt'], BLIND4_KNOWN_MISSES_ONE);

// pages-blind4, group "two" (ANZCTR copied as `Label - value` / `Label<TAB>value` lines, ChiCTR with Chinese-only
// values, the 2024 DRKS layout, EU CTR one cell per line, an ICTRP page of a CTRI trial with literal `<br>`, jRCT in
// English): measured before this fix at 130/185 values of these six pages (the whole round: 330/385, 85.7%, group one
// already read). Two expected values were judgement calls against earlier pinned rounds and were corrected (ChiCTR's
// `Date of Last Refreshed on` is no lastUpdate, as in pages/chictr-page; DRKS conditions drop the ICD-10 code, as in
// pages/, pages-blind2 and pages-blind3): after the fix 184/184 (the whole round 384/384). A value that stops being
// read fails here (list it below with its reason).
const BLIND4_KNOWN_MISSES_TWO: Record<string, string[]> = {};
pinFixtures(BLIND4_ONE, ['anzctr-label-dash-copy.txt', 'chictr-mixed-chinese-copy.txt', 'drks-new-copy.txt', 'euctr-cell-per-line-copy.txt', 'ictrp-ctri-copy.txt', 'jrct-english-copy.txt'], BLIND4_KNOWN_MISSES_TWO);

// pages-blind5: a fifth blind round (ClinicalTrials.gov Researcher View and a withdrawn study, WHO ICTRP pages of IRCT
// and ChiCTR trials, ISRCTN text, ANZCTR saved HTML, the CTRI site, the IRCT site, EU CTR with tabs, the CTIS public
// portal, a hospital news page, a PubMed abstract, PACTR table rows), measured before any change: 309/422 values
// (73.2%). Three expected values were judgement calls against earlier pinned rounds and were corrected (CT.gov
// site-level contacts are listed, as pinned in pages-blind4; IRCT study type and country are not stated, as pinned in
// pages-blind3): after the fixes 425/425. A value that stops being read fails here (list it below with its reason).
const BLIND5 = path.join(ROOT, 'src/sources/__fixtures__/pages-blind5');
const BLIND5_KNOWN_MISSES: Record<string, string[]> = {};
pinFixtures(BLIND5, fixtureNames(BLIND5), BLIND5_KNOWN_MISSES);

detectedAsPages('pages-blind5: every page is detected as a page (the PubMed abstract by its site marker alone)', BLIND5);

// pages-blind6: a sixth blind round (ClinicalTrials.gov expanded access saved as HTML and a results page with caveats,
// SLCTR, LBCTR, REPEC in Spanish and English, RPCEC, ChiCTR with Chinese-only labels, DRKS in German, OMON, ISRCTN with
// results and publications, a hospital 'Find a study' card list, a WHO ICTRP page of an ANZCTR trial saved as HTML),
// measured before any change: 261/433 values (60.3%); after the fixes 398/433 (91.9%). The values still missed are
// listed with their reason, so that reading one more is noticed (update the list) and losing one fails:
// - ctgov-results-caveats: the Results Overview's repeated '1. Primary Outcome' adds an outcome; results citations
//   count as references;
// - isrctn-results-publications: the three-column header grid (each value on the line after its label) and the
//   Editorial Notes citations are not read;
// - omon: the 'In other registers' Register/ID table, a 'Brief title' holding only the acronym, and the country under
//   a bare 'Recruitment' heading;
// - portal-findastudy-cards: card lists (one card expanded among others) have no reader yet.
const BLIND6 = path.join(ROOT, 'src/sources/__fixtures__/pages-blind6');
const BLIND6_KNOWN_MISSES: Record<string, string[]> = {
  'ctgov-results-caveats-copy.txt': ['outcomes.primary.length', 'references.length'],
  'isrctn-results-publications-copy.txt': ['status.recruitment', 'dates.registration', 'dates.lastUpdate', 'references[0].journal', 'references[0].year', 'references[0].pmid', 'references[0].doi', 'references[1].journal', 'references[1].year', 'references[1].pmid', 'references[1].doi', 'references.length'],
  'omon-copy.txt': ['secondaryIds', 'titles.public', 'titles.acronym', 'countries'],
  'portal-findastudy-cards-copy.txt': ['titles.public', 'titles.acronym', 'design.allocation', 'enrollment.target', 'eligibility.inclusion', 'eligibility.exclusion', 'outcomes.primary[0].measure', 'outcomes.primary[0].timeFrame', 'outcomes.primary.length', 'outcomes.secondary[0].measure', 'outcomes.secondary[0].timeFrame', 'outcomes.secondary[1].measure', 'outcomes.secondary[1].timeFrame', 'outcomes.secondary.length', 'countries', 'contacts[0].name', 'description.brief'],
};
pinFixtures(BLIND6, fixtureNames(BLIND6), BLIND6_KNOWN_MISSES);

detectedAsPages('pages-blind6: every page is detected as a page', BLIND6);
