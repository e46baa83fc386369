// The one function VetDesk uses from js-yaml 4 (the parser electron-updater itself reads
// latest*.yml with), typed here because js-yaml ships no types of its own. `@types/js-yaml`
// 4.0.9 would replace this file.
declare module 'js-yaml' {
  /**
   * Parses one YAML document with js-yaml's default schema.
   * @throws YAMLException on malformed YAML or a duplicated key.
   */
  export function load(text: string, options?: { filename?: string; json?: boolean }): unknown;
}
