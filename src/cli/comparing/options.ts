/** The comparison options `compare`, `report` and `run --baseline` share, so all three decide alike. */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { canonicalJson } from '../../compare/matching.js';
import {
  DEFAULT_GATE,
  DEFAULT_PAIRED_THRESHOLDS,
  DEFAULT_THRESHOLDS,
  METRIC_NAMES,
  type MetricName,
} from '../../compare/metrics.js';
import { type CompareOptions, type Correction, DEFAULT_COMPARE_OPTIONS } from '../../compare/model.js';
import type { RecordedCheck, ResultFile } from '../../results/result.js';

/** The options `compare` and `run --baseline` share. */
export interface ComparisonFlags {
  threshold?: Partial<Record<MetricName, number>>;
  alpha?: number;
  correction?: Correction;
  gate?: MetricName[];
  allowEnvMismatch?: boolean;
  verbose?: boolean;
}

/**
 * `--threshold 8` sets every metric; `--threshold opsPerSec=8,allocatedBytesPerOp=3` sets those;
 * repeatable, later wins.
 */
export function parseThreshold(
  text: string,
  previous: Partial<Record<MetricName, number>> = {},
): Partial<Record<MetricName, number>> {
  const thresholds = { ...previous };
  const percent = (value: string) => {
    const number = Number(value.trim().replace(/%$/, ''));
    if (value.trim() === '' || !Number.isFinite(number) || number < 0)
      throw new InvalidArgumentError(`--threshold "${text}": "${value}" is not a percentage of at least 0.`);
    return number;
  };
  for (const part of text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const equals = part.indexOf('=');
    if (equals < 0) {
      for (const metric of METRIC_NAMES) thresholds[metric] = percent(part);
      continue;
    }
    const metric = part.slice(0, equals).trim();
    if (!isMetricName(metric)) {
      throw new InvalidArgumentError(
        `--threshold "${text}": unknown metric "${metric}"; the metrics are ${METRIC_NAMES.join(', ')}.`,
      );
    }
    thresholds[metric as MetricName] = percent(part.slice(equals + 1));
  }
  return thresholds;
}

/** `--gate opsPerSec,cpuNsPerOp`: the metrics whose regressions fail the check, at least one. */
export function parseGate(text: string): MetricName[] {
  const names = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !isMetricName(name));
  if (unknown.length || names.length === 0) {
    const what = unknown.length
      ? `unknown metric${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => `"${name}"`).join(', ')}`
      : 'no metric';
    throw new InvalidArgumentError(`--gate "${text}": ${what}; the metrics are ${METRIC_NAMES.join(', ')}.`);
  }
  return [...new Set(names as MetricName[])];
}

function parseAlpha(text: string): number {
  const alpha = Number(text);
  if (!(alpha > 0 && alpha < 1))
    throw new InvalidArgumentError('--alpha takes a probability between 0 and 1, e.g. 0.05.');
  return alpha;
}

// Spaced, so that help can wrap it; --threshold itself takes the list with or without the spaces.
const DEFAULT_THRESHOLD_TEXT = METRIC_NAMES.map((metric) => `${metric}=${DEFAULT_THRESHOLDS[metric]}`).join(', ');

/** Add the shared comparison options to a command. */
export function withComparisonOptions(command: Command): Command {
  return command
    .option(
      '--threshold <percent>',
      `changes smaller than this are never regressions: a number for every metric, or metric=percent,… (repeatable; default ${DEFAULT_THRESHOLD_TEXT})`,
      (text: string, previous?: Partial<Record<MetricName, number>>) => parseThreshold(text, previous),
    )
    .option(
      '--alpha <p>',
      `significance level after the correction for multiple comparisons (default ${DEFAULT_COMPARE_OPTIONS.alpha})`,
      parseAlpha,
    )
    .option(
      '--gate <metrics>',
      `the metrics whose regressions fail the check, comma-separated; the others are reported, not gating (default ${DEFAULT_GATE.join(',')})`,
      parseGate,
    )
    .addOption(
      new Option(
        '--correction <method>',
        `multiple-comparison correction: holm (family-wise) or bh (Benjamini–Hochberg, false discovery rate) (default ${DEFAULT_COMPARE_OPTIONS.correction})`,
      ).choices(['holm', 'bh']),
    )
    .option(
      '--allow-env-mismatch',
      'compare time metrics even when the files come from different CPUs, Node.js or V8 versions',
    )
    .option('--verbose', 'list every metric, not only those that changed');
}

/**
 * What a check decides with: each setting as given, else as the files' own check recorded it (a
 * comparison of `run --against`'s two files decides as the run did), else the default.
 */
export function compareOptionsFrom(flags: ComparisonFlags, recorded?: RecordedCheck): CompareOptions {
  const known = (thresholds: Record<string, number> | undefined) =>
    Object.fromEntries(Object.entries(thresholds ?? {}).filter(([name]) => isMetricName(name)));
  const recordedGate = recorded?.gate.filter(isMetricName) ?? [];
  return {
    thresholds: { ...DEFAULT_THRESHOLDS, ...(flags.threshold ?? known(recorded?.thresholds)) },
    pairedThresholds: { ...DEFAULT_PAIRED_THRESHOLDS, ...(flags.threshold ?? known(recorded?.pairedThresholds)) },
    alpha: flags.alpha ?? recorded?.alpha ?? DEFAULT_COMPARE_OPTIONS.alpha,
    correction: flags.correction ?? recorded?.correction ?? DEFAULT_COMPARE_OPTIONS.correction,
    gate: flags.gate ?? (recordedGate.length > 0 ? recordedGate : [...DEFAULT_GATE]),
    allowEnvironmentMismatch: flags.allowEnvMismatch ?? false,
  };
}

/** The settings a check decided with, as its files record them. */
export function recordedCheck(options: CompareOptions): RecordedCheck {
  return {
    gate: [...(options.gate ?? DEFAULT_GATE)],
    thresholds: options.thresholds,
    pairedThresholds: options.pairedThresholds ?? DEFAULT_PAIRED_THRESHOLDS,
    alpha: options.alpha,
    correction: options.correction,
  };
}

/** The check every file that records one agrees on; none when they disagree or none records it. */
export function agreedCheck(files: readonly ResultFile[]): RecordedCheck | undefined {
  const checks = files.flatMap((file) => (file.settings.check ? [file.settings.check] : []));
  const [first] = checks;
  return first && checks.every((check) => canonicalJson(check) === canonicalJson(first)) ? first : undefined;
}

function isMetricName(name: string): name is MetricName {
  return (METRIC_NAMES as readonly string[]).includes(name);
}
