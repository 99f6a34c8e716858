/** V8 flags the send-bundle command sets at start (cli/v8Flags.mjs). */
export declare const CLI_V8_FLAGS: readonly string[];
