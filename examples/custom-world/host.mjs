// A JavaScript host for the custom-world component: transpiles it with jco into an ES module,
// provides the `host` interface it imports (host-log.mjs) and calls its exports.
//
//   node host.mjs [COMPONENT]        (default: target/custom-world-1.0.0.wasm)
//
// jco and its WASI host (@bytecodealliance/preview2-shim) come from JCO_HOME/node_modules if
// JCO_HOME is set, otherwise from this directory's node_modules (`npm install --no-save
// @bytecodealliance/jco@1.35.0 @bytecodealliance/preview2-shim@0.26.1`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const component = resolve(process.argv[2] ?? join(here, 'target/custom-world-1.0.0.wasm'));
const jcoHome = resolve(process.env.JCO_HOME ?? here);
const jco = join(jcoHome, 'node_modules/@bytecodealliance/jco/dist/jco.js');
if (!existsSync(component)) fail(`no component at ${component}; run mvn package first`);
if (!existsSync(jco)) {
  fail(`jco not found at ${jco}; set JCO_HOME or run npm install --no-save` +
    ' @bytecodealliance/jco@1.35.0 @bytecodealliance/preview2-shim@0.26.1 here');
}

// 1. Transpile: the component becomes notes.js (+ core wasm files). Its WASI imports go to
//    preview2-shim; its own import example:notes/host goes to host-log.mjs.
const out = join(here, 'target/js');
const modules = join(out, 'node_modules');
// rmSync removes a link, never what it points to; the link is removed at exit anyway.
rmSync(out, { recursive: true, force: true });
const transpile = spawnSync(process.execPath, [jco, 'transpile', component, '--name', 'notes',
  '--quiet', '--map', `example:notes/host=${pathToFileURL(join(here, 'host-log.mjs')).href}`,
  '-o', out], { stdio: 'inherit' });
if (transpile.status !== 0) fail(`jco transpile failed (status ${transpile.status})`);
writeFileSync(join(out, 'package.json'), '{"type":"module"}\n');
if (process.env.JCO_HOME) {
  // Let the transpiled module resolve preview2-shim from JCO_HOME, through a link that is gone
  // when this script ends, so that no later recursive delete of target/ can follow it into the
  // shared installation.
  mkdirSync(out, { recursive: true });
  symlinkSync(join(jcoHome, 'node_modules'), modules);
  process.on('exit', () => rmSync(modules, { force: true }));
}

// 2. Use it. The exported interface example:notes/store is the object `store`.
const { store } = await import(pathToFileURL(join(out, 'notes.js')).href);
const { messages } = await import(pathToFileURL(join(here, 'host-log.mjs')).href);

const show = (v) => (v === undefined ? 'none' : JSON.stringify(v));
const entry = (e) => `${e.key}=${JSON.stringify(e.value)} (revision ${e.revision})`;
// A WIT variant is {tag, val}; a result's error is thrown with the variant as its payload.
const variant = (v) => (v.val === undefined ? v.tag : `${v.tag}(${JSON.stringify(v.val)})`);
function attempt(what, call) {
  try {
    console.log(`${what} -> ${call()}`);
  } catch (e) {
    if (e.payload === undefined) throw e;
    console.log(`${what} -> error ${variant(e.payload)}`);
  }
}

const bucket = new store.Bucket('groceries', 12);
console.log(`bucket ${bucket.name()}`);
attempt('put milk "2 liters"', () => `previous ${show(bucket.put('milk', '2 liters'))}`);
attempt('put milk "1 liter"', () => `previous ${show(bucket.put('milk', '1 liter'))}`);
attempt('put bread "rye"', () => `previous ${show(bucket.put('bread', 'rye'))}`);
attempt('put butter "salted"', () => `previous ${show(bucket.put('butter', 'salted'))}`);
attempt('put "" "x"', () => `previous ${show(bucket.put('', 'x'))}`);
attempt('put note (long)', () => `previous ${show(bucket.put('note', 'a'.repeat(40)))}`);
const find = (query) => bucket.find(query).map(entry).join(', ');
console.log(`find prefix "b" -> ${find({ tag: 'prefix', val: 'b' })}`);
console.log(`find exact "milk" -> ${find({ tag: 'exact', val: 'milk' })}`);
console.log(`find all -> ${bucket.find({ tag: 'all' }).length} entries`);
attempt('remove bread', () => entry(bucket.remove('bread')));
attempt('remove bread', () => entry(bucket.remove('bread')));
const text = 'The cat and the hat. The end, and that is that!';
const top = store.topWords(text, 3).map(([word, count]) => `${word}=${count}`).join(', ');
console.log(`top words -> ${top}`);
console.log('host log:');
for (const m of messages) console.log(`  ${m}`);

function fail(message) {
  console.error(`host.mjs: ${message}`);
  process.exit(1);
}
