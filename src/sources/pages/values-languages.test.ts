import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readAllocation, readCount, readMasking, readModel, readPurpose, readYesNo } from './values.js';
import { fieldOfLabel } from './vocabulary.js';

test('design values of other languages', () => {
  assert.equal(readAllocation('随机平行对照'), 'randomized');
  assert.equal(readAllocation('非随机对照'), 'non_randomized');
  assert.equal(readAllocation('Aleatorizado'), 'randomized');
  assert.equal(readAllocation('Ja'), 'randomized');
  assert.equal(readModel('Paralelo'), 'parallel');
  assert.equal(readModel('Cruzado'), 'crossover');
  assert.equal(readPurpose('Behandlung'), 'treatment');
  assert.equal(readPurpose('Prevención'), 'prevention');
  assert.equal(readPurpose('Tratamento'), 'treatment');
  assert.deepEqual(readMasking('双盲（受试者及结局评价者设盲）'), { masking: 'double', roles: ['participant', 'outcomes_assessor'] });
  assert.deepEqual(readMasking('开放'), { masking: 'none', roles: [] });
  assert.deepEqual(readMasking('Cuádruple (Participante, Proveedor de cuidado, Investigador, Evaluador de resultados)'),
    { masking: 'quadruple', roles: ['participant', 'care_provider', 'investigator', 'outcomes_assessor'] });
  assert.equal(readMasking('Doble ciego').masking, 'double');
  assert.equal(readMasking('Doppelblind').masking, 'double');
});

test('yes/no and counts of other languages', () => {
  for (const y of ['Ja', 'Sí', 'Si', 'Oui', 'Sim', '是']) assert.equal(readYesNo(y), true, y);
  for (const n of ['Nein', 'Non', 'Não', '否']) assert.equal(readYesNo(n), false, n);
  assert.equal(readCount('Perú: 1200 | Total (internacional / worldwide): 4800'), 4800);
  assert.equal(readCount('Total: 300'), 300);
  assert.equal(readCount('1200 (Estimated)'), 1200);
});

test('labels of other languages, and bilingual labels', () => {
  assert.equal(fieldOfLabel('研究课题的正式科学名称：'), 'scientificTitle');
  assert.equal(fieldOfLabel('征募研究对象情况：'), 'status');
  assert.equal(fieldOfLabel('Registriert im DRKS am:'), 'registrationDate');
  assert.equal(fieldOfLabel('Studienbeginn (tatsächlich):'), 'start');
  assert.equal(fieldOfLabel('Höchstalter:'), 'maxAge');
  assert.equal(fieldOfLabel('Hochstalter'), 'maxAge'); // accents ignored
  assert.equal(fieldOfLabel('Fecha de término estimada / Estimated end date:'), 'completion');
  assert.equal(fieldOfLabel('Critères d\'inclusion'), 'inclusion');
  assert.equal(fieldOfLabel('Critérios de exclusão:'), 'exclusion');
  assert.equal(fieldOfLabel('Edad mínima / Minimum age'), 'minAge');
});
