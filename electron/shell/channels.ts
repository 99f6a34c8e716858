/**
 * Names shared by main.ts and the preload. No imports: the sandboxed preload bundles this file.
 */

/** The renderer's origin: a standard, secure custom scheme (never file://). */
export const APP_ORIGIN = 'app://app';

/** main → preload: switch to a screen (menu items). The payload is a hash route such as `#/case/3/evidence`. */
export const SHELL_NAVIGATE_CHANNEL = 'shell:navigate';

/**
 * Screens the menu may switch to: the renderer's hash routes (renderer/router.ts). Checked in main before
 * sending and in the preload before it touches `location`.
 */
export const MENU_ROUTE = /^#\/(?:|new|who|check|case\/[1-9][0-9]{0,9}(?:\/[a-z-]{1,30})?)$/;
