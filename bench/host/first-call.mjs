// Instantiation-to-first-call time of a jco-transpiled bench component (bench/compare.sh).
// Compiles every core module first (the figure is "after compilation", like wasmtime's
// precompiled run), then times instantiate() plus the app's first export call, checks the answer,
// and for the list app also times calls with 100k-element lists. Prints `key=value` lines.
//
//   node first-call.mjs <transpiled dir> <name> <hello|lists|stdlib>
//
// The directory must come from `jco transpile --instantiation async --name <name>` and contain
// (or see through a parent) node_modules with @bytecodealliance/preview2-shim.
import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dirArg, name, app] = process.argv.slice(2);
const dir = resolve(dirArg);
// The shim is loaded from the transpiled directory's node_modules, the one the component's own
// code resolves (this script lives in the repository, which has no node_modules).
const { WASIShim } = await import(
  pathToFileURL(join(dir, 'node_modules/@bytecodealliance/preview2-shim/dist/common/instantiation.js')).href);
const { instantiate } = await import(pathToFileURL(join(dir, `${name}.js`)).href);

const modules = new Map();
for (const file of await readdir(dir)) {
  if (file.endsWith('.wasm')) {
    modules.set(file, await WebAssembly.compile(await readFile(join(dir, file))));
  }
}
const shim = new WASIShim({ sandbox: { args: [name, 'a', 'b'], env: { GREETING: 'hi' } } });
// jco keys WASI imports with or without the version, depending on the component's import names.
const imports = { ...shim.getImportObject(), ...shim.getImportObject({ asVersion: '0.2.12' }) };

function check(condition, what) {
  if (!condition) {
    console.error(`wrong answer: ${what}`);
    process.exit(1);
  }
}

const firstCalls = {
  hello: (component) => component.run.run(),
  lists: (component) => check(component.sum(Uint32Array.from([1, 2, 3])) === 6n, 'sum([1,2,3])'),
  stdlib: (component) => {
    const answer = JSON.parse(component.invoice(INVOICE));
    check(answer.total === '13.50' && answer.rejected.length === 1, `invoice: ${JSON.stringify(answer)}`);
  },
};
const INVOICE = JSON.stringify({
  items: [
    { name: 'tea', price: '1.10', qty: 5 },
    { name: 'cake slice', price: '2.00', qty: 4 },
    { name: '!bad', price: '9.99', qty: 1 },
  ],
});

const started = performance.now();
const component = await instantiate((file) => modules.get(file), imports);
const instantiated = performance.now();
firstCalls[app](component);
const answered = performance.now();
console.log(`instantiate_ms=${(instantiated - started).toFixed(2)}`);
console.log(`first_call_ms=${(answered - instantiated).toFixed(2)}`);
console.log(`to_first_result_ms=${(answered - started).toFixed(2)}`);

if (app === 'lists') {
  // A fixed pseudo-random sequence (LCG), so both tools sort the same input.
  const n = 100_000;
  const values = new Uint32Array(n);
  let seed = 12345;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    values[i] = seed;
  }
  const expectedSum = values.reduce((a, v) => a + BigInt(v), 0n);
  const expectedSorted = Uint32Array.from(values).sort();
  const points = Array.from({ length: 10_000 }, (_, i) => ({
    x: (values[i] % 2001) - 1000,
    y: (values[n - 1 - i] % 2001) - 1000,
    label: `p${i}`,
  }));
  const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
  const timeCalls = (call) => {
    const times = [];
    for (let round = 0; round < 5; round++) {
      const start = performance.now();
      call();
      times.push(performance.now() - start);
    }
    return median(times).toFixed(2);
  };
  console.log(`sum_100k_ms=${timeCalls(() => check(component.sum(values) === expectedSum, 'sum 100k'))}`);
  console.log(
    `sort_100k_ms=${timeCalls(() => {
      const sorted = component.sort(values);
      check(sorted.length === n && sorted.every((v, i) => v === expectedSorted[i]), 'sort 100k');
    })}`);
  console.log(
    `nearest_10k_records_ms=${timeCalls(() => {
      const near = component.nearest(points, 10);
      check(near.length === 10 && typeof near[0].label === 'string', 'nearest');
    })}`);
}
