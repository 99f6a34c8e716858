/** See offlineGuard.cjs. */
export declare function blockNetwork(): void;
export declare const OFFLINE: 'EOFFLINE';
