// Types of build.mjs (plain JavaScript so that it runs on a fresh clone before anything is built).
export interface BuildTarget {
  name: 'client' | 'server';
  stamp: string;
  inputs: string[];
  build(): Promise<void>;
}
export const TARGETS: BuildTarget[];
export function isStale(target: BuildTarget): boolean;
export function newestMtime(paths: string[]): number;
export function build(options: { onlyStale: boolean; parts?: Array<BuildTarget['name']> }): Promise<string[]>;
