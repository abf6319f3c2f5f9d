#!/usr/bin/env node
// Derives the ctgov test variants from the two hand-written fixtures, so that they always agree:
//   ctgov-v2-page.json → ctgov-v2.ndjson, ctgov-v2-single.json, ctgov-v2-broken.ndjson (line 2 cut short),
//                        ctgov-v2-truncated.json (the page cut inside study 3), ctgov-v2-no-id.json (study 2 without nctId)
//   ctgov-legacy.xml   → ctgov-legacy-truncated.xml (cut inside study 2)
// Run: node src/sources/__fixtures__/make-ctgov-variants.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = (f) => path.join(path.dirname(fileURLToPath(import.meta.url)), f);
const pageText = readFileSync(here('ctgov-v2-page.json'), 'utf8');
const page = JSON.parse(pageText);
const lines = page.studies.map((s) => JSON.stringify(s));
writeFileSync(here('ctgov-v2.ndjson'), `${lines.join('\n')}\n`);
writeFileSync(here('ctgov-v2-single.json'), `${JSON.stringify(page.studies[0], null, 2)}\n`);
writeFileSync(here('ctgov-v2-broken.ndjson'), `${lines.map((l, i) => (i === 1 ? l.slice(0, 200) : l)).join('\n')}\n`);
writeFileSync(here('ctgov-v2-truncated.json'), pageText.slice(0, pageText.indexOf('"NCT09100003"')));
const noId = structuredClone(page);
delete noId.studies[1].protocolSection.identificationModule.nctId;
writeFileSync(here('ctgov-v2-no-id.json'), JSON.stringify(noId));
const xml = readFileSync(here('ctgov-legacy.xml'), 'utf8');
writeFileSync(here('ctgov-legacy-truncated.xml'), xml.slice(0, xml.indexOf('<phase>Phase 3</phase>')));
