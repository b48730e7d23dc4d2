// Types of serverBuild.mjs (plain JavaScript so that it runs before anything is compiled).
import type { BuildOptions } from 'esbuild';

export const SERVER_OUT: string;
export function workerEntries(root: string): string[];
export function serverBuildOptions(root: string): BuildOptions & { entryPoints: string[] };
