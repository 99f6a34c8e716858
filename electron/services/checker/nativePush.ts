/**
 * pdf.js's legacy build (the one that runs in Node) carries core-js, which replaces Array.prototype.push
 * with a JavaScript version when the module loads. That slows every push in the process; reading the text
 * of a 1,000-page bundle spends about a fifth of its time in it. The native push is correct for every array
 * pdf.js or we make, so once pdf.js has loaded (main module and its in-process worker) we put it back.
 */
const nativePush = Array.prototype.push;
const isNative = /\[native code\]/.test(Function.prototype.toString.call(nativePush));

export function restoreNativeArrayPush(): void {
  if (isNative && Array.prototype.push !== nativePush) {
    Object.defineProperty(Array.prototype, 'push', {
      value: nativePush,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
}
