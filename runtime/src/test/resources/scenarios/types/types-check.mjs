// Calls every export of the types component (jco transpile, ES module on the preview2-shim) and
// checks every answer; one line per check, then `<n> passed, <m> failed` (exit status 1 on any
// failure). Usage: node types-check.mjs <transpiled-dir> (host.mjs copied into it)
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual, inspect } from 'node:util';

const dir = resolve(process.argv[2]);
const { api } = await import(pathToFileURL(join(dir, 'types.js')).href);
const { Logger } = await import(pathToFileURL(join(dir, 'host.mjs')).href);
const dispose = Symbol.dispose || Symbol.for('dispose');

let passed = 0;
let failed = 0;
function check(name, call, expected) {
  let actual;
  try {
    actual = call();
  } catch (e) {
    actual = { threw: e.constructor.name, payload: e.payload };
  }
  if (isDeepStrictEqual(actual, expected)) {
    passed++;
    console.log(`ok   ${name} = ${inspect(actual, { breakLength: Infinity })}`);
  } else {
    failed++;
    console.log(`FAIL ${name} = ${inspect(actual, { breakLength: Infinity })}, expected ${inspect(expected, { breakLength: Infinity })}`);
  }
}

// bool, every integer type at its extremes, floats, char, string
check('negate(true)', () => api.negate(true), false);
check('negate(false)', () => api.negate(false), true);
const extremes = [-128, 255, -32768, 65535, -2147483648, 4294967295, -9223372036854775808n, 18446744073709551615n];
check('ints(minimums and maximums)', () => api.ints(...extremes), extremes);
check('ints(zeros)', () => api.ints(0, 0, 0, 0, 0, 0, 0n, 0n), [0, 0, 0, 0, 0, 0, 0n, 0n]);
check('floats(1.5, 1.0)', () => api.floats(1.5, 1.0), [3, 1 / 3]);
check('floats(NaN, -Infinity)', () => Number.isNaN(api.floats(NaN, -Infinity)[0]), true);
check("nextChar('y')", () => api.nextChar('y'), 'z');
check("nextChar('🦀')", () => api.nextChar('🦀'), '🦁');
check("shout('grüße, wörld')", () => api.shout('grüße, wörld'), 'GRÜSSE, WÖRLD!');
check("shout('')", () => api.shout(''), '!');
// lists: list<u8> as bytes, list<s64>, list<string>
check('reverseBytes([0, 1, 2, 255])', () => api.reverseBytes(new Uint8Array([0, 1, 2, 255])), new Uint8Array([255, 2, 1, 0]));
check('reverseBytes([])', () => api.reverseBytes(new Uint8Array([])), new Uint8Array([]));
check('sum([2**40, -3, 5])', () => api.sum([2n ** 40n, -3n, 5n]), 2n ** 40n + 2n);
check("words('  the quick  brown fox ')", () => api.words('  the quick  brown fox '), ['the', 'quick', 'brown', 'fox']);
// record of every scalar kind
check('bump(scalars)', () => api.bump({
  flag: false, tiny: -2, byte: 254, short: -300, ushort: 65534, int: -70000, uint: 4000000000,
  long: -5000000000n, ulong: 18446744073709551614n, single: 0.25, double: 5, letter: 'a', text: 'hi',
}), {
  flag: true, tiny: -1, byte: 255, short: -299, ushort: 65535, int: -69999, uint: 4000000001,
  long: -4999999999n, ulong: 18446744073709551615n, single: 0.5, double: 2.5, letter: 'b', text: 'hi!',
});
// tuple, variant, enum, flags, option, result
check("swap(['seven', 7])", () => api.swap(['seven', 7]), [7, 'seven']);
check('area(circle 2)', () => api.area({ tag: 'circle', val: 2 }), Math.PI * 4);
check('area(rect 3x4)', () => api.area({ tag: 'rect', val: { x: 3, y: 4 } }), 12);
check('area(empty)', () => api.area({ tag: 'empty' }), 0);
check('grow(rect 3x4)', () => api.grow({ tag: 'rect', val: { x: 3, y: 4 } }), { tag: 'rect', val: { x: 6, y: 8 } });
check('grow(empty)', () => api.grow({ tag: 'empty' }), { tag: 'circle', val: 1 });
check("nextColor('blue')", () => api.nextColor('blue'), 'red');
check("nextColor('red')", () => api.nextColor('red'), 'green');
check('toggle({read, exec})', () => api.toggle({ read: true, write: false, exec: true }), { read: false, write: true, exec: false });
check('maybeDouble(21)', () => api.maybeDouble(21), 42);
check('maybeDouble(none)', () => api.maybeDouble(undefined), undefined);
check("parse('-42')", () => api.parse('-42'), -42);
check("parse('forty-two')", () => api.parse('forty-two'), { threw: 'ComponentError', payload: "not a number: 'forty-two'" });
// host imports: a record both ways, a host resource (constructor, methods, own result, borrow, drop)
check('scaled({x: 2, y: -3}, 10) via host.scale', () => api.scaled({ x: 2, y: -3 }, 10), { x: 21, y: -30 });
check("logLines('app', ['a', 'b'])", () => api.logLines('app', ['a', 'b']), ['app: a', 'app: b', "logger 'made' holds 1 line(s)"]);
check('host loggers created and dropped by the app', () => [Logger.created, Logger.dropped], [2, 2]);
// an exported resource: constructor, methods, static function, borrow, drop
const a = new api.Counter(5n);
const b = new api.Counter(10n);
check('counter a.add(3)', () => a.add(3n), 8n);
check('counter b.value()', () => b.value(), 10n);
const merged = api.Counter.merge(a, b);
check('Counter.merge(a, b).value()', () => merged.value(), 18n);
check('total(borrow merged)', () => api.total(merged), 18n);
check('liveCounters() before drops', () => api.liveCounters(), 3);
a[dispose]();
b[dispose]();
check('liveCounters() after dropping a and b', () => api.liveCounters(), 1);
merged[dispose]();
check('liveCounters() after dropping all', () => api.liveCounters(), 0);

console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
