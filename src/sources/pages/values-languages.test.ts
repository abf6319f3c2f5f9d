import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readAllocation, readCount, readMasking, readModel, readPurpose, readYesNo } from './values.js';
import { fieldOfLabel } from './vocabulary.js';
import { readPage } from './read-page.js';

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


test('a Portuguese and a French page read through the shared vocabulary and normalisers', () => {
  const pt = readPage([
    "Registro de ensaio",
    "Número de registro: RBR-4x7k2p9",
    "Data de registro: 12/03/2024",
    "Título público: Vitamina D em idosos",
    "Título científico: Ensaio randomizado de vitamina D em idosos",
    "Patrocinador primário: Universidade Federal de Exemplo",
    "Situação de recrutamento: Recrutando",
    "Tipo de estudo: Intervencional",
    "Fase: Fase III",
    "Critérios de inclusão: Idade 65 anos ou mais",
    "Critérios de exclusão: Hipercalcemia",
    "Idade mínima: 65 anos",
    "Sexo: Ambos",
    "País: Brasil",
    "Data de início: 5 de março de 2024",
    "Desfecho primário: Quedas em 12 meses",
  ].join('\n')).record;
  assert.equal(pt.titles.public, 'Vitamina D em idosos');
  assert.equal(pt.sponsor.primary, 'Universidade Federal de Exemplo');
  assert.equal(pt.status.recruitment, 'recruiting');
  assert.equal(pt.studyType, 'interventional');
  assert.equal(pt.phase, '3');
  assert.deepEqual([pt.dates.registration, pt.dates.start], ['2024-03-12', '2024-03-05']);
  assert.deepEqual([pt.eligibility.minAgeYears, pt.eligibility.sex], [65, 'all']);
  assert.deepEqual(pt.eligibility.exclusion, ['Hipercalcemia']);
  assert.deepEqual(pt.countries, ['Brazil']);
  assert.equal(pt.outcomes.primary[0]?.measure, 'Quedas em 12 meses');
  const fr = readPage([
    "Fiche de l'essai",
    "Numéro d'enregistrement: NCT06111111",
    "Date d'enregistrement: 1er janvier 2024",
    "Dernière mise à jour: 15 février 2025",
    "Titre public: Kinésithérapie après prothèse de genou",
    "Titre scientifique: Essai randomisé de kinésithérapie précoce après prothèse totale de genou",
    "Promoteur: Hôpital Universitaire Exemple",
    "Statut du recrutement: Recrutement en cours",
    "Type d'étude: Interventionnelle",
    "Critères d'inclusion: Prothèse totale de genou programmée",
    "Critères d'exclusion: Révision de prothèse",
    "Âge minimum: 50 ans",
    "Âge maximum: 85 ans",
    "Sexe: Les deux",
    "Pays: France, Belgique",
    "Date de début: 12 août 2023",
    "Critère de jugement principal: Score KOOS à 3 mois",
  ].join('\n')).record;
  assert.equal(fr.titles.scientific, 'Essai randomisé de kinésithérapie précoce après prothèse totale de genou');
  assert.equal(fr.status.recruitment, 'recruiting');
  assert.deepEqual([fr.dates.registration, fr.dates.lastUpdate, fr.dates.start], ['2024-01-01', '2025-02-15', '2023-08-12']);
  assert.deepEqual([fr.eligibility.minAgeYears, fr.eligibility.maxAgeYears, fr.eligibility.sex], [50, 85, 'all']);
  assert.deepEqual(fr.eligibility.inclusion, ['Prothèse totale de genou programmée']);
  assert.deepEqual(fr.countries, ['France', 'Belgium']);
  assert.equal(fr.outcomes.primary[0]?.measure, 'Score KOOS à 3 mois');
});
