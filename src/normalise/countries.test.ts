import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseCountries, normaliseCountry } from './countries.js';

test('normaliseCountry: spellings found in the ICTRP exports', () => {
  const cases: [string, string | null][] = [
    ['Iran (Islamic Republic of)', 'Iran'], ['Iran, Islamic Republic of', 'Iran'], ['Iran (Islamic R', 'Iran'],
    ['Korea, Republic of', 'South Korea'], ['Korea, Republic Of', 'South Korea'], ['KOREA', 'South Korea'],
    ['USA', 'United States'], ['United States of America', 'United States'], ['United States of Ame', 'United States'],
    ['Russian Federation', 'Russia'], ['Hong Kong', 'Hong Kong'], ['Viet Nam', 'Vietnam'], ['Vietnam', 'Vietnam'],
    ['Türkiye', 'Türkiye'], ['Turkey', 'Türkiye'], ['china', 'China'], ['Chinese', 'China'],
    ["The People's Republic of China", 'China'], ['Taiwan, Province Of China', 'Taiwan'], ['Czech Republic', 'Czechia'],
    ['The Netherlands', 'Netherlands'], ['Congo, The Democratic Republic of the', 'Democratic Republic of the Congo'],
    ["Lao People's Democratic Republic", 'Laos'], ['England', 'United Kingdom'], ['United Kingdo', 'United Kingdom'],
    ['Switz', 'Switzerland'], ['Fran', 'France'], ['MALAYSIA', 'Malaysia'], ['Curacao', 'Curaçao'],
    ['Unit', null], ['Mala', null], ['ASIA', null], ['P', null],
  ];
  for (const [s, want] of cases) assert.equal(normaliseCountry(s), want, s);
});

test('normaliseCountries splits, de-duplicates and reports what it could not read', () => {
  assert.deepEqual(normaliseCountries('China; China'), { countries: ['China'], unknown: [] });
  assert.deepEqual(
    normaliseCountries('United States;Korea, Republic of;United States'),
    { countries: ['United States', 'South Korea'], unknown: [] },
  );
  assert.deepEqual(
    normaliseCountries('Japan,Asia(except Japan),Australia,Europe'),
    { countries: ['Japan'], unknown: [] },
  );
  assert.deepEqual(normaliseCountries(['Iran', 'Atlantis', '??']), { countries: ['Iran'], unknown: ['Atlantis'] });
  assert.deepEqual(normaliseCountries(null), { countries: [], unknown: [] });
});

test('country names of other languages: Chinese, German, Spanish, French, Portuguese', () => {
  const cases: [string, string | null][] = [
    ['中国', 'China'], ['美国', 'United States'], ['中国香港', 'Hong Kong'], ['Deutschland', 'Germany'], ['Österreich', 'Austria'],
    ['Schweiz', 'Switzerland'], ['Niederlande', 'Netherlands'], ['Vereinigtes Königreich', 'United Kingdom'], ['Perú', 'Peru'],
    ['Brasil', 'Brazil'], ['Alemania', 'Germany'], ['Estados Unidos', 'United States'], ['México', 'Mexico'], ['España', 'Spain'],
    ['Royaume-Uni', 'United Kingdom'], ['États-Unis', 'United States'], ['Allemagne', 'Germany'], ['Espanha', 'Spain'],
  ];
  for (const [raw, want] of cases) assert.equal(normaliseCountry(raw), want, raw);
  assert.deepEqual(normaliseCountries('Perú, Colombia, Brasil').countries, ['Peru', 'Colombia', 'Brazil']);
});
