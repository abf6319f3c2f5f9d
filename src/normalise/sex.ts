/**
 * Sex eligibility as registries write it (`All`, `Both`, `Both males and females`, `Male`, `F`, `Women`,
 * EU CTR's `<br>Female: yes<br>Male: yes<br>`) → `all` | `female` | `male` | null.
 */
import type { Sex } from '../model/registration.js';

const FEMALE = /^(?:f|female|females|woman|women|girls?|femme|femmes|weiblich|frauen|femenino|mujeres|feminino|mulheres|女|女性)$/i;
const MALE = /^(?:m|male|males|man|men|boys?|homme|hommes|männlich|männer|masculino|hombres|homens|男|男性)$/i;
/** Other languages' "all": ChiCTR `男女均可` / `男女不限`, DRKS `Alle` / `Beide`, `Ambos (sexos)`, `Les deux`, `Todos`. */
const ALL_FOREIGN = /^(?:男女均可|男女不限|男女|不限|alle|beide|beide geschlechter|männlich und weiblich|weiblich und männlich|divers|ambos|ambos sexos|ambos os sexos|todos|hombres y mujeres|mujeres y hombres|masculino y femenino|femenino y masculino|masculino e feminino|feminino e masculino|homens e mulheres|les deux|tous|hommes et femmes|femmes et hommes|mixte)$/i;
const ALL = /^(?:all|both|any|either|mixed|male\s*(?:and|&|\/|,|or)\s*female|female\s*(?:and|&|\/|,|or)\s*male|males?\s*(?:and|&|\/|or)\s*females?|females?\s*(?:and|&|\/|or)\s*males?|both,?\s*(?:males?\s*and\s*females?|females?\s*and\s*males?|sexes|genders)|men\s*(?:and|&)\s*women|women\s*(?:and|&)\s*men|all\s*(?:sexes|genders))$/i;

export function normaliseSex(value: string | null | undefined): Sex | null {
  if (value == null) return null;
  const text = value.replace(/_x000D_/gi, '').replace(/<br\s*\/?>/gi, '\n').trim();
  if (text === '') return null;
  // EU CTR: "Female: yes / Male: no"
  const f = /female\s*:\s*(yes|no)/i.exec(text);
  const m = /(?<!fe)male\s*:\s*(yes|no)/i.exec(text);
  if (f || m) {
    const fy = f?.[1].toLowerCase() === 'yes';
    const my = m?.[1].toLowerCase() === 'yes';
    if (fy && my) return 'all';
    if (fy) return 'female';
    if (my) return 'male';
    return null;
  }
  const s = text.replace(/\s+/g, ' ').replace(/[.;]$/, '').trim();
  if (ALL.test(s) || ALL_FOREIGN.test(s)) return 'all';
  if (FEMALE.test(s)) return 'female';
  if (MALE.test(s)) return 'male';
  return null;
}
