import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanLine, cleanText, decodeEntities, isNullish, repairMojibake, splitList, uniqueCaseless } from './text.js';

test('cleanText: <br>, _x000D_, entities, padding, blank lines', () => {
  assert.equal(
    cleanText('<br>        Inclusion Criteria:<br><br>        Patients diagnosed with RT-PCR<br>      '),
    'Inclusion Criteria:\nPatients diagnosed with RT-PCR',
  );
  assert.equal(cleanText('age &gt;= 18_x000D_<br/>BMI &lt; 30 &amp; &#8805;1 &#x2264;2'), 'age >= 18\nBMI < 30 & ≥1 ≤2');
  assert.equal(cleanText('Construction of a Model        ' + ' '.repeat(900)), 'Construction of a Model');
  assert.equal(cleanText('a \t  b'), 'a b');
  assert.equal(cleanText('PaO2/FiO2 <or= 300 and >200, <b>bold</b> <sup>2</sup>'), 'PaO2/FiO2 <or= 300 and >200, bold 2');
  assert.equal(cleanText('1) willing <br/ ><br>2) students'), '1) willing\n2) students'); // CTRI
});

test('cleanText: every "no value" spelling is null', () => {
  for (const s of ['', '   ', 'N/A', 'NA', 'n/a', '-', 'None', 'Not Provided', '??', null, undefined]) {
    assert.equal(cleanText(s), null, JSON.stringify(s));
  }
  assert.equal(cleanText('Not applicable'), 'Not applicable'); // a real phase value, not "nothing"
  assert.equal(cleanText(42), '42');
  assert.equal(isNullish(' n/a '), true);
  assert.equal(isNullish('No'), false);
});

test('cleanLine joins lines', () => {
  assert.equal(cleanLine('Zhongnan Hospital<br>of Wuhan University  '), 'Zhongnan Hospital of Wuhan University');
  assert.equal(cleanLine('<br>'), null);
});

test('splitList on ; | <br> and newlines, drops empty and N/A, keeps order, de-duplicates', () => {
  assert.deepEqual(splitList('COVID-19;Pneumonia<br>ARDS|COVID-19; ;N/A'), ['COVID-19', 'Pneumonia', 'ARDS']);
  assert.deepEqual(splitList(null), []);
  assert.deepEqual(splitList('a,b', /,/), ['a', 'b']);
});

test('decodeEntities leaves unknown entities and uniqueCaseless keeps first spelling', () => {
  assert.equal(decodeEntities('&foo; &quot;x&quot;'), '&foo; "x"');
  assert.deepEqual(uniqueCaseless(['China', 'china', 'Iran']), ['China', 'Iran']);
});

test('repairMojibake: UTF-8 read as Mac Roman (ICTRP COVID19-web XLSX) is repaired; real text is left alone', () => {
  // spellings as they stand in COVID19-web_7Jul2020.xlsx
  assert.equal(repairMojibake('3.0√ó10^7 cells, 37 ¬∞C, 5 ¬µg'), '3.0×10^7 cells, 37 °C, 5 µg');
  assert.equal(repairMojibake('Universit√© de Montr√©al ‚Äì √©tude'), 'Université de Montréal – étude');
  assert.equal(repairMojibake('‚Ä¢ age ‚â• 18; patient‚Äôs consent'), '• age ≥ 18; patient’s consent');
  // French, German, Spanish, a square root and guillemets as written: unchanged
  for (const real of ['l’école d’été', '“Étude” «Ça»', 'Müller–Lüdenscheid, Señora', '√2 ≈ 1.41', 'ƒ(x) ≈ 0']) {
    assert.equal(repairMojibake(real), real);
  }
  assert.equal(cleanText('Cord Blood MSC 1√ó10^6/kg'), 'Cord Blood MSC 1×10^6/kg');
});
