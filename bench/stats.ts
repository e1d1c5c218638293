import { cpus, loadavg, totalmem } from "node:os";

/** Percentile by nearest rank over a sorted copy (p in 0–100). */
export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i];
}

export interface LatencySummary {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(ms: number[]): LatencySummary {
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return {
    n: ms.length,
    mean: r(ms.reduce((a, b) => a + b, 0) / Math.max(1, ms.length)),
    p50: r(percentile(ms, 50)),
    p95: r(percentile(ms, 95)),
    p99: r(percentile(ms, 99)),
    max: r(Math.max(...ms)),
  };
}

export interface MachineFacts {
  cores: number;
  cpuModel: string;
  memoryGB: number;
  node: string;
  platform: string;
  date: string;
  /** 1-minute load average when the run started and ended: other work on the machine skews figures. */
  loadAvgStart: number;
  loadAvgEnd?: number;
}

export function machineFacts(): MachineFacts {
  const c = cpus();
  return {
    cores: c.length,
    cpuModel: c[0]?.model ?? "unknown",
    memoryGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    date: new Date().toISOString(),
    loadAvgStart: Math.round(loadavg()[0] * 100) / 100,
  };
}

/** Peak resident set size of this process so far, in MB (includes worker threads). */
export function peakRssMB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export const round = (x: number, digits = 1) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
