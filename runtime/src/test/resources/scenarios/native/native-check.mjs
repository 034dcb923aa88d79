// Calls the native scenario's exports (jco transpile, ES module on the preview2-shim) with the
// calls listed in a JSON file ([[export, ...args], ...]) and prints one line per call:
// `<index> <export> = <result>`. Arguments {"bytes": "<hex>"} become Uint8Array; results that are
// bytes print as hex, lists and strings as JSON, numbers (BigInt too) as decimal text.
// Usage: node native-check.mjs <transpiled-dir> <calls.json>
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const component = await import(pathToFileURL(join(resolve(process.argv[2]), 'native.js')).href);
const calls = JSON.parse(readFileSync(process.argv[3], 'utf8'));
const argument = (a) => (a !== null && typeof a === 'object' && 'bytes' in a
  ? new Uint8Array(Buffer.from(a.bytes, 'hex')) : a);
const show = (v) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex')
  : typeof v === 'string' || Array.isArray(v) ? JSON.stringify(v) : String(v));
calls.forEach(([name, ...args], i) => {
  const camel = name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  console.log(`${i} ${name} = ${show(component[camel](...args.map(argument)))}`);
});
