// js-yaml 4 ships no types and @types/js-yaml is not installed: the one function and schema
// used here (parsing electron-builder's channel files), typed by hand.
declare module 'js-yaml' {
  export interface LoadSchema {
    readonly __schema: unique symbol;
  }
  export const JSON_SCHEMA: LoadSchema;
  export function load(text: string, options?: { schema?: LoadSchema; filename?: string }): unknown;
}
