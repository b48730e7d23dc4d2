// Types of monitor.cjs (plain CommonJS: every launcher loads it, whatever its module system).
export function startMonitor(): void;
export function announceReady(port: number): void;
