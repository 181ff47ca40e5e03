/**
 * A describe job: the scenario file imported here, in a child, and what it declares sent back as
 * data; a read-config job: the same for a config file written in code.
 */
import { UserError } from '../../errors.js';
import { describeLoadError, importDefaultExport, loadScenarioModule } from '../../plan/loader.js';
import type { DescribeJob, ReadConfigJob, WorkerReply } from '../job.js';
import { isInstance } from './thrown.js';

export async function describeModule(job: DescribeJob): Promise<WorkerReply> {
  try {
    const loaded = await loadScenarioModule(job.moduleUrl, job.source);
    return {
      status: 'described',
      scenarios: loaded.map(({ scenario, unverified }) => ({
        // JSON keeps what is data and drops the functions, which stay in this process.
        fields: JSON.parse(JSON.stringify({ ...scenario, modes: undefined })),
        modes: Object.keys(scenario.modes),
        ...(unverified ? { unverified } : {}),
      })),
    };
  } catch (error) {
    if (!isInstance(error, UserError)) throw error;
    return { status: 'described', refusal: { message: error.message, hint: error.hint, exitCode: error.exitCode } };
  }
}

export async function readConfigModule(job: ReadConfigJob): Promise<WorkerReply> {
  try {
    const exported = await importDefaultExport(job.moduleUrl);
    // Settings are data: JSON keeps them. What JSON has no text for (no default export, a function)
    // arrives as null, which the CLI refuses as it refuses any export that is not an object of settings.
    return { status: 'config-read', settings: JSON.parse(JSON.stringify(exported) ?? 'null') };
  } catch (error) {
    return { status: 'config-read', failure: describeLoadError(error, job.moduleUrl) };
  }
}
