/**
 * The built-ins pdf.js's legacy build replaces when it loads, and putting them back (pdfjs.ts says why).
 * Plain JavaScript, so that a worker started from the source tree (untrusted/boot.mjs) can use it before
 * TypeScript loads.
 */

/** The built-ins as they are now: call it before pdf.js loads. */
export function builtInsPdfjsReplaces() {
  return [
    [Array.prototype, 'push', Array.prototype.push],
    [JSON, 'stringify', JSON.stringify],
    [JSON, 'parse', JSON.parse],
  ];
}

const isNative = (value) =>
  typeof value === 'function' && /\[native code\]/.test(Function.prototype.toString.call(value));

/** Puts back each built-in that was native when taken and has been replaced since. */
export function putBackBuiltIns(builtIns) {
  for (const [holder, key, native] of builtIns) {
    if (!isNative(native) || Reflect.get(holder, key) === native) continue;
    Object.defineProperty(holder, key, {
      value: native,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
}
