export declare const COMPILED_MAIN: string;
export declare const SOURCE_MAIN: string;
export declare function distIsCurrent(): boolean;
