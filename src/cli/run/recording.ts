/**
 * An invocation's measuring, with its result file (and the base's, under --against) rewritten after every
 * case, so that an interruption or a later crash loses nothing measured. SIGINT, SIGTERM and SIGHUP
 * stop it, the running child killed; the progress bar shows on a terminal only, so CI logs stay clean.
 */
import { executePlan } from '../../measure/execute.js';
import { type CasePair, executePairedPlan, type SequentialStopping } from '../../measure/paired.js';
import type { Case } from '../../plan/plan.js';
import { type CaseEntry, caseEntry } from '../../results/case-result.js';
import type { HeapProfileWriter } from '../../results/heap-profiles.js';
import { type ResultFile, writeResultFile } from '../../results/result.js';
import { onStopSignal, type StopSignal } from '../interruption.js';
import { ProgressBar } from '../progress.js';
import { rewritesLines } from '../terminal.js';

export interface RunRecording {
  outPath: string;
  result: ResultFile;
  /** Under --against: the base's file, where it and its heap profiles go. */
  base?: {
    path: string;
    result: ResultFile;
    pairs: CasePair[];
    pairingId: (index: number) => string;
    heapProfiles?: HeapProfileWriter;
    /** Same-process pairing: what decides a case. */
    stopping?: SequentialStopping;
  };
  /** Under --alloc-profile. */
  heapProfiles?: HeapProfileWriter;
}

/** Measure the cases (under --against, the base's pairs) into the recording's files; the signal that stopped it, if one did. */
export async function recordRun(cases: readonly Case[], recording: RunRecording): Promise<StopSignal | undefined> {
  const { outPath, result, base, heapProfiles } = recording;
  const settings = result.settings;
  const interrupt = new AbortController();
  let stoppedBy: StopSignal | undefined;
  const releaseSignals = onStopSignal((signal) => {
    stoppedBy = signal;
    interrupt.abort();
  });
  const progress = rewritesLines(process.stderr) ? new ProgressBar(process.stderr) : undefined;
  const onJobStart = progress ? (job: Parameters<ProgressBar['update']>[0]) => progress.update(job) : undefined;
  try {
    if (base) {
      await executePairedPlan(
        base.pairs,
        settings,
        {
          signal: interrupt.signal,
          onJobStart,
          pairingId: base.pairingId,
          async onCaseDone(measured) {
            const headEntry = measured.head && caseEntry(measured.head, settings);
            const baseEntry = measured.base && caseEntry(measured.base, settings);
            if (headEntry) result.scenarios.push(headEntry.caseResult);
            if (baseEntry) base.result.scenarios.push(baseEntry.caseResult);
            await writeResultFile(outPath, result);
            await writeResultFile(base.path, base.result);
            await writeProfiles(heapProfiles, headEntry);
            await writeProfiles(base.heapProfiles, baseEntry);
          },
        },
        base.stopping,
      );
    } else {
      await executePlan(cases, settings, {
        signal: interrupt.signal,
        onJobStart,
        async onCaseDone(measured) {
          const entry = caseEntry(measured, settings);
          result.scenarios.push(entry.caseResult);
          await writeResultFile(outPath, result);
          await writeProfiles(heapProfiles, entry);
        },
      });
    }
  } finally {
    releaseSignals();
    progress?.clear();
  }
  return stoppedBy;
}

/** A case's pooled profiles as `.heapprofile` files, when the invocation profiles and the case has them. */
async function writeProfiles(writer: HeapProfileWriter | undefined, entry: CaseEntry | undefined): Promise<void> {
  const profiles = entry?.allocationProfiles;
  if (!writer || !entry || !profiles) return;
  await writer.write(
    entry.caseResult,
    Object.fromEntries(Object.entries(profiles).map(([mode, { profile }]) => [mode, profile])),
  );
}
