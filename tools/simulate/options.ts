/** What a simulation run may be told (`npm run simulate -- --help` prints them) and what it assumes when not told. */

export interface SimulationOptions {
  readonly shoppers: number;
  /** Simulated minutes during which shoppers arrive. */
  readonly minutes: number;
  readonly seed: number;
  /** Simulated time runs this many times faster than real time. */
  readonly scale: number;
  /** HTTP requests the crowd keeps in flight at most. */
  readonly concurrency: number;
  readonly refundFailureRate: number;
  /** Simulated hours after the sale that settling may take at most. */
  readonly settleHours: number;
  /** Play against this running emulator instead of starting one. */
  readonly url?: string;
  /** With `url` and a scale other than 1: the remote functions' `SHANCHENG_CLOCK` origin. */
  readonly origin?: number;
  /** Bundle the cloud functions before starting the local emulator (default true). */
  readonly build?: boolean;
  /** The local emulator's functions (default `cloudfunctions/`). */
  readonly functionsRoot?: string;
  /** After the sale, ship the orders and play after-sales (default true). */
  readonly afterSales?: boolean;
  /** 团长: applications, commission rules, selling, desks, withdrawals and payouts (default true). */
  readonly leaders?: boolean;
  readonly progress?: (line: string) => void;
}

export const DEFAULTS = {
  shoppers: 2000,
  minutes: 120,
  seed: 1,
  scale: 60,
  concurrency: 32,
  refundFailureRate: 0.2,
  settleHours: 4,
} as const satisfies Partial<SimulationOptions>;
