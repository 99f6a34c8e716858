// The three WebAssembly decoders pictures.ts loads, as it uses them (Emscripten module factories). @jsquash's
// own types need Emscripten's global types, which this project does not load; libheif-js has none for
// this file.

/** Emscripten's hook for making the WebAssembly instance itself (returns its exports). */
type EmscriptenInstantiateWasm = (
  imports: WebAssembly.Imports,
  done: (instance: WebAssembly.Instance) => void,
) => WebAssembly.Exports;
declare module '@jsquash/webp/codec/dec/webp_dec.js' {
  interface WebpDecoder {
    decode(data: Uint8Array): { data: Uint8ClampedArray; width: number; height: number } | null;
  }
  const factory: (options: {
    noInitialRun: boolean;
    instantiateWasm: EmscriptenInstantiateWasm;
  }) => Promise<WebpDecoder>;
  export default factory;
}

declare module '@jsquash/avif/codec/dec/avif_dec.js' {
  interface AvifDecoder {
    /** RGBA at `bitDepth` bits a channel (8: one byte each). */
    decode(
      data: Uint8Array,
      bitDepth: number,
    ): { data: Uint8ClampedArray; width: number; height: number } | null;
  }
  const factory: (options: {
    noInitialRun: boolean;
    instantiateWasm: EmscriptenInstantiateWasm;
  }) => Promise<AvifDecoder>;
  export default factory;
}

declare module 'libheif-js/libheif-wasm/libheif.js' {
  interface HeifImage {
    get_width(): number;
    get_height(): number;
    is_primary(): boolean;
    display(
      target: { data: Uint8ClampedArray; width: number; height: number },
      done: (result: unknown) => void,
    ): void;
    free(): void;
  }
  interface HeifModule {
    HeifDecoder: new () => { decode(data: Uint8Array): HeifImage[] };
    ready?: Promise<unknown>;
  }
  const factory: (options: { instantiateWasm: EmscriptenInstantiateWasm }) => HeifModule;
  export default factory;
}
