import { test } from 'node:test';
import assert from 'node:assert/strict';
import { xmlRootElement } from './xml-root.js';

test('the root element after prolog, comments and DOCTYPE', () => {
  assert.equal(xmlRootElement("<?xml version='1.0' encoding='UTF-8' ?><Trials_downloaded_from_ICTRP>\n<Trial>"), 'Trials_downloaded_from_ICTRP');
  assert.equal(xmlRootElement('\uFEFF\n  <!-- export --><!DOCTYPE trials [<!ELEMENT trials (trial+)>]>\n<trials><trial>'), 'trials');
  assert.equal(xmlRootElement('<clinical_study rank="1">'), 'clinical_study');
});

test('text that only mentions a tag has no root element', () => {
  assert.equal(xmlRootElement('# Data\n\n| `ICTRP.xml` | ICTRP XML (`<Trials_downloaded_from_ICTRP><Trial>…`) |'), null);
  assert.equal(xmlRootElement('TrialID,Public title\n"<Trial>"'), null);
  assert.equal(xmlRootElement('<?xml version="1.0"'), null);
});
