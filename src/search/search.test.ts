/**
 * Search over a real SQLite store: the shared search tests (./contract.ts) on a temporary file.
 */
import { freshSqlite } from '../store/testing.js';
import { searchContract } from './contract.js';

searchContract('sqlite', freshSqlite);
