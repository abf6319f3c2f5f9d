/** Test helper: every record and error a fixture file of this folder gives through the real reader (readRecords). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Registration } from '../../model/registration.js';
import { readRecords, type ReadItem } from '../index.js';

export const FIX = path.dirname(fileURLToPath(import.meta.url)).replace(`${path.sep}dist${path.sep}`, `${path.sep}src${path.sep}`);

export async function readFixture(file: string): Promise<{ records: Registration[]; errors: ReadItem[]; items: ReadItem[] }> {
  const items: ReadItem[] = [];
  for await (const it of readRecords([path.join(FIX, file)])) items.push(it);
  return { items, records: items.flatMap((i) => (i.kind === 'record' ? [i.record] : [])), errors: items.filter((i) => i.kind === 'error') };
}
