import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseSex } from './sex.js';

test('normaliseSex: every spelling in the ICTRP exports', () => {
  const cases: [string | null, string | null][] = [
    ['All', 'all'], ['Both', 'all'], ['BOTH', 'all'], ['Both males and females', 'all'], ['Both, male and female', 'all'],
    ['Male and Female', 'all'], ['Male/Female', 'all'], ['<br>Female: yes<br>Male: yes<br>', 'all'],
    ['<br> Female: yes<br> Male: yes<br>', 'all'], ['<br>Female: no<br>Male: yes<br>', 'male'],
    ['Female: yes_x000D_<br>Male: no', 'female'], ['Male', 'male'], ['Males', 'male'], ['M', 'male'], ['Men', 'male'],
    ['Female', 'female'], ['Females', 'female'], ['F', 'female'], ['Women', 'female'], ['-', null], ['', null], [null, null],
  ];
  for (const [s, want] of cases) assert.equal(normaliseSex(s), want, String(s));
});

test('sex in other languages: 男女均可, Alle, Beide, Ambos, Les deux, 女, weiblich, masculino', () => {
  const cases: [string, string | null][] = [
    ['男女均可', 'all'], ['男女不限', 'all'], ['男', 'male'], ['女', 'female'], ['Alle', 'all'], ['Beide', 'all'],
    ['männlich und weiblich', 'all'], ['Ambos', 'all'], ['Ambos sexos', 'all'], ['Todos', 'all'], ['Les deux', 'all'],
    ['Ambos os sexos', 'all'], ['Femenino', 'female'], ['Mulheres', 'female'], ['Masculino', 'male'], ['Männer', 'male'],
  ];
  for (const [raw, want] of cases) assert.equal(normaliseSex(raw), want, raw);
});
