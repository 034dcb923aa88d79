// Calls the raising component's exports (jco transpile, ES module on the preview2-shim), one line
// per call; the trapping call comes last because a trap poisons the instance.
// Usage: node raising-check.mjs <transpiled-dir>
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const component = await import(pathToFileURL(join(resolve(process.argv[2]), 'raising.js')).href);
const show = (name, call) => {
  try {
    console.log(`${name} -> ${JSON.stringify(call())}`);
  } catch (e) {
    const payload = e.payload !== undefined ? ` payload ${JSON.stringify(e.payload)}` : '';
    console.log(`${name} -> threw ${e.constructor.name}: ${e.message}${payload}`);
  }
};
show('checkedDivide(7, 2)', () => component.checkedDivide(7, 2));
show('checkedDivide(7, 0)', () => component.checkedDivide(7, 0));
show('divide(7, 2)', () => component.divide(7, 2));
show('divide(7, 0)', () => component.divide(7, 0));
