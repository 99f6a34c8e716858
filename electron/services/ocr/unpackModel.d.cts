/** See unpackModel.cjs. */
export declare function unpackModelsInJavaScript(): void;
export declare function gunzipInJavaScript(data: Uint8Array | ArrayBuffer): Buffer;
